// One execution, for the caller who submitted it or the agent's creator; anyone else gets NOT_FOUND
// (an execution's existence is not disclosed to others).
import type { Pool } from 'pg';
import { ApiError } from '../api/api-error.ts';
import type { Principal } from '../api/route.ts';
import { EXECUTION_COLUMNS, type ExecutionRecord, type ExecutionRow, toExecutionRecord } from './execution-record.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getExecution(db: Pool, principal: Principal, executionId: string): Promise<ExecutionRecord> {
  if (!UUID.test(executionId)) throw new ApiError(400, 'INVALID_ARGUMENT', 'id: must be an execution UUID');
  const { rows } = await db.query<ExecutionRow>({
    name: 'get-execution',
    text: `SELECT ${EXECUTION_COLUMNS} FROM agent_executions
           WHERE id = $1 AND (user_id = $2 OR agent_id IN (SELECT id FROM agents WHERE creator_user_id = $2))`,
    values: [executionId, principal.userId],
  });
  if (!rows[0]) throw new ApiError(404, 'NOT_FOUND', `no execution ${executionId}`);
  return toExecutionRecord(rows[0]);
}
