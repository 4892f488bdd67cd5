// What travels through BullMQ for an execution: only its id. Everything else (input, agent, payer) is
// read from PostgreSQL when the job runs, so a job never carries secrets or stale prices, and a job
// added twice or delivered twice still names one execution.
export const EXECUTION_JOB_NAME = 'execute';
export const DEFAULT_EXECUTION_QUEUE_NAME = 'executions';

export type ExecutionJobData = { executionId: string };

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
