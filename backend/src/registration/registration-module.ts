// Agent registration in the API: `POST /api/v1/agents/register` and GraphQL `registerAgent`, both the
// same resumable operation (see register-agent.ts for the states and what the caller does next).
import { parseInput } from '../api/parse-input.ts';
import { requirePrincipal } from '../api/require-principal.ts';
import { type ApiContext, type ApiModule, route } from '../api/route.ts';
import { registerAgent, type RegisterAgentDeps } from './register-agent.ts';
import { registrationRequest } from './registration-request.ts';

const typeDefs = /* GraphQL */ `
  type RegistrationTransaction {
    to: String!
    data: String!
    "The registration fee, in wei."
    value: Wei!
    chainId: Int!
  }
  "What to do after registerAgent: nothing, wait for the relayed transaction, or sign/send."
  type RegistrationNextStep {
    kind: String!
    "Send this from the creator's wallet (registerAgent)..."
    transaction: RegistrationTransaction
    "...or sign this EIP-712 typed data and call registerAgent again with the authorization."
    typedData: JSON
    relayAvailable: Boolean
    transactionHash: String
  }
  type AgentRegistration {
    agent: Agent!
    status: AgentStatus!
    cardCid: String
    agentURI: String
    next: RegistrationNextStep!
    "Why the last relayed attempt failed, if it did."
    registrationError: String
  }
  type Mutation {
    """
    Register an agent: validate, check KYC, pin its ERC-8004 card on IPFS, then register it on the L3,
    from your wallet (next.transaction) or relayed with your EIP-712 signature (next.typedData, then call
    again with authorization). Retries with the same idempotencyKey resume; the request is JSON as in
    POST /api/v1/agents/register.
    """
    registerAgent(request: JSON!): AgentRegistration!
  }
`;

export function registrationModule(deps: Omit<RegisterAgentDeps, 'db'>): ApiModule {
  return {
    name: 'registration',
    typeDefs,
    resolvers: {
      Mutation: {
        registerAgent: (_parent: unknown, args: { request: unknown }, context: ApiContext) => {
          const principal = requirePrincipal(context, 'agents:write');
          return registerAgent({ ...deps, db: context.db }, principal, parseInput(registrationRequest, args.request));
        },
      },
    },
    routes: [
      route({
        method: 'POST',
        path: '/api/v1/agents/register',
        summary: 'Register an agent (resumable by idempotencyKey): pins its ERC-8004 card on IPFS, then registration from your wallet or relayed with your EIP-712 signature',
        tag: 'agents',
        auth: 'user',
        scope: 'agents:write',
        body: registrationRequest,
        responses: {
          403: 'KYC not verified (KYC_REQUIRED) or scope missing (FORBIDDEN)',
          409: 'idempotencyKey reused with another request, stale nonce, or the registry refused (CONFLICT)',
          503: 'IPFS or the L3 unavailable (UPSTREAM_UNAVAILABLE); retry with the same idempotencyKey',
        },
        handle: async ({ db, principal, body }) => registerAgent({ ...deps, db }, principal!, body),
      }),
    ],
  };
}
