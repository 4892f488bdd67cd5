import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FsBlockstore } from 'blockstore-fs';
import fc from 'fast-check';
import { base58btc } from 'multiformats/bases/base58';
import { CID } from 'multiformats/cid';
import { sha256, sha512 } from 'multiformats/hashes/sha2';
import { ApiError } from '../api/api-error.ts';
import { addAsset } from './add-asset.ts';
import { addCard } from './add-card.ts';
import { IpfsError } from './errors.ts';
import { readIpfsRoute } from './ipfs-route.ts';
import { startTestIpfsNode, type TestIpfsNode } from './test-ipfs-node.ts';

let node: TestIpfsNode;
before(async () => {
  node = await startTestIpfsNode({ listen: [] });
});
after(async () => {
  await node?.remove();
});

const apiError = (status: number, code: string) => (error: unknown) => error instanceof ApiError && error.status === status && error.code === code;

test('a card is served as verified JSON with immutable caching headers', async () => {
  const card = await addCard(node, { name: 'Served' });
  const response = await readIpfsRoute(node, card.cid);
  assert.equal(response.status, 200);
  assert.equal(response.contentType, 'application/json');
  assert.equal(new TextDecoder().decode(response.body), '{"name":"Served"}');
  assert.deepEqual(response.headers, {
    etag: `"${card.cid}"`,
    'cache-control': 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
  });
});

test('the ETag is the canonical CID whatever base the request used', async () => {
  const card = await addCard(node, { name: 'Base58' });
  const response = await readIpfsRoute(node, CID.parse(card.cid).toString(base58btc));
  assert.equal(response.headers.etag, `"${card.cid}"`);
});

test('raw blocks are JSON only when they parse as a JSON object or array; never HTML', async () => {
  const cases: Array<[string | Uint8Array, string]> = [
    ['{"name":"raw card"}', 'application/json'],
    [' [1, 2] ', 'application/json'],
    ['<!doctype html><script>alert(1)</script>', 'application/octet-stream'],
    ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'application/octet-stream'],
    ['"just a string"', 'application/octet-stream'],
    ['{"broken":', 'application/octet-stream'],
    [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'application/octet-stream'],
    [new Uint8Array([0x7b, 0xff, 0x7d]), 'application/octet-stream'], // "{\xff}": not UTF-8
  ];
  for (const [content, contentType] of cases) {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const asset = await addAsset(node, bytes);
    const response = await readIpfsRoute(node, asset.cid);
    assert.equal(response.contentType, contentType, String(content));
    assert.deepEqual(response.body, bytes);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
  }
});

test('malformed and unservable CIDs are 400 INVALID_CID', async () => {
  const sha512Cid = CID.createV1(0x55, await sha512.digest(new Uint8Array([1]))).toString();
  for (const text of ['', 'hello', 'QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG', 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi', sha512Cid, 'b'.repeat(10_000)]) {
    await assert.rejects(readIpfsRoute(node, text), apiError(400, 'INVALID_CID'), text.slice(0, 40));
  }
});

test('arbitrary path segments only ever give an ApiError (400 or 404), never another exception', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.base64String({ maxLength: 80 }).map((text) => `b${text.toLowerCase()}`)), async (text) => {
      try {
        await readIpfsRoute(node, text, { timeoutMs: 50 });
      } catch (error) {
        assert.ok(apiError(400, 'INVALID_CID')(error) || apiError(404, 'NOT_FOUND')(error), `${JSON.stringify(text)} raised ${(error as Error)?.name}: ${(error as Error)?.message}`);
        return;
      }
      assert.fail(`${JSON.stringify(text)} was served`);
    }),
    { numRuns: 1_000 },
  );
  // Not a string at all (a framework handing over undefined or an array).
  for (const value of [undefined, null, 42, ['a'], { toString: () => 'x' }, Object.create(null)]) {
    await assert.rejects(readIpfsRoute(node, value as unknown as string), apiError(400, 'INVALID_CID'));
  }
});

test('a CID nobody provides is 404 after the timeout', async () => {
  const missing = CID.createV1(0x0200, await sha256.digest(new TextEncoder().encode('{"never":"added"}')));
  const started = Date.now();
  await assert.rejects(readIpfsRoute(node, missing.toString(), { timeoutMs: 200 }), apiError(404, 'NOT_FOUND'));
  assert.ok(Date.now() - started < 5_000);
});

test('an object over the limit is 413 PAYLOAD_TOO_LARGE', async () => {
  const asset = await addAsset(node, new Uint8Array(5_000));
  await assert.rejects(readIpfsRoute(node, asset.cid, { maxBytes: 4_999 }), apiError(413, 'PAYLOAD_TOO_LARGE'));
});

test('a tampered block is not served: it stays an IpfsError (a logged 500), not a client error', async () => {
  const cid = CID.createV1(0x0200, await sha256.digest(new TextEncoder().encode('{"name":"Genuine"}')));
  const disk = new FsBlockstore(join(node.directory, 'blocks'));
  await disk.open();
  await disk.put(cid, new TextEncoder().encode('{"name":"Evil"}'));
  await disk.close();
  await assert.rejects(readIpfsRoute(node, cid.toString()), (error: unknown) => error instanceof IpfsError && error.code === 'INTEGRITY_MISMATCH');
});
