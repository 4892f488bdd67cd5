// What becomes of an execution whose job is over (failed for good, or completed) while PostgreSQL still
// has it open (queued or running): no worker will run it again by itself, and a running one still holds
// its reservation on the payer's channel. Called by the worker when BullMQ fails a job for good, and by
// the reconciler for the jobs the worker could not settle (it died, or PostgreSQL failed at that moment).
//
// - Its runs kept dying (BullMQ failed the job as stalled more than maxStalledCount times: each time its
//   worker was killed or lost its lock), or the job completed without an outcome: the job runs again
//   (retried in place: the same job, back to waiting) while the execution has attempts left, counted in
//   agent_executions.attempts (one per run that started) against the job's `attempts`. A user expects an
//   execution to survive a worker dying, but not a poison execution to kill workers without end.
// - Otherwise (no attempts left, or the processor itself kept failing): failed WORKER_FAILED, its
//   reservation released, nothing charged (record-outcome.ts's failOpenExecution, as the worker does).
import type { Job } from 'bullmq';
import type { Pool } from 'pg';
import { failOpenExecution } from '../worker/record-outcome.ts';
import type { ExecutionJobData } from './execution-job.ts';
import { DEFAULT_EXECUTION_ATTEMPTS } from './execution-queue-bullmq.ts';

/** BullMQ's failedReason for a job that stalled more than maxStalledCount times. */
export const STALLED_JOB_REASON = 'job stalled more than allowable limit';

/** The job as settling uses it (a BullMQ Job). */
export type FinishedExecutionJob = Pick<Job<ExecutionJobData>, 'data' | 'opts' | 'retry' | 'getState'>;

export type SettleFinishedJobParameters = {
  job: FinishedExecutionJob;
  state: 'failed' | 'completed';
  /** Why the job failed (its failedReason), or what a completed one returned. */
  reason: string;
};

export type SettleFinishedJobReturnType = {
  /** `retried`: the job is waiting again; `failed`: the execution is failed WORKER_FAILED; `none`: the
   *  execution is not open (finished or cancelled meanwhile), or someone else moved the job first. */
  action: 'retried' | 'failed' | 'none';
  /** Runs the execution started (agent_executions.attempts), null when it does not exist. */
  attempts: number | null;
};

export async function settleFinishedJob(db: Pool, parameters: SettleFinishedJobParameters): Promise<SettleFinishedJobReturnType> {
  const { job, state, reason } = parameters;
  const executionId = job.data.executionId;
  const { rows } = await db.query<{ status: string; attempts: number }>({
    name: 'execution-open-attempts',
    text: `SELECT status, attempts FROM agent_executions WHERE id = $1`,
    values: [executionId],
  });
  const row = rows[0];
  if (!row) return { action: 'none', attempts: null };
  if (row.status !== 'queued' && row.status !== 'running') return { action: 'none', attempts: row.attempts };
  const budget = job.opts.attempts ?? DEFAULT_EXECUTION_ATTEMPTS;
  const rerunnable = state === 'completed' || reason === STALLED_JOB_REASON;
  if (rerunnable && row.attempts < budget) {
    try {
      // attemptsMade is kept: the run-again job has only what is left of BullMQ's retries too.
      await job.retry(state);
      return { action: 'retried', attempts: row.attempts };
    } catch (error) {
      // Moved by someone else meanwhile (the worker and a reconciler, or two reconcilers): theirs stands.
      const now = await job.getState().catch(() => 'unknown');
      if (now !== state) return { action: 'none', attempts: row.attempts };
      throw new Error(`execution ${executionId}: could not retry its ${state} job`, { cause: error });
    }
  }
  const why = rerunnable ? `its runs kept stopping without an outcome (${reason}); ${row.attempts} of ${budget} attempts were started` : reason;
  const failed = await failOpenExecution(db, { executionId, errorCode: 'WORKER_FAILED', message: `the execution could not be completed: ${why}` });
  return { action: failed ? 'failed' : 'none', attempts: row.attempts };
}
