// A BullMQ worker running executions (run-execution.ts) from one queue, `concurrency` at a time.
// - A worker that dies mid-run (SIGKILL, a lost machine) stops renewing its job locks; after
//   `lockDurationMs` the stalled checker of any live worker puts the job back in the queue, and the
//   next run claims the execution as a new attempt (the dead attempt can no longer record anything).
//   A job that stalls more than `maxStalledCount` times is failed by BullMQ; it runs again while the
//   execution has attempts left (queue/settle-finished-job.ts), else the execution fails WORKER_FAILED.
// - Cancellations arrive on the queue's pub/sub channel (queue/cancel-execution.ts) and abort the run
//   here if this worker has it.
// - close() stops taking jobs, waits for the runs in flight to record their outcomes, then closes the
//   connections it opened (never the caller's).
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { cancelChannel, DEFAULT_EXECUTION_QUEUE_NAME, type ExecutionJobData, type ExecutionJobResult } from '../queue/execution-job.ts';
import { settleFinishedJob } from '../queue/settle-finished-job.ts';
import { type ConcurrencyLimiter, createConcurrencyLimiter } from './concurrency-limiter.ts';
import { createExecutionCache, type ExecutionCache } from './execution-cache.ts';
import { type ExecutionStatements, groupExecutionStatements } from './execution-statements.ts';
import { ExecutionSettledError, runExecution, type RunExecutionDeps } from './run-execution.ts';

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
  readonly worker: Worker<ExecutionJobData, ExecutionJobResult>;
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
  // The end of the latest delivery of each execution's job in this worker (see below).
  const latest = new Map<string, Promise<unknown>>();

  const worker = new Worker<ExecutionJobData, ExecutionJobResult>(
    queueName,
    async (job, token, signal) => {
      const executionId = job.data.executionId;
      const cancel = new AbortController();
      const mine = runs.get(executionId) ?? new Set();
      mine.add(cancel);
      runs.set(executionId, mine);
      // A second delivery of a job this worker is still running (Redis lost the job and the reconciler
      // gave it back) waits for the first to end, then finds the execution finished. Starting it at once
      // would run the agent twice for nothing, and BullMQ tracks a worker's job locks by job id: the first
      // delivery's end would stop the renewal of the second's lock, so a long second run would be taken
      // for stalled and run a third time.
      const earlier = latest.get(executionId);
      const run = (async () => {
        await earlier;
        return runExecution(deps, job, token, signal ? AbortSignal.any([signal, cancel.signal]) : cancel.signal);
      })();
      const ended = run.then(
        () => {},
        () => {},
      );
      latest.set(executionId, ended);
      try {
        return await run;
      } finally {
        mine.delete(cancel);
        if (mine.size === 0) runs.delete(executionId);
        if (latest.get(executionId) === ended) latest.delete(executionId);
      }
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
      await Promise.allSettled([subscriber.quit(), bullConnection.quit()]);
    },
  };
}
