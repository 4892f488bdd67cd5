// Executions through the real BullMQ queue and Redis pub/sub, on a fresh database and a unique Redis
// prefix: the submits of a few milliseconds add one job for their group of executions; cancel (REST and GraphQL) for the submitter
// only; the settlement fields of an execution; and the executionUpdated subscription over HTTP SSE.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { Redis } from 'ioredis';
import { agentsModule } from '../agents/agents-module.ts';
import { startTestApi, type TestApi } from '../api/test-api.ts';
import { cancelChannel, groupJobId } from '../execution/queue/execution-job.ts';
import { type BullmqExecutionQueue, createBullmqExecutionQueue } from '../execution/queue/execution-queue-bullmq.ts';
import { executionUpdateChannel, type ExecutionUpdates, publishExecutionUpdate, publishExecutionUpdates, subscribeExecutionUpdates } from './execution-events.ts';
import { bullmqExecutionQueue } from './execution-queue.ts';
import { executionsModule } from './executions-module.ts';
import { openSubscription } from './test-sse.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `cr8-test-executions-${randomBytes(6).toString('hex')}`;
const ORCHESTRATOR = `0x${'0c'.repeat(20)}` as const;
const SUBSCRIPTION = 'subscription($id: ID!) { executionUpdated(id: $id) { executionId status errorCode costWei } }';

let api: TestApi;
let redis: Redis;
let subscriber: Redis;
let bullmq: BullmqExecutionQueue;
let updates: ExecutionUpdates;
const shutdown = new AbortController();
let caller: string;
let stranger: string;
let creator: string;
let agent: string;

before(async () => {
  redis = new Redis(REDIS_URL);
  subscriber = new Redis(REDIS_URL);
  bullmq = createBullmqExecutionQueue({ connection: redis, prefix });
  updates = subscribeExecutionUpdates(subscriber, { prefix });
  api = await startTestApi([
    agentsModule(),
    executionsModule({
      queue: bullmqExecutionQueue(bullmq),
      orchestrator: ORCHESTRATOR,
      updates,
      publish: (executionId) => publishExecutionUpdate(redis, executionId, { prefix }),
      signal: shutdown.signal,
      // Updates must arrive by publication: the poll would take a minute.
      watchPollMs: 60_000,
    }),
  ]);
  const user = async (byte: string) => (await api.db.query<{ id: string }>('INSERT INTO users (wallet_address) VALUES ($1) RETURNING id', [`0x${byte.repeat(20)}`])).rows[0]!.id;
  [caller, stranger, creator] = [await user('01'), await user('02'), await user('03')];
  agent = (
    await api.db.query<{ id: string }>(
      `INSERT INTO agents (creator_user_id, creator_address, name, status, onchain_id, fee_per_execution) VALUES ($1, $2, 'x', 'registered', 1, 100) RETURNING id`,
      [creator, `0x${'03'.repeat(20)}`],
    )
  ).rows[0]!.id;
});

after(async () => {
  shutdown.abort();
  await api?.close();
  updates?.close();
  await bullmq?.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  subscriber?.disconnect();
  await redis?.quit();
});

async function call(method: string, path: string, user: string | null, body?: unknown) {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: { ...(user ? { 'x-test-user': user } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function gql(query: string, variables: Record<string, unknown>, user: string | null) {
  const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(user ? { 'x-test-user': user } : {}) }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as any;
}

async function submit(): Promise<string> {
  const submitted = await call('POST', `/api/v1/agents/${agent}/execute`, caller, { input: { n: Math.random() } });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  return submitted.body.executionId;
}

/** The job of the execution's group (agent_executions.job_group), once the API has added it: the answer
 *  goes out when PostgreSQL has the execution, and the job follows without the caller waiting for Redis. */
async function jobOf(executionId: string) {
  const { rows } = await api.db.query<{ job_group: string | null }>('SELECT job_group FROM agent_executions WHERE id = $1', [executionId]);
  const group = rows[0]?.job_group;
  assert.ok(group, `execution ${executionId} has no job group`);
  for (const deadline = Date.now() + 2_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 10))) {
    const job = await bullmq.queue.getJob(groupJobId(group));
    if (job) return job;
  }
  return undefined;
}

