// The reconciler and the worker on jobs BullMQ failed as stalled (their runs kept dying), and the
// reconciler on a healthy queue. Real PostgreSQL and the machine's Redis under a unique prefix.
// - The worker, when BullMQ fails a job as stalled, runs it again while the execution has attempts left.
// - The reconciler does the same for the jobs whose worker died before it could (settle-finished-job.ts),
//   and fails WORKER_FAILED, releasing the reservation, those with no attempts left.
// - On a healthy queue a pass adds, moves and fails nothing.
// - Executions of a group job: left alone while it is live, given jobs of their own once it is lost or over.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { type ExecutionWorker, type ExecutionWorkerOptions, startExecutionWorker } from '../worker/execution-worker.ts';
import { claimExecution } from '../worker/load-execution.ts';
import { createExecutionTestSetup, type ExecutionTestSetup, ORCHESTRATOR, TEST_REDIS_URL } from '../worker/test-execution-setup.ts';
import { cancelExecution } from './cancel-execution.ts';
import { type ExecutionJobData, groupJobId } from './execution-job.ts';
import { createBullmqExecutionQueue } from './execution-queue-bullmq.ts';
import { reconcileExecutions } from './reconcile-executions.ts';
import { STALLED_JOB_REASON } from './settle-finished-job.ts';

const LOCK_DURATION_MS = 1_000;
let t: ExecutionTestSetup;
let worker: ExecutionWorker | undefined;
let child: ChildProcess | undefined;

before(async () => {
  t = await createExecutionTestSetup();
});
afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  await worker?.close();
  worker = undefined;
});
after(async () => {
  await t?.close();
});

function startWorker(options: Partial<ExecutionWorkerOptions> = {}): Promise<ExecutionWorker> {
  return startExecutionWorker({
    connection: t.redis,
    prefix: t.prefix,
    queueName: t.queueName,
    concurrency: 4,
    lockDurationMs: LOCK_DURATION_MS,
    stalledIntervalMs: 250,
    db: t.db,
    drivers: { local: t.driver },
    gpu: { acquire: async () => Promise.reject(new Error('no GPUs')) },
    maxGpuCostWei: () => 0n,
    secretsKey: t.secretsKey,
    orchestrator: ORCHESTRATOR,
    logger: t.logger,
    ...options,
  });
}

/** A worker in a process of its own (execution-worker.fixture.ts), to SIGKILL mid-run. */
async function startChildWorker(): Promise<ChildProcess> {
  const settings = {
    databaseUrl: t.database.url,
    redisUrl: TEST_REDIS_URL,
    prefix: t.prefix,
    queueName: t.queueName,
    workDir: join(t.root, 'child-work'),
    orchestrator: ORCHESTRATOR,
    lockDurationMs: LOCK_DURATION_MS,
    secretsKeyHex: t.secretsKey.bytes().toString('hex'),
  };
  const started = spawn(process.execPath, [fileURLToPath(new URL('../worker/execution-worker.fixture.ts', import.meta.url)), JSON.stringify(settings)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  started.stdout!.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    started.stdout!.on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('ready\n')) resolve();
    });
    started.once('exit', (code) => reject(new Error(`the worker process exited (${code}) before it was ready`)));
  });
  return started;
}

async function payerAndAgent(): Promise<{ payer: { id: string; wallet: `0x${string}` }; agent: string }> {
  const payer = await t.user();
  await t.authorize(payer.wallet, 100_000n);
  return { payer, agent: await t.agent({ feeWei: 1_000n }) };
}

/** A worker that takes jobs by hand (no processor, no lock renewal): it plays the workers that die.
 *  close() closes its connection too (BullMQ leaves open a connection it was given). */
type ManualWorker = { worker: Worker<ExecutionJobData>; close: () => Promise<void> };

function manualWorker(options: { lockDurationMs: number }): ManualWorker {
  const connection = t.redis.duplicate({ maxRetriesPerRequest: null });
  const worker = new Worker<ExecutionJobData>(t.queueName, null, { connection, prefix: t.prefix, lockDuration: options.lockDurationMs, stalledInterval: 100, maxStalledCount: 0 });
  worker.on('error', () => {});
  return {
    worker,
    async close() {
      await worker.close();
      await connection.quit();
    },
  };
}

