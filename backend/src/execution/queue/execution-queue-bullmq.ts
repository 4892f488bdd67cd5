// The ExecutionQueue seam over BullMQ: the API records executions in PostgreSQL, then adds one job for
// each group of them (enqueueGroup, named after the group); hand-offs and the reconciler add
// one job named after its execution (enqueue). Either way the job id names what it carries, so adding
// it twice (a retried hand-off, a reconciler re-enqueueing what looks stuck) adds nothing; and should
// an execution still run twice, the worker's conditional writes make the second run a no-op (see
// worker/record-outcome.ts).
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { groupCommit } from '../../db/group-commit.ts';
import type { QueuedExecution } from '../../executions/execution-queue.ts';
import { cancelChannel, DEFAULT_EXECUTION_QUEUE_NAME, EXECUTION_GROUP_JOB_NAME, EXECUTION_JOB_NAME, type ExecutionQueueJobData, groupJobId } from './execution-job.ts';

export type BullmqExecutionQueueOptions = {
  /** The caller's Redis client: shared, never closed here. */
  connection: Redis;
  /** Prefix of every key of the queue (BullMQ's `prefix`), e.g. `cr8`; tests use a unique one. */
  prefix: string;
  /** Default `executions`. */
  queueName?: string;
  /** Runs per execution before it fails for good on retryable errors (default 3). */
  attempts?: number;
  /** First retry delay, doubled each retry (default 1,000 ms). */
  backoffDelayMs?: number;
  /** Finished jobs kept in Redis for inspection, bounded so the queue does not grow without end
   *  (default: completed 10,000 for a day, failed 50,000 for a week). PostgreSQL keeps the record. */
  removeOnComplete?: { count: number; age: number };
  removeOnFail?: { count: number; age: number };
};

export const DEFAULT_EXECUTION_ATTEMPTS = 3;
export const DEFAULT_BACKOFF_DELAY_MS = 1_000;
const DEFAULT_REMOVE_ON_COMPLETE = { count: 10_000, age: 24 * 3600 };
const DEFAULT_REMOVE_ON_FAIL = { count: 50_000, age: 7 * 24 * 3600 };
/** BullMQ's highest priority number. */
export const MAX_PRIORITY = 2_097_151;

/** QueuedExecution plus the execution's priority (agent_executions.priority: 0 first, larger later). */
export type EnqueuedExecution = QueuedExecution & { priority?: number };

/** What the queue uses of an execution: its id, its priority (default 0), and how long its job waits
 *  before it can run (default 0; the reconciler's grace for an attempt that may still be alive). The
 *  rest of a QueuedExecution (the API's) is accepted and not used: the worker reads it from PostgreSQL. */
export type ExecutionJobTarget = Pick<QueuedExecution, 'executionId'> &
  Partial<Omit<QueuedExecution, 'executionId'>> & {
    priority?: number;
    delayMs?: number;
    /** This job's runs, instead of the queue's `attempts` (a hand-off passes on what its group job left). */
    attempts?: number;
    /** This job's first retry delay, instead of the queue's `backoffDelayMs`. */
    backoffDelayMs?: number;
  };

/** The executions queue on BullMQ: the API's seam (executions/execution-queue.ts) wraps it. */
export type BullmqExecutionQueue = {
  /** Adds the execution's job, unless a job of that id exists (in whatever state). */
  enqueue: (execution: ExecutionJobTarget) => Promise<void>;
  /** Adds one job for executions written together, named after `groupId` (recorded on each of them as
   *  agent_executions.job_group), unless it exists. Priority 0: what is submitted runs in order. */
  enqueueGroup: (group: { groupId: string; executionIds: readonly string[] }) => Promise<void>;
  readonly queue: Queue<ExecutionQueueJobData>;
  /** The caller's Redis client, as given. */
  readonly connection: Redis;
  readonly queueName: string;
  readonly prefix: string;
  /** Tells every worker of this queue to abort the run of `executionId`, if one of them has it. */
  signalCancel: (executionId: string) => Promise<void>;
  close: () => Promise<void>;
};

