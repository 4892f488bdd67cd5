// `cr8 api` as a process: starts on the configured port, serves, and stops cleanly on SIGTERM; a bad
// configuration stops it at once with every problem listed.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { freePort } from '@cr8/chain/anvil';
import { createTestDatabase } from '../db/test-database.ts';

const cr8 = fileURLToPath(new URL('../../../bin/cr8', import.meta.url));
const run = promisify(execFile);

test('cr8 api migrates, serves on API_PORT, and exits 0 on SIGTERM', async () => {
  const database = await createTestDatabase();
  const port = await freePort();
  // The machine's PostgreSQL trusts loopback, so a password is accepted and ignored: it must never be logged.
  const withPassword = new URL(database.url);
  withPassword.password = 'pg-s3cret';
  const ipfsDir = await mkdtemp(join(tmpdir(), 'cr8-api-ipfs-'));
  const secretsKey = randomBytes(32).toString('hex');
  const env = { ...process.env, DATABASE_URL: withPassword.toString(), API_PORT: String(port), IPFS_DIR: ipfsDir, IPFS_LISTEN: '/ip4/127.0.0.1/tcp/0', SECRETS_KEY: secretsKey, KYC_WEBHOOK_SECRET: 'webhook-s3cret' };
  const child = spawn(cr8, ['api'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 30_000;
    while (!output.includes('API listening')) {
      if (child.exitCode !== null) assert.fail(`cr8 api exited early:\n${output}`);
      if (Date.now() > deadline) assert.fail(`cr8 api did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    assert.equal(ready.status, 200);
    const agents = await fetch(`http://127.0.0.1:${port}/api/agents`);
    assert.deepEqual(await agents.json(), { agents: [], hasNextPage: false, endCursor: null });
    for (const secret of ['pg-s3cret', secretsKey, 'webhook-s3cret']) assert.ok(!output.includes(secret), `a secret was logged: ${secret.slice(0, 4)}…`);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.match(output, /"msg":"stopped"/);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await database.drop();
    await rm(ipfsDir, { recursive: true, force: true });
  }
});

test('cr8 api refuses a bad configuration with every problem and no secret', async () => {
  const env = { ...process.env, DATABASE_URL: 'mysql://root:hunter2@127.0.0.1/x', API_PORT: '99999', LOG_LEVEL: 'loud' };
  await assert.rejects(run(cr8, ['api'], { env }), (error: { code?: number; stderr?: string }) => {
    assert.equal(error.code, 1);
    assert.match(error.stderr ?? '', /error \[INVALID_CONFIG\]/);
    for (const variable of ['DATABASE_URL', 'API_PORT', 'LOG_LEVEL']) assert.match(error.stderr ?? '', new RegExp(variable));
    assert.ok(!(error.stderr ?? '').includes('hunter2'));
    return true;
  });
});
