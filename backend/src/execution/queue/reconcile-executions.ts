// Puts BullMQ back in step with PostgreSQL, which decides what an execution is; BullMQ only delivers it.
// One pass looks at every open execution (queued or running, through the partial index of unfinished ones)
// and at its jobs, a page at a time: one SELECT and one Redis pipeline per page. An execution has a job
// of its own (jobId = executionId: hand-offs and this reconciler's), a group job (the API's, named after
// agent_executions.job_group: see execution-job.ts), or both.
//
//   either job waiting, prioritized, delayed or active ─ nothing to do (BullMQ's stalled checker recovers
//                          an active job whose worker died; a group job's worker hands off what it cannot
//                          finish before the job ends)
//   no live job and none of its own (a group job missing or over counts as none), and still open when
//   read again after Redis was asked (one that finished meanwhile took its group job with it):
//     execution queued ─ a job of its own added (Redis lost the group's, or the API died between its
//                        commit and its enqueue); only once the execution is `minAgeMs` old, the API's window
//     execution running ─ a job of its own added, delayed by `staleRunningMs`: the attempt may still be
//                        alive (a worker keeps running what it holds when Redis restarts empty, and records
//                        its outcome in PostgreSQL) and has that long to finish, after which the job finds
//                        the execution finished and does nothing; a dead attempt is run again when the
//                        delay ends, as a new attempt (which releases the dead one's reservation). Either
//                        way the execution is charged at most once.
//   its own job failed for good or completed, execution still open (`minAgeMs` after the job finished,
//   so the worker's own 'failed' handler goes first) ─ settle-finished-job.ts: run again while attempts
//   are left if its runs only kept dying, else failed WORKER_FAILED with its reservation released.
//
// Every action is idempotent (a job of its own is named after its execution; a retry only moves a job
// that is still finished; failing only touches an open execution), and one pass runs at a time per queue
// (a PostgreSQL advisory lock): a second reconciler, in this or another process, skips its pass.
import type { Pool } from 'pg';
import type { Logger } from '../../service/logger.ts';
import { groupJobId, isSingleExecutionJob } from './execution-job.ts';
import type { BullmqExecutionQueue } from './execution-queue-bullmq.ts';
import { settleFinishedJob } from './settle-finished-job.ts';

export type ReconcileExecutionsParameters = {
  db: Pool;
  queue: BullmqExecutionQueue;
  logger: Logger;
  /** How long a running execution whose job Redis lost waits before it runs again (see above). */
  staleRunningMs: number;
  /** Default: PostgreSQL's clock for the executions' ages, this process's for the jobs'. */
  now?: Date;
  /** Age under which a queued execution without a job, or a finished job, is left alone (default 5,000 ms). */
  minAgeMs?: number;
  /** Only the executions this orchestrator's queue serves: recorded for it, or for none (default: all). */
  orchestrator?: `0x${string}`;
  /** Executions per page (default 1,000). */
  batchSize?: number;
};

export type ReconcileExecutionsReturnType = {
  /** Another pass held the lock: nothing was looked at. */
  skipped: boolean;
  /** Open executions looked at. */
  checked: number;
  /** Queued executions whose job was missing, added again. */
  requeued: number;
  /** Running executions whose job was missing, added again (delayed by staleRunningMs). */
  resumed: number;
  /** Open executions whose job had failed for good or completed, run again (the job retried). */
  retried: number;
  /** Open executions whose job had failed for good with no attempts left, failed WORKER_FAILED. */
  failed: number;
  /** Executions whose action failed (logged; the next pass tries again). */
  errors: number;
};

export const DEFAULT_RECONCILE_MIN_AGE_MS = 5_000;
export const DEFAULT_RECONCILE_BATCH_SIZE = 1_000;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

type OpenRow = { id: string; status: 'queued' | 'running'; priority: number; job_group: string | null };
type JobState = 'missing' | 'live' | { finished: 'failed' | 'completed'; finishedOn: number };

