// The execution worker end to end: BullMQ on the real Redis, the real PostgreSQL schema, the real local
// driver running the echo agent and small test agents. Each test uses its own agent and payer, so the
// tests share one worker without sharing limits or payment channels.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { cancelExecution } from '../queue/cancel-execution.ts';
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
