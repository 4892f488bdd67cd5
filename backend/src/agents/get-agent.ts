// One agent by its backend id (UUID) or its on-chain AgentRegistry id (a decimal number).
import type { Pool } from 'pg';
import { ApiError } from '../api/api-error.ts';
import { AGENT_COLUMNS, type AgentRecord } from './agent-record.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ONCHAIN_ID = /^[1-9][0-9]{0,77}$/;

/** Which column an id names; a 400 when it is neither a UUID nor an on-chain id. */
export function agentIdColumn(id: string): 'id' | 'onchain_id' {
  if (UUID.test(id)) return 'id';
  if (ONCHAIN_ID.test(id)) return 'onchain_id';
  throw new ApiError(400, 'INVALID_ARGUMENT', 'id: must be an agent UUID or an on-chain agent id (a positive integer)');
}

export async function getAgent(db: Pool, id: string): Promise<AgentRecord> {
  const column = agentIdColumn(id);
  const { rows } = await db.query<AgentRecord>({
    name: `get-agent-by-${column}`,
    text: `SELECT ${AGENT_COLUMNS} FROM agents WHERE ${column} = $1`,
    values: [id],
  });
  if (!rows[0]) throw new ApiError(404, 'NOT_FOUND', `no agent ${id}`);
  return rows[0];
}
