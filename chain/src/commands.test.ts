import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { createPublicClient, http } from 'viem';
import { freePort } from './anvil.ts';
import { DEVNET_L3_CHAIN_ID } from './devnet/start-devnet.ts';

const cr8 = fileURLToPath(new URL('../../bin/cr8', import.meta.url));

test('cr8 devnet prints what it started, serves the chain, and stops cleanly on Ctrl-C', async () => {
  const port = await freePort();
  const parentPort = await freePort();
  const stateDir = await mkdtemp(join(tmpdir(), 'cr8-dev-command-'));
  const child = spawn(cr8, ['devnet', '--port', String(port), '--parent-port', String(parentPort), '--state-dir', stateDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 60_000;
    while (!output.includes('Press Ctrl-C')) {
      if (child.exitCode !== null) assert.fail(`cr8 devnet exited early:\n${output}`);
      if (Date.now() > deadline) assert.fail(`cr8 devnet was not ready within 60 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const rpcUrl = `http://127.0.0.1:${port}`;
    assert.match(output, new RegExp(`CR8 L3 RPC\\s+${rpcUrl.replace(/\./g, '\\.')}`));
    assert.match(output, new RegExp(`Parent RPC\\s+http://127\\.0\\.0\\.1:${parentPort}`));
    assert.match(output, /CR8ParentBridge\s+0x[0-9a-fA-F]{40}/);
    const registry = /AgentRegistry\s+(0x[0-9a-fA-F]{40})/.exec(output)?.[1];
    assert.ok(registry, `no AgentRegistry address printed:\n${output}`);
    const client = createPublicClient({ transport: http(rpcUrl) });
    assert.equal(await client.getChainId(), DEVNET_L3_CHAIN_ID);
    const code = await client.getCode({ address: registry as `0x${string}` });
    assert.ok(code && code.length > 2, 'the printed AgentRegistry has no code');

    child.kill('SIGINT');
    assert.equal(await exited, 0);
    assert.match(output, /stopped/);
    await assert.rejects(fetch(rpcUrl, { method: 'POST', body: '{}' }), 'the chain still answers after Ctrl-C');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await rm(stateDir, { recursive: true, force: true });
  }
});
