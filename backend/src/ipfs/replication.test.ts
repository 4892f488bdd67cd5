// Two nodes on loopback TCP: B connects to A and fetches, verifies and pins the card A added, over
// Bitswap. Once A is gone, B still serves the card from its own disk.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addCard } from './add-card.ts';
import { getObject } from './get-object.ts';
import { isObjectPinned } from './is-object-pinned.ts';
import { parseCid } from './parse-cid.ts';
import { pinObject } from './pin.ts';
import { startTestIpfsNode, type TestIpfsNode } from './test-ipfs-node.ts';

let a: TestIpfsNode;
let b: TestIpfsNode;
before(async () => {
  a = await startTestIpfsNode();
  // B is told about A the way production config would (IPFS_BOOTSTRAP), and dials it at start.
  b = await startTestIpfsNode({ bootstrap: a.multiaddrs() });
});
after(async () => {
  await Promise.all([a?.remove(), b?.remove()]);
});

test('B fetches the card A added over Bitswap, pins it, and keeps it after A stops', async () => {
  assert.ok(b.helia.libp2p.getPeers().map(String).includes(a.peerId), 'B connected to A at start');
  const card = await addCard(a, { name: 'Replicated', description: 'added on A' });
  const cid = parseCid(card.cid);
  assert.equal(await b.helia.blockstore.has(cid), false);

  const bytes = await getObject(b, cid, { timeoutMs: 5_000 });
  assert.deepEqual(bytes, await getObject(a, cid, { offline: true }));
  await pinObject(b, cid);
  assert.equal(await isObjectPinned(b, cid), true);

  await a.stop();
  assert.equal(a.helia.status, 'stopped');
  assert.equal(await b.helia.blockstore.has(cid), true);
  assert.deepEqual(await getObject(b, cid, { offline: true }), bytes);
  assert.equal(new TextDecoder().decode(bytes), '{"description":"added on A","name":"Replicated"}');
});

test('pinning on B a card only C has fetches it first', async () => {
  const c = await startTestIpfsNode();
  try {
    await b.dial(c.multiaddrs()[0]!);
    const card = await addCard(c, { name: 'Pinned remotely' });
    const cid = parseCid(card.cid);
    await pinObject(b, cid, { timeoutMs: 5_000 });
    assert.equal(await isObjectPinned(b, cid), true);
    await c.stop();
    assert.equal(new TextDecoder().decode(await getObject(b, cid, { offline: true })), '{"name":"Pinned remotely"}');
  } finally {
    await c.remove();
  }
});
