// The GraphQL schema: today the agent catalogue (list with cursor pagination and filters, detail).
// Registration, execution, users, KYC and analytics join it as their services land.
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { createSchema } from 'graphql-yoga';
import type { Pool } from 'pg';
import { getAgent } from '../agents/get-agent.ts';
import { encodeCursor, listAgents } from '../agents/list-agents.ts';

export type ApiContext = { db: Pool };

const typeDefs = /* GraphQL */ `
  "An integer amount of wei (CR8's smallest unit) as a decimal string: exact for any uint256."
  scalar Wei

  enum AgentStatus {
    draft
    pinned
    registering
    registered
    paused
    failed
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
    "Agents, newest first. \`first\` is 1-100 (default 20); pass the previous page's endCursor as \`after\`."
    agents(first: Int, after: String, status: AgentStatus, creator: String): AgentConnection!
    "One agent by UUID or on-chain id."
    agent(id: ID!): Agent!
  }
`;

export function graphqlSchema() {
  return createSchema<ApiContext>({
    typeDefs,
    resolvers: {
      Wei: weiScalar,
      Query: {
        agents: async (_parent, args: { first?: number | null; after?: string | null; status?: string | null; creator?: string | null }, context) => {
          const page = await listAgents(context.db, {
            ...(args.first != null ? { first: args.first } : {}),
            ...(args.after != null ? { after: args.after } : {}),
            ...(args.status != null ? { status: args.status as never } : {}),
            ...(args.creator != null ? { creator: args.creator } : {}),
          });
          return {
            edges: page.agents.map((node) => ({ node, cursor: encodeCursor(node) })),
            pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
          };
        },
        agent: (_parent, args: { id: string }, context) => getAgent(context.db, args.id),
      },
    },
  });
}


const WEI = /^(0|[1-9][0-9]{0,77})$/;

/** Wei as a decimal string: output as stored; input only as a string of digits (never a float). */
const weiScalar = new GraphQLScalarType({
  name: 'Wei',
  serialize: (value) => String(value),
  parseValue: (value) => {
    if (typeof value !== 'string' || !WEI.test(value)) throw new GraphQLError('Wei must be a decimal integer string');
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || !WEI.test(ast.value)) throw new GraphQLError('Wei must be a decimal integer string');
    return ast.value;
  },
});
