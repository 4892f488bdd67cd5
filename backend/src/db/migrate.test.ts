// The schema migrations against the machine's real PostgreSQL, on a fresh database.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { readdir } from 'node:fs/promises';
import { MIGRATIONS_DIR, migrate } from './migrate.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

let database: TestDatabase;
let pool: pg.Pool;

before(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url });
});

after(async () => {
  await pool?.end();
  await database?.drop();
});

const tables = async () =>
  (await pool.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")).rows.map(
    (row) => row.table_name,
  );

/** Rejects with the PostgreSQL error code `code` (e.g. 23514 check_violation). */
async function rejectsWithCode(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (error: { code?: string }) => {
    assert.equal(error.code, code);
    return true;
  });
}

test('two processes migrating at once apply the schema once; a rerun is a no-op', async () => {
  const [first, second] = await Promise.all([migrate({ databaseUrl: database.url }), migrate({ databaseUrl: database.url })]);
  const all = (await readdir(MIGRATIONS_DIR)).filter((file) => file.endsWith('.sql'));
  assert.equal(first.length + second.length, all.length, 'the advisory lock lets exactly one run apply each migration');
  assert.ok(first.length === 0 || second.length === 0, 'one run applied everything, the other found nothing to do');
  assert.deepEqual(await migrate({ databaseUrl: database.url }), []);
  const present = await tables();
  for (const table of ['users', 'agents', 'agent_executions', 'usage_records', 'api_keys', 'kyc_verifications', 'kyc_webhook_events', 'siwe_nonces', 'sessions', 'indexed_blocks', 'chain_events', 'indexer_cursors'])
    assert.ok(present.includes(table), `missing table ${table}`);
});

test('money is an integer wei amount up to 2^256 - 1; negative, fractional and larger amounts and malformed addresses are refused', async () => {
  const user = await pool.query<{ id: string }>("INSERT INTO users (wallet_address) VALUES ('0x' || repeat('ab', 20)) RETURNING id");
  const userId = user.rows[0]!.id;
  const insertFee = (name: string, fee: string) =>
    pool.query<{ fee_per_execution: string }>(
      "INSERT INTO agents (creator_user_id, creator_address, name, fee_per_execution) VALUES ($1, '0x' || repeat('ab', 20), $2, $3) RETURNING fee_per_execution",
      [userId, name, fee],
    );
  const maxUint256 = (2n ** 256n - 1n).toString();
  assert.equal((await insertFee('max fee', maxUint256)).rows[0]!.fee_per_execution, maxUint256, 'a uint256 must round-trip exactly');
  for (const bad of ['-1', '1.5', (2n ** 256n).toString()]) await rejectsWithCode(insertFee(`bad ${bad}`, bad), '23514');
  await rejectsWithCode(pool.query("INSERT INTO users (wallet_address) VALUES ('0xABCDEF')"), '23514');
  await rejectsWithCode(pool.query("INSERT INTO users (wallet_address) VALUES ('0x' || repeat('AB', 20))"), '23514');
});

test('uniqueness: one account per wallet, one agent per creator idempotency key, each webhook event once', async () => {
  await rejectsWithCode(pool.query("INSERT INTO users (wallet_address) VALUES ('0x' || repeat('ab', 20))"), '23505');
  const { rows } = await pool.query<{ id: string }>("SELECT id FROM users WHERE wallet_address = '0x' || repeat('ab', 20)");
  const insertAgent = () =>
    pool.query("INSERT INTO agents (creator_user_id, creator_address, name, idempotency_key) VALUES ($1, '0x' || repeat('ab', 20), 'retry', 'req-1')", [rows[0]!.id]);
  await insertAgent();
  await rejectsWithCode(insertAgent(), '23505');
  const webhook = () => pool.query("INSERT INTO kyc_webhook_events (provider, event_id, payload) VALUES ('sandbox', 'evt-1', '{}')");
  await webhook();
  await rejectsWithCode(webhook(), '23505');
});

