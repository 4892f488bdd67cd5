// Submitting and reading executions over HTTP and GraphQL, on a fresh database.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { agentsModule } from '../agents/agents-module.ts';
import { startTestApi, type TestApi } from '../api/test-api.ts';
import type { ExecutionQueue, QueuedExecution, QueuedExecutionGroup } from './execution-queue.ts';
import { executionsModule } from './executions-module.ts';

let api: TestApi;
let caller: string;
let stranger: string;
let creator: string;
let registered: string;
let draft: string;
const enqueued: QueuedExecution[] = [];
const groups: QueuedExecutionGroup[] = [];
let queueDown = false;
let enqueueCalls = 0;
const queue: ExecutionQueue = {
  enqueue: async (group) => {
    enqueueCalls += 1;
    if (queueDown) throw new Error('Redis is down');
    groups.push(group);
    enqueued.push(...group.executions);
  },
};

/** Resolves once `count` executions in all have been handed to the queue: after the answers, when their
 *  job group's window closes (job-group-window.ts). */
async function handedOff(count: number) {
  for (const deadline = Date.now() + 2_000; enqueued.length < count && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Each execution's recorded job group, as handed to the queue. */
async function assertGroupsRecorded(executionIds: readonly string[]) {
  const { rows } = await api.db.query<{ id: string; job_group: string }>('SELECT id, job_group FROM agent_executions WHERE id = ANY($1::uuid[])', [executionIds]);
  const handed = new Map(groups.flatMap((group) => group.executions.map((execution) => [execution.executionId, group.groupId] as const)));
  assert.equal(rows.length, executionIds.length);
  for (const row of rows) assert.equal(row.job_group, handed.get(row.id), `execution ${row.id} is recorded in the group it was handed to the queue in`);
}

before(async () => {
  api = await startTestApi([agentsModule(), executionsModule({ queue })]);
  const user = async (byte: string) => (await api.db.query<{ id: string }>('INSERT INTO users (wallet_address) VALUES ($1) RETURNING id', [`0x${byte.repeat(20)}`])).rows[0]!.id;
  [caller, stranger, creator] = [await user('01'), await user('02'), await user('03')];
  const agent = async (status: string, onchainId: number | null) =>
    (
      await api.db.query<{ id: string }>(
        `INSERT INTO agents (creator_user_id, creator_address, name, status, onchain_id, fee_per_execution) VALUES ($1, $2, 'x', $3, $4, 12345) RETURNING id`,
        [creator, `0x${'03'.repeat(20)}`, status, onchainId],
      )
    ).rows[0]!.id;
  registered = await agent('registered', 1);
  draft = await agent('draft', null);
});

after(() => api?.close());

async function call(method: string, path: string, user: string | null, body?: unknown, scopes?: string) {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: { ...(user ? { 'x-test-user': user } : {}), ...(scopes ? { 'x-test-scopes': scopes } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as any };
}

test('execute queues an execution, records usage and hands it to the queue once', async () => {
  const queuedBefore = enqueued.length;
  const submitted = await call('POST', `/api/v1/agents/${registered}/execute`, caller, { input: { prompt: 'hello' }, idempotencyKey: 'k-1' });
  assert.equal(submitted.status, 200);
  assert.equal(submitted.body.status, 'queued');
  assert.equal(submitted.body.duplicate, false);
  assert.equal(submitted.body.estimatedTime, null);
  await handedOff(queuedBefore + 1);
  assert.deepEqual(enqueued.at(-1), {
    executionId: submitted.body.executionId,
    agentId: registered,
    onchainAgentId: '1',
    userId: caller,
    inputHash: enqueued.at(-1)!.inputHash,
    feeWei: '12345',
  });
  assert.match(enqueued.at(-1)!.inputHash, /^0x[0-9a-f]{64}$/);
  await assertGroupsRecorded([submitted.body.executionId]);
  const usage = await api.db.query('SELECT endpoint FROM usage_records WHERE execution_id = $1', [submitted.body.executionId]);
  assert.deepEqual(usage.rows, [{ endpoint: 'execute' }]);

  // A retry with the same key returns the same execution and queues nothing more (not even once its
  // group's window has closed).
  const count = enqueued.length;
  const retried = await call('POST', `/api/v1/agents/${registered}/execute`, caller, { input: { prompt: 'hello' }, idempotencyKey: 'k-1' });
  assert.equal(retried.body.executionId, submitted.body.executionId);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(retried.body.duplicate, true);
  assert.equal(enqueued.length, count);
  // The same key with another input is a conflict, and writes nothing.
  const conflicting = await call('POST', `/api/v1/agents/${registered}/execute`, caller, { input: { prompt: 'other' }, idempotencyKey: 'k-1' });
  assert.equal(conflicting.status, 409);
  assert.equal(conflicting.body.error.code, 'CONFLICT');
  assert.equal((await api.db.query('SELECT count(*)::int AS n FROM agent_executions')).rows[0].n, 1);
});

test('an execution is visible to its caller and the agent creator only', async () => {
  const submitted = await call('POST', `/api/v1/agents/${registered}/execute`, caller, { input: [1, 2, 3] });
  const id = submitted.body.executionId;
  const mine = await call('GET', `/api/v1/executions/${id}`, caller);
  assert.equal(mine.status, 200);
  assert.equal(mine.body.status, 'queued');
  assert.equal(mine.body.agentId, registered);
  assert.equal(mine.body.costWei, null);
  assert.equal((await call('GET', `/api/v1/executions/${id}`, creator)).status, 200);
  assert.equal((await call('GET', `/api/v1/executions/${id}`, stranger)).body.error.code, 'NOT_FOUND');
  assert.equal((await call('GET', `/api/v1/executions/not-a-uuid`, caller)).body.error.code, 'INVALID_ARGUMENT');

  // Once finished, the cost and execution time show; the status route counts what is in flight.
  await api.db.query(`UPDATE agent_executions SET status = 'succeeded', started_at = queued_at, finished_at = queued_at + interval '1.5 seconds', cost_wei = 12345, result = '{"answer":42}' WHERE id = $1`, [id]);
  const finished = await call('GET', `/api/v1/executions/${id}`, caller);
  assert.deepEqual([finished.body.status, finished.body.costWei, finished.body.executionTime, finished.body.result], ['succeeded', '12345', 1500, { answer: 42 }]);
  const status = await call('GET', `/api/agents/${registered}/status`, null);
  assert.equal(status.status, 200);
  assert.deepEqual(status.body.executions.queued, 1);
  assert.equal(status.body.executable, true);
});

test('an execution the queue did not take stays queued in PostgreSQL (for the reconciler) and is answered as queued', async () => {
  queueDown = true;
  try {
    const calls = enqueueCalls;
    const submitted = await call('POST', `/api/v1/agents/${registered}/execute`, caller, { input: 'while Redis is down' });
    assert.deepEqual([submitted.status, submitted.body.status], [200, 'queued']);
    // The group's hand-off comes after the answer, and fails.
    for (const deadline = Date.now() + 2_000; enqueueCalls === calls && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(enqueueCalls, calls + 1, 'the queue was asked once');
    assert.ok(!enqueued.some((execution) => execution.executionId === submitted.body.executionId));
    const stored = await api.db.query('SELECT status, job_group FROM agent_executions WHERE id = $1', [submitted.body.executionId]);
    assert.equal(stored.rows[0].status, 'queued');
    assert.match(stored.rows[0].job_group, /^[0-9a-f-]{36}$/, 'its group is recorded, for the reconciler to find without a job');
  } finally {
    queueDown = false;
  }
});

test('refusals: anonymous 401, missing scope 403, unregistered agent 409, bad bodies 400/413/415', async () => {
  const path = `/api/v1/agents/${registered}/execute`;
  assert.equal((await call('POST', path, null, { input: 1 })).status, 401);
  const noScope = await call('POST', path, caller, { input: 1 }, 'agents:read');
  assert.deepEqual([noScope.status, noScope.body.error.code], [403, 'FORBIDDEN']);
  const unregistered = await call('POST', `/api/v1/agents/${draft}/execute`, caller, { input: 1 });
  assert.deepEqual([unregistered.status, unregistered.body.error.code], [409, 'CONFLICT']);
  assert.equal((await call('POST', path, caller, { input: 1, extra: true })).body.error.code, 'INVALID_ARGUMENT');
  assert.equal((await call('POST', path, caller, {})).body.error.code, 'INVALID_ARGUMENT');
  assert.equal((await call('POST', path, caller, { input: 'x'.repeat(40_000) })).body.error.code, 'PAYLOAD_TOO_LARGE');
  const notJson = await fetch(`${api.url}${path}`, { method: 'POST', headers: { 'x-test-user': caller, 'content-type': 'application/json' }, body: '{"input":' });
  assert.deepEqual([notJson.status, ((await notJson.json()) as any).error.code], [400, 'BAD_REQUEST']);
  const wrongType = await fetch(`${api.url}${path}`, { method: 'POST', headers: { 'x-test-user': caller, 'content-type': 'text/plain' }, body: '{}' });
  assert.equal(wrongType.status, 415);
  const huge = await fetch(`${api.url}${path}`, { method: 'POST', headers: { 'x-test-user': caller, 'content-type': 'application/json' }, body: JSON.stringify({ input: 'y'.repeat(100_000) }) });
  assert.equal(huge.status, 413);
  assert.equal((await call('POST', `/api/v1/agents/00000000-0000-4000-8000-000000000000/execute`, caller, { input: 1 })).status, 404);
});

test('GraphQL executeAgent and execution go through the same operations', async () => {
  const gql = async (query: string, variables: Record<string, unknown>, user: string | null) => {
    const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(user ? { 'x-test-user': user } : {}) }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as any;
  };
  const submitted = await gql('mutation($id: ID!, $input: JSON!) { executeAgent(id: $id, input: $input) { executionId status duplicate } }', { id: registered, input: { q: 1 } }, caller);
  assert.equal(submitted.data.executeAgent.status, 'queued');
  const read = await gql('query($id: ID!) { execution(id: $id) { status agentId } }', { id: submitted.data.executeAgent.executionId }, caller);
  assert.deepEqual(read.data.execution, { status: 'queued', agentId: registered });
  const anonymous = await gql('mutation($id: ID!) { executeAgent(id: $id, input: 1) { executionId } }', { id: registered }, null);
  assert.equal(anonymous.errors[0].extensions.code, 'UNAUTHENTICATED');
});

test('concurrent submits (group-committed) each get their own answer: by UUID or on-chain id, unknown, not registered, a repeated idempotency key', async () => {
  const before = (await api.db.query<{ n: number }>('SELECT count(*)::int AS n FROM agent_executions')).rows[0]!.n;
  const queuedBefore = enqueued.length;
  const submit = (agentId: string, body: unknown) => call('POST', `/api/v1/agents/${agentId}/execute`, caller, body);
  const answers = await Promise.all([
    submit(registered, { input: { n: 1 } }),
    submit('1', { input: { n: 2 } }), // the same agent by its on-chain id
    submit('00000000-0000-4000-8000-000000000000', { input: { n: 3 } }),
    submit('999', { input: { n: 4 } }),
    submit(draft, { input: { n: 5 } }),
    submit(registered, { input: { n: 6 }, idempotencyKey: 'grouped' }),
    submit(registered, { input: { n: 6 }, idempotencyKey: 'grouped' }),
  ]);
  assert.deepEqual(
    answers.map((answer) => [answer.status, answer.body.status ?? answer.body.error.code]),
    [[200, 'queued'], [200, 'queued'], [404, 'NOT_FOUND'], [404, 'NOT_FOUND'], [409, 'CONFLICT'], [200, 'queued'], [200, 'queued']],
  );
  // The repeated key names one execution, written once, answered once as new and once as a duplicate.
  assert.equal(answers[5]!.body.executionId, answers[6]!.body.executionId);
  assert.deepEqual([answers[5]!.body.duplicate, answers[6]!.body.duplicate].sort(), [false, true]);
  const written = [answers[0]!, answers[1]!, answers[5]!].map((answer) => answer.body.executionId as string);
  assert.equal(new Set(written).size, 3);
  const rows = await api.db.query<{ id: string; agent_id: string; usage: number }>(
    `SELECT e.id, e.agent_id, (SELECT count(*)::int FROM usage_records u WHERE u.execution_id = e.id) AS usage FROM agent_executions e WHERE e.id = ANY($1::uuid[]) ORDER BY e.queued_at`,
    [written],
  );
  assert.deepEqual(rows.rows.map((row) => [row.agent_id, row.usage]), [[registered, 1], [registered, 1], [registered, 1]]);
  assert.equal((await api.db.query<{ n: number }>('SELECT count(*)::int AS n FROM agent_executions')).rows[0]!.n, before + 3);
  // Each new execution is handed to the queue once (after its answer: wait for the last hand-off).
  await handedOff(queuedBefore + 3);
  assert.deepEqual(enqueued.slice(queuedBefore).map((execution) => execution.executionId).sort(), [...written].sort());
  await assertGroupsRecorded(written);
});

test('waves of concurrent submits retrying the same keys in crosswise orders (two statements in flight): one execution per key, answered new once', async () => {
  const keys = Array.from({ length: 8 }, (_, index) => `crosswise-${index}`);
  const submit = (key: string) => call('POST', `/api/v1/agents/${registered}/execute`, caller, { input: { key }, idempotencyKey: key });
  // Each wave sends every key twice, forwards then backwards, so groups in flight together hold the same keys in opposite orders.
  const answers = (await Promise.all(Array.from({ length: 4 }, () => Promise.all([...keys, ...[...keys].reverse()].map(submit))))).flat();
  assert.ok(answers.every((answer) => answer.status === 200), JSON.stringify(answers.find((answer) => answer.status !== 200)?.body));
  const rows = await api.db.query<{ idempotency_key: string; n: number }>(
    `SELECT idempotency_key, count(*)::int AS n FROM agent_executions WHERE user_id = $1 AND idempotency_key LIKE 'crosswise-%' GROUP BY 1 ORDER BY 1`,
    [caller],
  );
  assert.deepEqual(rows.rows.map((row) => [row.idempotency_key, row.n]), keys.map((key) => [key, 1]));
  const byExecution = new Map<string, boolean[]>();
  for (const answer of answers) byExecution.set(answer.body.executionId, [...(byExecution.get(answer.body.executionId) ?? []), answer.body.duplicate]);
  assert.equal(byExecution.size, keys.length, 'every answer names its key\'s one execution');
  for (const [executionId, duplicates] of byExecution) assert.deepEqual([duplicates.length, duplicates.filter((duplicate) => !duplicate).length], [8, 1], executionId);
});
