// The statements that end an execution's attempt, each ONE statement (so one transaction and one round
// trip). The two an attempt records write only over `status = 'running' AND attempts = <this attempt>`: an
// execution cancelled meanwhile, already finished by a redelivered job, or claimed again by a newer
// attempt after this worker was presumed dead, is left alone, and so is the money. What rides on that
// conditional UPDATE (its RETURNING feeds the rest):
// - success: the charge moves the attempt's reservation into the payer's channel (charged_wei += fee,
//   reserved_wei -= reservation, by INSERT .. ON CONFLICT DO UPDATE .. RETURNING the new cumulative),
//   and the receipt is inserted with that cumulative. A second attempt finds nothing running at its
//   number, so it can neither add the fee again nor insert a second receipt (whose primary key, the
//   execution, would refuse it anyway and roll the whole statement back). A free execution (nothing
//   charged) gets no receipt: settlement only moves a payer's cumulative charge forward.
// - failure (permanent, or retryable back to `queued`): the reservation is released, nothing charged.
// failOpenExecution ends an execution outside of any attempt (refused before it ran, or abandoned).
import type { Pool } from 'pg';

export type RecordSuccessParameters = {
  executionId: string;
  attempt: number;
  payer: `0x${string}` | null;
  /** The agent's AgentRegistry id; without one no receipt can be posted, so none is written. */
  onchainAgentId: string | null;
  /** The output's canonical JSON text (stored as the result) and its hash. */
  outputJson: string;
  outputHash: `0x${string}`;
  gpuMilliseconds: number;
  /** fee + GPU cost × multiplier. Charged up to what the attempt reserved, never beyond. */
  costWei: bigint;
  logs: string;
  cached: boolean;
};

export type RecordSuccessReturnType =
  | { recorded: false }
  | { recorded: true; costWei: bigint; receipt: { payerCumulativeWei: bigint } | null };

export async function recordSuccess(db: Pool, parameters: RecordSuccessParameters): Promise<RecordSuccessReturnType> {
  const { rows } = await db.query<{ recorded: boolean; cost_wei: string | null; payer_cumulative_wei: string | null }>({
    name: 'execution-succeeded',
    text: `WITH run AS (
             SELECT id, reserved_wei, orchestrator, input_hash FROM agent_executions WHERE id = $1 AND status = 'running' AND attempts = $2 FOR UPDATE
           ), done AS (
             UPDATE agent_executions e SET status = 'succeeded', result = $3::jsonb, output_hash = $4::text, gpu_milliseconds = $5,
                    cost_wei = least($6::numeric, run.reserved_wei), finished_at = greatest(now(), e.started_at), logs = $7, cached = $8,
                    error = NULL, error_code = NULL, reserved_wei = 0
             FROM run WHERE e.id = run.id
             RETURNING e.cost_wei, run.reserved_wei, run.orchestrator, run.input_hash
           ), channel AS (
             INSERT INTO payment_channels AS c (payer, orchestrator, charged_wei)
             SELECT $9::text, done.orchestrator, done.cost_wei FROM done WHERE $9::text IS NOT NULL AND (done.cost_wei > 0 OR done.reserved_wei > 0)
             ON CONFLICT (payer, orchestrator) DO UPDATE
               SET charged_wei = c.charged_wei + EXCLUDED.charged_wei, reserved_wei = c.reserved_wei - (SELECT reserved_wei FROM done)
             RETURNING c.charged_wei
           ), receipt AS (
             INSERT INTO execution_receipts (execution_id, orchestrator, onchain_agent_id, payer, input_hash, output_hash, gpu_seconds, fee_wei, payer_cumulative_wei)
             SELECT $1, done.orchestrator, $10::numeric, $9::text, done.input_hash, $4::text, $11, done.cost_wei, channel.charged_wei
             FROM done, channel WHERE $10::numeric IS NOT NULL AND done.cost_wei > 0
             RETURNING payer_cumulative_wei
           )
           SELECT EXISTS (SELECT 1 FROM done) AS recorded, (SELECT cost_wei::text FROM done) AS cost_wei,
                  (SELECT payer_cumulative_wei::text FROM receipt) AS payer_cumulative_wei`,
    values: [
      parameters.executionId,
      parameters.attempt,
      parameters.outputJson,
      parameters.outputHash,
      parameters.gpuMilliseconds,
      parameters.costWei.toString(),
      parameters.logs,
      parameters.cached,
      parameters.payer,
      parameters.onchainAgentId,
      Math.ceil(parameters.gpuMilliseconds / 1000),
    ],
  });
  const row = rows[0]!;
  if (!row.recorded) return { recorded: false };
  return {
    recorded: true,
    costWei: BigInt(row.cost_wei!),
    receipt: row.payer_cumulative_wei === null ? null : { payerCumulativeWei: BigInt(row.payer_cumulative_wei) },
  };
}