export async function reconcileExecutions(parameters: ReconcileExecutionsParameters): Promise<ReconcileExecutionsReturnType> {
  const { db, queue, logger, staleRunningMs } = parameters;
  const minAgeMs = parameters.minAgeMs ?? DEFAULT_RECONCILE_MIN_AGE_MS;
  const batchSize = parameters.batchSize ?? DEFAULT_RECONCILE_BATCH_SIZE;
  if (!Number.isInteger(staleRunningMs) || staleRunningMs < 0) throw new Error(`reconcile executions: staleRunningMs must be a non-negative integer (got ${staleRunningMs})`);
  if (!(minAgeMs >= 0)) throw new Error(`reconcile executions: minAgeMs must be at least 0 (got ${minAgeMs})`);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`reconcile executions: batchSize must be a positive integer (got ${batchSize})`);
  const result: ReconcileExecutionsReturnType = { skipped: false, checked: 0, requeued: 0, resumed: 0, retried: 0, failed: 0, errors: 0 };

  const lockName = `cr8-execution-reconciler:${queue.prefix}:${queue.queueName}`;
  const lock = await db.connect();
  let broken: Error | undefined;
  try {
    const { rows } = await lock.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [lockName]);
    if (!rows[0]!.locked) return { ...result, skipped: true };
    try {
      const finishedBefore = (parameters.now ?? new Date()).getTime() - minAgeMs;
      for (let after = FIRST_ID; ; ) {
        const page = await openExecutions(db, { after, now: parameters.now ?? null, minAgeMs, orchestrator: parameters.orchestrator ?? null, limit: batchSize });
        if (page.length === 0) break;
        after = page[page.length - 1]!.id;
        result.checked += page.length;
        const states = await jobStates(queue, page);
        const stillOpen = await stillOpenWithoutJob(db, page, states);
        for (const [index, execution] of page.entries()) {
          const current = states[index] === 'missing' ? stillOpen.get(execution.id) : execution;
          if (!current) continue; // finished between the page's read and the jobs' (see stillOpenWithoutJob)
          try {
            await reconcileOne(parameters, current, states[index]!, finishedBefore, result);
          } catch (error) {
            result.errors += 1;
            logger.error({ err: error, executionId: execution.id }, 'could not reconcile an execution with its job');
          }
        }
        if (page.length < batchSize) break;
      }
    } finally {
      await lock.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockName]).catch((error: Error) => {
        // A connection that cannot unlock is not returned to the pool (closing it frees the lock).
        broken = error;
      });
    }
    return result;
  } finally {
    lock.release(broken);
  }
}

async function reconcileOne(parameters: ReconcileExecutionsParameters, execution: OpenRow, state: JobState, finishedBefore: number, result: ReconcileExecutionsReturnType): Promise<void> {
  const { db, queue, logger, staleRunningMs } = parameters;
  if (state === 'live') return;
  if (state === 'missing') {
    if (execution.status === 'queued') {
      await queue.enqueue({ executionId: execution.id, priority: execution.priority });
      result.requeued += 1;
      logger.warn({ executionId: execution.id }, 'a queued execution had no job: queued again');
    } else {
      await queue.enqueue({ executionId: execution.id, priority: execution.priority, delayMs: staleRunningMs });
      result.resumed += 1;
      logger.warn({ executionId: execution.id, delayMs: staleRunningMs }, 'a running execution had no job: queued again, to run once the delay ends unless its attempt finishes first');
    }
    return;
  }
  if (state.finishedOn > finishedBefore) return;
  const job = await queue.queue.getJob(execution.id);
  // Removed meanwhile (retention, a cancellation): the next pass sees it without a job.
  if (!job || !job.finishedOn || !isSingleExecutionJob(job)) return;
  const reason = state.finished === 'failed' ? job.failedReason : `completed (${JSON.stringify(job.returnvalue)}) while the execution was still ${execution.status}`;
  const settled = await settleFinishedJob(db, { job, state: state.finished, reason });
  if (settled.action === 'retried') result.retried += 1;
  if (settled.action === 'failed') result.failed += 1;
  if (settled.action !== 'none') logger.warn({ executionId: execution.id, job: state.finished, reason, attempts: settled.attempts, action: settled.action }, 'an open execution\'s job was over: settled');
}