async function takeJob(manual: ManualWorker, token: string): Promise<Job<ExecutionJobData>> {
  const job = await manual.worker.getNextJob(token, { block: false });
  assert.ok(job, 'a job was waiting');
  return job;
}

test('the worker: a job BullMQ fails as stalled (its worker was killed) runs again while attempts are left; one receipt, one fee', async () => {
  const { payer, agent } = await payerAndAgent();
  child = await startChildWorker();
  const executionId = await t.submit(agent, payer.id, { sleepMs: 1_000 });
  await t.waitForStatus(executionId, ['running']);
  child.kill('SIGKILL');
  await once(child, 'exit');
  child = undefined;

  // maxStalledCount 0: the first stall fails the job (attempts 1 of 3 were started).
  worker = await startWorker({ maxStalledCount: 0 });
  const failures: string[] = [];
  worker.worker.on('failed', (_job, error) => failures.push(error.message));
  const row = await t.waitForStatus(executionId, ['succeeded', 'failed'], 10_000);
  assert.deepEqual(failures, [STALLED_JOB_REASON], 'BullMQ failed the job as stalled, and the worker heard of it');
  assert.equal(row.status, 'succeeded', `${row.error_code} ${row.error}`);
  assert.equal(row.attempts, 2);
  assert.equal(t.driver.runs.get(executionId), 1, 'run once here (and once in the killed worker)');
  assert.equal((await t.receipts(executionId)).length, 1);
  assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '1000', reserved_wei: '0' });
  const after = await reconcileExecutions({ db: t.db, queue: t.queue, logger: t.logger, staleRunningMs: 0, minAgeMs: 0 });
  assert.deepEqual(after, { skipped: false, checked: 0, requeued: 0, resumed: 0, retried: 0, failed: 0, errors: 0 });
});

