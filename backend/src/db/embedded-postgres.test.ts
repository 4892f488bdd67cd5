// The embedded PostgreSQL `make dev` uses: created once, reused with its data, password-protected.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freePort } from '@cr8/chain/anvil';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { migrate } from './migrate.ts';

test('the embedded PostgreSQL is created once, keeps its data across restarts and refuses a wrong password', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'cr8-embedded-pg-'));
  const port = await freePort();
  try {
    const first = await startEmbeddedPostgres({ directory, port });
    assert.equal(first.created, true);
    try {
      assert.ok((await migrate({ databaseUrl: first.url })).includes('1795320000000_initial-schema'));
      const client = new pg.Client({ connectionString: first.url });
      await client.connect();
      await client.query(`INSERT INTO users (wallet_address) VALUES ('0x${'11'.repeat(20)}')`);
      await client.end();
      const wrong = new URL(first.url);
      wrong.password = 'not-the-password';
      const intruder = new pg.Client({ connectionString: wrong.toString() });
      await assert.rejects(intruder.connect(), /password authentication failed/);
      await intruder.end().catch(() => {});
    } finally {
      await first.stop();
    }
    assert.equal((await stat(join(directory, 'password'))).mode & 0o777, 0o600);

    const second = await startEmbeddedPostgres({ directory, port });
    try {
      assert.equal(second.created, false);
      assert.equal(second.url, first.url);
      const client = new pg.Client({ connectionString: second.url });
      await client.connect();
      const { rows } = await client.query('SELECT wallet_address FROM users');
      await client.end();
      assert.deepEqual(rows, [{ wallet_address: `0x${'11'.repeat(20)}` }]);
    } finally {
      await second.stop();
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

test('a server orphaned by a kill -9 of its parent is stopped and the data reused on the next start', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'cr8-embedded-pg-'));
  const port = await freePort();
  const module = new URL('./embedded-postgres.ts', import.meta.url).href;
  try {
    // A child process starts the server, writes a row, reports ready, and is then killed with SIGKILL.
    const script = `
      import pg from 'pg';
      import { startEmbeddedPostgres } from ${JSON.stringify(module)};
      const handle = await startEmbeddedPostgres({ directory: ${JSON.stringify(directory)}, port: ${port} });
      const client = new pg.Client({ connectionString: handle.url });
      await client.connect();
      await client.query('CREATE TABLE survivor (value text)');
      await client.query("INSERT INTO survivor VALUES ('committed before the crash')");
      await client.end();
      console.log('ready');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('.', import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const restarted = await startEmbeddedPostgres({ directory, port });
    try {
      const client = new pg.Client({ connectionString: restarted.url });
      await client.connect();
      const { rows } = await client.query('SELECT value FROM survivor');
      await client.end();
      assert.deepEqual(rows, [{ value: 'committed before the crash' }]);
    } finally {
      await restarted.stop();
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});