export function createBullmqExecutionQueue(options: BullmqExecutionQueueOptions): BullmqExecutionQueue {
  const queueName = options.queueName ?? DEFAULT_EXECUTION_QUEUE_NAME;
  const attempts = options.attempts ?? DEFAULT_EXECUTION_ATTEMPTS;
  const backoffDelayMs = options.backoffDelayMs ?? DEFAULT_BACKOFF_DELAY_MS;
  if (!Number.isInteger(attempts) || attempts < 1) throw new Error(`execution queue: attempts must be a positive integer (got ${attempts})`);
  if (!(backoffDelayMs >= 0)) throw new Error(`execution queue: backoffDelayMs must be at least 0 (got ${backoffDelayMs})`);
  const { connection, prefix } = options;
  const jobOptions: JobsOptions = {
    attempts,
    backoff: { type: 'exponential', delay: backoffDelayMs },
    removeOnComplete: options.removeOnComplete ?? DEFAULT_REMOVE_ON_COMPLETE,
    removeOnFail: options.removeOnFail ?? DEFAULT_REMOVE_ON_FAIL,
  };
  const queue = new Queue<ExecutionQueueJobData>(queueName, { connection, prefix });
  const channel = cancelChannel(prefix, queueName);

  // Jobs added while an add is in flight go to Redis together (one addBulk: one round trip, one
  // MULTI), the group commit of the queue side (db/group-commit.ts).
  type NewJob = { name: string; data: ExecutionQueueJobData; opts: JobsOptions };
  const addJob = groupCommit({
    run: async (jobs: NewJob[]) => {
      await queue.addBulk(jobs);
      return jobs.map(() => undefined);
    },
  });

  const executionQueue: BullmqExecutionQueue = {
    queue,
    connection,
    queueName,
    prefix,
    enqueue: (execution) => {
      const priority = execution.priority ?? 0;
      const delay = execution.delayMs ?? 0;
      if (!Number.isInteger(priority) || priority < 0 || priority > MAX_PRIORITY) return Promise.reject(new Error(`execution ${execution.executionId}: priority must be an integer from 0 to ${MAX_PRIORITY} (got ${priority})`));
      if (!Number.isInteger(delay) || delay < 0) return Promise.reject(new Error(`execution ${execution.executionId}: delayMs must be a non-negative integer (got ${delay})`));
      const runs = execution.attempts ?? attempts;
      const backoff = execution.backoffDelayMs ?? backoffDelayMs;
      if (!Number.isInteger(runs) || runs < 1) return Promise.reject(new Error(`execution ${execution.executionId}: attempts must be a positive integer (got ${runs})`));
      if (!(backoff >= 0)) return Promise.reject(new Error(`execution ${execution.executionId}: backoffDelayMs must be at least 0 (got ${backoff})`));
      const opts: JobsOptions = { ...jobOptions, jobId: execution.executionId, attempts: runs, backoff: { type: 'exponential', delay: backoff } };
      // BullMQ keeps 0 for "no priority", served before prioritized jobs without the priority set's cost.
      if (priority > 0) opts.priority = priority;
      if (delay > 0) opts.delay = delay;
      return addJob({ name: EXECUTION_JOB_NAME, data: { executionId: execution.executionId }, opts });
    },
    enqueueGroup: ({ groupId, executionIds }) => {
      if (executionIds.length === 0) return Promise.resolve();
      return addJob({ name: EXECUTION_GROUP_JOB_NAME, data: { executionIds: [...executionIds] }, opts: { ...jobOptions, jobId: groupJobId(groupId) } });
    },
    async signalCancel(executionId) {
      await connection.publish(channel, executionId);
    },
    async close() {
      await queue.close();
    },
  };
  return executionQueue;
}
