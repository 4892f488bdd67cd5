// The execution worker end to end: BullMQ on the real Redis, the real PostgreSQL schema, the real local
// driver running the echo agent and small test agents. Each test uses its own agent and payer, so the
// tests share one worker without sharing limits or payment channels.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { cancelExecution } from '../queue/cancel-execution.ts';
import { groupJobId } from '../queue/execution-job.ts';
import { createBullmqExecutionQueue } from '../queue/execution-queue-bullmq.ts';
import { type ExecutionWorker, startExecutionWorker } from './execution-worker.ts';
import { createExecutionTestSetup, type ExecutionTestSetup, fakeGpuAllocator, ORCHESTRATOR } from './test-execution-setup.ts';

let t: ExecutionTestSetup;
let worker: ExecutionWorker;
const gpu = fakeGpuAllocator({ gpuMilliseconds: 1_500, costWei: 12_345n });
const FEE = 1_000n;

before(async () => {
  t = await createExecutionTestSetup();
  worker = await startExecutionWorker({
    connection: t.redis,
    prefix: t.prefix,
    queueName: t.queueName,
    concurrency: 8,
    lockDurationMs: 5_000,
    db: t.db,
    drivers: { local: t.driver },
    gpu,
    // 1,000 wei per GPU per second of the longest lease.
    maxGpuCostWei: (requirement, ms) => BigInt(requirement.count) * BigInt(Math.ceil(ms / 1000)) * 1_000n,
    secretsKey: t.secretsKey,
    orchestrator: ORCHESTRATOR,
    logger: t.logger,
    limitedDelayMs: 50,
  });
});

after(async () => {
  await worker?.close();
  await t?.close();
});

const sha256 = (text: string) => `0x${createHash('sha256').update(text).digest('hex')}`;

describe('success', () => {
  test('writes the result, the receipt and the payer cumulative; a second execution adds to it', async () => {
    const payer = await t.user();
    await t.authorize(payer.wallet, 10_000n);
    const agent = await t.agent({ agent: 'echo', feeWei: FEE });
    const first = await t.submit(agent, payer.id, { hello: ['world'], b: 1 });
    const row = await t.waitForStatus(first, ['succeeded']);
    assert.deepEqual(row.result, { hello: ['world'], b: 1 });
    assert.equal(row.output_hash, sha256('{"b":1,"hello":["world"]}'));
    assert.equal(row.cost_wei, '1000');
    assert.equal(row.gpu_milliseconds, '0');
    assert.equal(row.attempts, 1);
    assert.equal(row.cached, false);
    assert.equal(row.reserved_wei, '0');
    assert.ok(row.finished_at! >= row.started_at!);
    assert.deepEqual(await t.receipts(first), [
      {
        execution_id: first,
        orchestrator: ORCHESTRATOR,
        onchain_agent_id: (await t.db.query('SELECT onchain_id::text FROM agents WHERE id = $1', [agent])).rows[0].onchain_id,
        payer: payer.wallet,
        input_hash: sha256(JSON.stringify({ hello: ['world'], b: 1 })),
        output_hash: row.output_hash,
        gpu_seconds: '0',
        fee_wei: '1000',
        payer_cumulative_wei: '1000',
      },
    ]);
    const second = await t.submit(agent, payer.id, { n: 2 });
    await t.waitForStatus(second, ['succeeded']);
    assert.equal((await t.receipts(second))[0]!.payer_cumulative_wei, '2000');
    assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '2000', reserved_wei: '0' });
  });

  test('a GPU run leases GPUs, charges fee + GPU cost × multiplier (rounded up) and opens its secrets', async () => {
    const payer = await t.user();
    await t.authorize(payer.wallet, 1_000_000n);
    const agent = await t.agent({ feeWei: FEE, gpuMultiplierBps: 15_000, config: { gpu: { count: 2 } }, secrets: { SECRET_WORD: 'swordfish' } });
    const executionId = await t.submit(agent, payer.id, { secret: true });
    const row = await t.waitForStatus(executionId, ['succeeded']);
    assert.equal((row.result as { secret: string }).secret, 'swordfish');
    // 1,000 + ceil(12,345 × 1.5)
    assert.equal(row.cost_wei, String(1_000n + 18_518n));
    assert.equal(row.gpu_milliseconds, '1500');
    const [receipt] = await t.receipts(executionId);
    assert.equal(receipt!.gpu_seconds, '2');
    assert.equal(receipt!.fee_wei, row.cost_wei);
    const lease = gpu.leases.find((candidate) => candidate.executionId === executionId)!;
    assert.deepEqual(lease.requirement, { count: 2 });
    assert.equal(lease.released, true);
  });
});

