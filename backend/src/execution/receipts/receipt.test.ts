import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type Hex } from 'viem';
import { type Receipt, receiptLeaf, receiptsRoot, receiptTree } from './receipt.ts';

const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => `0x${Buffer.from(bytes).toString('hex')}` as Hex);
const receipt: fc.Arbitrary<Receipt> = fc.record({
  executionId: bytes32,
  agentId: fc.bigInt({ min: 1n, max: 2n ** 64n }),
  payer: fc.uint8Array({ minLength: 20, maxLength: 20 }).map((bytes) => `0x${Buffer.from(bytes).toString('hex')}` as Hex),
  inputHash: bytes32,
  outputHash: bytes32,
  gpuSeconds: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  fee: fc.bigInt({ min: 1n, max: 2n ** 128n - 1n }),
  payerCumulative: fc.bigInt({ min: 1n, max: 2n ** 128n - 1n }),
});

test("receiptsRoot is OpenZeppelin's SimpleMerkleTree root over the receipts' leaves, for any batch", () => {
  fc.assert(
    fc.property(fc.array(receipt, { minLength: 1, maxLength: 40 }), (receipts) => {
      assert.equal(receiptsRoot(receipts), receiptTree(receipts).root);
    }),
    { numRuns: 200 },
  );
});

test('a single receipt is its own root; duplicated leaves still agree; an empty batch is refused', () => {
  fc.assert(
    fc.property(receipt, (one) => {
      assert.equal(receiptsRoot([one]), receiptLeaf(one));
      assert.equal(receiptsRoot([one, one, one]), receiptTree([one, one, one]).root);
    }),
    { numRuns: 50 },
  );
  assert.throws(() => receiptsRoot([]), RangeError);
});