test('submit adds one BullMQ job for its group (of one, alone), named after the group, and records the orchestrator', async () => {
  const executionId = await submit();
  const job = await jobOf(executionId);
  assert.ok(job, 'no job in Redis for the execution');
  assert.match(job.id!, /^group-[0-9a-f-]{36}$/);
  assert.equal(job.name, 'execute-group');
  assert.deepEqual(job.data, { executionIds: [executionId] });
  assert.equal(await bullmq.queue.getJobState(job.id!), 'waiting');
  // No job of its own: only hand-offs and the reconciler add those.
  assert.equal(await bullmq.queue.getJob(executionId), undefined);
  const read = await call('GET', `/api/v1/executions/${executionId}`, caller);
  assert.deepEqual(
    { status: read.body.status, orchestrator: read.body.orchestrator, errorCode: read.body.errorCode, gpuMilliseconds: read.body.gpuMilliseconds, cached: read.body.cached, receipt: read.body.receipt },
    { status: 'queued', orchestrator: ORCHESTRATOR, errorCode: null, gpuMilliseconds: null, cached: false, receipt: null },
  );
});

test('concurrent submits share job groups (the statements of a few milliseconds): one job per group, every execution in exactly one', async () => {
  const submitted = await Promise.all(Array.from({ length: 24 }, () => submit()));
  const { rows } = await api.db.query<{ id: string; job_group: string }>('SELECT id, job_group FROM agent_executions WHERE id = ANY($1::uuid[])', [submitted]);
  const byGroup = new Map<string, string[]>();
  for (const row of rows) byGroup.set(row.job_group, [...(byGroup.get(row.job_group) ?? []), row.id]);
  assert.ok(byGroup.size < submitted.length, `24 concurrent submits were written by ${byGroup.size} statements: group commit shares them`);
  for (const [group, executionIds] of byGroup) {
    let job = await bullmq.queue.getJob(groupJobId(group));
    for (const deadline = Date.now() + 2_000; !job && Date.now() < deadline; job = await bullmq.queue.getJob(groupJobId(group))) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.ok(job, `no job for group ${group}`);
    assert.deepEqual([...(job.data as { executionIds: string[] }).executionIds].sort(), [...executionIds].sort());
  }
});

test('cancel: the submitter cancels a queued execution (its group job stays, to find it cancelled), not twice; others get 404', async () => {
  const executionId = await submit();
  const job = await jobOf(executionId);
  assert.ok(job);
  assert.equal((await call('POST', `/api/v1/executions/${executionId}/cancel`, stranger)).body.error.code, 'NOT_FOUND');
  // The agent's creator may read the execution, but only its submitter may cancel it.
  assert.equal((await call('POST', `/api/v1/executions/${executionId}/cancel`, creator)).status, 404);
  assert.equal((await call('POST', `/api/v1/executions/${executionId}/cancel`, null)).status, 401);
  assert.equal((await call('POST', '/api/v1/executions/not-a-uuid/cancel', caller)).body.error.code, 'INVALID_ARGUMENT');

  const cancelled = await call('POST', `/api/v1/executions/${executionId}/cancel`, caller);
  assert.equal(cancelled.status, 200);
  assert.deepEqual([cancelled.body.status, cancelled.body.errorCode, cancelled.body.costWei], ['cancelled', 'CANCELLED', null]);
  assert.ok(cancelled.body.finishedAt);
  // The group job may hold other executions: it stays; a worker taking it finds this one cancelled.
  assert.equal(await bullmq.queue.getJobState(job.id!), 'waiting');

  const again = await call('POST', `/api/v1/executions/${executionId}/cancel`, caller);
  assert.deepEqual([again.status, again.body.error.code, again.body.error.details], [409, 'NOT_CANCELLABLE', { status: 'cancelled' }]);
});