test('the reconciler: jobs failed as stalled whose worker died before settling them run again with attempts left, else fail WORKER_FAILED (reservation released); a job completed for an open execution runs again', async () => {
  const { payer, agent } = await payerAndAgent();
  // `spent`'s job allows one attempt, `left`'s three (the queue's default here).
  const single = createBullmqExecutionQueue({ connection: t.redis, prefix: t.prefix, queueName: t.queueName, attempts: 1 });
  const left = await t.submit(agent, payer.id, { attempts: 'left' });
  const spent = await t.execution(agent, payer.id, { attempts: 'spent' });
  await single.enqueue({ executionId: spent });
  await single.close();

  // Workers take both and die mid-run: they claimed (attempt 1, the fee's bound reserved), then nothing.
  const manual = manualWorker({ lockDurationMs: 200 });
  let completedEarly = '';
  try {
    for (const token of ['dead-1', 'dead-2']) {
      const job = await takeJob(manual, token);
      const claim = await claimExecution(t.db, { executionId: job.data.executionId, payer: payer.wallet, orchestrator: ORCHESTRATOR, reserveWei: 1_000n, previousReservedWei: 0n });
      assert.deepEqual(claim, { claimed: true, attempt: 1 });
    }
    assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '0', reserved_wei: '2000' });
    // BullMQ's stalled checker (maxStalledCount 0) finds their locks gone and fails them on their next
    // delivery; the worker that does so dies before its 'failed' handler runs.
    await manual.worker.startStalledCheckTimer();
    for (const executionId of [left, spent]) await t.waitForJob(executionId, ['waiting'], 5_000);
    for (const token of ['failing-1', 'failing-2']) {
      const job = await takeJob(manual, token);
      assert.equal(job.deferredFailure, STALLED_JOB_REASON);
      await job.moveToFailed(new UnrecoverableError(job.deferredFailure), token);
    }
    // And a job completed while its execution stayed queued (a run that ended without an outcome).
    const early = await t.submit(agent, payer.id, { completed: 'early' });
    const job = await takeJob(manual, 'early');
    await job.moveToCompleted({ outcome: 'skipped' }, 'early', false);
    completedEarly = early;
  } finally {
    await manual.close();
  }
  for (const executionId of [left, spent]) assert.equal(await t.queue.queue.getJobState(executionId), 'failed');
  assert.equal(await t.queue.queue.getJobState(completedEarly), 'completed');
  assert.equal((await t.row(left)).status, 'running');
  assert.equal((await t.row(completedEarly)).status, 'queued');

  const result = await reconcileExecutions({ db: t.db, queue: t.queue, logger: t.logger, staleRunningMs: 60_000, minAgeMs: 0 });
  assert.deepEqual(result, { skipped: false, checked: 3, requeued: 0, resumed: 0, retried: 2, failed: 1, errors: 0 });
  const failed = await t.row(spent);
  assert.equal(failed.status, 'failed');
  assert.equal(failed.error_code, 'WORKER_FAILED');
  assert.match(failed.error!, /job stalled more than allowable limit.*1 of 1 attempts/);
  assert.equal(failed.reserved_wei, '0');
  assert.equal(failed.cost_wei, '0');
  assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '0', reserved_wei: '1000' }, 'the failed execution\'s reservation is released');
  assert.equal(await t.queue.queue.getJobState(left), 'waiting', 'the other runs again');
  assert.equal(await t.queue.queue.getJobState(completedEarly), 'waiting');

  worker = await startWorker();
  const row = await t.waitForStatus(left, ['succeeded', 'failed'], 10_000);
  assert.equal(row.status, 'succeeded', `${row.error_code} ${row.error}`);
  assert.equal(row.attempts, 2);
  assert.equal((await t.receipts(left)).length, 1);
  assert.deepEqual(await t.receipts(spent), []);
  const early = await t.waitForStatus(completedEarly, ['succeeded', 'failed'], 10_000);
  assert.equal(early.status, 'succeeded', `${early.error_code} ${early.error}`);
  assert.equal(early.attempts, 1);
  assert.equal((await t.receipts(completedEarly)).length, 1);
  assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '2000', reserved_wei: '0' });
  const again = await reconcileExecutions({ db: t.db, queue: t.queue, logger: t.logger, staleRunningMs: 60_000, minAgeMs: 0 });
  assert.deepEqual(again, { skipped: false, checked: 0, requeued: 0, resumed: 0, retried: 0, failed: 0, errors: 0 });
});