function openExecutions(db: Pool, page: { after: string; now: Date | null; minAgeMs: number; orchestrator: string | null; limit: number }): Promise<OpenRow[]> {
  // `finished_at IS NULL` is the partial index's predicate (agent_executions_unfinished_idx, on id): only open
  // rows are read, in id order. A CHECK makes it the same as status queued or running.
  return db
    .query<OpenRow>({
      name: 'execution-reconcile-open',
      text: `SELECT id, status, priority, job_group FROM agent_executions
             WHERE finished_at IS NULL AND id > $1
               AND (status = 'running' OR queued_at <= coalesce($2::timestamptz, now()) - make_interval(secs => $3::float8 / 1000))
               AND ($4::text IS NULL OR orchestrator IS NULL OR orchestrator = $4::text)
             ORDER BY id LIMIT $5`,
      values: [page.after, page.now, page.minAgeMs, page.orchestrator, page.limit],
    })
    .then((result) => result.rows);
}

/** The executions found without a job, read again after their jobs were: those still open, as they are now.
 *  The page was read before Redis was asked, and a group job completes and goes once its executions are
 *  finished, so an execution that finished in between (a busy queue finishes hundreds a second) has no job
 *  left and would be taken for one whose job Redis lost. Read after the jobs, an execution still open
 *  without a job has really lost it (a group job hands off what it has not finished before it ends). */
async function stillOpenWithoutJob(db: Pool, page: readonly OpenRow[], states: readonly JobState[]): Promise<Map<string, OpenRow>> {
  const missing = page.filter((_, index) => states[index] === 'missing').map((row) => row.id);
  if (missing.length === 0) return new Map();
  const { rows } = await db.query<OpenRow>({
    name: 'execution-reconcile-still-open',
    text: `SELECT id, status, priority, job_group FROM agent_executions WHERE id = ANY($1::uuid[]) AND finished_at IS NULL`,
    values: [missing],
  });
  return new Map(rows.map((row) => [row.id, row]));
}

/** Each execution's state as far as its jobs go: live (either job in any state but finished), finished
 *  (its own job failed or completed, and when), or missing (no job of its own, and its group job missing
 *  or finished). Three O(log n) commands per job, in one pipeline: no scan of the wait list (as
 *  getJobState does). The group jobs are asked first: a group job hands off what it did not finish
 *  before it ends, so an execution whose group job is seen over already has its own job by the time
 *  that is asked, and is never taken for one without a job. */
async function jobStates(queue: BullmqExecutionQueue, page: readonly OpenRow[]): Promise<JobState[]> {
  const groups = [...new Set(page.flatMap((row) => (row.job_group ? [groupJobId(row.job_group)] : [])))];
  const jobIds = [...groups, ...page.map((row) => row.id)];
  const failedKey = queue.queue.toKey('failed');
  const completedKey = queue.queue.toKey('completed');
  const pipeline = queue.connection.pipeline();
  for (const id of jobIds) pipeline.exists(queue.queue.toKey(id)).zscore(failedKey, id).zscore(completedKey, id);
  const replies = (await pipeline.exec()) ?? [];
  const states = new Map<string, JobState>(
    jobIds.map((id, index) => {
      const [exists, failedOn, completedOn] = [0, 1, 2].map((offset) => {
        const [error, value] = replies[index * 3 + offset] ?? [new Error('no reply')];
        if (error) throw error;
        return value;
      });
      if (exists === 0) return [id, 'missing'];
      if (failedOn !== null && failedOn !== undefined) return [id, { finished: 'failed', finishedOn: Number(failedOn) }];
      if (completedOn !== null && completedOn !== undefined) return [id, { finished: 'completed', finishedOn: Number(completedOn) }];
      return [id, 'live'];
    }),
  );
  return page.map((row) => {
    const own = states.get(row.id)!;
    const group = row.job_group ? states.get(groupJobId(row.job_group))! : 'missing';
    return group === 'live' ? 'live' : own;
  });
}
