// A BullMQ worker running executions (run-execution.ts) from one queue, `concurrency` at a time.
// - A job carries one execution or a group of them (queue/execution-job.ts). A group's executions run
//   side by side, each taking one of the `concurrency` slots; one that cannot finish in the group (a
//   transient failure with retries left, a concurrency limit, a processor error) is handed off to a job
//   of its own, carrying what is left of the group job's attempts. The group job ends once each of its
//   executions settled or was handed off; should a hand-off fail (Redis down), the group job fails and
//   BullMQ runs it again (its settled executions are found finished and skipped).
// - A worker that dies mid-run (SIGKILL, a lost machine) stops renewing its job locks; after
//   `lockDurationMs` the stalled checker of any live worker puts the job back in the queue, and the
//   next run claims the execution as a new attempt (the dead attempt can no longer record anything).
//   A job that stalls more than `maxStalledCount` times is failed by BullMQ; it runs again while the
//   execution has attempts left (queue/settle-finished-job.ts), else the execution fails WORKER_FAILED.
// - Cancellations arrive on the queue's pub/sub channel (queue/cancel-execution.ts) and abort the run
//   here if this worker has it.
// - close() stops taking jobs, waits for the runs in flight to record their outcomes, then closes the
//   connections it opened (never the caller's).
import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import pLimit from 'p-limit';
import {
  cancelChannel,
  DEFAULT_EXECUTION_QUEUE_NAME,
  EXECUTION_GROUP_JOB_NAME,
  type ExecutionGroupJobResult,
  type ExecutionJobResult,
  type ExecutionQueueJobData,
  isExecutionId,
  isSingleExecutionJob,
} from '../queue/execution-job.ts';
import { createBullmqExecutionQueue } from '../queue/execution-queue-bullmq.ts';
import { settleFinishedJob } from '../queue/settle-finished-job.ts';
import { type ConcurrencyLimiter, createConcurrencyLimiter } from './concurrency-limiter.ts';
import { createExecutionCache, type ExecutionCache } from './execution-cache.ts';
import { type ExecutionStatements, groupExecutionStatements } from './execution-statements.ts';
import { type ExecutionJob, ExecutionSettledError, runExecution, type RunExecutionDeps } from './run-execution.ts';

export type ExecutionWorkerOptions = Omit<RunExecutionDeps, 'cache' | 'limiter' | 'statements'> & {
  /** The caller's Redis client: duplicated for BullMQ and for the cancel subscription, never closed here. */
  connection: Redis;
  /** The queue's key prefix (as given to createBullmqExecutionQueue); also prefixes the cache and limiter keys. */
  prefix: string;
  /** Default `executions`. */
  queueName?: string;
  /** Executions this worker runs at once. */
  concurrency: number;
  /** How long a job stays locked to this worker without renewal (renewed every half of it while it
   *  runs): how soon another worker takes over from a dead one. Default 30,000 ms. */
  lockDurationMs?: number;
  /** How often this worker looks for jobs whose lock expired (default lockDurationMs). */
  stalledIntervalMs?: number;
  /** Times a job may be recovered from a dead worker before BullMQ fails it (default 2); it then runs
   *  again while the execution has attempts left (queue/settle-finished-job.ts). */
  maxStalledCount?: number;
  /** Default: Redis under `prefix`, kept a day. */
  cache?: ExecutionCache;
  /** Default: Redis under `prefix`, 30 s leases. */
  limiter?: ConcurrencyLimiter;
  /** Default: group-committed on `db`, up to `concurrency` executions per statement. */
  statements?: ExecutionStatements;
};

export type ExecutionWorker = {
  readonly worker: Worker<ExecutionQueueJobData, ExecutionJobResult | ExecutionGroupJobResult>;
  close(): Promise<void>;
};

export const DEFAULT_LOCK_DURATION_MS = 30_000;

