// Links registrations the creator sent from their own wallet: the indexer records the registry's
// AgentRegistered event (creator, metadata hash, agent id, token), and this matches it to the pinned
// agent with the same creator and card hash. Each event links at most one agent (the oldest waiting
// one), and an already-linked on-chain id is never reused. Runs periodically and after each index pass.
import type { Pool } from 'pg';

export async function linkRegisteredAgents(db: Pool, parameters: { chainId: number; registry: `0x${string}` }): Promise<number> {
  const { rowCount } = await db.query({
    name: 'link-registered-agents',
    text: `WITH registered AS (
             SELECT DISTINCT ON (a.id) a.id, (e.args->>'agentId')::numeric AS onchain_id, lower(e.args->>'token') AS token, e.tx_hash
             FROM chain_events e
             JOIN agents a ON a.onchain_id IS NULL AND a.status IN ('pinned', 'registering')
                          AND a.creator_address = lower(e.args->>'creator') AND a.metadata_hash = lower(e.args->>'metadataHash')
             WHERE e.chain_id = $1 AND e.contract = $2 AND e.event_name = 'AgentRegistered'
               AND NOT EXISTS (SELECT 1 FROM agents linked WHERE linked.onchain_id = (e.args->>'agentId')::numeric)
             ORDER BY a.id, e.block_number, e.log_index
           ), one_per_event AS (
             SELECT DISTINCT ON (onchain_id) * FROM registered ORDER BY onchain_id, id
           )
           UPDATE agents SET status = 'registered', onchain_id = one_per_event.onchain_id, token_address = one_per_event.token,
                             registration_tx = one_per_event.tx_hash, registration_raw_tx = NULL, updated_at = now()
           FROM one_per_event WHERE agents.id = one_per_event.id`,
    values: [parameters.chainId, parameters.registry.toLowerCase()],
  });
  return rowCount ?? 0;
}
