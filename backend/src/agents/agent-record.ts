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
  /** ISO 8601 in UTC with microseconds: exact, so a keyset cursor made from it loses no row. */
  createdAt: string;
};
export type AgentField = keyof AgentRecord;

/** The SQL for each field, aliased to the field's own name, so a row is an AgentRecord as it comes.
 *  The aliases never equal a column name: ORDER BY resolves output names first, and sorting by the
 *  formatted `created_at` text instead of the column would bypass the (created_at, id) index. */
export const AGENT_FIELD_SQL = {
  id: 'id',
  onchainId: 'onchain_id::text AS "onchainId"',
  creatorAddress: 'creator_address AS "creatorAddress"',
  name: 'name',
  description: 'description',
  capabilities: 'capabilities',
  cardCid: 'card_cid AS "cardCid"',
  metadataHash: 'metadata_hash AS "metadataHash"',
  tokenAddress: 'token_address AS "tokenAddress"',
  status: 'status',
  feePerExecution: 'fee_per_execution::text AS "feePerExecution"',
  gpuMultiplierBps: 'gpu_multiplier_bps AS "gpuMultiplierBps"',
  createdAt: `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAt"`,
} as const satisfies Record<AgentField, string>;

export const AGENT_FIELDS = Object.keys(AGENT_FIELD_SQL) as AgentField[];
export const AGENT_COLUMNS = Object.values(AGENT_FIELD_SQL).join(', ');
