// The statements that start an execution's run (see record-outcome.ts for those that end it). Each
// takes many executions at once: the worker groups the calls of its concurrent runs into one statement
// (group commit, worker/execution-statements.ts), which is what makes a thousand executions a second
// affordable for PostgreSQL. (Only after a crash does a claim take a transaction of two statements.)
// - loadExecutions: the executions, their agents (config, fee, multiplier, on-chain id, sealed secrets)
//   and their payers' wallets, in one SELECT.
// - claimExecutions: marks executions running as new attempts AND reserves each fee's upper bound on its
//   payer's payment channel, in one statement, only while the payer's largest authorization covers what
//   is charged, what is reserved, and the bounds before it. The channel row is the point of
//   serialization: it is locked (FOR UPDATE) before its charged and reserved amounts are read, so
//   concurrent claims, in this process or another, cannot together overspend an authorization.
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

/** Many executions in one SELECT, answered in the order asked (null for those that do not exist). */
export async function loadExecutions(db: Pool, executionIds: readonly string[]): Promise<(LoadedExecution | null)[]> {
  const { rows } = await db.query<LoadedRow>({
    name: 'executions-load',
    text: `SELECT e.id, e.status, e.agent_id, e.user_id, e.input, e.input_hash, e.priority, e.attempts, e.reserved_wei::text AS reserved_wei,
                  a.onchain_id::text AS onchain_id, a.fee_per_execution::text AS fee_per_execution, a.gpu_multiplier_bps, a.execution_config,
                  a.encrypted_secrets, u.wallet_address AS payer
           FROM agent_executions e JOIN agents a ON a.id = e.agent_id LEFT JOIN users u ON u.id = e.user_id
           WHERE e.id = ANY($1::uuid[])`,
    values: [executionIds],
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return executionIds.map((id) => {
    const row = byId.get(id.toLowerCase());
    return row ? loadedExecution(row) : null;
  });
}

function loadedExecution(row: LoadedRow): LoadedExecution {
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
  /** loadExecutions' reservedWei: non-zero means a dead attempt's reservation must be released first. */
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
  if (parameters.previousReservedWei === 0n) return (await claimExecutions(db, [parameters]))[0]!;
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
    return (await claimExecutions(client, [parameters]))[0]!;
  });
}

/**
 * Claims many executions in one statement (group commit: worker/execution-statements.ts), answered in
 * the order asked. Executions of one payer are reserved in that order, each only if the authorization
 * still covers it after those before it: the payer's channel row is locked once and takes their sum.
 * The same execution asked for twice is claimed once; the repeat answers not_claimable, as a second
 * worker's claim would. (previousReservedWei is not looked at here: claimExecution handles a dead
 * attempt's reservation first.)
 */
