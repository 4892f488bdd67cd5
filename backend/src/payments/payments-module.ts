// Payments in the API: the payer's EIP-712 SpendingAuthorizations for the CreditVault, which let an
// orchestrator charge the payer's channel for executions. Submit (`POST /api/v1/payments/authorizations`,
// GraphQL `authorizeSpending`), list with what was charged and the headroom left (`GET ...`,
// `spendingAuthorizations`), and the typed data to sign (`GET .../typed-data`, `spendingAuthorizationTypedData`).
// The money itself moves on-chain: the payer deposits into the vault from their wallet.
import { parseInput } from '../api/parse-input.ts';
import { requirePrincipal } from '../api/require-principal.ts';
import { type ApiContext, type ApiModule, route } from '../api/route.ts';
import { authorizationTypedData, authorizationTypedDataInput } from './authorization-typed-data.ts';
import { listAuthorizations } from './list-authorizations.ts';
import type { PaymentsDeps } from './payments-deps.ts';
import { submitAuthorization, submitAuthorizationBody } from './submit-authorization.ts';

// Amounts come in as String, validated by the same zod schema as REST (INVALID_ARGUMENT): a Wei variable
// that does not parse is answered INTERNAL by the server's error masking today.
const typeDefs = /* GraphQL */ `
  "A payer's largest SpendingAuthorization for one orchestrator, and how much of it is used."
  type SpendingAuthorization {
    payer: String!
    orchestrator: String!
    "The largest cumulative amount signed: the most the orchestrator may ever charge in total."
    cumulativeAmount: Wei!
    "Charged so far by receipts."
    chargedWei: Wei!
    "Held for executions running now."
    reservedWei: Wei!
    "cumulativeAmount - charged - reserved: what new executions may take."
    headroomWei: Wei!
    authorizedAt: String!
  }
  type SpendingAuthorizationTypedData {
    payer: String!
    orchestrator: String!
    cumulativeAmount: Wei!
    "The largest amount already authorized for this orchestrator (the new one must be larger)."
    currentCumulativeAmount: Wei
    chargedWei: Wei!
    "EIP-712 typed data for eth_signTypedData_v4 (integers as decimal strings)."
    typedData: JSON!
    digest: String!
  }
  type Query {
    "Your wallet's spending authorizations, one per orchestrator."
    spendingAuthorizations: [SpendingAuthorization!]!
    "The typed data your wallet signs to let orchestrator (default: this API's) charge up to cumulativeAmount (wei, decimal) in total."
    spendingAuthorizationTypedData(orchestrator: String, cumulativeAmount: String!): SpendingAuthorizationTypedData!
  }
  type Mutation {
    "Store a signed SpendingAuthorization of your wallet; cumulativeAmount (wei, decimal) must exceed the largest already stored."
    authorizeSpending(orchestrator: String, cumulativeAmount: String!, signature: String!): SpendingAuthorization!
  }
`;

type AuthorizeArgs = { orchestrator?: string | null; cumulativeAmount: string; signature: string };

export function paymentsModule(deps: PaymentsDeps): ApiModule {
  return {
    name: 'payments',
    typeDefs,
    resolvers: {
      Query: {
        spendingAuthorizations: (_parent: unknown, _args: unknown, context: ApiContext) => listAuthorizations(context.db, requirePrincipal(context, 'agents:execute').wallet),
        spendingAuthorizationTypedData: (_parent: unknown, args: { orchestrator?: string | null; cumulativeAmount: string }, context: ApiContext) => {
          const principal = requirePrincipal(context, 'agents:execute');
          const input = parseInput(authorizationTypedDataInput, { cumulativeAmount: args.cumulativeAmount, ...(args.orchestrator != null ? { orchestrator: args.orchestrator } : {}) });
          return authorizationTypedData({ ...deps, db: context.db }, principal, input);
        },
      },
      Mutation: {
        authorizeSpending: (_parent: unknown, args: AuthorizeArgs, context: ApiContext) => {
          const principal = requirePrincipal(context, 'agents:execute');
          const body = parseInput(submitAuthorizationBody, { cumulativeAmount: args.cumulativeAmount, signature: args.signature, ...(args.orchestrator != null ? { orchestrator: args.orchestrator } : {}) });
          return submitAuthorization({ ...deps, db: context.db }, principal, body);
        },
      },
    },
    routes: [
      route({
        method: 'POST',
        path: '/api/v1/payments/authorizations',
        summary: "Store your wallet's signed SpendingAuthorization: {orchestrator?, cumulativeAmount (wei, decimal string), signature} → the authorization with charged, reserved and headroom",
        tag: 'payments',
        auth: 'user',
        scope: 'agents:execute',
        body: submitAuthorizationBody,
        responses: {
          400: 'Invalid body, no orchestrator, or a signature that is not the wallet\'s over the typed data (INVALID_ARGUMENT, INVALID_SIGNATURE)',
          409: 'cumulativeAmount is not larger than the largest already authorized for that orchestrator (AUTHORIZATION_NOT_INCREASING)',
          503: 'A contract wallet\'s signature could not be checked: the chain did not answer (UPSTREAM_UNAVAILABLE)',
        },
        handle: async ({ db, principal, body }) => submitAuthorization({ ...deps, db }, principal!, body),
      }),
      route({
        method: 'GET',
        path: '/api/v1/payments/authorizations',
        summary: "Your wallet's spending authorizations, one per orchestrator, with what was charged, what is reserved and the headroom left",
        tag: 'payments',
        auth: 'user',
        scope: 'agents:execute',
        handle: async ({ db, principal }) => ({ payer: principal!.wallet, authorizations: await listAuthorizations(db, principal!.wallet) }),
      }),
      route({
        method: 'GET',
        path: '/api/v1/payments/authorizations/typed-data',
        summary: 'The EIP-712 typed data your wallet signs to authorize an orchestrator (query: orchestrator?, cumulativeAmount) and its digest',
        tag: 'payments',
        auth: 'user',
        scope: 'agents:execute',
        responses: { 400: 'Missing or invalid cumulativeAmount or orchestrator (INVALID_ARGUMENT)' },
        handle: async ({ db, principal, query }) => authorizationTypedData({ ...deps, db }, principal!, parseInput(authorizationTypedDataInput, Object.fromEntries(query))),
      }),
    ],
  };
}
