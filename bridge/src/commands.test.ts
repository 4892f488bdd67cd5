// The `cr8 bridge` commands as a user runs them: against a real devnet, and with bad input.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { freePort, startDevnet } from '@cr8/chain';

const run = promisify(execFile);
const cr8 = fileURLToPath(new URL('../../bin/cr8', import.meta.url));

test('cr8 bridge deposit, withdraw and status say what they did and what is next', async () => {
  const stateDir = await mkdtemp(join(tmpdir(), 'cr8-bridge-cli-'));
  const devnet = await startDevnet({ parentPort: await freePort(), l3Port: await freePort(), blockTime: 1, parentBlockTime: 1, stateDir });
  const env = { ...process.env, CR8_PRIVATE_KEY: devnet.accounts[3]!.privateKey };
  try {
    const deposit = await run(cr8, ['bridge', 'deposit', '--amount', '5', '--state-dir', stateDir], { env });
    assert.match(deposit.stdout, new RegExp(`deposited 5 CR8 for ${devnet.accounts[3]!.address}`));
    assert.match(deposit.stdout, /done: the native CR8 is on the L3/);
    const parentTx = /parent transaction (0x[0-9a-f]{64})/.exec(deposit.stdout)?.[1];
    assert.ok(parentTx, deposit.stdout);
    const status = await run(cr8, ['bridge', 'status', parentTx, '--state-dir', stateDir], { env });
    assert.match(status.stdout, /^deposit completed: /);

    const withdraw = await run(cr8, ['bridge', 'withdraw', '--amount', '2', '--no-prove', '--state-dir', stateDir], { env });
    const l3Tx = /L3 transaction (0x[0-9a-f]{64})/.exec(withdraw.stdout)?.[1];
    assert.ok(l3Tx, withdraw.stdout);
    assert.match(withdraw.stdout, /next: cr8 bridge prove/);
    const json = JSON.parse((await run(cr8, ['bridge', 'status', l3Tx, '--json', '--state-dir', stateDir], { env })).stdout);
    assert.equal(json.kind, 'withdrawal');
    assert.match(json.state, /^(waiting-to-prove|ready-to-prove)$/);
    // Finalizing before proving is refused with a code and a non-zero exit.
    await assert.rejects(run(cr8, ['bridge', 'finalize', l3Tx, '--state-dir', stateDir], { env }), (error: { code?: number; stderr?: string }) =>
      error.code === 1 && /error \[NOT_READY_TO_FINALIZE\]/.test(error.stderr ?? ''),
    );
  } finally {
    await devnet.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
});

test('cr8 bridge refuses bad input and a missing devnet with a clear error', async () => {
  const empty = await mkdtemp(join(tmpdir(), 'cr8-bridge-none-'));
  try {
    for (const amount of ['-1', 'abc', '0', '1.0000000000000000001'])
      await assert.rejects(run(cr8, ['bridge', 'deposit', '--amount', amount, '--state-dir', empty]), (error: { code?: number; stderr?: string }) =>
        error.code !== 0 && /amount|greater than zero/.test(error.stderr ?? ''),
      );
    await assert.rejects(run(cr8, ['bridge', 'deposit', '--amount', '1', '--to', '0x1234', '--state-dir', empty]), (error: { stderr?: string }) =>
      /20-byte hex address/.test(error.stderr ?? ''),
    );
    await assert.rejects(run(cr8, ['bridge', 'status', '0xabc', '--state-dir', empty]), (error: { stderr?: string }) => /transaction hash/.test(error.stderr ?? ''));
    await assert.rejects(run(cr8, ['bridge', 'status', `0x${'12'.repeat(32)}`, '--state-dir', empty]), (error: { code?: number; stderr?: string }) =>
      error.code === 1 && /error \[NO_DEVNET\]: no running devnet found/.test(error.stderr ?? ''),
    );
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
});
