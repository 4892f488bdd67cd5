// The execution-time estimate a submit answers with: one query per agent at a time, shared by the
// submits that arrive while it runs, against a real PostgreSQL.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { migrate } from '../db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { estimateSeconds } from './submit-execution.ts';

let database: TestDatabase;
let pool: pg.Pool;

before(async () => {
  database = await createTestDatabase('cr8_estimate');
  await migrate({ databaseUrl: database.url });
  pool = new pg.Pool({ connectionString: database.url });
});
after(async () => {
  await pool.end();
  await database.drop();
});

/** The pool as estimateSeconds sees it, counting the queries it sends; `failNext` makes the next one fail. */
function countingPool() {
  const counter = { queries: 0, failNext: false };
  const wrapped = Object.create(pool) as pg.Pool;
  wrapped.query = ((config: pg.QueryConfig) => {
    counter.queries++;
    if (counter.failNext) {
      counter.failNext = false;
      return Promise.reject(new Error('connection lost'));
    }
    return pool.query(config);
  }) as pg.Pool['query'];
  return { wrapped, counter };
}

test('concurrent submits for one agent share one estimate query; another agent gets its own', async () => {
  const { wrapped, counter } = countingPool();
  const agent = randomUUID();
  const answers = await Promise.all(Array.from({ length: 50 }, () => estimateSeconds(wrapped, agent)));
  assert.deepEqual(answers, Array(50).fill(null)); // no finished executions yet
  assert.equal(counter.queries, 1);
  // Within the reuse window the answer comes from memory.
  assert.equal(await estimateSeconds(wrapped, agent), null);
  assert.equal(counter.queries, 1);
  await estimateSeconds(wrapped, randomUUID());
  assert.equal(counter.queries, 2);
});

test('a failed estimate query fails the submits that shared it and is not remembered', async () => {
  const { wrapped, counter } = countingPool();
  const agent = randomUUID();
  counter.failNext = true;
  const shared = await Promise.allSettled([estimateSeconds(wrapped, agent), estimateSeconds(wrapped, agent)]);
  assert.deepEqual(shared.map((result) => result.status), ['rejected', 'rejected']);
  assert.equal(counter.queries, 1);
  assert.equal(await estimateSeconds(wrapped, agent), null);
  assert.equal(counter.queries, 2);
});