describe('at-least-once delivery, exactly-once effect', () => {
  test('enqueueing twice runs once', async () => {
    const payer = await t.user();
    await t.authorize(payer.wallet, 10_000n);
    const agent = await t.agent({ agent: 'echo', feeWei: FEE });
    const executionId = await t.execution(agent, payer.id, { twice: true });
    const queued = { executionId, agentId: agent, onchainAgentId: null, userId: payer.id, inputHash: '0x' as const, feeWei: '0' };
    await Promise.all([t.queue.enqueue(queued), t.queue.enqueue(queued)]);
    await t.waitForStatus(executionId, ['succeeded']);
    await t.waitForJob(executionId, ['completed']);
    await t.queue.enqueue(queued);
    assert.equal(await t.queue.queue.getJobState(executionId), 'completed', 'a job already there is not added again');
    assert.equal(t.driver.runs.get(executionId), 1);
    assert.equal((await t.receipts(executionId)).length, 1);
  });

  test('a redelivered job for a succeeded execution does nothing', async () => {
    const payer = await t.user();
    await t.authorize(payer.wallet, 10_000n);
    const agent = await t.agent({ agent: 'echo', feeWei: FEE });
    const executionId = await t.submit(agent, payer.id, { again: true });
    await t.waitForStatus(executionId, ['succeeded']);
    await t.waitForJob(executionId, ['completed']);
    // As if the completed job had been evicted and the execution enqueued again.
    await t.queue.queue.remove(executionId);
    await t.queue.enqueue({ executionId, agentId: agent, onchainAgentId: null, userId: payer.id, inputHash: '0x', feeWei: '0' });
    await t.waitForJob(executionId, ['completed']);
    assert.deepEqual((await t.queue.queue.getJob(executionId))!.returnvalue, { outcome: 'skipped' });
    assert.equal(t.driver.runs.get(executionId), 1);
    assert.equal((await t.receipts(executionId)).length, 1);
    assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '1000', reserved_wei: '0' });
    assert.equal((await t.row(executionId)).attempts, 1);
  });
});

describe('failures', () => {
  test('a retryable failure is retried and then succeeds, with one receipt and one fee', async () => {
    const payer = await t.user();
    await t.authorize(payer.wallet, 10_000n);
    const agent = await t.agent({ agent: 'echo', feeWei: FEE });
    t.driver.failRuns.set(agent, 1);
    const executionId = await t.submit(agent, payer.id, { flaky: true });
    const row = await t.waitForStatus(executionId, ['succeeded']);
    assert.equal(row.attempts, 2);
    assert.equal(t.driver.runs.get(executionId), 2);
    assert.equal((await t.receipts(executionId)).length, 1);
    assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '1000', reserved_wei: '0' });
  });

  test('a retryable failure on every attempt is failed with its code once attempts run out: no receipt, no charge', async () => {
    const payer = await t.user();
    await t.authorize(payer.wallet, 10_000n);
    const agent = await t.agent({ agent: 'echo', feeWei: FEE });
    t.driver.failRuns.set(agent, 3);
    const executionId = await t.submit(agent, payer.id, { hopeless: true });
    const row = await t.waitForStatus(executionId, ['failed', 'succeeded']);
    assert.equal(row.status, 'failed');
    assert.equal(row.error_code, 'UNAVAILABLE');
    assert.equal(row.attempts, 3);
    await t.waitForJob(executionId, ['failed']);
    assert.deepEqual(await t.receipts(executionId), []);
    assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '0', reserved_wei: '0' });
  });

  test('a permanent failure (malformed output) is failed MALFORMED_OUTPUT: no retry, no receipt, no charge', async () => {
    const payer = await t.user();
    await t.authorize(payer.wallet, 10_000n);
    const agent = await t.agent({ agent: 'malformed', feeWei: FEE });
    const executionId = await t.submit(agent, payer.id, {});
    const row = await t.waitForStatus(executionId, ['failed']);
    assert.equal(row.error_code, 'MALFORMED_OUTPUT');
    assert.equal(row.logs, 'forgot the output');
    assert.equal(row.cost_wei, '0');
    await t.waitForJob(executionId, ['failed']);
    assert.equal(t.driver.runs.get(executionId), 1);
    assert.deepEqual(await t.receipts(executionId), []);
    assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '0', reserved_wei: '0' });
  });

  test('a run over its timeout is timed_out: no receipt, no charge', async () => {
    const payer = await t.user();
    await t.authorize(payer.wallet, 10_000n);
    const agent = await t.agent({ feeWei: FEE, config: { timeoutSeconds: 1 } });
    const executionId = await t.submit(agent, payer.id, { sleepMs: 5_000 });
    const row = await t.waitForStatus(executionId, ['timed_out', 'failed', 'succeeded'], 5_000);
    assert.equal(row.status, 'timed_out');
    assert.equal(row.error_code, 'TIMEOUT');
    assert.deepEqual(await t.receipts(executionId), []);
    assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '0', reserved_wei: '0' });
    assert.equal(t.driver.runs.get(executionId), 1);
  });
});