test('cancel: a finished execution is NOT_CANCELLABLE; a running one is cancelled and its worker told', async () => {
  const finished = await submit();
  await api.db.query(`UPDATE agent_executions SET status = 'succeeded', started_at = queued_at, finished_at = now(), cost_wei = 100 WHERE id = $1`, [finished]);
  const refused = await call('POST', `/api/v1/executions/${finished}/cancel`, caller);
  assert.deepEqual([refused.status, refused.body.error.code, refused.body.error.details.status], [409, 'NOT_CANCELLABLE', 'succeeded']);
  assert.equal((await call('GET', `/api/v1/executions/${finished}`, caller)).body.status, 'succeeded');

  const running = await submit();
  await api.db.query(`UPDATE agent_executions SET status = 'running', started_at = now(), attempts = 1 WHERE id = $1`, [running]);
  const listener = redis.duplicate();
  try {
    await listener.subscribe(cancelChannel(prefix, bullmq.queueName));
    const told = new Promise<string>((resolve) => listener.once('message', (_channel: string, message: string) => resolve(message)));
    const graphql = await gql('mutation($id: ID!) { cancelExecution(id: $id) { status errorCode } }', { id: running }, caller);
    assert.deepEqual(graphql.data.cancelExecution, { status: 'cancelled', errorCode: 'CANCELLED' });
    assert.equal(await told, running);
  } finally {
    listener.disconnect();
  }
  const denied = await gql('mutation($id: ID!) { cancelExecution(id: $id) { status } }', { id: finished }, caller);
  assert.equal(denied.errors[0].extensions.code, 'NOT_CANCELLABLE');
});

test('a settled execution shows its GPU time and its receipt, batch and transaction', async () => {
  const executionId = await submit();
  await api.db.query(
    `UPDATE agent_executions SET status = 'succeeded', started_at = queued_at, finished_at = queued_at + interval '2 seconds', cost_wei = 100,
            gpu_milliseconds = 1500, result = '{"ok":true}', output_hash = $2 WHERE id = $1`,
    [executionId, `0x${'ab'.repeat(32)}`],
  );
  await api.db.query(
    `INSERT INTO execution_receipts (execution_id, orchestrator, onchain_agent_id, payer, input_hash, output_hash, gpu_seconds, fee_wei, payer_cumulative_wei)
     SELECT id, $2, 1, $3, input_hash, output_hash, 2, 100, 700 FROM agent_executions WHERE id = $1`,
    [executionId, ORCHESTRATOR, `0x${'01'.repeat(20)}`],
  );
  const pending = await call('GET', `/api/v1/executions/${executionId}`, caller);
  assert.deepEqual(pending.body.receipt, { feeWei: '100', payerCumulativeWei: '700', status: 'pending', batchSequence: null, txHash: null, postedAt: null });
  assert.equal(pending.body.gpuMilliseconds, 1500);

  const txHash = `0x${'cd'.repeat(32)}`;
  await api.db.query(
    `INSERT INTO receipt_batches (orchestrator, sequence, receipts_root, executions, total_wei, charges, agent_fees, status, tx_hash, block_number, posted_at)
     VALUES ($1, 7, $2, 1, 100, '[]', '[]', 'posted', $3, 12, now())`,
    [ORCHESTRATOR, `0x${'ef'.repeat(32)}`, txHash],
  );
  await api.db.query('UPDATE execution_receipts SET batch_sequence = 7 WHERE execution_id = $1', [executionId]);
  const read = await gql('query($id: ID!) { execution(id: $id) { gpuMilliseconds receipt { status batchSequence txHash feeWei } } }', { id: executionId }, creator);
  assert.deepEqual(read.data.execution, { gpuMilliseconds: 1500, receipt: { status: 'posted', batchSequence: 7, txHash, feeWei: '100' } });
});

