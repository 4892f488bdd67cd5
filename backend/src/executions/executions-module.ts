// Executions in the API: submit (`POST /api/v1/agents/:id/execute`, GraphQL `executeAgent`) and read
// (`GET /api/v1/executions/:id`, GraphQL `execution`). Running them is the execution service's job.
import { parseInput } from '../api/parse-input.ts';
import { requirePrincipal } from '../api/require-principal.ts';
import { type ApiContext, type ApiModule, route } from '../api/route.ts';
import type { ExecutionQueue } from './execution-queue.ts';
import { getExecution } from './get-execution.ts';
import { submitExecution, submitExecutionBody } from './submit-execution.ts';

const typeDefs = /* GraphQL */ `
  enum ExecutionStatus {
    queued
    running
    succeeded
    failed
    cancelled
    timed_out
  }
  type SubmittedExecution {
    executionId: ID!
    status: ExecutionStatus!
    "Seconds the agent's recent executions took to finish (null before the first)."
    estimatedTime: Int
    "True when idempotencyKey matched an earlier submit, which is returned instead."
    duplicate: Boolean!
  }
  type Execution {
    executionId: ID!
    agentId: ID!
    status: ExecutionStatus!
    result: JSON
    error: String
    costWei: Wei
    "Milliseconds from start to finish."
    executionTime: Int
    queuedAt: String!
    startedAt: String
    finishedAt: String
  }
  type Query {
    "An execution you submitted, or of an agent you created."
    execution(id: ID!): Execution!
  }
  type Mutation {
    "Queue an execution of a registered agent. Retrying with the same idempotencyKey returns the first."
    executeAgent(id: ID!, input: JSON!, idempotencyKey: String): SubmittedExecution!
  }
`;

export function executionsModule(deps: { queue: ExecutionQueue }): ApiModule {
  return {
    name: 'executions',
    typeDefs,
    resolvers: {
      Query: {
        execution: (_parent: unknown, args: { id: string }, context: ApiContext) => getExecution(context.db, requirePrincipal(context, 'agents:execute'), args.id),
      },
      Mutation: {
        executeAgent: (_parent: unknown, args: { id: string; input: unknown; idempotencyKey?: string | null }, context: ApiContext) => {
          const principal = requirePrincipal(context, 'agents:execute');
          const body = parseInput(submitExecutionBody, { input: args.input, ...(args.idempotencyKey != null ? { idempotencyKey: args.idempotencyKey } : {}) });
          return submitExecution({ db: context.db, queue: deps.queue }, principal, args.id, body);
        },
      },
    },
    routes: [
      route({
        method: 'POST',
        path: '/api/v1/agents/:id/execute',
        summary: 'Queue an execution of a registered agent: {input, idempotencyKey?} → {executionId, status: "queued", estimatedTime}',
        tag: 'executions',
        auth: 'user',
        scope: 'agents:execute',
        body: submitExecutionBody,
        responses: { 404: 'No such agent (NOT_FOUND)', 409: 'Agent not registered, or idempotencyKey reused with another input (CONFLICT)', 413: 'Input too large (PAYLOAD_TOO_LARGE)' },
        handle: async ({ db, principal, params, body }) => submitExecution({ db, queue: deps.queue }, principal!, params.id!, body),
      }),
      route({
        method: 'GET',
        path: '/api/v1/executions/:id',
        summary: 'An execution: status, result, cost and executionTime',
        tag: 'executions',
        auth: 'user',
        scope: 'agents:execute',
        responses: { 404: 'No such execution of yours (NOT_FOUND)' },
        handle: async ({ db, principal, params }) => getExecution(db, principal!, params.id!),
      }),
    ],
  };
}