export async function startExecutionWorker(options: ExecutionWorkerOptions): Promise<ExecutionWorker> {
  const { connection, prefix, concurrency, logger } = options;
  const queueName = options.queueName ?? DEFAULT_EXECUTION_QUEUE_NAME;
  const lockDuration = options.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`execution worker: concurrency must be a positive integer (got ${concurrency})`);
  if (!Number.isInteger(lockDuration) || lockDuration < 100) throw new Error(`execution worker: lockDurationMs must be an integer of at least 100 (got ${lockDuration})`);
  const deps: RunExecutionDeps = {
    ...options,
    cache: options.cache ?? createExecutionCache(connection, { prefix }),
    limiter: options.limiter ?? createConcurrencyLimiter(connection, { prefix }),
    statements: options.statements ?? groupExecutionStatements(options.db, { maxItems: concurrency }),
  };

  // BullMQ's workers block on Redis, which needs commands that are never given up on.
  const bullConnection = connection.duplicate({ maxRetriesPerRequest: null });
  const subscriber = connection.duplicate();
  // Duplicates do not inherit the caller's listeners: without one, a Redis outage is an unhandled 'error'.
  for (const client of [bullConnection, subscriber]) client.on('error', (error: Error) => logger.warn({ err: error, queue: queueName }, 'execution worker Redis connection error (it reconnects)'));
  const runs = new Map<string, Set<AbortController>>();
  // The end of the latest run of each execution in this worker (see below).
  const latest = new Map<string, Promise<unknown>>();
  // The executions running at once, whether their job carries one or a group.
  const slots = pLimit(concurrency);
  // Where a group's executions are handed off to jobs of their own (on the caller's connection).
  const handoffs = createBullmqExecutionQueue({ connection, prefix, queueName });

  const runOne = (executionId: string, job: ExecutionJob, token: string | undefined, signal: AbortSignal | undefined): Promise<ExecutionJobResult> => {
    const cancel = new AbortController();
    const mine = runs.get(executionId) ?? new Set();
    mine.add(cancel);
    runs.set(executionId, mine);
    // A second delivery of an execution this worker is still running (Redis lost its job and the
    // reconciler gave it back) waits for the first to end, then finds the execution finished. Starting it
    // at once would run the agent twice for nothing, and BullMQ tracks a worker's job locks by job id: the
    // first delivery's end would stop the renewal of the second's lock, so a long second run would be
    // taken for stalled and run a third time.
    const earlier = latest.get(executionId);
    const run = (async () => {
      await earlier;
      return slots(() => runExecution(deps, job, token, signal ? AbortSignal.any([signal, cancel.signal]) : cancel.signal));
    })();
    const ended = run.then(
      () => {},
      () => {},
    );
    latest.set(executionId, ended);
    return run.finally(() => {
      mine.delete(cancel);
      if (mine.size === 0) runs.delete(executionId);
      if (latest.get(executionId) === ended) latest.delete(executionId);
    });
  };

  const runGroup = async (job: Job<ExecutionQueueJobData>, executionIds: readonly string[], token: string | undefined, signal: AbortSignal | undefined): Promise<ExecutionGroupJobResult> => {
    const budget = job.opts.attempts ?? 1;
    const backoff = job.opts.backoff;
    const backoffDelayMs = typeof backoff === 'number' ? backoff : (backoff?.delay ?? 0);
    // What is left of the group job's runs once this one is spent (at least one).
    const attemptsLeft = Math.max(1, budget - job.attemptsMade - 1);
    let handedOff = 0;
    // Its own job goes on where the group job's retries would: the same attempts left, the next delays.
    const handOff = async (executionId: string, delayMs: number, attempts: number, failures: number) => {
      await handoffs.enqueue({ executionId, delayMs: Math.max(0, Math.round(delayMs)), attempts, backoffDelayMs: backoffDelayMs * 2 ** failures });
      handedOff += 1;
    };
    const outcomes = await Promise.allSettled(
      executionIds.map(async (executionId) => {
        // The execution as a job of its own, for run-execution.ts: a concurrency delay becomes a delayed job
        // of its own with the group's whole budget (a delay is not a failed run).
        const member: ExecutionJob = {
          id: job.id,
          data: { executionId },
          attemptsMade: job.attemptsMade,
          opts: { attempts: budget },
          moveToDelayed: (timestamp: number) => handOff(executionId, timestamp - Date.now(), attemptsLeft + 1, job.attemptsMade),
        };
        try {
          await runOne(executionId, member, token, signal);
        } catch (error) {
          if (error instanceof DelayedError || error instanceof ExecutionSettledError) return;
          if (error instanceof UnrecoverableError) {
            logger.error({ err: error, executionId, job: job.id }, 'a group job named an execution that cannot run; skipped');
            return;
          }
          // A transient failure (recorded: the execution is queued again), or the processor's own error:
          // the retry a job of its own would get from BullMQ, after the same backoff.
          await handOff(executionId, backoffDelayMs * 2 ** job.attemptsMade, attemptsLeft, job.attemptsMade + 1);
          logger.info({ executionId, job: job.id, reason: (error as Error).message, attemptsLeft }, 'an execution of a group is retried in a job of its own');
        }
      }),
    );
    const failed = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    // Some execution could not be handed off: the whole group runs again (what settled is skipped).
    if (failed.length > 0) throw new Error(`${failed.length} of ${executionIds.length} executions of the group could not be handed off: ${(failed[0]!.reason as Error).message}`);
    return { settled: executionIds.length - handedOff, handedOff };
  };

  const worker = new Worker<ExecutionQueueJobData, ExecutionJobResult | ExecutionGroupJobResult>(
    queueName,
    async (job, token, signal) => {
      if (job.name === EXECUTION_GROUP_JOB_NAME) {
        const ids = 'executionIds' in job.data ? job.data.executionIds : undefined;
        if (!Array.isArray(ids) || ids.length === 0 || !ids.every(isExecutionId)) throw new UnrecoverableError(`group job ${job.id} names no executions (${JSON.stringify(job.data)})`);
        return runGroup(job, [...new Set(ids)], token, signal);
      }
      if (!isSingleExecutionJob(job)) throw new UnrecoverableError(`job ${job.id} (${job.name}) names no execution`);
      return runOne(job.data.executionId, job, token, signal);
    },
    {
      connection: bullConnection,
      prefix,
      concurrency,
      lockDuration,
      stalledInterval: options.stalledIntervalMs ?? lockDuration,
      maxStalledCount: options.maxStalledCount ?? 2,
      autorun: false,
    },
  );
  worker.on('error', (error) => logger.error({ err: error, queue: queueName }, 'execution worker error'));
  worker.on('failed', (job, error) => {
    if (!job || error instanceof ExecutionSettledError) return;
    if (!isSingleExecutionJob(job)) {
      // A group job fails only when a hand-off failed; its executions still open are the reconciler's
      // once it is over (queue/reconcile-executions.ts).
      logger.warn({ job: job.id, reason: error.message, attemptsMade: job.attemptsMade }, 'a group job failed');
      return;
    }
    const final = error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!final) return;
    // The job is over without an outcome: the processor itself kept failing (the execution is failed
    // WORKER_FAILED), or its runs kept dying (BullMQ failed it as stalled: it runs again while the
    // execution has attempts left). Should this not happen (this process dies first, PostgreSQL fails),
    // the reconciler does the same later (queue/reconcile-executions.ts).
    const executionId = job.data.executionId;
    void settleFinishedJob(deps.db, { job, state: 'failed', reason: error.message })
      .then(({ action, attempts }) => {
        if (action !== 'none') logger.warn({ executionId, reason: error.message, attempts, action }, 'an execution\'s job failed without an outcome: settled');
      })
      .catch((settleError: unknown) => logger.error({ err: settleError, executionId }, 'could not settle an execution whose job failed'));
  });

  const channel = cancelChannel(prefix, queueName);
  subscriber.on('message', (from: string, executionId: string) => {
    if (from !== channel) return;
    for (const run of runs.get(executionId) ?? []) run.abort(new Error('the execution was cancelled'));
  });
  await subscriber.subscribe(channel);
  void worker.run().catch((error: unknown) => logger.error({ err: error, queue: queueName }, 'execution worker stopped'));
  await worker.waitUntilReady();

  return {
    worker,
    async close() {
      await worker.close();
      await handoffs.close();
      await Promise.allSettled([subscriber.quit(), bullConnection.quit()]);
    },
  };
}