test('executionUpdated over SSE: the current state, each published update, then completes at a terminal status', async () => {
  const executionId = await submit();
  const stream = await openSubscription(api.url, SUBSCRIPTION, { id: executionId }, { 'x-test-user': caller });
  assert.equal(stream.status, 200);
  const first = await stream.next();
  assert.deepEqual(first, { event: 'next', data: { data: { executionUpdated: { executionId, status: 'queued', errorCode: null, costWei: null } } } });

  // A change is heard once published after its commit (the poll is a minute away).
  await api.db.query(`UPDATE agent_executions SET status = 'running', started_at = now(), attempts = 1 WHERE id = $1`, [executionId]);
  await publishExecutionUpdate(redis, executionId, { prefix });
  assert.equal((await stream.next())?.data.data.executionUpdated.status, 'running');

  // A publication without a change sends nothing; the next change is sent, and being terminal, ends the stream.
  await publishExecutionUpdate(redis, executionId, { prefix });
  await api.db.query(`UPDATE agent_executions SET status = 'succeeded', finished_at = now(), cost_wei = 100 WHERE id = $1`, [executionId]);
  // As the orchestrator publishes: many executions' updates in one pipeline (this one among others).
  await publishExecutionUpdates(redis, [randomUUID(), executionId, randomUUID()], { prefix });
  const last = await stream.next();
  assert.deepEqual(last?.data.data.executionUpdated, { executionId, status: 'succeeded', errorCode: null, costWei: '100' });
  assert.equal((await stream.next())?.event, 'complete');
  assert.equal(await stream.next(), null);
  stream.close();
  // Nobody listens any more: the channel was unsubscribed.
  await waitFor(async () => ((await redis.pubsub('NUMSUB', executionUpdateChannel(executionId, { prefix }))) as [string, number])[1] === 0);
});

test('executionUpdated: the agent creator may follow; a cancellation is published; strangers get NOT_FOUND', async () => {
  const executionId = await submit();
  const stream = await openSubscription(api.url, SUBSCRIPTION, { id: executionId }, { 'x-test-user': creator });
  assert.equal((await stream.next())?.data.data.executionUpdated.status, 'queued');
  assert.equal((await call('POST', `/api/v1/executions/${executionId}/cancel`, caller)).status, 200);
  assert.deepEqual((await stream.next())?.data.data.executionUpdated, { executionId, status: 'cancelled', errorCode: 'CANCELLED', costWei: null });
  assert.equal((await stream.next())?.event, 'complete');
  stream.close();

  // Already terminal: the current state, then the end.
  const finished = await openSubscription(api.url, SUBSCRIPTION, { id: executionId }, { 'x-test-user': caller });
  assert.equal((await finished.next())?.data.data.executionUpdated.status, 'cancelled');
  assert.equal((await finished.next())?.event, 'complete');
  finished.close();

  const refused = await openSubscription(api.url, SUBSCRIPTION, { id: executionId }, { 'x-test-user': stranger });
  const error = await refused.next();
  assert.equal(error?.data.errors[0].extensions.code, 'NOT_FOUND');
  refused.close();
  const anonymous = await openSubscription(api.url, SUBSCRIPTION, { id: executionId }, {});
  assert.equal((await anonymous.next())?.data.errors[0].extensions.code, 'UNAUTHENTICATED');
  anonymous.close();
});

test('executionUpdated: a client that leaves releases its subscription; shutdown ends open streams', async () => {
  const executionId = await submit();
  const channel = executionUpdateChannel(executionId, { prefix });
  const numsub = async () => ((await redis.pubsub('NUMSUB', channel)) as [string, number])[1];
  const leaving = await openSubscription(api.url, SUBSCRIPTION, { id: executionId }, { 'x-test-user': caller });
  const staying = await openSubscription(api.url, SUBSCRIPTION, { id: executionId }, { 'x-test-user': caller });
  await leaving.next();
  await staying.next();
  // Two subscriptions of one process share one Redis subscription.
  assert.equal(await numsub(), 1);
  leaving.close();
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(await numsub(), 1);
  await api.db.query(`UPDATE agent_executions SET status = 'running', started_at = now(), attempts = 1 WHERE id = $1`, [executionId]);
  await publishExecutionUpdate(redis, executionId, { prefix });
  assert.equal((await staying.next())?.data.data.executionUpdated.status, 'running');

  shutdown.abort();
  assert.equal((await staying.next())?.event, 'complete');
  assert.equal(await staying.next(), null);
  staying.close();
  await waitFor(async () => (await numsub()) === 0);
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
