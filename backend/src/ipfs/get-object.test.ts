import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FsBlockstore } from 'blockstore-fs';
import { CID } from 'multiformats/cid';
import { sha256, sha512 } from 'multiformats/hashes/sha2';
import { addAsset } from './add-asset.ts';
import { addCard } from './add-card.ts';
import { IpfsError, type IpfsErrorCode } from './errors.ts';
import { getObject } from './get-object.ts';
import { startTestIpfsNode, type TestIpfsNode } from './test-ipfs-node.ts';

let node: TestIpfsNode;
before(async () => {
  node = await startTestIpfsNode({ listen: [] });
});
after(async () => {
  await node?.remove();
});

const refusedWith = (code: IpfsErrorCode) => (error: unknown) => error instanceof IpfsError && error.code === code;

test('what was added reads back byte for byte, by CID object or text', async () => {
  const card = await addCard(node, { name: 'Round trip' });
  const bytes = await getObject(node, card.cid);
  assert.equal(new TextDecoder().decode(bytes), '{"name":"Round trip"}');
  assert.deepEqual(await getObject(node, CID.parse(card.cid)), bytes);
});

test('a block whose bytes do not match its CID is refused, wherever it was written from', async () => {
  const genuine = new TextEncoder().encode('{"name":"Genuine"}');
  const cid = CID.createV1(0x0200, await sha256.digest(genuine));
  // Write other bytes under that CID straight into the blockstore files, as disk corruption or
  // someone with access to the directory would; Helia itself stores whatever it is given.
  const disk = new FsBlockstore(join(node.directory, 'blocks'));
  await disk.open();
  await disk.put(cid, new TextEncoder().encode('{"name":"Tampered"}'));
  await disk.close();
  await assert.rejects(getObject(node, cid), refusedWith('INTEGRITY_MISMATCH'));

  // The same through Helia's blockstore, which does not verify on put.
  const other = CID.createV1(0x55, await sha256.digest(new Uint8Array([1, 2, 3])));
  await node.helia.blockstore.put(other, new Uint8Array([1, 2, 4]));
  await assert.rejects(getObject(node, other), refusedWith('INTEGRITY_MISMATCH'));
});

test('an object over the limit is refused', async () => {
  const asset = await addAsset(node, new Uint8Array(200_000).fill(9));
  await assert.rejects(getObject(node, asset.cid, { maxBytes: 199_999 }), refusedWith('TOO_LARGE'));
  assert.equal((await getObject(node, asset.cid, { maxBytes: 200_000 })).length, 200_000);
});

test('a missing object is NOT_FOUND: at once offline, after the timeout otherwise, or when aborted', async () => {
  const missing = CID.createV1(0x55, await sha256.digest(new TextEncoder().encode('never added')));
  await assert.rejects(getObject(node, missing, { offline: true }), refusedWith('NOT_FOUND'));

  const started = Date.now();
  await assert.rejects(getObject(node, missing, { timeoutMs: 300 }), refusedWith('NOT_FOUND'));
  const waited = Date.now() - started;
  assert.ok(waited >= 250 && waited < 5_000, `waited ${waited} ms`);

  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  await assert.rejects(getObject(node, missing, { signal: controller.signal }), (error: unknown) => refusedWith('NOT_FOUND')(error) && /aborted/.test((error as Error).message));
});

test('CIDs that cannot be verified are refused before any read', async () => {
  const bytes = new TextEncoder().encode('{}');
  await assert.rejects(getObject(node, CID.createV1(0x55, await sha512.digest(bytes))), refusedWith('UNSUPPORTED_HASH'));
  await assert.rejects(getObject(node, 'not-a-cid'), refusedWith('INVALID_CID'));
});
