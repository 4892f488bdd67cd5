// An execution receipt as ExecutionReceipts sees it (IExecutionReceipts.Receipt), its Merkle leaf, and
// the tree over a batch's leaves. Leaves and tree follow OpenZeppelin's StandardMerkleTree:
// leaf = keccak256(keccak256(abi.encode(receipt))), pairs hashed sorted, so the contract's MerkleProof
// verifies the proofs. The eight fields are all static, so abi.encode is eight 32-byte words; encoding
// them by hand is ~3x faster than a generic ABI encoder, which matters at a thousand receipts a second.
import { SimpleMerkleTree } from '@openzeppelin/merkle-tree';
import { type Address, bytesToHex, type Hex, keccak256 } from 'viem';

export type Receipt = {
  executionId: Hex;
  agentId: bigint;
  payer: Address;
  inputHash: Hex;
  outputHash: Hex;
  gpuSeconds: bigint;
  fee: bigint;
  payerCumulative: bigint;
};

/** The on-chain executionId of an execution: its UUID's 16 bytes, left-padded to bytes32. */
export function executionIdOf(uuid: string): Hex {
  const hex = uuid.replaceAll('-', '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new TypeError(`not a UUID: ${uuid}`);
  return `0x${hex.padStart(64, '0')}`;
}

const word = (value: bigint | Hex): string => {
  const hex = typeof value === 'bigint' ? value.toString(16) : value.slice(2).toLowerCase();
  if (hex.length > 64 || (typeof value === 'bigint' && value < 0n)) throw new RangeError(`does not fit a 32-byte word: ${value}`);
  return hex.padStart(64, '0');
};

/** abi.encode(receipt), as IExecutionReceipts.Receipt's ABI encoding. */
export function encodeReceipt(receipt: Receipt): Hex {
  if (receipt.gpuSeconds >= 2n ** 64n) throw new RangeError('gpuSeconds must fit uint64');
  if (receipt.fee >= 2n ** 128n || receipt.payerCumulative >= 2n ** 128n) throw new RangeError('fee and payerCumulative must fit uint128');
  return `0x${word(receipt.executionId)}${word(receipt.agentId)}${word(receipt.payer)}${word(receipt.inputHash)}${word(receipt.outputHash)}${word(receipt.gpuSeconds)}${word(receipt.fee)}${word(receipt.payerCumulative)}`;
}

/** The receipt's Merkle leaf (ExecutionReceipts.receiptLeaf). */
export function receiptLeaf(receipt: Receipt): Hex {
  return keccak256(keccak256(encodeReceipt(receipt)));
}

/** The tree over a batch's receipts, for proofs (its root is receiptsRoot's). */
export function receiptTree(receipts: readonly Receipt[]): SimpleMerkleTree {
  if (receipts.length === 0) throw new RangeError('a batch has at least one receipt');
  return SimpleMerkleTree.of(receipts.map(receiptLeaf));
}

/**
 * The root of receiptTree(receipts), computed the same way (leaves sorted, pairs hashed sorted, the
 * same tree layout) on bytes: the poster needs only the root, and the library's tree costs ~100 µs a
 * receipt here (its sorts compare leaves as BigInts parsed from hex), this ~35 µs, nearly all of it the
 * four keccak permutations (noble's). receipt.test.ts checks the two agree.
 */
export function receiptsRoot(receipts: readonly Receipt[]): Hex {
  if (receipts.length === 0) throw new RangeError('a batch has at least one receipt');
  const leaves = receipts.map((receipt) => keccak256(keccak256(encodeReceipt(receipt), 'bytes'), 'bytes')).sort(compareBytes);
  // OpenZeppelin's layout: 2n - 1 nodes, leaf i at tree[length - 1 - i], node i's children at 2i + 1, 2i + 2.
  const tree: Uint8Array[] = new Array(2 * leaves.length - 1);
  leaves.forEach((leaf, i) => (tree[tree.length - 1 - i] = leaf));
  const pair = new Uint8Array(64);
  for (let i = tree.length - 1 - leaves.length; i >= 0; i--) {
    const [left, right] = [tree[2 * i + 1]!, tree[2 * i + 2]!];
    const [low, high] = compareBytes(left, right) <= 0 ? [left, right] : [right, left];
    pair.set(low, 0);
    pair.set(high, 32);
    tree[i] = keccak256(pair, 'bytes');
  }
  return bytesToHex(tree[0]!);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
