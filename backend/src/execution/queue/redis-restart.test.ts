// Redis restarts and comes back empty (the machine's Redis keeps nothing on disk): PostgreSQL still has
// every execution, and the reconciler gives each open one its job back. Nothing is lost, nothing runs
// twice for nothing, and nothing is charged twice. Redis is a redis-server of this test's own, SIGKILLed
// and started again on the same port; PostgreSQL is the machine's.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Registry } from 'prom-client';
import { type ExecutionWorker, startExecutionWorker } from '../worker/execution-worker.ts';
import { createExecutionTestSetup, type ExecutionTestSetup, ORCHESTRATOR } from '../worker/test-execution-setup.ts';
import { reconcileExecutions } from './reconcile-executions.ts';
import { startExecutionReconciler } from './start-reconciler.ts';
import { startTestRedisServer, type TestRedisServer } from './test-redis-server.ts';

let redis: TestRedisServer;
let t: ExecutionTestSetup;
let worker: ExecutionWorker | undefined;

before(async () => {
  redis = await startTestRedisServer();
  t = await createExecutionTestSetup({ redisUrl: redis.url });
  // Refused connections while Redis is down are expected: the client reconnects.
  t.redis.on('error', () => {});
  t.queue.queue.on('error', () => {});
});
afterEach(async () => {
  await worker?.close();
  worker = undefined;
});
after(async () => {
  await t?.close();
  await redis?.close();
});

function startWorker(): Promise<ExecutionWorker> {
  return startExecutionWorker({
    connection: t.redis,
    prefix: t.prefix,
    queueName: t.queueName,
    concurrency: 4,
    lockDurationMs: 2_000,
    db: t.db,
    drivers: { local: t.driver },
    gpu: { acquire: async () => Promise.reject(new Error('no GPUs')) },
    maxGpuCostWei: () => 0n,
    secretsKey: t.secretsKey,
    orchestrator: ORCHESTRATOR,
    logger: t.logger,
  });
}

/** SIGKILLs Redis and starts it again empty, then waits until the test's client is back. */
async function restartRedisEmpty(): Promise<void> {
  await redis.kill();
  await redis.start();
  assert.equal(await t.redis.dbsize(), 0, 'Redis came back empty');
}

async function payerAndAgent(): Promise<{ payer: { id: string; wallet: `0x${string}` }; agent: string }> {
  const payer = await t.user();
  await t.authorize(payer.wallet, 100_000n);
  return { payer, agent: await t.agent({ feeWei: 1_000n }) };
}

test('Redis restarts empty before a worker took anything: the reconciler queues every open execution again; each runs once, with one receipt', async () => {
  const { payer, agent } = await payerAndAgent();
  const submitted = await Promise.all([1, 2, 3, 4].map((n) => t.submit(agent, payer.id, { n })));
  // And one the API recorded but never enqueued (it died between its commit and its enqueue).
  const neverEnqueued = await t.execution(agent, payer.id, { n: 5 });
  const all = [...submitted, neverEnqueued];
  assert.equal(await t.queue.queue.count(), 4);

  await restartRedisEmpty();
  assert.equal(await t.queue.queue.count(), 0);

  const metrics = new Registry();
  const passes: number[] = [];
  const reconciler = startExecutionReconciler({ db: t.db, queue: t.queue, logger: t.logger, minAgeMs: 0, intervalMs: 100, metrics, onPass: (result) => passes.push(result.requeued) });
  try {
    worker = await startWorker();
    for (const executionId of all) {
      const row = await t.waitForStatus(executionId, ['succeeded', 'failed'], 10_000);
      assert.equal(row.status, 'succeeded', `${executionId}: ${row.error_code} ${row.error}`);
      assert.equal(row.attempts, 1);
      assert.equal(t.driver.runs.get(executionId), 1, 'run once');
      assert.equal((await t.receipts(executionId)).length, 1, 'one receipt');
    }
    // The executions may all finish before the interval's first pass: let it run, it must find nothing.
    for (const deadline = Date.now() + 5_000; passes.length < 2 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    await reconciler.stop();
  }
  assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '5000', reserved_wei: '0' });
  assert.equal(
    passes.reduce((sum, requeued) => sum + requeued, 0),
    5,
    'each execution queued again exactly once, however many passes ran',
  );
  const actions = await metrics.getSingleMetric('cr8_execution_reconciler_actions_total')!.get();
  assert.deepEqual(
    actions.values.map(({ labels, value }) => [labels.action, value]),
    [['requeued', 5]],
  );
  assert.ok(passes.length >= 2, 'it ran at start and then on its interval');
});

