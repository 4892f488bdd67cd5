// Authentication in the API: Sign-In with Ethereum (nonce, sign-in, sign-out) and developer API keys
// (list, create, revoke), as REST routes and GraphQL fields over the same operations.
import type { Pool } from 'pg';
import { z } from 'zod';
import { ApiError } from '../api/api-error.ts';
import { requirePrincipal } from '../api/require-principal.ts';
import { type ApiContext, type ApiModule, RestResponse, route } from '../api/route.ts';
import type { RateLimit } from '../api/server.ts';
import { createApiKey, createApiKeyBody } from './create-api-key.ts';
import { issueSiweNonce } from './issue-siwe-nonce.ts';
import { listApiKeys } from './list-api-keys.ts';
import { revokeApiKey } from './revoke-api-key.ts';
import { type SignInOptions, signInWithEthereum } from './sign-in-with-ethereum.ts';
import { signOut } from './sign-out.ts';
import { MAX_SIWE_MESSAGE_LENGTH } from './verify-siwe-message.ts';

export type AuthModuleDeps = {
  siwe: SignInOptions;
  /** The authenticator's cache: sign-out and revocation drop the credential from it at once. */
  credentials?: { forget: (credentialId: string) => void };
  /** The rate limiter's endpoint budgets, so GraphQL's signIn/siweNonce share /api/auth/*'s budget. */
  limitEndpoint?: RateLimit;
};

export const signInBody = z.object({
  /** The EIP-4361 message exactly as the wallet signed it. */
  message: z.string().min(1).max(MAX_SIWE_MESSAGE_LENGTH),
  /** The wallet's signature over `message` (65 bytes for an EOA; longer for contract wallets). */
  signature: z
    .string()
    .max(20_000)
    .regex(/^0x([0-9a-fA-F]{2})+$/, 'must be 0x-prefixed hex'),
});

// Responses carrying a credential must not be stored by any cache between here and the client.
const NO_STORE = { 'cache-control': 'no-store' };

const typeDefs = /* GraphQL */ `
  type SiweNonce {
    "Put this in the EIP-4361 message's Nonce field; usable once, until expiresAt."
    nonce: String!
    issuedAt: String!
    expiresAt: String!
    "The Chain ID the message must name (the CR8 L3)."
    chainId: Int!
  }

  type SignedInUser {
    id: ID!
    walletAddress: String!
  }

  type SessionGrant {
    "The session token, shown once: send it as Authorization: Bearer <token>."
    token: String!
    expiresAt: String!
    user: SignedInUser!
    "True when this sign-in created the user."
    newUser: Boolean!
  }

  enum ApiKeyStatus {
    active
    expired
    revoked
  }

  type ApiKey {
    id: ID!
    name: String!
    "The 12 hex characters after cr8_key_, to recognise the key."
    prefix: String!
    "Scopes, e.g. agents:read, agents:write, agents:execute, analytics:read, kyc:write."
    scopes: [String!]!
    status: ApiKeyStatus!
    expiresAt: String
    revokedAt: String
    lastUsedAt: String
    "Requests made with the key (a Float: counts can outgrow 32 bits)."
    usageCount: Float!
    createdAt: String!
  }

  type CreatedApiKey {
    "The key, shown this once: cr8_key_<prefix>_<secret>."
    key: String!
    apiKey: ApiKey!
  }

  type Query {
    "Your API keys, newest first (never their secrets)."
    apiKeys: [ApiKey!]!
  }

  type Mutation {
    "Step 1 of Sign-In with Ethereum: a nonce for the message your wallet signs."
    siweNonce: SiweNonce!
    "Step 2: the signed EIP-4361 message becomes a session."
    signIn(message: String!, signature: String!): SessionGrant!
    "Ends the current session."
    signOut: Boolean!
    "A new API key (signed-in wallets only). The key is in the answer once and never again."
    createApiKey(name: String!, scopes: [String!]!, expiresAt: String): CreatedApiKey!
    "Revokes one of your API keys (an API key may revoke only itself)."
    revokeApiKey(id: ID!): ApiKey!
  }
`;

