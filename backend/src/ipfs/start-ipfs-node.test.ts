import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { addCard } from './add-card.ts';
import { IpfsError } from './errors.ts';
import { getObject } from './get-object.ts';
import { isObjectPinned } from './is-object-pinned.ts';
import { parseCid } from './parse-cid.ts';
import { DEFAULT_IPFS_LISTEN } from './start-ipfs-node.ts';
import { startTestIpfsNode, type TestIpfsNode } from './test-ipfs-node.ts';

const nodes: TestIpfsNode[] = [];
after(async () => {
  await Promise.all(nodes.map((node) => node.remove()));
});

test('the default listen address is loopback only', () => {
  assert.deepEqual(DEFAULT_IPFS_LISTEN, ['/ip4/127.0.0.1/tcp/4001']);
});

test('a node listens where it is told and advertises dialable addresses with its peer id', async () => {
  const node = await startTestIpfsNode();
  nodes.push(node);
  const addresses = node.multiaddrs();
  assert.equal(addresses.length, 1);
  assert.match(addresses[0]!, new RegExp(`^/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/${node.peerId}$`));
  // Inbound connections are not checked: other test processes' nodes redial ports that the OS hands
  // out again, and the handshake only rejects them once their peer id does not match.
  const outbound = node.helia.libp2p.getConnections().filter((connection) => connection.direction === 'outbound');
  assert.equal(outbound.length, 0, 'a node must not dial anyone on its own');
});

test('cards, pins and the peer identity survive a restart on the same directory', async () => {
  const first = await startTestIpfsNode({ listen: [] });
  const card = await addCard(first, { name: 'Persistent' });
  await first.stop();
  await first.stop(); // stop is idempotent

  const second = await startTestIpfsNode({ listen: [], directory: first.directory });
  nodes.push(second);
  assert.equal(second.peerId, first.peerId);
  assert.equal(new TextDecoder().decode(await getObject(second, card.cid, { offline: true })), '{"name":"Persistent"}');
  assert.equal(await isObjectPinned(second, parseCid(card.cid)), true);
  // Garbage collection keeps pinned blocks.
  await second.helia.gc();
  assert.equal((await getObject(second, card.cid, { offline: true })).length, 21);
});

test('a listen port in use is PORT_IN_USE, naming the address', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  try {
    await assert.rejects(startTestIpfsNode({ listen: [`/ip4/127.0.0.1/tcp/${port}`] }), (error: unknown) => {
      assert.ok(error instanceof IpfsError);
      assert.equal(error.code, 'PORT_IN_USE');
      assert.match(error.message, new RegExp(`tcp/${port}`));
      return true;
    });
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});

test('a malformed listen or bootstrap multiaddr is INVALID_MULTIADDR before anything opens', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'cr8-ipfs-'));
  try {
    for (const bad of [{ listen: ['/ip4/127.0.0.1/tcp/notaport'] }, { bootstrap: ['not a multiaddr'] }]) {
      await assert.rejects(startTestIpfsNode({ directory, ...bad }), (error: unknown) => error instanceof IpfsError && error.code === 'INVALID_MULTIADDR');
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

test('an unreachable bootstrap peer is logged, not fatal; an explicit dial to it is DIAL_FAILED', async () => {
  const gone = await startTestIpfsNode({ listen: [] });
  await gone.remove();
  const address = `/ip4/127.0.0.1/tcp/1/p2p/${gone.peerId}`;
  const started = Date.now();
  const node = await startTestIpfsNode({ listen: [], bootstrap: [address], bootstrapDialTimeoutMs: 1_000 });
  nodes.push(node);
  assert.ok(Date.now() - started < 5_000);
  assert.equal(node.helia.libp2p.getPeers().length, 0);
  await assert.rejects(node.dial(address, { signal: AbortSignal.timeout(1_000) }), (error: unknown) => error instanceof IpfsError && error.code === 'DIAL_FAILED');
  await assert.rejects(node.dial('nonsense'), (error: unknown) => error instanceof IpfsError && error.code === 'INVALID_MULTIADDR');
});

test('a process that starts, uses and stops nodes (and fails to start one) exits by itself: no handle left open', async () => {
  const script = `
    import { startTestIpfsNode } from ${JSON.stringify(new URL('./test-ipfs-node.ts', import.meta.url).href)};
    import { addCard } from ${JSON.stringify(new URL('./add-card.ts', import.meta.url).href)};
    import { getObject } from ${JSON.stringify(new URL('./get-object.ts', import.meta.url).href)};
    const a = await startTestIpfsNode();
    const b = await startTestIpfsNode({ bootstrap: a.multiaddrs() });
    const card = await addCard(a, { name: 'exit' });
    await getObject(b, card.cid, { timeoutMs: 5000 });
    await startTestIpfsNode({ listen: [a.multiaddrs()[0].split('/p2p/')[0]] }).catch(() => {});
    await b.remove();
    await a.remove();
  `;
  const started = Date.now();
  // execFile's timeout kills a process that hangs; then the call rejects and the test fails.
  await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', script], { timeout: 30_000 });
  assert.ok(Date.now() - started < 30_000);
});