export async function claimExecutions(db: Pool | PoolClient, items: readonly ClaimExecutionParameters[]): Promise<ClaimExecutionReturnType[]> {
  const first = new Map<string, number>();
  items.forEach((item, index) => {
    const id = item.executionId.toLowerCase();
    if (!first.has(id)) first.set(id, index);
  });
  const unique = [...first.values()].map((index) => items[index]!);
  let answers = await claimOnce(db, unique);
  // A payer's first reservation with an orchestrator creates their channel row; the claim then runs
  // again for those executions (only then: afterwards the row exists for good).
  const missing = answers.flatMap((answer, index) => (answer.channelMissing ? [index] : []));
  if (missing.length > 0) {
    await db.query({
      name: 'payment-channels-open',
      text: `INSERT INTO payment_channels (payer, orchestrator) SELECT DISTINCT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
      values: [missing.map((index) => unique[index]!.payer), missing.map((index) => unique[index]!.orchestrator)],
    });
    const again = await claimOnce(db, missing.map((index) => unique[index]!));
    missing.forEach((index, position) => (answers[index] = again[position]!));
  }
  const byId = new Map(unique.map((item, index) => [item.executionId.toLowerCase(), answers[index]!.answer]));
  return items.map((item, index) => (first.get(item.executionId.toLowerCase()) === index ? byId.get(item.executionId.toLowerCase())! : { claimed: false, reason: 'not_claimable' }));
}

type ClaimAnswer = { answer: ClaimExecutionReturnType; channelMissing: boolean };

async function claimOnce(db: Pool | PoolClient, items: readonly ClaimExecutionParameters[]): Promise<ClaimAnswer[]> {
  // `target` locks the executions that can run (queued, or running after a crash, holding nothing), in
  // id order; `channel` locks the paying channels, in payer order (every multi-row writer locks in these
  // orders, so groups do not deadlock each other); `accepted` keeps, per payer, the executions whose
  // running sum of bounds still fits the largest authorization above what is charged and reserved;
  // `reserved` adds their sum to the channel; `claimed` starts their attempts.
  const { rows } = await db.query<{ ord: string; claimable: boolean; attempt: number | null; channel_missing: boolean }>({
    name: 'executions-claim',
    text: `WITH input AS (
             SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::numeric[]) WITH ORDINALITY AS i(id, payer, orchestrator, reserve, ord)
           ), target AS (
             SELECT e.id FROM agent_executions e
             WHERE e.id = ANY($1::uuid[]) AND e.status IN ('queued', 'running') AND e.reserved_wei = 0
             ORDER BY e.id FOR UPDATE
           ), channel AS (
             SELECT c.payer, c.orchestrator, c.charged_wei + c.reserved_wei AS used FROM payment_channels c
             WHERE (c.payer, c.orchestrator) IN (SELECT payer, orchestrator FROM input WHERE reserve > 0 AND payer IS NOT NULL)
             ORDER BY c.payer, c.orchestrator FOR UPDATE
           ), authorized AS (
             SELECT a.payer, a.orchestrator, max(a.cumulative_wei) AS wei FROM payment_authorizations a
             WHERE (a.payer, a.orchestrator) IN (SELECT payer, orchestrator FROM input WHERE reserve > 0 AND payer IS NOT NULL)
             GROUP BY a.payer, a.orchestrator
           ), wanted AS (
             SELECT i.id, i.payer, i.orchestrator, i.reserve, sum(i.reserve) OVER (PARTITION BY i.payer, i.orchestrator ORDER BY i.ord) AS running
             FROM input i JOIN target t ON t.id = i.id
           ), accepted AS (
             SELECT w.id, w.payer, w.orchestrator, w.reserve FROM wanted w
             LEFT JOIN channel c ON c.payer = w.payer AND c.orchestrator = w.orchestrator
             LEFT JOIN authorized a ON a.payer = w.payer AND a.orchestrator = w.orchestrator
             WHERE w.reserve = 0 OR (w.payer IS NOT NULL AND c.used + w.running <= coalesce(a.wei, 0))
           ), reserved AS (
             UPDATE payment_channels c SET reserved_wei = c.reserved_wei + s.total
             FROM (SELECT payer, orchestrator, sum(reserve) AS total FROM accepted WHERE reserve > 0 GROUP BY payer, orchestrator) s
             WHERE c.payer = s.payer AND c.orchestrator = s.orchestrator
           ), claimed AS (
             UPDATE agent_executions e SET status = 'running', attempts = e.attempts + 1, started_at = now(), finished_at = NULL,
                    error = NULL, error_code = NULL, reserved_wei = a.reserve, orchestrator = a.orchestrator
             FROM accepted a WHERE e.id = a.id
             RETURNING e.id, e.attempts
           )
           SELECT i.ord::text AS ord, t.id IS NOT NULL AS claimable, c.attempts AS attempt,
                  (i.reserve > 0 AND i.payer IS NOT NULL AND NOT EXISTS (SELECT 1 FROM channel ch WHERE ch.payer = i.payer AND ch.orchestrator = i.orchestrator)) AS channel_missing
           FROM input i LEFT JOIN target t ON t.id = i.id LEFT JOIN claimed c ON c.id = i.id`,
    values: [items.map((item) => item.executionId), items.map((item) => item.payer), items.map((item) => item.orchestrator), items.map((item) => item.reserveWei.toString())],
  });
  const answers: ClaimAnswer[] = new Array(items.length);
  for (const row of rows) {
    const answer: ClaimExecutionReturnType = row.attempt !== null ? { claimed: true, attempt: row.attempt } : { claimed: false, reason: row.claimable ? 'payment_required' : 'not_claimable' };
    answers[Number(row.ord) - 1] = { answer, channelMissing: row.claimable && row.attempt === null && row.channel_missing };
  }
  return answers;
}
