import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { CID } from 'multiformats/cid';
import { addAsset, DEFAULT_MAX_ASSET_BYTES } from './add-asset.ts';
import { IpfsError } from './errors.ts';
import { getObject } from './get-object.ts';
import { isObjectPinned } from './is-object-pinned.ts';
import { startTestIpfsNode, type TestIpfsNode } from './test-ipfs-node.ts';

let node: TestIpfsNode;
before(async () => {
  node = await startTestIpfsNode({ listen: [] });
});
after(async () => {
  await node?.remove();
});

test('an asset is one raw block whose CID digest is the sha2-256 of the file, pinned', async () => {
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(300_000, 7)]);
  const added = await addAsset(node, png);
  const cid = CID.parse(added.cid);
  assert.equal(cid.code, 0x55);
  assert.match(added.cid, /^bafkrei[a-z2-7]{52}$/);
  assert.equal(added.metadataHash, `0x${createHash('sha256').update(png).digest('hex')}`);
  assert.equal(added.size, png.length);
  assert.deepEqual(Buffer.from(await getObject(node, cid, { offline: true })), png);
  assert.equal(await isObjectPinned(node, cid), true);
});

test('an asset at the limit is stored, one byte over is refused', async () => {
  const atLimit = await addAsset(node, new Uint8Array(DEFAULT_MAX_ASSET_BYTES).fill(1));
  assert.equal(atLimit.size, DEFAULT_MAX_ASSET_BYTES);
  await assert.rejects(addAsset(node, new Uint8Array(DEFAULT_MAX_ASSET_BYTES + 1)), (error: unknown) => error instanceof IpfsError && error.code === 'TOO_LARGE');
  await assert.rejects(addAsset(node, new Uint8Array(11), { maxBytes: 10 }), (error: unknown) => error instanceof IpfsError && error.code === 'TOO_LARGE');
});
