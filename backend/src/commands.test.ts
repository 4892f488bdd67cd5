import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { promisify } from 'node:util';
import pg from 'pg';
import { createTestDatabase } from './db/test-database.ts';

const run = promisify(execFile);
import { readdir } from 'node:fs/promises';
import { MIGRATIONS_DIR } from './db/migrate.ts';

const cr8 = fileURLToPath(new URL('../../bin/cr8', import.meta.url));

test('cr8 db migrate applies the schema, then reports it up to date, and rolls back with --down', async () => {
  const database = await createTestDatabase();
  try {
    const env = { ...process.env, DATABASE_URL: database.url };
    assert.match((await run(cr8, ['db', 'migrate'], { env })).stdout, /applied 1795320000000_initial-schema/);
    assert.match((await run(cr8, ['db', 'migrate'], { env })).stdout, /is up to date/);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      assert.equal((await client.query("SELECT to_regclass('public.agents') IS NOT NULL AS present")).rows[0].present, true);
      const migrations = (await readdir(MIGRATIONS_DIR)).filter((file) => file.endsWith('.sql'));
      assert.match((await run(cr8, ['db', 'migrate', '--down', String(migrations.length)], { env })).stdout, /rolled back .*1795320000000_initial-schema/);
      assert.equal((await client.query("SELECT to_regclass('public.agents') IS NOT NULL AS present")).rows[0].present, false);
    } finally {
      await client.end();
    }
  } finally {
    await database.drop();
  }
});

test('cr8 db migrate refuses a missing or malformed URL and never prints a password', async () => {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  await assert.rejects(run(cr8, ['db', 'migrate'], { env }), (error: { code?: number; stderr?: string }) =>
    error.code === 1 && /error \[INVALID_DATABASE_URL\]/.test(error.stderr ?? ''),
  );
  await assert.rejects(run(cr8, ['db', 'migrate', '--database-url', 'mysql://x'], { env }), (error: { stderr?: string }) => /postgres:\/\//.test(error.stderr ?? ''));
  const secret = 'sup3r-s3cret';
  await assert.rejects(
    run(cr8, ['db', 'migrate', '--database-url', `postgres://nobody:${secret}@127.0.0.1:1/none`], { env }),
    (error: { code?: number; stderr?: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr ?? '', /error \[MIGRATION_FAILED\]/);
      assert.ok(!(error.stderr ?? '').includes(secret), `the password leaked: ${error.stderr}`);
      return true;
    },
  );
});