describe('cancellation', () => {
  test('a queued execution is cancelled and its job removed; a job that still comes runs nothing', async () => {
    const payer = await t.user();
    await t.authorize(payer.wallet, 10_000n);
    const agent = await t.agent({ agent: 'echo', feeWei: FEE });
    // A queue nobody works on, so the execution stays queued until cancelled.
    const idle = createBullmqExecutionQueue({ connection: t.redis, prefix: t.prefix, queueName: 'idle' });
    try {
      const executionId = await t.execution(agent, payer.id, { cancelled: 'queued' });
      await idle.enqueue({ executionId, agentId: agent, onchainAgentId: null, userId: payer.id, inputHash: '0x', feeWei: '0' });
      assert.deepEqual(await cancelExecution({ db: t.db, queue: idle }, executionId), { cancelled: true, previousStatus: 'queued' });
      assert.equal(await idle.queue.getJob(executionId), undefined);
      assert.deepEqual(await cancelExecution({ db: t.db, queue: idle }, executionId), { cancelled: false, status: 'cancelled' });
      await t.queue.enqueue({ executionId, agentId: agent, onchainAgentId: null, userId: payer.id, inputHash: '0x', feeWei: '0' });
      await t.waitForJob(executionId, ['completed']);
      const row = await t.row(executionId);
      assert.equal(row.status, 'cancelled');
      assert.equal(row.error_code, 'CANCELLED');
      assert.equal(t.driver.runs.get(executionId), undefined);
      assert.deepEqual(await t.receipts(executionId), []);
    } finally {
      await idle.close();
    }
  });

  test('a running execution is cancelled: its run is aborted, its reservation released, nothing charged', async () => {
    const payer = await t.user();
    await t.authorize(payer.wallet, 10_000n);
    const agent = await t.agent({ feeWei: FEE });
    const executionId = await t.submit(agent, payer.id, { sleepMs: 5_000 });
    await t.waitForStatus(executionId, ['running']);
    assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '0', reserved_wei: '1000' });
    const started = Date.now();
    assert.deepEqual(await cancelExecution({ db: t.db, queue: t.queue }, executionId), { cancelled: true, previousStatus: 'running' });
    assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '0', reserved_wei: '0' });
    await t.waitForJob(executionId, ['completed']);
    assert.ok(Date.now() - started < 2_000, 'the run was aborted, not waited for');
    assert.deepEqual((await t.queue.queue.getJob(executionId))!.returnvalue, { outcome: 'superseded' });
    const row = await t.row(executionId);
    assert.equal(row.status, 'cancelled');
    assert.deepEqual(await t.receipts(executionId), []);
    assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '0', reserved_wei: '0' });
  });
});

