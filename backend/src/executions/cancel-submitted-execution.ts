// Cancels an execution for the caller who submitted it (the agent's creator may read it, but not cancel
// it; anyone else gets NOT_FOUND, as for reads). PostgreSQL decides whether it is still open: queued or
// running becomes `cancelled` (a running one's reservation is released, and it is never charged);
// anything finished is NOT_CANCELLABLE. Subscribers hear of it at once.
import type { Pool } from 'pg';
import { ApiError } from '../api/api-error.ts';
import type { Principal } from '../api/route.ts';
import { databaseExecutionQueue, type ExecutionQueue } from './execution-queue.ts';
import type { ExecutionRecord } from './execution-record.ts';
import { checkExecutionId, getExecution } from './get-execution.ts';

export type CancelSubmittedExecutionDeps = {
  db: Pool;
  queue: ExecutionQueue;
  /** Tells subscribers the execution changed (publishExecutionUpdate); failures are only logged. */
  publish?: (executionId: string) => Promise<void>;
  logger?: { warn: (object: object, message: string) => void };
};

export async function cancelSubmittedExecution(deps: CancelSubmittedExecutionDeps, principal: Principal, executionId: string): Promise<ExecutionRecord> {
  checkExecutionId(executionId);
  const { rows } = await deps.db.query<{ status: string }>({
    name: 'execution-owned',
    text: 'SELECT status FROM agent_executions WHERE id = $1 AND user_id = $2',
    values: [executionId, principal.userId],
  });
  if (!rows[0]) throw new ApiError(404, 'NOT_FOUND', `no execution ${executionId} submitted by you`);
  const cancel = deps.queue.cancel ?? databaseExecutionQueue.cancel;
  const outcome = await cancel(deps.db, executionId);
  if (!outcome.cancelled) {
    throw new ApiError(409, 'NOT_CANCELLABLE', `execution ${executionId} is ${outcome.status ?? 'gone'}: only a queued or running execution can be cancelled`, { status: outcome.status });
  }
  if (deps.publish) await deps.publish(executionId).catch((error: unknown) => deps.logger?.warn({ err: error, executionId }, 'could not publish an execution update'));
  return getExecution(deps.db, principal, executionId);
}