test('on a healthy queue a pass changes nothing (whatever the job states), twice; a pass already running elsewhere is skipped', async () => {
  const { payer, agent } = await payerAndAgent();
  const malformed = await t.agent({ agent: 'malformed', feeWei: 1_000n });
  // Finished: one succeeded (its job completed), one failed (its job failed).
  worker = await startWorker();
  const succeeded = await t.submit(agent, payer.id, { healthy: 'succeeded' });
  const failed = await t.submit(malformed, payer.id, { healthy: 'failed' });
  await t.waitForStatus(succeeded, ['succeeded']);
  await t.waitForStatus(failed, ['failed']);
  await t.waitForJob(failed, ['failed']);
  await worker.close();
  worker = undefined;
  // Open, each with its job: waiting, prioritized, delayed, active (a live worker's run).
  const waiting = await t.submit(agent, payer.id, { healthy: 'waiting' });
  const prioritized = await t.execution(agent, payer.id, { healthy: 'prioritized' });
  await t.queue.enqueue({ executionId: prioritized, priority: 5 });
  const delayed = await t.execution(agent, payer.id, { healthy: 'delayed' });
  await t.queue.enqueue({ executionId: delayed, delayMs: 60_000 });
  await t.db.query(`UPDATE agent_executions SET queued_at = now() - interval '1 hour' WHERE id = ANY($1)`, [[prioritized, delayed]]);
  const cancelled = await t.submit(agent, payer.id, { healthy: 'cancelled' });
  await cancelExecution({ db: t.db, queue: t.queue }, cancelled);
  const manual = manualWorker({ lockDurationMs: 30_000 });
  try {
    const active = await takeJob(manual, 'alive');
    assert.equal(active.id, waiting, 'the unprioritized job comes first');
    await claimExecution(t.db, { executionId: waiting, payer: payer.wallet, orchestrator: ORCHESTRATOR, reserveWei: 1_000n, previousReservedWei: 0n });
    // Queued a moment ago with no job yet: the API is between its commit and its enqueue.
    const fresh = await t.execution(agent, payer.id, { healthy: 'fresh' });
    // Queued long ago for another orchestrator, whose queue this is not.
    const elsewhere = await t.execution(agent, payer.id, { healthy: 'elsewhere' });
    await t.db.query(`UPDATE agent_executions SET orchestrator = $2, queued_at = now() - interval '1 hour' WHERE id = $1`, [elsewhere, `0x${'0b'.repeat(20)}`]);

    const states = async () => ({
      counts: await t.queue.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed'),
      jobs: Object.fromEntries(await Promise.all([succeeded, failed, waiting, prioritized, delayed, cancelled, fresh, elsewhere].map(async (id) => [id, await t.queue.queue.getJobState(id)]))),
    });
    const before = await states();
    assert.deepEqual(Object.values(before.jobs), ['completed', 'failed', 'active', 'prioritized', 'delayed', 'unknown', 'unknown', 'unknown']);
    for (let pass = 0; pass < 2; pass++) {
      const result = await reconcileExecutions({ db: t.db, queue: t.queue, logger: t.logger, staleRunningMs: 0, orchestrator: ORCHESTRATOR });
      assert.deepEqual(result, { skipped: false, checked: 3, requeued: 0, resumed: 0, retried: 0, failed: 0, errors: 0 });
    }
    assert.deepEqual(await states(), before);
    assert.equal((await t.row(fresh)).status, 'queued');

    // One pass at a time per queue: while another holds the lock, a pass looks at nothing.
    const holder = await t.db.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [`cr8-execution-reconciler:${t.prefix}:${t.queueName}`]);
      const skipped = await reconcileExecutions({ db: t.db, queue: t.queue, logger: t.logger, staleRunningMs: 0, minAgeMs: 0 });
      assert.deepEqual(skipped, { skipped: true, checked: 0, requeued: 0, resumed: 0, retried: 0, failed: 0, errors: 0 });
    } finally {
      holder.release(true);
    }
    assert.deepEqual(await states(), before);
  } finally {
    await manual.close();
  }
});

test('group jobs: executions waiting in a live group job are left alone; those whose group job Redis lost, or is over while they are open, get a job of their own; each runs once', async () => {
  // What earlier tests left open is not this test's: a pass should look at this test's executions only.
  await t.db.query(`UPDATE agent_executions SET status = 'cancelled', finished_at = now() WHERE status IN ('queued', 'running')`);
  const { payer, agent } = await payerAndAgent();
  const manual = manualWorker({ lockDurationMs: 30_000 });
  let over: { executions: string[]; running: string };
  try {
    // A group job that ended while two of its executions were still open (a queued one, and a running
    // one whose attempt died): taken by hand and completed, as if its hand-offs were lost.
    const overGroup = randomUUID();
    const queued = await t.execution(agent, payer.id, { group: 'over, queued' }, overGroup);
    const running = await t.execution(agent, payer.id, { group: 'over, running' }, overGroup);
    await t.queue.enqueueGroup({ groupId: overGroup, executionIds: [queued, running] });
    const job = await takeJob(manual, 'taken');
    assert.equal(job.id, groupJobId(overGroup));
    await claimExecution(t.db, { executionId: running, payer: payer.wallet, orchestrator: ORCHESTRATOR, reserveWei: 1_000n, previousReservedWei: 0n });
    await job.moveToCompleted({ settled: 0, handedOff: 0 }, 'taken', false);
    over = { executions: [queued, running], running };
  } finally {
    await manual.close();
  }
  // A live group job (waiting), and a group whose job Redis lost (never added).
  const live = await t.submitGroup([1, 2].map((n) => ({ agentId: agent, userId: payer.id, input: { group: 'live', n } })));
  const lostGroup = randomUUID();
  const lost = [await t.execution(agent, payer.id, { group: 'lost' }, lostGroup)];
  await t.db.query(`UPDATE agent_executions SET queued_at = now() - interval '1 hour' WHERE id = ANY($1)`, [[...live.executionIds, ...over.executions, ...lost]]);

  const result = await reconcileExecutions({ db: t.db, queue: t.queue, logger: t.logger, staleRunningMs: 60_000, minAgeMs: 0 });
  assert.deepEqual(result, { skipped: false, checked: 5, requeued: 2, resumed: 1, retried: 0, failed: 0, errors: 0 });
  const ownJobState = (executionId: string) => t.queue.queue.getJobState(executionId);
  assert.deepEqual(await Promise.all(live.executionIds.map(ownJobState)), ['unknown', 'unknown'], 'waiting in their group job: no job of their own');
  assert.deepEqual(await Promise.all([over.executions[0]!, lost[0]!].map(ownJobState)), ['waiting', 'waiting']);
  assert.equal(await ownJobState(over.running), 'delayed', 'the running one waits for its attempt to finish first');
  const again = await reconcileExecutions({ db: t.db, queue: t.queue, logger: t.logger, staleRunningMs: 60_000, minAgeMs: 0 });
  assert.deepEqual(again, { skipped: false, checked: 5, requeued: 0, resumed: 0, retried: 0, failed: 0, errors: 0 });

  worker = await startWorker();
  for (const executionId of [...live.executionIds, over.executions[0]!, lost[0]!]) {
    const row = await t.waitForStatus(executionId, ['succeeded', 'failed']);
    assert.deepEqual([row.status, row.attempts, t.driver.runs.get(executionId)], ['succeeded', 1, 1], executionId);
    assert.equal((await t.receipts(executionId)).length, 1);
  }
});

