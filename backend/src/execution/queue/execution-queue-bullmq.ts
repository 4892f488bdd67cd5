// The ExecutionQueue seam over BullMQ: the API records an execution in PostgreSQL, then adds one job
// named after it. The job id is the execution id, so enqueueing the same execution twice (a retried
// submit, a sweeper re-enqueueing what looks stuck) adds nothing; and should a job still run twice, the
// worker's conditional writes make the second run a no-op (see worker/record-outcome.ts).
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { groupCommit } from '../../db/group-commit.ts';
import type { ExecutionQueue, QueuedExecution } from '../../executions/execution-queue.ts';
import { cancelChannel, DEFAULT_EXECUTION_QUEUE_NAME, EXECUTION_JOB_NAME, type ExecutionJobData } from './execution-job.ts';

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
export type ExecutionJobTarget = Pick<QueuedExecution, 'executionId'> & Partial<Omit<QueuedExecution, 'executionId'>> & { priority?: number; delayMs?: number };

/** An ExecutionQueue (the API's seam) that also takes a priority, and cancels. */
export type BullmqExecutionQueue = {
  /** Adds the execution's job, unless a job of that id exists (in whatever state). */
  enqueue: (execution: ExecutionJobTarget) => Promise<void>;
  readonly queue: Queue<ExecutionJobData>;
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
  const queue = new Queue<ExecutionJobData>(queueName, { connection, prefix });
  const channel = cancelChannel(prefix, queueName);

  // Jobs added while an add is in flight go to Redis together (one addBulk: one round trip, one
  // MULTI), the group commit of the queue side (db/group-commit.ts).
  type NewJob = { name: string; data: ExecutionJobData; opts: JobsOptions };
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
      // BullMQ keeps 0 for "no priority", served before prioritized jobs without the priority set's cost.
      return addJob({ name: EXECUTION_JOB_NAME, data: { executionId: execution.executionId }, opts: { ...jobOptions, jobId: execution.executionId, ...(priority > 0 ? { priority } : {}), ...(delay > 0 ? { delay } : {}) } });
    },
    async signalCancel(executionId) {
      await connection.publish(channel, executionId);
    },
    async close() {
      await queue.close();
    },
  };
  return executionQueue satisfies ExecutionQueue;
}
