// What travels through BullMQ for an execution: only its id. Everything else (input, agent, payer) is
// read from PostgreSQL when the job runs, so a job never carries secrets or stale prices, and a job
// added twice or delivered twice still names one execution.
//
// Two kinds of job share the queue:
// - `execute-group`: the executions the API wrote within a few milliseconds (executions/job-group-window.ts),
//   in one job named after the group (agent_executions.job_group). One job per group, not per execution:
//   BullMQ's scripts cost Redis ~50 µs per job added and again per job finished, its largest per-execution
//   cost. The worker runs
//   the group's executions side by side; one it cannot finish there (a retry after a transient failure,
//   a concurrency delay) it hands off to a job of its own.
// - `execute`: one execution, the job named after it: hand-offs, and the reconciler's re-enqueues.
export const EXECUTION_JOB_NAME = 'execute';
export const EXECUTION_GROUP_JOB_NAME = 'execute-group';
export const DEFAULT_EXECUTION_QUEUE_NAME = 'executions';

export type ExecutionJobData = { executionId: string };
export type ExecutionGroupJobData = { executionIds: string[] };
/** The data of any job of the executions queue. */
export type ExecutionQueueJobData = ExecutionJobData | ExecutionGroupJobData;

/** Whether a job of the queue carries one execution (not a group). */
export function isSingleExecutionJob<J extends { data: ExecutionQueueJobData }>(job: J): job is J & { data: ExecutionJobData } {
  return 'executionId' in job.data;
}

/** The BullMQ job id of a group (BullMQ refuses `:` in custom ids). */
export function groupJobId(groupId: string): string {
  return `group-${groupId}`;
}

/** What a finished group job returns: how its executions ended in it. */
export type ExecutionGroupJobResult = {
  /** Succeeded, failed for good, or found finished (or cancelled) already. */
  settled: number;
  /** Handed off to a job of their own: to retry after a transient failure, or held back by a concurrency limit. */
  handedOff: number;
};

/** What a finished job returns (kept in Redis with the completed job: small on purpose). */
export type ExecutionJobResult = {
  /** The execution's status after this job, or `skipped` when the job found nothing to do. */
  outcome: 'succeeded' | 'skipped' | 'superseded';
  cached?: boolean;
};

/** The Redis pub/sub channel on which cancellations reach the workers of one queue. */
export function cancelChannel(prefix: string, queueName: string): string {
  return `${prefix}:${queueName}:cancel`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isExecutionId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
