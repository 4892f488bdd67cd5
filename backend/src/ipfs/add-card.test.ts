import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { CID } from 'multiformats/cid';
import { addCard, DEFAULT_MAX_CARD_BYTES, encodeCard } from './add-card.ts';
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

// What the AgentRegistry's IpfsUri.parse accepts: `ipfs://b` + 60 lowercase base32 characters for a
// two-byte codec (json: 37 CID bytes), with the sha2-256 digest as metadata hash.
const REGISTRY_URI = /^ipfs:\/\/b[a-z2-7]{60}$/;

test('a card is stored as canonical JSON under a json-codec CIDv1 the registry accepts, and pinned', async () => {
  const card = { name: 'Translator', description: 'Translates', image: 'ipfs://bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku' };
  const added = await addCard(node, card);
  const cid = CID.parse(added.cid);
  assert.equal(cid.version, 1);
  assert.equal(cid.code, 0x0200);
  assert.equal(added.uri, `ipfs://${added.cid}`);
  assert.match(added.uri, REGISTRY_URI);
  const bytes = encodeCard(card);
  assert.equal(added.size, bytes.length);
  assert.equal(added.metadataHash, `0x${createHash('sha256').update(bytes).digest('hex')}`);
  assert.deepEqual(await getObject(node, added.cid, { offline: true }), bytes);
  assert.equal(await isObjectPinned(node, cid), true);
});

test('the CID is the one Helia prints for the same JSON (the registry test vector)', async () => {
  const added = await addCard(node, { hello: 'world' });
  assert.equal(added.uri, 'ipfs://bagaaierasords4njcts6vs7qvdjfcvgnume4hqohf65zsfguprqphs3icwea');
  assert.equal(added.metadataHash, '0x93a23971a914e5eacbf0a8d25154cda309c3c1c72fbb9914d47c60f3cb681588');
});

test('the same card in any key order gives the same CID; adding it again is a no-op', async () => {
  const first = await addCard(node, { name: 'A', skills: [{ id: 'x', level: 2 }], version: 1 });
  const second = await addCard(node, { version: 1, skills: [{ level: 2, id: 'x' }], name: 'A' });
  assert.deepEqual(second, first);
  const other = await addCard(node, { name: 'A', skills: [{ id: 'x', level: 3 }], version: 1 });
  assert.notEqual(other.cid, first.cid);
});

test('a card that is not a JSON object, or is too large, is refused', async () => {
  const refusedWith = (code: string) => (error: unknown) => error instanceof IpfsError && error.code === code;
  for (const card of [null, [], 'card', 1] as unknown as Array<Record<string, unknown>>) {
    await assert.rejects(addCard(node, card), refusedWith('INVALID_CARD'));
  }
  await assert.rejects(addCard(node, { when: new Date(0) }), refusedWith('INVALID_CARD'));
  await assert.rejects(addCard(node, { blob: 'x'.repeat(DEFAULT_MAX_CARD_BYTES) }), refusedWith('TOO_LARGE'));
  await assert.rejects(addCard(node, { name: 'small' }, { maxBytes: 5 }), refusedWith('TOO_LARGE'));
});
