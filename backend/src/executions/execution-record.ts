// An execution as the API returns it: status, result, cost, timings, and its settlement receipt once it
// has one. Input and logs are not echoed back.
export type ExecutionReceiptRecord = {
  /** What the receipt charges (the execution's cost) and the payer's cumulative charge after it. */
  feeWei: string;
  payerCumulativeWei: string;
  /** `pending`: not in a batch yet; `prepared`: in a batch being posted; `posted`: settled on the L3. */
  status: 'pending' | 'prepared' | 'posted';
  /** The orchestrator's batch number, once batched. */
  batchSequence: number | null;
  /** The postBatch transaction, once posted. */
  txHash: string | null;
  postedAt: string | null;
};

export type ExecutionRecord = {
  executionId: string;
  agentId: string;
  status: string;
  result: unknown;
  error: string | null;
  /** Why it failed, machine-readable (e.g. PAYMENT_REQUIRED, TIMEOUT, CANCELLED). */
  errorCode: string | null;
  costWei: string | null;
  /** Milliseconds from start to finish, once finished. */
  executionTime: number | null;
  /** GPU time metered for the run (summed over its GPUs), in milliseconds. */
  gpuMilliseconds: number | null;
  /** The orchestrator that runs (or ran) it, whose payment channel it is charged to. */
  orchestrator: string | null;
  /** True when a deterministic agent's earlier output was returned without running it. */
  cached: boolean;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  receipt: ExecutionReceiptRecord | null;
};

/** Append `WHERE ...` (alias e: agent_executions). */
export const EXECUTION_SELECT = `SELECT e.id, e.agent_id, e.user_id, e.status, e.result, e.error, e.error_code, e.cost_wei::text AS cost_wei,
  (extract(epoch FROM e.finished_at - e.started_at) * 1000)::float8 AS execution_ms, e.gpu_milliseconds::float8 AS gpu_milliseconds,
  e.orchestrator, e.cached, e.queued_at, e.started_at, e.finished_at,
  r.fee_wei::text AS receipt_fee_wei, r.payer_cumulative_wei::text AS receipt_payer_cumulative_wei, r.batch_sequence::float8 AS receipt_batch_sequence,
  b.status AS receipt_batch_status, b.tx_hash AS receipt_tx_hash, b.posted_at AS receipt_posted_at
  FROM agent_executions e
  LEFT JOIN execution_receipts r ON r.execution_id = e.id
  LEFT JOIN receipt_batches b ON b.orchestrator = r.orchestrator AND b.sequence = r.batch_sequence`;

export type ExecutionRow = {
  id: string;
  agent_id: string;
  user_id: string | null;
  status: string;
  result: unknown;
  error: string | null;
  error_code: string | null;
  cost_wei: string | null;
  execution_ms: number | null;
  gpu_milliseconds: number | null;
  orchestrator: string | null;
  cached: boolean;
  queued_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  receipt_fee_wei: string | null;
  receipt_payer_cumulative_wei: string | null;
  receipt_batch_sequence: number | null;
  receipt_batch_status: 'prepared' | 'posted' | null;
  receipt_tx_hash: string | null;
  receipt_posted_at: Date | null;
};

export function toExecutionRecord(row: ExecutionRow): ExecutionRecord {
  return {
    executionId: row.id,
    agentId: row.agent_id,
    status: row.status,
    result: row.result,
    error: row.error,
    errorCode: row.error_code,
    costWei: row.cost_wei,
    executionTime: row.execution_ms === null ? null : Math.round(row.execution_ms),
    gpuMilliseconds: row.gpu_milliseconds,
    orchestrator: row.orchestrator,
    cached: row.cached,
    queuedAt: row.queued_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    receipt:
      row.receipt_fee_wei === null
        ? null
        : {
            feeWei: row.receipt_fee_wei,
            payerCumulativeWei: row.receipt_payer_cumulative_wei!,
            status: row.receipt_batch_status ?? 'pending',
            batchSequence: row.receipt_batch_sequence,
            txHash: row.receipt_tx_hash,
            postedAt: row.receipt_posted_at?.toISOString() ?? null,
          },
  };
}
