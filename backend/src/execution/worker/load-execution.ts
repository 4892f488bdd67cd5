// The statements that start an execution's run, one round trip each (see record-outcome.ts for those
// that end it). Together they are the per-execution PostgreSQL work a throughput pass would batch.
// (Only after a crash does the claim take a transaction of two statements: see claimExecution.)
// - loadExecution: the execution, its agent (config, fee, multiplier, on-chain id, sealed secrets) and
//   its payer's wallet, in one SELECT.
// - claimExecution: marks the execution running as a new attempt AND reserves its fee's upper bound on
//   the payer's payment channel, in one statement, only if the payer's largest authorization covers
//   what is charged, what is reserved, and this bound. The channel row is the point of serialization:
//   INSERT .. ON CONFLICT DO UPDATE .. WHERE re-checks the bound against the row as the last concurrent
//   reservation left it, so concurrent claims cannot together overspend an authorization.
import type { Pool, PoolClient } from 'pg';
import { executionConfig } from '../../registration/registration-request.ts';
import { withTransaction } from '../../db/with-transaction.ts';
import type { AgentExecutionConfig } from '../gpu/driver.ts';

export type ExecutionStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'timed_out';

export const TERMINAL_STATUSES: ReadonlySet<ExecutionStatus> = new Set(['succeeded', 'failed', 'cancelled', 'timed_out']);

export type LoadedExecution = {
  id: string;
  status: ExecutionStatus;
  agentId: string;
  userId: string | null;
  input: unknown;
  inputHash: `0x${string}`;
  priority: number;
  attempts: number;
  /** What a previous attempt still holds of the payer's channel (non-zero only after a crash mid-run). */
  reservedWei: bigint;
  onchainAgentId: string | null;
  feeWei: bigint;
  gpuMultiplierBps: number;
  /** As stored (without secrets); parse it with parseExecutionConfig. */
  executionConfig: unknown;
  encryptedSecrets: Buffer | null;
  /** The paying user's wallet (null when the execution has no user). */
  payer: `0x${string}` | null;
};

type LoadedRow = {
  id: string;
  status: ExecutionStatus;
  agent_id: string;
  user_id: string | null;
  input: unknown;
  input_hash: `0x${string}`;
  priority: number;
  attempts: number;
  reserved_wei: string;
  onchain_id: string | null;
  fee_per_execution: string;
  gpu_multiplier_bps: number;
  execution_config: unknown;
  encrypted_secrets: Buffer | null;
  payer: `0x${string}` | null;
};

export async function loadExecution(db: Pool, executionId: string): Promise<LoadedExecution | null> {
  const { rows } = await db.query<LoadedRow>({
    name: 'execution-load',
    text: `SELECT e.id, e.status, e.agent_id, e.user_id, e.input, e.input_hash, e.priority, e.attempts, e.reserved_wei::text AS reserved_wei,
                  a.onchain_id::text AS onchain_id, a.fee_per_execution::text AS fee_per_execution, a.gpu_multiplier_bps, a.execution_config,
                  a.encrypted_secrets, u.wallet_address AS payer
           FROM agent_executions e JOIN agents a ON a.id = e.agent_id LEFT JOIN users u ON u.id = e.user_id
           WHERE e.id = $1`,
    values: [executionId],
  });
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    agentId: row.agent_id,
    userId: row.user_id,
    input: row.input,
    inputHash: row.input_hash,
    priority: row.priority,
    attempts: row.attempts,
    reservedWei: BigInt(row.reserved_wei),
    onchainAgentId: row.onchain_id,
    feeWei: BigInt(row.fee_per_execution),
    gpuMultiplierBps: row.gpu_multiplier_bps,
    executionConfig: row.execution_config,
    encryptedSecrets: row.encrypted_secrets,
    payer: row.payer,
  };
}

const storedConfig = executionConfig.omit({ secrets: true });

/** The stored config with its defaults applied, or why it cannot run (it is not one registration accepts). */
export function parseExecutionConfig(stored: unknown): { ok: true; config: AgentExecutionConfig } | { ok: false; message: string } {
  // `secretNames` is stored beside the config for the API to show; it is not part of what runs.
  const { secretNames: _secretNames, ...config } = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const parsed = storedConfig.safeParse(config);
  if (!parsed.success) return { ok: false, message: `the agent's execution config is invalid: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}` };
  return { ok: true, config: parsed.data };
}

