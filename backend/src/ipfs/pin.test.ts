import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FsBlockstore } from 'blockstore-fs';
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import { addAsset } from './add-asset.ts';
import { addCard, encodeCard } from './add-card.ts';
import { IpfsError } from './errors.ts';
import { getObject } from './get-object.ts';
import { isObjectPinned } from './is-object-pinned.ts';
import { pinObject } from './pin.ts';
import { startTestIpfsNode, type TestIpfsNode } from './test-ipfs-node.ts';
import { unpinObject } from './unpin.ts';

let node: TestIpfsNode;
before(async () => {
  node = await startTestIpfsNode({ listen: [] });
});
after(async () => {
  await node?.remove();
});

const isNotFound = (error: unknown) => error instanceof IpfsError && error.code === 'NOT_FOUND';

test('pinning twice is a no-op; unpinning lets garbage collection delete the block', async () => {
  const card = await addCard(node, { name: 'Ephemeral' });
  const cid = CID.parse(card.cid);
  await pinObject(node, cid);
  assert.equal(await isObjectPinned(node, cid), true);

  assert.equal(await unpinObject(node, cid), true);
  assert.equal(await unpinObject(node, cid), false);
  assert.equal(await isObjectPinned(node, cid), false);
  await node.helia.gc();
  await assert.rejects(getObject(node, cid, { offline: true }), isNotFound);
});

test('a raw and a json CID over the same bytes are pinned separately; the block stays while either is', async () => {
  const card = { name: 'Twice' };
  const asJson = CID.parse((await addCard(node, card)).cid);
  const asRaw = CID.parse((await addAsset(node, encodeCard(card))).cid);
  assert.notEqual(asJson.toString(), asRaw.toString());
  assert.deepEqual(asJson.multihash.bytes, asRaw.multihash.bytes);

  await unpinObject(node, asJson);
  assert.equal(await isObjectPinned(node, asJson), false);
  assert.equal(await isObjectPinned(node, asRaw), true);
  await node.helia.gc();
  assert.deepEqual(await getObject(node, asJson, { offline: true }), encodeCard(card));

  await unpinObject(node, asRaw);
  await node.helia.gc();
  await assert.rejects(getObject(node, asRaw, { offline: true }), isNotFound);
});

test('only verified bytes are pinned: a missing or tampered object is refused and stays unpinned', async () => {
  const missing = CID.createV1(0x55, await sha256.digest(new Uint8Array([4, 0, 4])));
  await assert.rejects(pinObject(node, missing, { timeoutMs: 200 }), isNotFound);
  assert.equal(await isObjectPinned(node, missing), false);

  const tampered = CID.createV1(0x0200, await sha256.digest(new TextEncoder().encode('{"name":"Genuine"}')));
  const disk = new FsBlockstore(join(node.directory, 'blocks'));
  await disk.open();
  await disk.put(tampered, new TextEncoder().encode('{"name":"Forged"}'));
  await disk.close();
  await assert.rejects(pinObject(node, tampered), (error: unknown) => error instanceof IpfsError && error.code === 'INTEGRITY_MISMATCH');
  assert.equal(await isObjectPinned(node, tampered), false);
});