export function authModule(deps: AuthModuleDeps): ApiModule {
  const forget = (credentialId: string) => deps.credentials?.forget(credentialId);
  const limit = async (route: string, context: ApiContext) => deps.limitEndpoint?.({ route, principal: context.principal, ip: context.ip });

  const signIn = (db: Pool, body: z.infer<typeof signInBody>) => signInWithEthereum(db, body, deps.siwe);

  return {
    name: 'auth',
    typeDefs,
    resolvers: {
      Query: {
        apiKeys: async (_parent: unknown, _args: unknown, context: ApiContext) => (await listApiKeys(context.db, requirePrincipal(context))).apiKeys,
      },
      Mutation: {
        siweNonce: async (_parent: unknown, _args: unknown, context: ApiContext) => {
          await limit('/api/auth/nonce', context);
          return issueSiweNonce(context.db, deps.siwe);
        },
        signIn: async (_parent: unknown, args: { message: string; signature: string }, context: ApiContext) => {
          await limit('/api/auth/siwe', context);
          return signIn(context.db, parseArgs(signInBody, args));
        },
        signOut: async (_parent: unknown, _args: unknown, context: ApiContext) => {
          const { sessionId } = await signOut(context.db, requirePrincipal(context));
          forget(sessionId);
          return true;
        },
        createApiKey: async (_parent: unknown, args: { name: string; scopes: string[]; expiresAt?: string | null }, context: ApiContext) => {
          const principal = requirePrincipal(context);
          return createApiKey(context.db, principal, parseArgs(createApiKeyBody, { name: args.name, scopes: args.scopes, ...(args.expiresAt != null ? { expiresAt: args.expiresAt } : {}) }));
        },
        revokeApiKey: async (_parent: unknown, args: { id: string }, context: ApiContext) => {
          const { apiKey } = await revokeApiKey(context.db, requirePrincipal(context), args.id);
          forget(apiKey.id);
          return apiKey;
        },
      },
    },
    routes: [
      route({
        method: 'POST',
        path: '/api/auth/nonce',
        summary: 'Sign-In with Ethereum, step 1: a single-use nonce for the EIP-4361 message → {nonce, issuedAt, expiresAt, chainId}',
        tag: 'auth',
        auth: 'public',
        handle: async ({ db }) => new RestResponse(200, await issueSiweNonce(db, deps.siwe), NO_STORE),
      }),
      route({
        method: 'POST',
        path: '/api/auth/siwe',
        summary: 'Sign-In with Ethereum, step 2: {message, signature} → a session {token (shown once), expiresAt, user, newUser}',
        tag: 'auth',
        auth: 'public',
        body: signInBody,
        responses: {
          401: 'Bad signature (INVALID_SIGNATURE), nonce unknown/used/expired (NONCE_INVALID), message expired or not yet valid (MESSAGE_EXPIRED)',
        },
        handle: async ({ db, body }) => new RestResponse(200, await signIn(db, body), NO_STORE),
      }),
      route({
        method: 'POST',
        path: '/api/auth/logout',
        summary: 'Ends the calling session (revoked at once)',
        tag: 'auth',
        auth: 'user',
        responses: { 403: 'Called with an API key rather than a session (FORBIDDEN)' },
        handle: async ({ db, principal }) => {
          const result = await signOut(db, principal!);
          forget(result.sessionId);
          return { signedOut: true };
        },
      }),
      route({
        method: 'GET',
        path: '/api/keys',
        summary: 'Your API keys, newest first, without secrets',
        tag: 'auth',
        auth: 'user',
        handle: async ({ db, principal }) => listApiKeys(db, principal!),
      }),
      route({
        method: 'POST',
        path: '/api/keys',
        summary: 'Create an API key {name, scopes, expiresAt?} → 201 {key (shown once), apiKey}; needs a session',
        tag: 'auth',
        auth: 'user',
        body: createApiKeyBody,
        responses: { 201: 'Created; `key` is shown this once', 403: 'Called with an API key rather than a session (FORBIDDEN)', 409: 'Too many active keys (CONFLICT)' },
        handle: async ({ db, principal, body }) => new RestResponse(201, await createApiKey(db, principal!, body), NO_STORE),
      }),
      route({
        method: 'DELETE',
        path: '/api/keys/:id',
        summary: 'Revoke one of your API keys → {apiKey}',
        tag: 'auth',
        auth: 'user',
        responses: { 400: 'Not a UUID (INVALID_ARGUMENT)', 403: 'An API key revoking another key (FORBIDDEN)', 404: 'No such key of yours (NOT_FOUND)' },
        handle: async ({ db, principal, params }) => {
          const result = await revokeApiKey(db, principal!, params.id!);
          forget(result.apiKey.id);
          return result;
        },
      }),
    ],
  };
}

/** GraphQL arguments through the REST body schema, so both paths accept exactly the same input. */
function parseArgs<T>(schema: z.ZodType<T>, args: unknown): T {
  const parsed = schema.safeParse(args);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  throw new ApiError(400, 'INVALID_ARGUMENT', issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '), { issues });
}
