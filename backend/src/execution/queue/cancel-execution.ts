// Cancels an execution that has not finished. PostgreSQL decides: the execution becomes `cancelled`
// only if it is still queued or running, and in the same statement gives back what its run had reserved
// of the payer's authorization. Once it is `cancelled`, no worker can record an outcome for it (they
// write only over `running` at their own attempt), so a cancelled execution is never charged and gets
// no receipt, whatever its run does next. Then the queue side is told, to save the work:
// - a queued execution's job is removed (a job already picked up finds the execution cancelled);
// - a running one's worker aborts the run on a message on the queue's cancel channel.
import type { Pool } from 'pg';
import type { BullmqExecutionQueue } from './execution-queue-bullmq.ts';

export type CancelExecutionDeps = { db: Pool; queue: BullmqExecutionQueue };

export type CancelExecutionReturnType =
  | { cancelled: true; previousStatus: 'queued' | 'running' }
  | { cancelled: false; status: string | null };

export async function cancelExecution(deps: CancelExecutionDeps, executionId: string): Promise<CancelExecutionReturnType> {
  const { rows } = await deps.db.query<{ previous_status: 'queued' | 'running' | null; status: string | null }>({
    name: 'execution-cancel',
    text: `WITH target AS (
             SELECT e.id, e.status AS previous_status, e.reserved_wei, e.orchestrator, u.wallet_address AS payer
             FROM agent_executions e LEFT JOIN users u ON u.id = e.user_id
             WHERE e.id = $1 AND e.status IN ('queued', 'running') FOR UPDATE OF e
           ), cancelled AS (
             UPDATE agent_executions e SET status = 'cancelled', error = 'cancelled', error_code = 'CANCELLED',
                    finished_at = greatest(now(), e.started_at), reserved_wei = 0
             FROM target WHERE e.id = target.id
             RETURNING target.previous_status, target.reserved_wei, target.orchestrator, target.payer
           ), released AS (
             UPDATE payment_channels c SET reserved_wei = c.reserved_wei - cancelled.reserved_wei
             FROM cancelled WHERE cancelled.reserved_wei > 0 AND c.payer = cancelled.payer AND c.orchestrator = cancelled.orchestrator
           )
           SELECT (SELECT previous_status FROM cancelled) AS previous_status,
                  (SELECT status FROM agent_executions WHERE id = $1) AS status`,
    values: [executionId],
  });
  const row = rows[0]!;
  if (row.previous_status === null) return { cancelled: false, status: row.status };
  if (row.previous_status === 'queued') {
    // A job a worker holds right now cannot be removed (BullMQ refuses locked jobs): that worker will
    // find the execution cancelled. Nothing was reserved for a queued execution, so nothing leaks.
    await deps.queue.queue.remove(executionId).catch(() => 0);
  } else {
    await deps.queue.signalCancel(executionId);
  }
  return { cancelled: true, previousStatus: row.previous_status };
}
