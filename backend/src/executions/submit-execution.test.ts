// The execution-time estimate a submit answers with: one query per agent at a time, shared by the
// submits that arrive while it runs; and the hand-off of the open job group on a graceful stop. Against a
// real PostgreSQL.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { migrate } from '../db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import type { QueuedExecutionGroup } from './execution-queue.ts';
import { estimateSeconds, handOffSubmittedGroups, submitExecution } from './submit-execution.ts';

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

test('a graceful stop hands the open job group to the queue and resolves once the queue has answered', async () => {
  const wallet = `0x${randomUUID().replaceAll('-', '').padEnd(40, '0')}` as const;
  const user = await pool.query<{ id: string }>('INSERT INTO users (wallet_address) VALUES ($1) RETURNING id', [wallet]);
  const agent = await pool.query<{ id: string }>("INSERT INTO agents (creator_user_id, creator_address, name, status) VALUES ($1, $2, 'stop', 'registered') RETURNING id", [user.rows[0]!.id, wallet]);
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const taken: QueuedExecutionGroup[] = [];
  const queue = {
    enqueue: async (group: QueuedExecutionGroup) => {
      await gate;
      taken.push(group);
    },
  };
  const principal = { kind: 'session' as const, userId: user.rows[0]!.id, wallet, credentialId: randomUUID(), scopes: [] };
  const submitted = await submitExecution({ db: pool, queue }, principal, agent.rows[0]!.id, { input: { stop: true } });
  assert.equal(submitted.status, 'queued');

  let handedOff = false;
  const stopping = handOffSubmittedGroups(queue).then(() => (handedOff = true));
  await new Promise((resolve) => setTimeout(resolve, 50)); // past the group's window either way
  assert.equal(handedOff, false, 'the stop waits while the queue has not answered');
  open();
  await stopping;
  assert.deepEqual(
    taken.map((group) => group.executions.map((execution) => execution.executionId)),
    [[submitted.executionId]],
  );
  const row = await pool.query<{ job_group: string }>('SELECT job_group FROM agent_executions WHERE id = $1', [submitted.executionId]);
  assert.equal(row.rows[0]!.job_group, taken[0]!.groupId);
  await handOffSubmittedGroups({ enqueue: async () => {} }); // a queue that never took a submit: nothing to wait for
});
