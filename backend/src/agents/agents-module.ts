// The agent catalogue in the API: GraphQL `agents` / `agent` and the REST adapters over the same
// operations. Registration, configuration and status join from their own folders.
import type { GraphQLResolveInfo } from 'graphql';
import { ApiError } from '../api/api-error.ts';
import type { ApiContext, ApiModule } from '../api/route.ts';
import { route } from '../api/route.ts';
import { withoutNulls } from '../api/graphql-args.ts';
import { parseInput } from '../api/parse-input.ts';
import { requirePrincipal } from '../api/require-principal.ts';
import { selectedFields } from '../api/selected-fields.ts';
import { configureAgent, configureAgentBody } from './configure-agent.ts';
import { getAgent } from './get-agent.ts';
import { getAgentStatus } from './get-agent-status.ts';
import { AGENT_FIELD_SQL, type AgentField, type AgentRecord } from './agent-record.ts';
import { type AgentOrder, encodeCursor, type ListAgentsInput, listAgents } from './list-agents.ts';

const typeDefs = /* GraphQL */ `
  enum AgentStatus {
    draft
    pinned
    registering
    registered
    paused
    failed
  }

  enum AgentOrder {
    NEWEST
    OLDEST
    FEE_ASC
    FEE_DESC
  }

  type Agent {
    id: ID!
    "The AgentRegistry id on the CR8 L3, once registered."
    onchainId: String
    creatorAddress: String!
    name: String!
    description: String!
    capabilities: [String!]!
    "The ERC-8004 agent card on IPFS."
    cardCid: String
    metadataHash: String
    tokenAddress: String
    status: AgentStatus!
    feePerExecution: Wei!
    gpuMultiplierBps: Int!
    createdAt: String!
  }

  type AgentEdge {
    node: Agent!
    cursor: String!
  }

  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
  }

  type AgentConnection {
    edges: [AgentEdge!]!
    pageInfo: PageInfo!
  }

  type Query {
    "Agents, newest first unless \`orderBy\` says otherwise. \`first\` is 1-100 (default 20); pass the previous page's endCursor as \`after\`."
    agents(first: Int, after: String, status: AgentStatus, creator: String, orderBy: AgentOrder): AgentConnection!
    "One agent by UUID or on-chain id."
    agent(id: ID!): Agent!
    "An agent's registration state and executions in flight."
    agentStatus(id: ID!): AgentStatusInfo!
  }

  type AgentConfiguration {
    id: ID!
    "How the agent runs, without its secrets."
    executionConfig: JSON!
    "Names of the secrets set (values are never returned)."
    secretNames: [String!]!
    updatedAt: String!
  }

  type Mutation {
    "Replace an agent's execution config (creator only); executionConfig.secrets, when given, replaces its secrets."
    configureAgent(id: ID!, executionConfig: JSON!): AgentConfiguration!
  }

  type ExecutionsInFlight {
    queued: Int!
    running: Int!
    lastQueuedAt: String
  }

  type AgentStatusInfo {
    id: ID!
    onchainId: String
    status: AgentStatus!
    "True when the agent can be executed (registered on-chain and not paused)."
    executable: Boolean!
    cardCid: String
    tokenAddress: String
    registrationTx: String
    executions: ExecutionsInFlight!
    updatedAt: String!
  }
`;

type AgentsArgs = { first?: number | null; after?: string | null; status?: string | null; creator?: string | null; orderBy?: string | null };

export function agentsModule(deps: { encryptSecrets?: (agentId: string, secrets: Record<string, string>) => Buffer } = {}): ApiModule {
  return {
    name: 'agents',
    typeDefs,
    resolvers: {
      Query: {
        agents: async (_parent: unknown, args: AgentsArgs, context: ApiContext, info: GraphQLResolveInfo) => {
          const fields = [...selectedFields(info, ['edges', 'node'])].filter((name): name is AgentField => Object.hasOwn(AGENT_FIELD_SQL, name));
          const page = await listAgents(context.db, withoutNulls(args) as ListAgentsInput, fields);
          const orderBy = (args.orderBy ?? 'NEWEST') as AgentOrder;
          return {
            edges: page.agents.map((node) => ({ node, orderBy })),
            pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
          };
        },
        agent: (_parent: unknown, args: { id: string }, context: ApiContext) => getAgent(context.db, args.id),
        agentStatus: (_parent: unknown, args: { id: string }, context: ApiContext) => getAgentStatus(context.db, args.id),
      },
      // Computed only when a query asks for it: most clients page with pageInfo.endCursor alone.
      AgentEdge: { cursor: (edge: { node: Pick<AgentRecord, 'id' | 'createdAt' | 'feePerExecution'>; orderBy: AgentOrder }) => encodeCursor(edge.node, edge.orderBy) },
      Mutation: {
        configureAgent: (_parent: unknown, args: { id: string; executionConfig: unknown }, context: ApiContext) => {
          const principal = requirePrincipal(context, 'agents:write');
          return configureAgent({ db: context.db, ...deps }, principal, args.id, parseInput(configureAgentBody, { executionConfig: args.executionConfig }));
        },
      },
    },
    routes: [
      route({
        method: 'GET',
        path: '/api/agents',
        summary: 'List agents (cursor pagination; filters status, creator; orderBy NEWEST|OLDEST|FEE_ASC|FEE_DESC)',
        tag: 'agents',
        auth: 'public',
        responses: { 400: 'Invalid query parameter or cursor (INVALID_ARGUMENT, INVALID_CURSOR)' },
        handle: async ({ db, query }) => listAgents(db, restListInput(query)),
      }),
      route({
        method: 'GET',
        path: '/api/agents/:id',
        summary: 'One agent by UUID or on-chain id',
        tag: 'agents',
        auth: 'public',
        responses: { 400: 'Not a UUID or positive integer (INVALID_ARGUMENT)', 404: 'No such agent (NOT_FOUND)' },
        handle: async ({ db, params }) => getAgent(db, params.id!),
      }),
      route({
        method: 'GET',
        path: '/api/agents/:id/status',
        summary: 'An agent\'s registration state (draft, pinned, registering, registered...) and executions in flight',
        tag: 'agents',
        auth: 'public',
        responses: { 400: 'Not a UUID or positive integer (INVALID_ARGUMENT)', 404: 'No such agent (NOT_FOUND)' },
        handle: async ({ db, params }) => getAgentStatus(db, params.id!),
      }),
      route({
        method: 'POST',
        path: '/api/agents/:id/configure',
        summary: 'Replace an agent\'s execution config (creator only); executionConfig.secrets, when given, replaces its encrypted secrets',
        tag: 'agents',
        auth: 'user',
        scope: 'agents:write',
        body: configureAgentBody,
        responses: { 403: 'Not the agent\'s creator (FORBIDDEN)', 404: 'No such agent (NOT_FOUND)' },
        handle: async ({ db, principal, params, body }) => configureAgent({ db, ...deps }, principal!, params.id!, body),
      }),
    ],
  };
}

function restListInput(query: URLSearchParams): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of query) {
    if (!['first', 'after', 'status', 'creator', 'orderBy'].includes(key)) throw new ApiError(400, 'INVALID_ARGUMENT', `unknown query parameter ${key}`);
    input[key] = key === 'first' ? (/^\d{1,4}$/.test(value) ? Number(value) : value) : value;
  }
  return input;
}