test('a running execution that finishes, its group job with it, between the pass reading it and asking Redis is left alone (not taken for one whose job Redis lost)', async () => {
  await t.db.query(`UPDATE agent_executions SET status = 'cancelled', finished_at = now() WHERE status IN ('queued', 'running')`);
  const { payer, agent } = await payerAndAgent();
  const manual = manualWorker({ lockDurationMs: 30_000 });
  try {
    const groupId = randomUUID();
    const execution = await t.execution(agent, payer.id, { race: 'finishes during the pass' }, groupId);
    await t.queue.enqueueGroup({ groupId, executionIds: [execution] });
    const job = await takeJob(manual, 'racing');
    assert.equal(job.id, groupJobId(groupId));
    assert.deepEqual(await claimExecution(t.db, { executionId: execution, payer: payer.wallet, orchestrator: ORCHESTRATOR, reserveWei: 0n, previousReservedWei: 0n }), { claimed: true, attempt: 1 });
    // The pass reads the execution running; before it asks Redis, the run ends and its group job completes.
    let raced = false;
    const db = new Proxy(t.db, {
      get(target, property, receiver) {
        if (property !== 'query') return Reflect.get(target, property, receiver);
        return async (...args: Parameters<typeof target.query>) => {
          const answer = await (target.query as (...a: unknown[]) => Promise<{ rows: { id: string }[] }>)(...args);
          const config = args[0] as unknown;
          const name = typeof config === 'object' && config !== null ? (config as { name?: string }).name : undefined;
          if (name === 'execution-reconcile-open' && !raced && answer.rows.some((row) => row.id === execution)) {
            raced = true;
            await target.query(`UPDATE agent_executions SET status = 'succeeded', finished_at = now() WHERE id = $1`, [execution]);
            await job.moveToCompleted({ settled: 1, handedOff: 0 }, 'racing', false);
          }
          return answer;
        };
      },
    });
    const result = await reconcileExecutions({ db, queue: t.queue, logger: t.logger, staleRunningMs: 60_000, minAgeMs: 0 });
    assert.ok(raced, 'the pass read the execution while it was running');
    assert.deepEqual(result, { skipped: false, checked: 1, requeued: 0, resumed: 0, retried: 0, failed: 0, errors: 0 });
    assert.equal(await t.queue.queue.getJobState(execution), 'unknown', 'no job of its own was added');
  } finally {
    await manual.close();
  }
});
