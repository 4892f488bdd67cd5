// KYC in the API: REST adapters and GraphQL over the same operations. Starting and checking KYC need a
// signed-in user (API keys need kyc:write); the provider's webhook is public and authenticated by its
// signature over the raw body instead.
import { z } from 'zod';
import { ApiError } from '../api/api-error.ts';
import type { ApiContext, ApiModule, ApiKeyScope, Principal } from '../api/route.ts';
import { route } from '../api/route.ts';
import { handleKycWebhook } from './handle-webhook.ts';
import { initiateKyc } from './initiate-kyc.ts';
import { getKycState } from './kyc-state.ts';
import type { KycProvider } from './provider.ts';
import { verifyKyc } from './verify-kyc.ts';

export type KycModuleDependencies = {
  provider: KycProvider;
  level: string;
  validityDays: number;
};

/** Sumsub's webhooks are a few KiB; this leaves room without inviting large uploads. */
const WEBHOOK_MAX_BODY_BYTES = 256 * 1024;

const verifyBody = z.strictObject({
  /** Sandbox provider only: the outcome to simulate. */
  sandboxOutcome: z.enum(['approve', 'reject']).optional(),
});

const typeDefs = /* GraphQL */ `
  enum KycStatus {
    none
    pending
    verified
    rejected
    expired
  }

  enum KycSandboxOutcome {
    approve
    reject
  }

  type KycOnchain {
    "The KycRegistry still has to be brought in line (attest or revoke); a retry is scheduled."
    syncPending: Boolean!
    attestationTx: String
    revocationTx: String
  }

  type KycState {
    "A verification past its expiry reads as expired."
    status: KycStatus!
    expiresAt: String
    provider: String
    level: String
    externalId: String
    reason: String
    onchain: KycOnchain!
  }

  type KycSession {
    status: KycStatus!
    provider: String!
    level: String!
    externalId: String!
    "For the provider's web/mobile SDK (Sumsub); null for the sandbox."
    accessToken: String
    redirectUrl: String
    "False when an applicant already in progress was resumed."
    created: Boolean!
  }

  type Query {
    "The signed-in user's KYC."
    kyc: KycState!
  }

  type Mutation {
    "Starts (or resumes) KYC with the active provider."
    initiateKyc: KycSession!
    "Checks the provider for the outcome; with the sandbox provider, sandboxOutcome decides it."
    verifyKyc(sandboxOutcome: KycSandboxOutcome): KycState!
  }
`;

export function kycModule(deps: KycModuleDependencies): ApiModule {
  return {
    name: 'kyc',
    typeDefs,
    resolvers: {
      Query: {
        kyc: (_parent: unknown, _args: unknown, context: ApiContext) => getKycState(context.db, signedIn(context.principal).userId),
      },
      Mutation: {
        initiateKyc: (_parent: unknown, _args: unknown, context: ApiContext) =>
          initiateKyc({ db: context.db, provider: deps.provider, level: deps.level }, signedIn(context.principal, 'kyc:write')),
        verifyKyc: (_parent: unknown, args: { sandboxOutcome?: 'approve' | 'reject' | null }, context: ApiContext) =>
          verifyKyc({ db: context.db, provider: deps.provider, validityDays: deps.validityDays }, signedIn(context.principal, 'kyc:write'), {
            sandboxOutcome: args.sandboxOutcome ?? undefined,
          }),
      },
    },
    routes: [
      route({
        method: 'POST',
        path: '/api/kyc/initiate',
        summary: 'Start (or resume) KYC with the active provider; returns what the provider SDK needs',
        tag: 'kyc',
        auth: 'user',
        scope: 'kyc:write',
        responses: { 409: 'Already verified (CONFLICT)', 502: 'The KYC provider refused (UPSTREAM_UNAVAILABLE)', 503: 'The KYC provider did not answer (UPSTREAM_UNAVAILABLE)' },
        handle: async ({ db, principal }) => initiateKyc({ db, provider: deps.provider, level: deps.level }, principal!),
      }),
      route({
        method: 'POST',
        path: '/api/kyc/verify',
        summary: 'Check the provider for the KYC outcome; body {} (or, with the sandbox provider, { sandboxOutcome: approve | reject })',
        tag: 'kyc',
        auth: 'user',
        scope: 'kyc:write',
        body: verifyBody,
        responses: { 404: 'No KYC started (NOT_FOUND)', 409: 'The sandbox verification is already decided (CONFLICT)', 502: 'The KYC provider refused (UPSTREAM_UNAVAILABLE)' },
        handle: async ({ db, principal, body }) => verifyKyc({ db, provider: deps.provider, validityDays: deps.validityDays }, principal!, body),
      }),
      route({
        method: 'GET',
        path: '/api/kyc/status',
        summary: "The signed-in user's KYC (status, expiry, on-chain attestation)",
        tag: 'kyc',
        auth: 'user',
        handle: async ({ db, principal }) => getKycState(db, principal!.userId),
      }),
      route({
        method: 'POST',
        path: '/api/kyc/webhook',
        summary: "The KYC provider's webhook (HMAC over the raw body in X-Payload-Digest); idempotent per event",
        tag: 'kyc',
        auth: 'public',
        rawBody: true,
        maxBodyBytes: WEBHOOK_MAX_BODY_BYTES,
        responses: {
          400: 'Signed but malformed (BAD_REQUEST)',
          401: 'Missing or wrong signature (INVALID_SIGNATURE)',
          404: 'Unknown applicant (NOT_FOUND)',
        },
        handle: async ({ db, rawBody, headers, logger }) => {
          const result = await handleKycWebhook({ db, provider: deps.provider, validityDays: deps.validityDays }, rawBody!, headers);
          logger.info({ provider: deps.provider.name, duplicate: result.duplicate, applied: result.applied, ignored: result.ignored ?? false, status: result.status }, 'kyc webhook');
          return result;
        },
      }),
    ],
  };
}

function signedIn(principal: Principal | null, scope?: ApiKeyScope): Principal {
  if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', 'sign in with your wallet (SIWE) or send an API key as Authorization: Bearer <key>');
  if (scope && !principal.scopes.includes(scope)) throw new ApiError(403, 'FORBIDDEN', `this API key lacks the ${scope} scope`);
  return principal;
}
