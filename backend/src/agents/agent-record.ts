// An agent as the API returns it: public fields only (never the execution secrets), wei as decimal
// strings (exact for any uint256; JSON numbers would round).
export type AgentRecord = {
  id: string;
  onchainId: string | null;
  creatorAddress: string;
  name: string;
  description: string;
  capabilities: string[];
  cardCid: string | null;
  metadataHash: string | null;
  tokenAddress: string | null;
  status: string;
  feePerExecution: string;
  gpuMultiplierBps: number;
  createdAt: string;
};

export const AGENT_COLUMNS = `id, onchain_id::text AS onchain_id, creator_address, name, description, capabilities, card_cid, metadata_hash,
  token_address, status, fee_per_execution::text AS fee_per_execution, gpu_multiplier_bps,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at_iso`;
// Not aliased `created_at`: ORDER BY resolves output names first, and sorting by the formatted text
// instead of the column would bypass the (created_at, id) index (a seq scan and sort of every agent).

export type AgentRow = {
  id: string;
  onchain_id: string | null;
  creator_address: string;
  name: string;
  description: string;
  capabilities: string[];
  card_cid: string | null;
  metadata_hash: string | null;
  token_address: string | null;
  status: string;
  fee_per_execution: string;
  gpu_multiplier_bps: number;
  /** ISO 8601 in UTC with microseconds: exact, so a keyset cursor made from it loses no row. */
  created_at_iso: string;
};

export function toAgentRecord(row: AgentRow): AgentRecord {
  return {
    id: row.id,
    onchainId: row.onchain_id,
    creatorAddress: row.creator_address,
    name: row.name,
    description: row.description,
    capabilities: row.capabilities,
    cardCid: row.card_cid,
    metadataHash: row.metadata_hash,
    tokenAddress: row.token_address,
    status: row.status,
    feePerExecution: row.fee_per_execution,
    gpuMultiplierBps: row.gpu_multiplier_bps,
    createdAt: row.created_at_iso,
  };
}