describe('deterministic cache', () => {
  test('a second identical input is answered from the cache: no run, marked cached, still receipted and charged', async () => {
    const payer = await t.user();
    await t.authorize(payer.wallet, 10_000n);
    const agent = await t.agent({ agent: 'echo', feeWei: FEE, config: { deterministic: true } });
    const first = await t.submit(agent, payer.id, { same: 'input' });
    const firstRow = await t.waitForStatus(first, ['succeeded']);
    const second = await t.submit(agent, payer.id, { same: 'input' });
    const secondRow = await t.waitForStatus(second, ['succeeded']);
    assert.equal(t.driver.runs.get(first), 1);
    assert.equal(t.driver.runs.get(second), undefined);
    assert.equal(firstRow.cached, false);
    assert.equal(secondRow.cached, true);
    assert.deepEqual(secondRow.result, firstRow.result);
    assert.equal(secondRow.output_hash, firstRow.output_hash);
    assert.equal(secondRow.cost_wei, '1000');
    assert.equal((await t.receipts(second))[0]!.payer_cumulative_wei, '2000');
    const third = await t.submit(agent, payer.id, { other: 'input' });
    assert.equal((await t.waitForStatus(third, ['succeeded'])).cached, false);
  });
});

describe('limits', () => {
  test('maxConcurrent 1: three executions never run two at once, and all succeed', async () => {
    const payer = await t.user();
    const agent = await t.agent({ config: { maxConcurrent: 1 } });
    const executions = await Promise.all([1, 2, 3].map((n) => t.submit(agent, payer.id, { n, sleepMs: 150 })));
    for (const executionId of executions) await t.waitForStatus(executionId, ['succeeded']);
    assert.equal(t.driver.maxInFlight.get(agent), 1);
    for (const executionId of executions) assert.equal(t.driver.runs.get(executionId), 1);
    assert.deepEqual(await t.receipts(executions[0]!), [], 'a free execution gets no receipt');
  });

  test('PAYMENT_REQUIRED without an authorization: failed before running, nothing charged', async () => {
    const payer = await t.user();
    const agent = await t.agent({ agent: 'echo', feeWei: FEE });
    const executionId = await t.submit(agent, payer.id, { unpaid: true });
    const row = await t.waitForStatus(executionId, ['failed']);
    assert.equal(row.error_code, 'PAYMENT_REQUIRED');
    assert.equal(row.attempts, 0);
    assert.equal(t.driver.runs.get(executionId), undefined);
    assert.deepEqual(await t.receipts(executionId), []);
  });

  test('reservations keep concurrent executions within the authorization', async () => {
    const payer = await t.user();
    // Two fees' worth, authorized twice (the largest authorization counts, not the sum).
    await t.authorize(payer.wallet, 1_500n);
    await t.authorize(payer.wallet, 2n * FEE);
    const agent = await t.agent({ feeWei: FEE, config: { maxConcurrent: 10 } });
    const executions = await Promise.all([1, 2, 3, 4, 5].map((n) => t.submit(agent, payer.id, { n, sleepMs: 300 })));
    const rows = await Promise.all(executions.map((executionId) => t.waitForStatus(executionId, ['succeeded', 'failed'])));
    assert.equal(rows.filter((row) => row.status === 'succeeded').length, 2);
    assert.deepEqual(
      rows.filter((row) => row.status === 'failed').map((row) => row.error_code),
      ['PAYMENT_REQUIRED', 'PAYMENT_REQUIRED', 'PAYMENT_REQUIRED'],
    );
    assert.ok((t.driver.maxInFlight.get(agent) ?? 0) === 2, 'the two paid runs overlapped');
    assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '2000', reserved_wei: '0' });
    const cumulative = (await Promise.all(executions.map((executionId) => t.receipts(executionId)))).flat().map((receipt) => receipt.payer_cumulative_wei).sort();
    assert.deepEqual(cumulative, ['1000', '2000']);
  });
});

test('an agent whose config no driver here runs fails BAD_CONFIG', async () => {
  const payer = await t.user();
  const agent = await t.agent({ config: { runtime: 'inference', command: undefined, model: 'm' } });
  const executionId = await t.submit(agent, payer.id, {});
  const row = await t.waitForStatus(executionId, ['failed']);
  assert.equal(row.error_code, 'BAD_CONFIG');
  assert.match(row.error!, /runs no inference agents/);
});

