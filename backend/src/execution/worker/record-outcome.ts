// The statements that end an execution's attempt, each ONE statement (so one transaction and one round
// trip; successes are group-committed, many attempts per statement: worker/execution-statements.ts).
// The two an attempt records write only over `status = 'running' AND attempts = <this attempt>`: an
// execution cancelled meanwhile, already finished by a redelivered job, or claimed again by a newer
// attempt after this worker was presumed dead, is left alone, and so is the money. What rides on that
// conditional UPDATE (its RETURNING feeds the rest):
// - success: the charge moves the attempt's reservation into the payer's channel (charged_wei += fee,
//   reserved_wei -= reservation, on the channel row the claim created and locked first), and the
//   receipt is inserted with the payer's cumulative charge. A second attempt finds nothing running at its
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

/**
 * Records many successes in one statement (group commit: worker/execution-statements.ts), answered in
 * the order given. Per payer, the channel row is locked once (in payer order, as claims lock it) and
 * moves by the sum of the charges; each receipt carries the payer's cumulative charge up to and
 * including itself, in the order given, so a payer's receipts still chain without gaps.
 */
export async function recordSuccesses(db: Pool, items: readonly RecordSuccessParameters[]): Promise<RecordSuccessReturnType[]> {
  // One item per execution goes to the statement: the one of the highest attempt, the only one that may
  // still own the execution. Keeping whichever came first had a stale attempt and its newer one (finished
  // together after a Redis restart gave the job back to the worker still running it) both answered
  // superseded, stranding the execution `running`; the worker now runs such a second delivery only after
  // the first (execution-worker.ts), and this stays the rule for any caller that groups attempts. The
  // same attempt asked twice records once; the repeat is superseded.
  const newest = new Map<string, number>();
  items.forEach((item, index) => {
    const key = item.executionId.toLowerCase();
    const kept = newest.get(key);
    if (kept === undefined || item.attempt > items[kept]!.attempt) newest.set(key, index);
  });
  const unique = [...newest.values()].sort((a, b) => a - b).map((index) => items[index]!);
  const { rows } = await db.query<{ id: string; cost_wei: string; payer_cumulative_wei: string | null }>({
    name: 'executions-succeeded',
    text: `WITH input AS (
             SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::int[], $6::numeric[], $7::text[], $8::bool[], $9::text[], $10::numeric[], $11::int[])
               WITH ORDINALITY AS i(id, attempt, output, output_hash, gpu_milliseconds, cost, logs, cached, payer, onchain_agent_id, gpu_seconds, ord)
           ), run AS (
             SELECT e.id, e.reserved_wei, e.orchestrator, e.input_hash FROM agent_executions e JOIN input i ON i.id = e.id AND e.attempts = i.attempt
             WHERE e.id = ANY($1::uuid[]) AND e.status = 'running' ORDER BY e.id FOR UPDATE OF e
           ), done AS (
             UPDATE agent_executions e SET status = 'succeeded', result = i.output::jsonb, output_hash = i.output_hash, gpu_milliseconds = i.gpu_milliseconds,
                    cost_wei = least(i.cost, run.reserved_wei), finished_at = greatest(now(), e.started_at), logs = i.logs, cached = i.cached,
                    error = NULL, error_code = NULL, reserved_wei = 0
             FROM run JOIN input i ON i.id = run.id WHERE e.id = run.id
             RETURNING e.id, e.cost_wei, run.reserved_wei, run.orchestrator, run.input_hash, i.payer, i.onchain_agent_id, i.output_hash, i.gpu_seconds, i.ord
           ), moves AS (
             SELECT payer, orchestrator, sum(cost_wei) AS charged, sum(reserved_wei) AS released FROM done
             WHERE payer IS NOT NULL AND (cost_wei > 0 OR reserved_wei > 0) GROUP BY payer, orchestrator
           ), locked AS (
             SELECT c.payer, c.orchestrator FROM payment_channels c
             WHERE (c.payer, c.orchestrator) IN (SELECT payer, orchestrator FROM moves) ORDER BY c.payer, c.orchestrator FOR UPDATE
           ), channel AS (
             UPDATE payment_channels c SET charged_wei = c.charged_wei + m.charged, reserved_wei = c.reserved_wei - m.released
             FROM moves m JOIN locked l ON l.payer = m.payer AND l.orchestrator = m.orchestrator
             WHERE c.payer = m.payer AND c.orchestrator = m.orchestrator
             RETURNING c.payer, c.orchestrator, c.charged_wei
           ), charged AS (
             SELECT d.*, ch.charged_wei - coalesce(sum(d.cost_wei) OVER (PARTITION BY d.payer, d.orchestrator ORDER BY d.ord ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING), 0) AS payer_cumulative_wei
             FROM done d JOIN channel ch ON ch.payer = d.payer AND ch.orchestrator = d.orchestrator
             WHERE d.onchain_agent_id IS NOT NULL AND d.cost_wei > 0
           ), receipt AS (
             INSERT INTO execution_receipts (execution_id, orchestrator, onchain_agent_id, payer, input_hash, output_hash, gpu_seconds, fee_wei, payer_cumulative_wei)
             SELECT id, orchestrator, onchain_agent_id, payer, input_hash, output_hash, gpu_seconds, cost_wei, payer_cumulative_wei FROM charged
             RETURNING execution_id, payer_cumulative_wei
           )
           SELECT d.id, d.cost_wei::text AS cost_wei, r.payer_cumulative_wei::text AS payer_cumulative_wei
           FROM done d LEFT JOIN receipt r ON r.execution_id = d.id`,
    values: [
      unique.map((item) => item.executionId),
      unique.map((item) => item.attempt),
      unique.map((item) => item.outputJson),
      unique.map((item) => item.outputHash),
      unique.map((item) => item.gpuMilliseconds),
      unique.map((item) => item.costWei.toString()),
      unique.map((item) => item.logs),
      unique.map((item) => item.cached),
      unique.map((item) => item.payer),
      unique.map((item) => item.onchainAgentId),
      unique.map((item) => Math.ceil(item.gpuMilliseconds / 1000)),
    ],
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return items.map((item, index) => {
    const key = item.executionId.toLowerCase();
    const row = byId.get(key);
    if (!row || newest.get(key) !== index) return { recorded: false };
    return { recorded: true, costWei: BigInt(row.cost_wei), receipt: row.payer_cumulative_wei === null ? null : { payerCumulativeWei: BigInt(row.payer_cumulative_wei) } };
  });
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
