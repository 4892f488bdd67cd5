// Analytics over a known data set on a fresh PostgreSQL: every figure is checked against the value
// computed by hand from the rows inserted.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { ApiError } from '../api/api-error.ts';
import { migrate } from '../db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { agentAnalytics } from './agent-analytics.ts';

const CHAIN = 888008;
const TOKEN = `0x${'7a'.repeat(20)}`;
const ZERO = `0x${'00'.repeat(20)}`;
const [ALICE, BOB, CAROL] = ['a1', 'b0', 'c4'].map((byte) => `0x${byte.repeat(20)}`) as [string, string, string];
let database: TestDatabase;
let db: pg.Pool;
let agentId: string;

before(async () => {
  database = await createTestDatabase();
  await migrate({ databaseUrl: database.url });
  db = new pg.Pool({ connectionString: database.url });
  const user = await db.query<{ id: string }>('INSERT INTO users (wallet_address) VALUES ($1) RETURNING id', [ALICE]);
  const agent = await db.query<{ id: string }>(
    `INSERT INTO agents (creator_user_id, creator_address, name, status, onchain_id, token_address) VALUES ($1, $2, 'analysed', 'registered', 7, $3) RETURNING id`,
    [user.rows[0]!.id, ALICE, TOKEN],
  );
  agentId = agent.rows[0]!.id;
  // Day 1 (2026-11-01): three successes taking 100, 200 and 300 ms (run time 50 ms each), costing 10^18 + i.
  // Day 2: one failure (400 ms), one still queued. Day 3: nothing.
  const executions: Array<[string, string, number | null, string | null]> = [
    ['2026-11-01T10:00:00Z', 'succeeded', 100, '1000000000000000001'],
    ['2026-11-01T11:00:00Z', 'succeeded', 200, '1000000000000000002'],
    ['2026-11-01T12:00:00Z', 'succeeded', 300, '1000000000000000003'],
    ['2026-11-02T09:00:00Z', 'failed', 400, null],
    ['2026-11-02T10:00:00Z', 'queued', null, null],
  ];
  for (const [queuedAt, status, latency, cost] of executions)
    await db.query(
      `INSERT INTO agent_executions (agent_id, status, input, input_hash, queued_at, started_at, finished_at, cost_wei)
       VALUES ($1, $2, '{}', $3, $4::timestamptz,
               CASE WHEN $5::int IS NULL THEN NULL ELSE $4::timestamptz + make_interval(secs => ($5::int - 50) / 1000.0) END,
               CASE WHEN $5::int IS NULL THEN NULL ELSE $4::timestamptz + make_interval(secs => $5::int / 1000.0) END, $6)`,
      [agentId, status, `0x${'11'.repeat(32)}`, queuedAt, latency, cost],
    );
  // Token transfers: mint 100 to Alice, Alice → Bob 40, Bob → Carol 40 (Bob back to 0), Alice → Carol 1.
  // Holders: Alice (59) and Carol (41). Fees distributed for agent 7: 5 and 6 wei; agent 8's 1,000 is not counted.
  const events: Array<[string, Record<string, string>, string | null]> = [
    ['Transfer', { from: ZERO, to: ALICE, value: '100' }, null],
    ['Transfer', { from: ALICE, to: BOB, value: '40' }, null],
    ['Transfer', { from: BOB, to: CAROL, value: '40' }, null],
    ['Transfer', { from: ALICE, to: CAROL, value: '1' }, null],
    ['FeesDistributed', { agentId: '7', amount: '5' }, '7'],
    ['FeesDistributed', { agentId: '7', amount: '6' }, '7'],
    ['FeesDistributed', { agentId: '8', amount: '1000' }, '8'],
  ];
  let block = 1;
  for (const [name, args, eventAgent] of events) {
    const hash = `0x${block.toString(16).padStart(64, '0')}`;
    await db.query(`INSERT INTO indexed_blocks VALUES ($1, $2, $3, $3, now())`, [CHAIN, block, hash]);
    await db.query(
      `INSERT INTO chain_events (chain_id, block_number, log_index, block_hash, tx_hash, contract, event_name, args, agent_id) VALUES ($1, $2, 0, $3, $3, $4, $5, $6, $7)`,
      [CHAIN, block, hash, name === 'Transfer' ? TOKEN : `0x${'c8'.repeat(20)}`, name, args, eventAgent],
    );
    block++;
  }
});

after(async () => {
  await db?.end();
  await database?.drop();
});

test('counts, revenue, latency percentiles, holders and fees match the rows', async () => {
  const result = await agentAnalytics(db, CHAIN, agentId, { from: '2026-11-01T00:00:00Z', to: '2026-11-04T00:00:00Z' });
  assert.deepEqual(result.executions, { total: 5, succeeded: 3, failed: 1, timedOut: 0, cancelled: 0, inFlight: 1 });
  assert.equal(result.revenueWei, '3000000000000000006');
  // Finished latencies 100, 200, 300, 400: p50 = 250 (interpolated), p95 = 385, p99 = 397.
  assert.deepEqual(result.latencyMs, { p50: 250, p95: 385, p99: 397 });
  assert.deepEqual(result.runTimeMs, { p50: 50, p95: 50, p99: 50 });
  assert.deepEqual(result.onchain, { feesDistributedWei: '11', holders: 2 });
});

test('the daily series has one point per day, empty days included', async () => {
  const result = await agentAnalytics(db, CHAIN, agentId, { from: '2026-11-01T00:00:00Z', to: '2026-11-04T00:00:00Z', bucket: 'day' });
  assert.deepEqual(
    result.series.points.map((point) => [point.start, point.executions, point.succeeded, point.revenueWei]),
    [
      ['2026-11-01T00:00:00Z', 3, 3, '3000000000000000006'],
      ['2026-11-02T00:00:00Z', 2, 0, '0'],
      ['2026-11-03T00:00:00Z', 0, 0, '0'],
    ],
  );
  assert.equal(result.series.points[0]!.p95LatencyMs, 290);
});

test('the hourly series respects a range that starts mid-hour', async () => {
  const result = await agentAnalytics(db, CHAIN, agentId, { from: '2026-11-01T10:30:00Z', to: '2026-11-01T12:30:00Z', bucket: 'hour' });
  // Buckets 10:00 (from 10:30: nothing), 11:00 (one), 12:00 (until 12:30: one).
  assert.deepEqual(result.series.points.map((point) => [point.start, point.executions]), [
    ['2026-11-01T10:00:00Z', 0],
    ['2026-11-01T11:00:00Z', 1],
    ['2026-11-01T12:00:00Z', 1],
  ]);
  assert.equal(result.executions.total, 2);
});

test('bad ranges and unknown agents are coded 4xx errors', async () => {
  const refuses = async (input: unknown, code: string, id = agentId) =>
    assert.rejects(agentAnalytics(db, CHAIN, id, input), (error: unknown) => error instanceof ApiError && error.code === code && error.status < 500);
  await refuses({ from: '2026-11-05T00:00:00Z', to: '2026-11-01T00:00:00Z' }, 'INVALID_ARGUMENT');
  await refuses({ from: 'yesterday' }, 'INVALID_ARGUMENT');
  await refuses({ bucket: 'minute' }, 'INVALID_ARGUMENT');
  await refuses({ from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z', bucket: 'hour' }, 'INVALID_ARGUMENT');
  await refuses({ extra: '1' }, 'INVALID_ARGUMENT');
  await refuses({}, 'NOT_FOUND', '00000000-0000-4000-8000-000000000000');
  await refuses({}, 'INVALID_ARGUMENT', 'not-an-id');
});
