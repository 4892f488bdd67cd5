// One agent's analytics for the developer portal, in three SQL statements over indexed ranges:
// - executions: counts by status, latency percentiles (queue-to-finish and run time) and revenue
//   (cost of successful executions) over agent_executions (agent_id, queued_at);
// - on-chain: fees distributed to the agent (FeeDistributor.FeesDistributed) and current token
//   holders (balances replayed from the agent token's indexed Transfer events) over chain_events;
// - a time series (hour or day buckets, empty buckets included) for charts.
// Money stays NUMERIC in SQL and decimal strings in JSON.
import type { Pool } from 'pg';
import { z } from 'zod';
import { ApiError } from '../api/api-error.ts';
import { getAgent } from '../agents/get-agent.ts';

export const analyticsInput = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    bucket: z.enum(['hour', 'day']).default('day'),
  })
  .strict();

/** The most buckets one series may have (e.g. 90 days of hours is 2,160). */
export const MAX_BUCKETS = 2_500;

export type AgentAnalytics = {
  agentId: string;
  from: string;
  to: string;
  executions: { total: number; succeeded: number; failed: number; timedOut: number; cancelled: number; inFlight: number };
  revenueWei: string;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
  runTimeMs: { p50: number | null; p95: number | null; p99: number | null };
  onchain: { feesDistributedWei: string; holders: number };
  series: { bucket: 'hour' | 'day'; points: Array<{ start: string; executions: number; succeeded: number; revenueWei: string; p95LatencyMs: number | null }> };
};

/** `chainId` is the L3's: chain_events are keyed by chain. */
export async function agentAnalytics(db: Pool, chainId: number, agentIdOrOnchainId: string, rawInput: unknown): Promise<AgentAnalytics> {
  const parsed = analyticsInput.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ApiError(400, 'INVALID_ARGUMENT', `${issue.path.join('.') || 'query'}: ${issue.message}`);
  }
  const agent = await getAgent(db, agentIdOrOnchainId);
  const to = parsed.data.to ? new Date(parsed.data.to) : new Date();
  const from = parsed.data.from ? new Date(parsed.data.from) : new Date(to.getTime() - 30 * 86_400_000);
  if (!(from < to)) throw new ApiError(400, 'INVALID_ARGUMENT', 'from: must be before to');
  const bucket = parsed.data.bucket;
  const buckets = Math.ceil((to.getTime() - from.getTime()) / (bucket === 'hour' ? 3_600_000 : 86_400_000));
  if (buckets > MAX_BUCKETS) throw new ApiError(400, 'INVALID_ARGUMENT', `the range has ${buckets} ${bucket} buckets; at most ${MAX_BUCKETS}`);

  const [summary, onchain, series] = await Promise.all([
    db.query<SummaryRow>({
      name: 'analytics-summary',
      text: `SELECT count(*)::int AS total,
                count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded,
                count(*) FILTER (WHERE status = 'failed')::int AS failed,
                count(*) FILTER (WHERE status = 'timed_out')::int AS timed_out,
                count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
                count(*) FILTER (WHERE status IN ('queued', 'running'))::int AS in_flight,
                coalesce(sum(cost_wei) FILTER (WHERE status = 'succeeded'), 0)::text AS revenue_wei,
                percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - queued_at) * 1000)
                  FILTER (WHERE finished_at IS NOT NULL) AS latency,
                percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at) * 1000)
                  FILTER (WHERE finished_at IS NOT NULL AND started_at IS NOT NULL) AS run_time
           FROM agent_executions WHERE agent_id = $1 AND queued_at >= $2 AND queued_at < $3`,
      values: [agent.id, from, to],
    }),
    db.query<{ fees_wei: string; holders: number }>({
      name: 'analytics-onchain',
      text: `SELECT
               (SELECT coalesce(sum((args->>'amount')::numeric), 0)::text FROM chain_events
                 WHERE $1::numeric IS NOT NULL AND chain_id = $3 AND agent_id = $1::numeric AND event_name = 'FeesDistributed') AS fees_wei,
               (SELECT count(*)::int FROM (
                  SELECT holder FROM (
                    SELECT args->>'to' AS holder, (args->>'value')::numeric AS delta FROM chain_events
                      WHERE contract = $2 AND event_name = 'Transfer' AND chain_id = $3
                    UNION ALL
                    SELECT args->>'from', -(args->>'value')::numeric FROM chain_events
                      WHERE contract = $2 AND event_name = 'Transfer' AND chain_id = $3
                  ) moves
                  WHERE holder <> '0x0000000000000000000000000000000000000000'
                  GROUP BY holder HAVING sum(delta) > 0) balances) AS holders`,
      values: [agent.onchainId, agent.tokenAddress?.toLowerCase() ?? null, chainId],
    }),
    db.query<SeriesRow>({
      name: `analytics-series`,
      text: `SELECT to_char(b.start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS start,
                count(e.id)::int AS executions,
                count(e.id) FILTER (WHERE e.status = 'succeeded')::int AS succeeded,
                coalesce(sum(e.cost_wei) FILTER (WHERE e.status = 'succeeded'), 0)::text AS revenue_wei,
                percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM e.finished_at - e.queued_at) * 1000)
                  FILTER (WHERE e.finished_at IS NOT NULL) AS p95_latency_ms
           FROM generate_series(date_trunc($4, $2::timestamptz, 'UTC'), $3::timestamptz - interval '1 microsecond', ('1 ' || $4)::interval) AS b(start)
           LEFT JOIN agent_executions e
             ON e.agent_id = $1 AND e.queued_at >= greatest(b.start, $2) AND e.queued_at < least(b.start + ('1 ' || $4)::interval, $3)
           GROUP BY b.start ORDER BY b.start`,
      values: [agent.id, from, to, bucket],
    }),
  ]);

  const row = summary.rows[0]!;
  return {
    agentId: agent.id,
    from: from.toISOString(),
    to: to.toISOString(),
    executions: { total: row.total, succeeded: row.succeeded, failed: row.failed, timedOut: row.timed_out, cancelled: row.cancelled, inFlight: row.in_flight },
    revenueWei: row.revenue_wei,
    latencyMs: percentiles(row.latency),
    runTimeMs: percentiles(row.run_time),
    onchain: { feesDistributedWei: onchain.rows[0]!.fees_wei, holders: onchain.rows[0]!.holders },
    series: {
      bucket,
      points: series.rows.map((point) => ({
        start: point.start,
        executions: point.executions,
        succeeded: point.succeeded,
        revenueWei: point.revenue_wei,
        p95LatencyMs: point.p95_latency_ms === null ? null : Math.round(point.p95_latency_ms),
      })),
    },
  };
}

type SummaryRow = {
  total: number;
  succeeded: number;
  failed: number;
  timed_out: number;
  cancelled: number;
  in_flight: number;
  revenue_wei: string;
  latency: number[] | null;
  run_time: number[] | null;
};
type SeriesRow = { start: string; executions: number; succeeded: number; revenue_wei: string; p95_latency_ms: number | null };

function percentiles(values: number[] | null): { p50: number | null; p95: number | null; p99: number | null } {
  if (!values) return { p50: null, p95: null, p99: null };
  const [p50, p95, p99] = values.map((value) => Math.round(value));
  return { p50: p50 ?? null, p95: p95 ?? null, p99: p99 ?? null };
}
