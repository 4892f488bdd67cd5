// An execution as the API returns it: status, result, cost and timings. Input is not echoed back.
export type ExecutionRecord = {
  executionId: string;
  agentId: string;
  status: string;
  result: unknown;
  error: string | null;
  costWei: string | null;
  /** Milliseconds from start to finish, once finished. */
  executionTime: number | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export const EXECUTION_COLUMNS = `id, agent_id, status, result, error, cost_wei::text AS cost_wei,
  (extract(epoch FROM finished_at - started_at) * 1000)::float8 AS execution_ms, queued_at, started_at, finished_at`;

export type ExecutionRow = {
  id: string;
  agent_id: string;
  status: string;
  result: unknown;
  error: string | null;
  cost_wei: string | null;
  execution_ms: number | null;
  queued_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
};

export function toExecutionRecord(row: ExecutionRow): ExecutionRecord {
  return {
    executionId: row.id,
    agentId: row.agent_id,
    status: row.status,
    result: row.result,
    error: row.error,
    costWei: row.cost_wei,
    executionTime: row.execution_ms === null ? null : Math.round(row.execution_ms),
    queuedAt: row.queued_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}
