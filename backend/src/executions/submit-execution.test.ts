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

/** The pool as estimateSeconds sees it, counting the queries it sends; `failNext` makes the next one
 *  fail, `held` (while set) holds each query until it resolves. */
function countingPool() {
  const counter: { queries: number; answered: number; failNext: boolean; held: Promise<void> | null } = { queries: 0, answered: 0, failNext: false, held: null };
  const wrapped = Object.create(pool) as pg.Pool;
  wrapped.query = (async (config: pg.QueryConfig) => {
    counter.queries++;
    if (counter.failNext) {
      counter.failNext = false;
      throw new Error('connection lost');
    }
    if (counter.held) await counter.held;
    const result = await pool.query(config);
    counter.answered++;
    return result;
  }) as unknown as pg.Pool['query'];
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

test('an estimate past its age is still the answer while one query refreshes it; a failed refresh keeps it', async (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 1_000_000 });
  const { wrapped, counter } = countingPool();
  const agent = randomUUID();
  assert.equal(await estimateSeconds(wrapped, agent), null);
  assert.equal(counter.queries, 1);

  t.mock.timers.tick(5_001);
  let release!: () => void;
  counter.held = new Promise<void>((resolve) => (release = resolve));
  // Answered at once (the refresh is held), and many submits start one refresh.
  assert.deepEqual(await Promise.all([estimateSeconds(wrapped, agent), estimateSeconds(wrapped, agent), estimateSeconds(wrapped, agent)]), [null, null, null]);
  assert.equal(counter.queries, 2);
  counter.held = null;
  release();
  await settled(counter, 2);
  assert.equal(await estimateSeconds(wrapped, agent), null);
  assert.equal(counter.queries, 2, 'the refreshed estimate is fresh: no query');

  t.mock.timers.tick(5_001);
  counter.failNext = true;
  assert.equal(await estimateSeconds(wrapped, agent), null, 'the old estimate answers');
  assert.equal(counter.queries, 3);
  await new Promise((resolve) => setImmediate(resolve)); // the refresh's failure is handled
  assert.equal(await estimateSeconds(wrapped, agent), null, 'kept after the failed refresh');
  assert.equal(counter.queries, 4, 'and the next submit refreshes it again');
});

/** Waits until `count` queries have answered, and a turn more for their answers to be taken in. */
async function settled(counter: { answered: number }, count: number): Promise<void> {
  while (counter.answered < count) await new Promise((resolve) => setTimeout(resolve, 2));
  await new Promise((resolve) => setImmediate(resolve));
}
