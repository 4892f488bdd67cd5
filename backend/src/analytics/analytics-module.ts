// Agent analytics in the API: `GET /api/analytics/agents/:id` and GraphQL `agentAnalytics`, public
// aggregates (no personal data) for the developer portal and agent pages.
import { withoutNulls } from '../api/graphql-args.ts';
import { type ApiContext, type ApiModule, route } from '../api/route.ts';
import { agentAnalytics } from './agent-analytics.ts';

const typeDefs = /* GraphQL */ `
  enum AnalyticsBucket {
    hour
    day
  }
  type ExecutionCounts {
    total: Int!
    succeeded: Int!
    failed: Int!
    timedOut: Int!
    cancelled: Int!
    inFlight: Int!
  }
  "Milliseconds; null when nothing finished in the range."
  type Percentiles {
    p50: Int
    p95: Int
    p99: Int
  }
  type OnchainAnalytics {
    "FeeDistributor.FeesDistributed amounts for the agent, as indexed."
    feesDistributedWei: Wei!
    "Accounts holding a positive balance of the agent token, from its indexed transfers."
    holders: Int!
  }
  type AnalyticsPoint {
    start: String!
    executions: Int!
    succeeded: Int!
    revenueWei: Wei!
    p95LatencyMs: Int
  }
  type AnalyticsSeries {
    bucket: AnalyticsBucket!
    points: [AnalyticsPoint!]!
  }
  type AgentAnalytics {
    agentId: ID!
    from: String!
    to: String!
    executions: ExecutionCounts!
    "Cost of the agent's successful executions in the range."
    revenueWei: Wei!
    "Queued to finished."
    latencyMs: Percentiles!
    "Started to finished."
    runTimeMs: Percentiles!
    onchain: OnchainAnalytics!
    series: AnalyticsSeries!
  }
  type Query {
    "One agent's executions, revenue, holders, latency percentiles and an hourly or daily series. Default range: the last 30 days."
    agentAnalytics(id: ID!, from: String, to: String, bucket: AnalyticsBucket): AgentAnalytics!
  }
`;

export function analyticsModule(deps: { chainId: number }): ApiModule {
  return {
    name: 'analytics',
    typeDefs,
    resolvers: {
      Query: {
        agentAnalytics: (_parent: unknown, args: { id: string; from?: string | null; to?: string | null; bucket?: string | null }, context: ApiContext) =>
          agentAnalytics(context.db, deps.chainId, args.id, withoutNulls({ from: args.from, to: args.to, bucket: args.bucket })),
      },
    },
    routes: [
      route({
        method: 'GET',
        path: '/api/analytics/agents/:id',
        summary: 'One agent\'s analytics: executions, revenue, holders, latency percentiles, hourly/daily series (query: from, to, bucket)',
        tag: 'analytics',
        auth: 'optional',
        responses: { 400: 'Invalid id or range (INVALID_ARGUMENT)', 404: 'No such agent (NOT_FOUND)' },
        handle: async ({ db, params, query }) => agentAnalytics(db, deps.chainId, params.id!, Object.fromEntries(query)),
      }),
    ],
  };
}
