// The indexer as a process (the `indexer` command of backend/src/commands.ts, run the way `cr8 indexer`
// runs it): it migrates, indexes a real L3, serves its status endpoints and stops cleanly on SIGTERM; a
// bad configuration stops it at once with every problem listed and no secret.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { freePort } from '@cr8/chain/anvil';
import pg from 'pg';
import { createTestDatabase } from '../db/test-database.ts';
import { canonicalCr8LogKeys, startTestL3 } from './test-l3.ts';

const run = promisify(execFile);
const commandsUrl = new URL('../commands.ts', import.meta.url).href;
const nodeArgs = [
  '--disable-warning=ExperimentalWarning',
  '--input-type=module',
  '-e',
  `const { indexerCommand } = await import(${JSON.stringify(commandsUrl)}); await indexerCommand().parseAsync([], { from: 'user' });`,
];

test('the indexer process migrates, indexes the chain, serves /ready and /metrics, and exits 0 on SIGTERM', { timeout: 60_000 }, async () => {
  const [database, l3, port] = await Promise.all([createTestDatabase('cr8_indexer'), startTestL3(), freePort()]);
  const agent = await l3.registerAgent(1);
  await l3.transferToken(agent.token, 1, '0x00000000000000000000000000000000000c0ffe', 1n);
  // The machine's PostgreSQL trusts loopback, so a password is accepted and ignored: it must never be logged.
  const withPassword = new URL(database.url);
  withPassword.password = 'pg-s3cret';
  const child = spawn(process.execPath, nodeArgs, {
    env: { ...process.env, DATABASE_URL: withPassword.toString(), INDEXER_RPC_URL: `${l3.rpcUrl}/?key=rpc-s3cret`, INDEXER_STATUS_PORT: String(port), INDEXER_POLL_MS: '50' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const db = new pg.Pool({ connectionString: database.url });
  try {
    const status = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    const expected = JSON.stringify(await canonicalCr8LogKeys(l3));
    for (;;) {
      if (child.exitCode !== null) assert.fail(`the indexer exited early:\n${output}`);
      if (Date.now() > deadline) assert.fail(`the indexer did not index the chain:\n${output}`);
      const ready = await fetch(`${status}/ready`).then((response) => response.status).catch(() => 0);
      const stored = await db
        .query<{ key: string }>("SELECT block_number || ':' || log_index || ':' || block_hash AS key FROM chain_events ORDER BY 1")
        .then(({ rows }) => JSON.stringify(rows.map((row) => row.key).sort()))
        .catch(() => '');
      if (ready === 200 && stored === expected) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const readiness = (await (await fetch(`${status}/ready`)).json()) as { checks: Record<string, { ok: boolean }> };
    assert.deepEqual(Object.keys(readiness.checks).sort(), ['database', 'indexer']);
    const metrics = await (await fetch(`${status}/metrics`)).text();
    const eventCount = (JSON.parse(expected) as string[]).length;
    assert.match(metrics, new RegExp(`cr8_indexer_events_total\\{service="cr8-indexer"\\} ${eventCount}\\b`));
    assert.match(metrics, /cr8_indexer_indexed_block\{service="cr8-indexer"\} 2\b/);
    for (const secret of ['pg-s3cret', 'rpc-s3cret']) assert.ok(!output.includes(secret), `${secret} was logged`);

    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.match(output, /"msg":"stopped"/);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await db.end();
    await l3.stop();
    await database.drop();
  }
});

test('the indexer refuses a bad configuration with every problem and no secret', { timeout: 30_000 }, async () => {
  const env = {
    ...process.env,
    DATABASE_URL: 'mysql://root:hunter2@127.0.0.1/x',
    INDEXER_RPC_URL: 'ws://127.0.0.1:9545',
    INDEXER_BATCH_BLOCKS: '0',
    INDEXER_START_BLOCK: '-3',
    INDEXER_CONFIRMATIONS: 'many',
  };
  await assert.rejects(run(process.execPath, nodeArgs, { env }), (error: { code?: number; stderr?: string }) => {
    assert.equal(error.code, 1);
    const stderr = error.stderr ?? '';
    assert.match(stderr, /error \[INVALID_CONFIG\]/);
    for (const variable of ['DATABASE_URL', 'INDEXER_RPC_URL', 'INDEXER_BATCH_BLOCKS', 'INDEXER_START_BLOCK', 'INDEXER_CONFIRMATIONS']) assert.match(stderr, new RegExp(variable));
    assert.ok(!stderr.includes('hunter2'));
    return true;
  });
});
