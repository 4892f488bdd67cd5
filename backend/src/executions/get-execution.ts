// One execution, for the caller who submitted it or the agent's creator; anyone else gets NOT_FOUND
// (an execution's existence is not disclosed to others).
import type { Pool } from 'pg';
import { ApiError } from '../api/api-error.ts';
import type { Principal } from '../api/route.ts';
import { EXECUTION_SELECT, type ExecutionRecord, type ExecutionRow, toExecutionRecord } from './execution-record.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** INVALID_ARGUMENT unless `executionId` is a UUID. */
export function checkExecutionId(executionId: string): void {
  if (!UUID.test(executionId)) throw new ApiError(400, 'INVALID_ARGUMENT', 'id: must be an execution UUID');
}

export async function getExecution(db: Pool, principal: Principal, executionId: string): Promise<ExecutionRecord> {
  checkExecutionId(executionId);
  const { rows } = await db.query<ExecutionRow>({
    name: 'get-execution',
    text: `${EXECUTION_SELECT}
           WHERE e.id = $1 AND (e.user_id = $2 OR e.agent_id IN (SELECT id FROM agents WHERE creator_user_id = $2))`,
    values: [executionId, principal.userId],
  });
  if (!rows[0]) throw new ApiError(404, 'NOT_FOUND', `no execution ${executionId}`);
  return toExecutionRecord(rows[0]);
}
