import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { createPublicClient, http } from 'viem';
import { AnvilStartError, freePort, startAnvil } from './anvil.ts';

test('startAnvil serves the requested chain id on loopback and stop() ends the process', async () => {
  const anvil = await startAnvil({ chainId: 424_242 });
  try {
    assert.match(anvil.rpcUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    const client = createPublicClient({ transport: http(anvil.rpcUrl) });
    assert.equal(await client.getChainId(), 424_242);
  } finally {
    await anvil.stop();
  }
  assert.ok(anvil.process.exitCode !== null || anvil.process.signalCode !== null, 'anvil is still running');
  await assert.rejects(fetch(anvil.rpcUrl, { method: 'POST', body: '{}' }), 'the RPC still answers after stop()');
});

test('startAnvil mines on an interval when given a block time', async () => {
  const anvil = await startAnvil({ blockTime: 1 });
  try {
    const client = createPublicClient({ transport: http(anvil.rpcUrl) });
    // No transaction is sent, so any new block comes from interval mining.
    const first = await client.getBlockNumber();
    let latest = first;
    for (let tries = 0; tries < 100 && latest < first + 2n; tries++) {
      await new Promise((r) => setTimeout(r, 100));
      latest = await client.getBlockNumber();
    }
    assert.ok(latest >= first + 2n, `no blocks were mined on the interval (still at ${latest})`);
  } finally {
    await anvil.stop();
  }
});

test('startAnvil fails with AnvilStartError when the port is taken', async () => {
  const port = await freePort();
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
  try {
    await assert.rejects(startAnvil({ port, readyTimeoutMs: 5_000 }), AnvilStartError);
  } finally {
    blocker.close();
  }
});
