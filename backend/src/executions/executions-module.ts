// Executions in the API: submit (`POST /api/v1/agents/:id/execute`, GraphQL `executeAgent`), read
// (`GET /api/v1/executions/:id`, GraphQL `execution`), cancel (`POST /api/v1/executions/:id/cancel`,
// GraphQL `cancelExecution`) and follow (GraphQL subscription `executionUpdated`, over SSE). Running
// them is the execution service's job (`cr8 orchestrator`).
import { parseInput } from '../api/parse-input.ts';
import { requirePrincipal } from '../api/require-principal.ts';
import { type ApiContext, type ApiModule, route } from '../api/route.ts';
import { cancelSubmittedExecution } from './cancel-submitted-execution.ts';
import type { ExecutionUpdates } from './execution-events.ts';
import type { ExecutionQueue } from './execution-queue.ts';
import type { ExecutionRecord } from './execution-record.ts';
import { getExecution } from './get-execution.ts';
import { submitExecution, submitExecutionBody } from './submit-execution.ts';
import { watchExecution } from './watch-execution.ts';

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
  enum ExecutionReceiptStatus {
    "Not in a batch yet."
    pending
    "In a batch being posted."
    prepared
    "Posted to ExecutionReceipts on the L3: settled."
    posted
  }
  "The settlement receipt of a succeeded, charged execution."
  type ExecutionReceipt {
    feeWei: Wei!
    "The payer's cumulative charge after this receipt."
    payerCumulativeWei: Wei!
    status: ExecutionReceiptStatus!
    batchSequence: Int
    txHash: String
    postedAt: String
  }
  type Execution {
    executionId: ID!
    agentId: ID!
    status: ExecutionStatus!
    result: JSON
    error: String
    "Why it failed, machine-readable (e.g. PAYMENT_REQUIRED, TIMEOUT, CANCELLED)."
    errorCode: String
    costWei: Wei
    "Milliseconds from start to finish."
    executionTime: Int
    "GPU time metered for the run, in milliseconds (summed over its GPUs)."
    gpuMilliseconds: Float
    "The orchestrator that runs it, whose payment channel it is charged to."
    orchestrator: String
    "True when a deterministic agent's earlier output was returned without running it."
    cached: Boolean!
    queuedAt: String!
    startedAt: String
    finishedAt: String
    receipt: ExecutionReceipt
  }
  type Query {
    "An execution you submitted, or of an agent you created."
    execution(id: ID!): Execution!
  }
  type Mutation {
    "Queue an execution of a registered agent. Retrying with the same idempotencyKey returns the first."
    executeAgent(id: ID!, input: JSON!, idempotencyKey: String): SubmittedExecution!
    "Cancel a queued or running execution you submitted (NOT_CANCELLABLE once it has finished)."
    cancelExecution(id: ID!): Execution!
  }
  type Subscription {
    "An execution's current state, then each change; it completes after a terminal status. Over SSE: POST /graphql with Accept: text/event-stream."
    executionUpdated(id: ID!): Execution!
  }
`;

export type ExecutionsModuleDeps = {
  queue: ExecutionQueue;
  /** The orchestrator recorded on submitted executions (ORCHESTRATOR_ADDRESS). */
  orchestrator?: `0x${string}` | null;
  /** Updates heard on Redis for subscriptions; without them subscriptions poll PostgreSQL. */
  updates?: ExecutionUpdates | null;
  /** Tells subscribers (in every API process) that an execution changed: publishExecutionUpdate. */
  publish?: (executionId: string) => Promise<void>;
  /** Ends every subscription (the API shutting down). */
  signal?: AbortSignal;
  /** Subscription poll interval (see watch-execution.ts for the defaults). */
  watchPollMs?: number;
};

export function executionsModule(deps: ExecutionsModuleDeps): ApiModule {
  const submitDeps = (context: Pick<ApiContext, 'db' | 'logger'>) => ({ db: context.db, logger: context.logger, queue: deps.queue, orchestrator: deps.orchestrator ?? null });
  const cancelDeps = (context: Pick<ApiContext, 'db' | 'logger'>) => ({ db: context.db, queue: deps.queue, logger: context.logger, ...(deps.publish ? { publish: deps.publish } : {}) });
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
          return submitExecution(submitDeps(context), principal, args.id, body);
        },
        cancelExecution: (_parent: unknown, args: { id: string }, context: ApiContext) => cancelSubmittedExecution(cancelDeps(context), requirePrincipal(context, 'agents:execute'), args.id),
      },
      Subscription: {
        executionUpdated: {
          subscribe: (_parent: unknown, args: { id: string }, context: ApiContext) =>
            watchExecution(
              {
                db: context.db,
                updates: deps.updates ?? null,
                logger: context.logger,
                ...(deps.signal ? { signal: deps.signal } : {}),
                ...(deps.watchPollMs !== undefined ? { pollMs: deps.watchPollMs } : {}),
              },
              requirePrincipal(context, 'agents:execute'),
              args.id,
            ),
          resolve: (record: ExecutionRecord) => record,
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
        responses: {
          404: 'No such agent (NOT_FOUND)',
          409: 'Agent not registered, or idempotencyKey reused with another input (CONFLICT)',
          413: 'Input too large (PAYLOAD_TOO_LARGE)',
        },
        handle: async ({ db, logger, principal, params, body }) => submitExecution(submitDeps({ db, logger }), principal!, params.id!, body),
      }),
      route({
        method: 'GET',
        path: '/api/v1/executions/:id',
        summary: 'An execution: status, result, cost, executionTime, errorCode, GPU time and its settlement receipt',
        tag: 'executions',
        auth: 'user',
        scope: 'agents:execute',
        responses: { 404: 'No such execution of yours (NOT_FOUND)' },
        handle: async ({ db, principal, params }) => getExecution(db, principal!, params.id!),
      }),
      route({
        method: 'POST',
        path: '/api/v1/executions/:id/cancel',
        summary: 'Cancel a queued or running execution you submitted → the execution, now cancelled (never charged)',
        tag: 'executions',
        auth: 'user',
        scope: 'agents:execute',
        responses: { 404: 'No such execution submitted by you (NOT_FOUND)', 409: 'The execution has already finished (NOT_CANCELLABLE)' },
        handle: async ({ db, logger, principal, params }) => cancelSubmittedExecution(cancelDeps({ db, logger }), principal!, params.id!),
      }),
    ],
  };
}