// The API adds one job per group of executions (queue/execution-job.ts): its executions run side by side in
// it, and one that cannot finish there goes on in a job of its own.
describe('group jobs', () => {
  const groupJob = (groupId: string) => t.queue.queue.getJob(groupJobId(groupId));
  async function waitForGroupJob(groupId: string) {
    for (const deadline = Date.now() + 10_000; ; ) {
      const job = await groupJob(groupId);
      if (job?.finishedOn) return job;
      if (Date.now() > deadline) throw new Error(`group job ${groupId} is ${job ? await job.getState() : 'missing'}, not finished`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  test('five executions of two payers: each runs once in the group job, receipts chain each payer in turn, nothing handed off', async () => {
    const [first, second] = [await t.user(), await t.user()];
    await t.authorize(first.wallet, 10_000n);
    await t.authorize(second.wallet, 10_000n);
    // Room for all five at once (the default maxConcurrent is 4: the fifth would be held back).
    const agent = await t.agent({ agent: 'echo', feeWei: FEE, config: { maxConcurrent: 5 } });
    const { groupId, executionIds } = await t.submitGroup([first, second, first, first, second].map((payer, n) => ({ agentId: agent, userId: payer.id, input: { n } })));
    const rows = await Promise.all(executionIds.map((executionId) => t.waitForStatus(executionId, ['succeeded', 'failed'])));
    assert.deepEqual(rows.map((row) => [row.status, row.attempts, row.cost_wei]), executionIds.map(() => ['succeeded', 1, '1000']));
    assert.deepEqual(rows.map((row) => row.result), [0, 1, 2, 3, 4].map((n) => ({ n })));
    for (const executionId of executionIds) assert.equal(t.driver.runs.get(executionId), 1);
    const job = await waitForGroupJob(groupId);
    assert.deepEqual(job.returnvalue, { settled: 5, handedOff: 0 });
    for (const executionId of executionIds) assert.equal(await t.queue.queue.getJob(executionId), undefined, 'no job of its own');
    assert.deepEqual(await t.channel(first.wallet), { charged_wei: '3000', reserved_wei: '0' });
    assert.deepEqual(await t.channel(second.wallet), { charged_wei: '2000', reserved_wei: '0' });
    const cumulative = async (executionIds: string[]) => (await Promise.all(executionIds.map((executionId) => t.receipts(executionId)))).map((receipts) => receipts[0]!.payer_cumulative_wei).sort();
    assert.deepEqual(await cumulative([executionIds[0]!, executionIds[2]!, executionIds[3]!]), ['1000', '2000', '3000']);
    assert.deepEqual(await cumulative([executionIds[1]!, executionIds[4]!]), ['1000', '2000']);
  });

  test('a transient failure goes on in a job of its own (attempt 2 succeeds); a malformed output fails in the group; the rest succeed', async () => {
    const payer = await t.user();
    await t.authorize(payer.wallet, 10_000n);
    const flaky = await t.agent({ agent: 'echo', feeWei: FEE });
    const echo = await t.agent({ agent: 'echo', feeWei: FEE });
    const malformed = await t.agent({ agent: 'malformed', feeWei: FEE });
    t.driver.failRuns.set(flaky, 1);
    const { groupId, executionIds } = await t.submitGroup([flaky, echo, malformed].map((agentId) => ({ agentId, userId: payer.id, input: { agentId } })));
    const [retried, succeeded, failed] = await Promise.all(executionIds.map((executionId) => t.waitForStatus(executionId, ['succeeded', 'failed'])));
    assert.deepEqual([retried!.status, retried!.attempts, t.driver.runs.get(executionIds[0]!)], ['succeeded', 2, 2]);
    assert.deepEqual([succeeded!.status, succeeded!.attempts], ['succeeded', 1]);
    assert.deepEqual([failed!.status, failed!.error_code, t.driver.runs.get(executionIds[2]!)], ['failed', 'MALFORMED_OUTPUT', 1]);
    assert.deepEqual((await waitForGroupJob(groupId)).returnvalue, { settled: 2, handedOff: 1 });
    await t.waitForJob(executionIds[0]!, ['completed']);
    const own = (await t.queue.queue.getJob(executionIds[0]!))!;
    // What the group job's retries had left: 2 of 3.
    assert.equal(own.opts.attempts, 2);
    assert.deepEqual(own.returnvalue, { outcome: 'succeeded', cached: false });
    assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '2000', reserved_wei: '0' });
  });

  test('failing on every attempt: one run in the group, the rest of the attempts in its own job, then failed: 3 runs in all, nothing charged', async () => {
    const payer = await t.user();
    await t.authorize(payer.wallet, 10_000n);
    const agent = await t.agent({ agent: 'echo', feeWei: FEE });
    t.driver.failRuns.set(agent, 10);
    const { executionIds } = await t.submitGroup([{ agentId: agent, userId: payer.id, input: { hopeless: true } }]);
    const executionId = executionIds[0]!;
    await t.waitForJob(executionId, ['failed']);
    const row = await t.waitForStatus(executionId, ['failed']);
    assert.deepEqual([row.error_code, row.attempts, t.driver.runs.get(executionId)], ['UNAVAILABLE', 3, 3]);
    assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '0', reserved_wei: '0' });
  });

  test('maxConcurrent 1: a group of three runs one at a time (the held back go on in delayed jobs of their own); all succeed once', async () => {
    const payer = await t.user();
    const agent = await t.agent({ config: { maxConcurrent: 1 } });
    const { groupId, executionIds } = await t.submitGroup([1, 2, 3].map((n) => ({ agentId: agent, userId: payer.id, input: { n, sleepMs: 150 } })));
    for (const executionId of executionIds) await t.waitForStatus(executionId, ['succeeded']);
    assert.equal(t.driver.maxInFlight.get(agent), 1);
    for (const executionId of executionIds) assert.equal(t.driver.runs.get(executionId), 1);
    const { handedOff, settled } = (await waitForGroupJob(groupId)).returnvalue as { settled: number; handedOff: number };
    assert.equal(settled + handedOff, 3);
    assert.ok(handedOff >= 2, `two of three were held back (${handedOff} handed off)`);
  });

  test('cancelled while its group waits: skipped, the group runs the others; cancelled while running in it: aborted, nothing charged', async () => {
    const payer = await t.user();
    await t.authorize(payer.wallet, 10_000n);
    const agent = await t.agent({ feeWei: FEE });
    const groupId = randomUUID();
    const waiting = await t.execution(agent, payer.id, { sleepMs: 0 }, groupId);
    const running = await t.execution(agent, payer.id, { sleepMs: 5_000 }, groupId);
    const other = await t.execution(agent, payer.id, { sleepMs: 0 }, groupId);
    assert.deepEqual(await cancelExecution({ db: t.db, queue: t.queue }, waiting), { cancelled: true, previousStatus: 'queued' });
    await t.queue.enqueueGroup({ groupId, executionIds: [waiting, running, other] });
    await t.waitForStatus(other, ['succeeded']);
    await t.waitForStatus(running, ['running']);
    const started = Date.now();
    assert.deepEqual(await cancelExecution({ db: t.db, queue: t.queue }, running), { cancelled: true, previousStatus: 'running' });
    assert.deepEqual((await waitForGroupJob(groupId)).returnvalue, { settled: 3, handedOff: 0 });
    assert.ok(Date.now() - started < 2_000, 'the run was aborted, not waited for');
    assert.equal(t.driver.runs.get(waiting), undefined);
    assert.deepEqual([(await t.row(waiting)).status, (await t.row(running)).status], ['cancelled', 'cancelled']);
    assert.deepEqual(await t.receipts(running), []);
    assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '1000', reserved_wei: '0' });
  });

  test('a group job naming no executions fails for good, runs nothing', async () => {
    const job = await t.queue.queue.add('execute-group', { executionIds: ['not-an-id'] }, { jobId: groupJobId(randomUUID()), attempts: 3 });
    for (const deadline = Date.now() + 5_000; (await job.getState()) !== 'failed'; ) {
      if (Date.now() > deadline) throw new Error('the malformed group job did not fail');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const failed = (await t.queue.queue.getJob(job.id!))!;
    assert.equal(failed.attemptsMade, 1, 'not retried');
    assert.match(failed.failedReason, /names no executions/);
  });
});