test('executions: open (queued or running) exactly while unfinished; a claim is a HOT update; an idempotency key is unique per caller; the execution is its own usage record', async () => {
  const user = await pool.query<{ id: string }>("INSERT INTO users (wallet_address) VALUES ('0x' || repeat('e1', 20)) RETURNING id");
  const agent = await pool.query<{ id: string }>("INSERT INTO agents (creator_user_id, creator_address, name, status) VALUES ($1, '0x' || repeat('e1', 20), 'run', 'registered') RETURNING id", [user.rows[0]!.id]);
  const insert = (status: string, finished: boolean, key: string | null = null) =>
    pool.query<{ id: string }>(
      `INSERT INTO agent_executions (agent_id, user_id, status, input, input_hash, idempotency_key, finished_at) VALUES ($1, $2, $3, '{}', '0x' || repeat('00', 32), $4, CASE WHEN $5 THEN now() END) RETURNING id`,
      [agent.rows[0]!.id, user.rows[0]!.id, status, key, finished],
    );
  for (const status of ['succeeded', 'failed', 'cancelled', 'timed_out']) await rejectsWithCode(insert(status, false), '23514');
  for (const status of ['queued', 'running']) await rejectsWithCode(insert(status, true), '23514');
  const queued = (await insert('queued', false)).rows[0]!.id;
  await insert('queued', false); // no key: any number of them
  await insert('queued', false, 'k-1');
  await rejectsWithCode(insert('queued', false, 'k-1'), '23505');

  // The claim (queued -> running) touches no indexed column: a HOT update, no index entries written.
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`UPDATE agent_executions SET status = 'running', attempts = attempts + 1, started_at = now(), reserved_wei = 5, orchestrator = '0x' || repeat('0c', 20) WHERE id = $1`, [queued]);
    const { rows } = await client.query<{ updated: string; hot: string }>(
      "SELECT pg_stat_get_xact_tuples_updated('agent_executions'::regclass) AS updated, pg_stat_get_xact_tuples_hot_updated('agent_executions'::regclass) AS hot",
    );
    assert.deepEqual(rows[0], { updated: '1', hot: '1' });
    await client.query('COMMIT');
  } finally {
    client.release();
  }

  await pool.query(`UPDATE agent_executions SET status = 'succeeded', cost_wei = 70, finished_at = now() WHERE id = $1`, [queued]);
  const usage = await pool.query('SELECT user_id, agent_id, endpoint, units, cost_wei FROM usage_records WHERE execution_id = $1', [queued]);
  assert.deepEqual(usage.rows, [{ user_id: user.rows[0]!.id, agent_id: agent.rows[0]!.id, endpoint: 'execute', units: '1', cost_wei: '70' }]);
});

test('rolling back an indexed block removes its events (reorg rollback is one DELETE)', async () => {
  const hash = (byte: string) => `0x${byte.repeat(32)}`;
  await pool.query("INSERT INTO indexed_blocks VALUES (888008, 10, $1, $2, now())", [hash('0a'), hash('09')]);
  await pool.query(
    "INSERT INTO chain_events VALUES (888008, 10, 0, $1, $2, '0x' || repeat('c8', 20), 'AgentRegistered', '{}')",
    [hash('0a'), hash('ee')],
  );
  await pool.query('DELETE FROM indexed_blocks WHERE chain_id = 888008 AND number >= 10');
  assert.equal((await pool.query('SELECT count(*)::int AS n FROM chain_events')).rows[0].n, 0);
  await rejectsWithCode(pool.query("INSERT INTO chain_events VALUES (888008, 11, 0, $1, $2, '0x' || repeat('c8', 20), 'X', '{}')", [hash('0b'), hash('ee')]), '23503');
});

test('the migration is reversible: down removes everything, up restores it', async () => {
  await pool.query('TRUNCATE users, agents, kyc_webhook_events, indexed_blocks CASCADE');
  const all = (await readdir(MIGRATIONS_DIR)).filter((file) => file.endsWith('.sql')).map((file) => file.replace(/\.sql$/, ''));
  assert.deepEqual(await migrate({ databaseUrl: database.url, direction: 'down', count: all.length }), [...all].reverse());
  assert.deepEqual(await tables(), ['schema_migrations']);
  assert.deepEqual(await migrate({ databaseUrl: database.url }), all);
  assert.ok((await tables()).includes('agents'));
});