export type RecordFailureParameters = {
  executionId: string;
  attempt: number;
  payer: `0x${string}` | null;
  /** `queued`: retryable, BullMQ runs it again; the others are final. */
  status: 'failed' | 'timed_out' | 'queued';
  errorCode: string;
  message: string;
  logs: string;
  gpuMilliseconds: number;
};

/** Records a failed attempt, releasing its reservation; false when the attempt no longer owns the execution. */
export async function recordFailure(db: Pool, parameters: RecordFailureParameters): Promise<boolean> {
  const { rows } = await db.query<{ recorded: boolean }>({
    name: 'execution-attempt-failed',
    text: `WITH run AS (
             SELECT id, reserved_wei, orchestrator FROM agent_executions WHERE id = $1 AND status = 'running' AND attempts = $2 FOR UPDATE
           ), done AS (
             UPDATE agent_executions e SET status = $3::execution_status, error = $4, error_code = $5, logs = $6, gpu_milliseconds = $7,
                    finished_at = CASE WHEN $3::execution_status = 'queued' THEN NULL ELSE greatest(now(), e.started_at) END,
                    cost_wei = CASE WHEN $3::execution_status = 'queued' THEN NULL ELSE 0 END, reserved_wei = 0
             FROM run WHERE e.id = run.id
             RETURNING run.reserved_wei, run.orchestrator
           ), released AS (
             UPDATE payment_channels c SET reserved_wei = c.reserved_wei - done.reserved_wei FROM done
             WHERE done.reserved_wei > 0 AND c.payer = $8 AND c.orchestrator = done.orchestrator
           )
           SELECT EXISTS (SELECT 1 FROM done) AS recorded`,
    values: [parameters.executionId, parameters.attempt, parameters.status, parameters.message, parameters.errorCode, parameters.logs, parameters.gpuMilliseconds, parameters.payer],
  });
  return rows[0]!.recorded;
}

/** Fails an execution outside of an attempt: refused before it ran (bad config, payment required...),
 *  or abandoned when its job failed for good without recording an outcome (the worker kept crashing,
 *  or PostgreSQL kept failing). Whatever a dead attempt still reserved is released. False when the
 *  execution is no longer open (finished or cancelled meanwhile). */
export async function failOpenExecution(db: Pool, parameters: { executionId: string; errorCode: string; message: string }): Promise<boolean> {
  const { rows } = await db.query<{ recorded: boolean }>({
    name: 'execution-failed-open',
    text: `WITH target AS (
             SELECT e.id, e.reserved_wei, e.orchestrator, u.wallet_address AS payer
             FROM agent_executions e LEFT JOIN users u ON u.id = e.user_id
             WHERE e.id = $1 AND e.status IN ('queued', 'running') FOR UPDATE OF e
           ), done AS (
             UPDATE agent_executions e SET status = 'failed', error = $2, error_code = $3, cost_wei = 0, finished_at = greatest(now(), e.started_at), reserved_wei = 0
             FROM target WHERE e.id = target.id
             RETURNING target.reserved_wei, target.orchestrator, target.payer
           ), released AS (
             UPDATE payment_channels c SET reserved_wei = c.reserved_wei - done.reserved_wei FROM done
             WHERE done.reserved_wei > 0 AND c.payer = done.payer AND c.orchestrator = done.orchestrator
           )
           SELECT EXISTS (SELECT 1 FROM done) AS recorded`,
    values: [parameters.executionId, parameters.message, parameters.errorCode],
  });
  return rows[0]!.recorded;
}
