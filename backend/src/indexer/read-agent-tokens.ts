// The agent tokens indexed so far (from the stored AgentRegistered events), for restarts and after a
// rollback: a token registered in an orphaned block is forgotten with its registration.
import type { Address } from 'viem';
import type { Pool } from 'pg';
import { AGENT_REGISTRY_ADDRESS } from './cr8-contracts.ts';
import { DatabaseFailedError } from './errors.ts';
import type { AgentTokens } from './fetch-range.ts';

export async function readAgentTokens(db: Pool, parameters: { chainId: number }): Promise<AgentTokens> {
  try {
    const { rows } = await db.query<{ token: Address; agent_id: string }>(
      `SELECT args->>'token' AS token, args->>'agentId' AS agent_id FROM chain_events
       WHERE chain_id = $1 AND contract = $2 AND event_name = 'AgentRegistered'`,
      [parameters.chainId, AGENT_REGISTRY_ADDRESS],
    );
    return new Map(rows.map((row) => [row.token, row.agent_id]));
  } catch (error) {
    throw new DatabaseFailedError('reading the indexed agent tokens', error);
  }
}