export type ClaimExecutionParameters = {
  executionId: string;
  /** The payer whose channel takes the reservation (null: nobody can pay, so only a zero bound runs). */
  payer: `0x${string}` | null;
  orchestrator: `0x${string}`;
  /** The fee's upper bound (0: nothing to authorize). */
  reserveWei: bigint;
  /** loadExecution's reservedWei: non-zero means a dead attempt's reservation must be released first. */
  previousReservedWei: bigint;
};

export type ClaimExecutionReturnType =
  /** Running as attempt `attempt`, holding its reservation. */
  | { claimed: true; attempt: number }
  /** Not claimed: the payer's authorization does not cover the bound. Nothing was reserved. */
  | { claimed: false; reason: 'payment_required' }
  /** Not claimed: the execution is finished, cancelled, or being claimed by another worker. */
  | { claimed: false; reason: 'not_claimable' };

export async function claimExecution(db: Pool, parameters: ClaimExecutionParameters): Promise<ClaimExecutionReturnType> {
  if (parameters.previousReservedWei === 0n) return claim(db, parameters);
  // A previous attempt died while running and still holds its reservation: release it and claim in one
  // transaction, so the execution row stays locked in between (that attempt, should it still be alive,
  // cannot record its outcome over the released reservation: the claim moves the attempt number on).
  return withTransaction(db, async (client) => {
    await client.query({
      name: 'execution-release-stale',
      text: `WITH target AS (
               SELECT id, reserved_wei, orchestrator FROM agent_executions WHERE id = $1 AND status = 'running' AND reserved_wei > 0 FOR UPDATE
             ), cleared AS (
               UPDATE agent_executions e SET reserved_wei = 0 FROM target WHERE e.id = target.id RETURNING target.reserved_wei, target.orchestrator
             )
             UPDATE payment_channels c SET reserved_wei = c.reserved_wei - cleared.reserved_wei FROM cleared
             WHERE c.payer = $2 AND c.orchestrator = cleared.orchestrator`,
      values: [parameters.executionId, parameters.payer],
    });
    return claim(client, parameters);
  });
}

async function claim(db: Pool | PoolClient, { executionId, payer, orchestrator, reserveWei }: ClaimExecutionParameters): Promise<ClaimExecutionReturnType> {
  // `target` locks the execution if it can run (queued, or running after a crash, holding nothing);
  // `reserved` takes the reservation (no row when not covered); `claimed` starts the attempt only if
  // nothing had to be reserved or the reservation was taken.
  const { rows } = await db.query<{ claimable: boolean; attempt: number | null }>({
    name: 'execution-claim',
    text: `WITH target AS (
             SELECT id FROM agent_executions WHERE id = $1 AND status IN ('queued', 'running') AND reserved_wei = 0 FOR UPDATE
           ), authorized AS (
             SELECT coalesce(max(cumulative_wei), 0) AS wei FROM payment_authorizations WHERE payer = $2::text AND orchestrator = $3::text
           ), reserved AS (
             INSERT INTO payment_channels AS c (payer, orchestrator, reserved_wei)
             SELECT $2::text, $3::text, $4::numeric FROM target, authorized WHERE $4::numeric > 0 AND $2::text IS NOT NULL AND $4::numeric <= authorized.wei
             ON CONFLICT (payer, orchestrator) DO UPDATE SET reserved_wei = c.reserved_wei + EXCLUDED.reserved_wei
             WHERE c.charged_wei + c.reserved_wei + EXCLUDED.reserved_wei <= (SELECT wei FROM authorized)
             RETURNING 1
           ), claimed AS (
             UPDATE agent_executions e SET status = 'running', attempts = e.attempts + 1, started_at = now(), finished_at = NULL,
                    error = NULL, error_code = NULL, reserved_wei = $4::numeric, orchestrator = $3::text
             FROM target WHERE e.id = target.id AND ($4::numeric = 0 OR EXISTS (SELECT 1 FROM reserved))
             RETURNING e.attempts
           )
           SELECT EXISTS (SELECT 1 FROM target) AS claimable, (SELECT attempts FROM claimed) AS attempt`,
    values: [executionId, payer, orchestrator, reserveWei.toString()],
  });
  const row = rows[0]!;
  if (row.attempt !== null) return { claimed: true, attempt: row.attempt };
  return { claimed: false, reason: row.claimable ? 'payment_required' : 'not_claimable' };
}
