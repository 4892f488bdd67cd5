// An agent's lifecycle status: where its registration stands (draft → pinned → registering →
// registered), its on-chain identity, and the executions in flight.
import type { Pool } from 'pg';
import { getAgent } from './get-agent.ts';

export type AgentStatusRecord = {
  id: string;
  onchainId: string | null;
  status: string;
  /** True when the agent can be executed (registered on-chain and not paused). */
  executable: boolean;
  cardCid: string | null;
  tokenAddress: string | null;
  registrationTx: string | null;
  executions: { queued: number; running: number; lastQueuedAt: string | null };
  updatedAt: string;
};

export async function getAgentStatus(db: Pool, id: string): Promise<AgentStatusRecord> {
  const agent = await getAgent(db, id);
  const { rows } = await db.query<{ registration_tx: string | null; updated_at: Date; queued: number; running: number; last_queued_at: Date | null }>({
    name: 'agent-status',
    text: `SELECT a.registration_tx, a.updated_at,
              (SELECT count(*)::int FROM agent_executions WHERE agent_id = a.id AND status = 'queued') AS queued,
              (SELECT count(*)::int FROM agent_executions WHERE agent_id = a.id AND status = 'running') AS running,
              (SELECT max(queued_at) FROM agent_executions WHERE agent_id = a.id) AS last_queued_at
           FROM agents a WHERE a.id = $1`,
    values: [agent.id],
  });
  const row = rows[0]!;
  return {
    id: agent.id,
    onchainId: agent.onchainId,
    status: agent.status,
    executable: agent.status === 'registered',
    cardCid: agent.cardCid,
    tokenAddress: agent.tokenAddress,
    registrationTx: row.registration_tx,
    executions: { queued: row.queued, running: row.running, lastQueuedAt: row.last_queued_at?.toISOString() ?? null },
    updatedAt: row.updated_at.toISOString(),
  };
}