test('Redis restarts empty mid-run: the running attempt records its outcome; the job given back to it finds it finished', async () => {
  const { payer, agent } = await payerAndAgent();
  worker = await startWorker();
  const executionId = await t.submit(agent, payer.id, { sleepMs: 2_000 });
  await t.waitForStatus(executionId, ['running']);

  await restartRedisEmpty();
  // Its attempt may still be alive: the job comes back delayed by staleRunningMs.
  const result = await reconcileExecutions({ db: t.db, queue: t.queue, logger: t.logger, staleRunningMs: 30_000 });
  assert.deepEqual(result, { skipped: false, checked: 1, requeued: 0, resumed: 1, retried: 0, failed: 0, errors: 0 });
  assert.equal(await t.queue.queue.getJobState(executionId), 'delayed');
  const again = await reconcileExecutions({ db: t.db, queue: t.queue, logger: t.logger, staleRunningMs: 30_000 });
  assert.equal(again.resumed, 0, 'a job exists again: nothing more to add');

  const row = await t.waitForStatus(executionId, ['succeeded', 'failed'], 10_000);
  assert.equal(row.status, 'succeeded', `${row.error_code} ${row.error}`);
  assert.equal(row.attempts, 1, 'the attempt that was running when Redis restarted recorded it');
  assert.equal((await t.receipts(executionId)).length, 1);
  assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '1000', reserved_wei: '0' });

  // The job given back, once due, finds the execution finished and runs nothing.
  await (await t.queue.queue.getJob(executionId))!.promote();
  await t.waitForJob(executionId, ['completed']);
  assert.deepEqual((await t.queue.queue.getJob(executionId))!.returnvalue, { outcome: 'skipped' });
  assert.equal(t.driver.runs.get(executionId), 1);
  assert.equal((await t.receipts(executionId)).length, 1);
});

test('Redis restarts empty mid-run and the job comes back at once (staleRunningMs 0) to the worker still running it: it waits, and the first attempt records', async () => {
  const { payer, agent } = await payerAndAgent();
  worker = await startWorker();
  const executionId = await t.submit(agent, payer.id, { sleepMs: 1_500 });
  await t.waitForStatus(executionId, ['running']);

  await restartRedisEmpty();
  const result = await reconcileExecutions({ db: t.db, queue: t.queue, logger: t.logger, staleRunningMs: 0 });
  assert.equal(result.resumed, 1);
  // The job given back is delivered to the only worker, which still runs the first attempt.
  await t.waitForJob(executionId, ['completed'], 10_000);
  assert.deepEqual((await t.queue.queue.getJob(executionId))!.returnvalue, { outcome: 'skipped' }, 'the second delivery found it finished');
  const row = await t.row(executionId);
  assert.equal(row.status, 'succeeded', `${row.error_code} ${row.error}`);
  assert.equal(row.attempts, 1, 'no second attempt: the first one, still running here, recorded it');
  assert.equal(t.driver.runs.get(executionId), 1, 'the agent ran once');
  assert.equal((await t.receipts(executionId)).length, 1);
  assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '1000', reserved_wei: '0' });
});

test('Redis restarts empty mid-run and the job runs again at once (staleRunningMs 0) on another worker: two runs, still one receipt and one fee', async () => {
  const { payer, agent } = await payerAndAgent();
  worker = await startWorker();
  const executionId = await t.submit(agent, payer.id, { sleepMs: 1_500 });
  await t.waitForStatus(executionId, ['running']);
  // The first worker's BullMQ side stops at once (force: without waiting for its run, which goes on, as a
  // worker cut off from Redis does): the job given back can only go to the other.
  await worker.worker.close(true);
  const other = await startWorker();
  try {
    await restartRedisEmpty();
    const result = await reconcileExecutions({ db: t.db, queue: t.queue, logger: t.logger, staleRunningMs: 0 });
    assert.equal(result.resumed, 1);
    // The new attempt takes the execution over (and the first attempt's reservation, released once).
    for (const deadline = Date.now() + 10_000; (await t.row(executionId)).attempts < 2; await sleep(20)) assert.ok(Date.now() < deadline, 'the other worker claimed a second attempt');
    assert.equal((await t.row(executionId)).status, 'running');
    assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '0', reserved_wei: '1000' });

    const row = await t.waitForStatus(executionId, ['succeeded', 'failed'], 10_000);
    assert.equal(row.status, 'succeeded', `${row.error_code} ${row.error}`);
    assert.equal(row.attempts, 2, 'the second attempt recorded it; the first one\'s outcome was dropped');
    // The first run ends too (its outcome dropped): both runs counted.
    for (const deadline = Date.now() + 5_000; (t.driver.runs.get(executionId) ?? 0) < 2 && Date.now() < deadline; ) await sleep(20);
    assert.equal(t.driver.runs.get(executionId), 2);
    assert.equal((await t.receipts(executionId)).length, 1);
    assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '1000', reserved_wei: '0' });
  } finally {
    await other.close();
  }
});
