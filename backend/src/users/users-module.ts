// The signed-in user in the API: `GET /api/users/me` and GraphQL `me`.
import { type ApiContext, type ApiModule, route } from '../api/route.ts';
import { getCurrentUser } from './get-current-user.ts';

const typeDefs = /* GraphQL */ `
  type UserKyc {
    "none, pending, verified, rejected or expired (a verification past expiresAt reads expired)."
    status: String!
    expiresAt: String
  }

  type UserCredential {
    "session (a signed-in wallet) or api_key."
    kind: String!
    id: ID!
    scopes: [String!]!
  }

  type User {
    id: ID!
    walletAddress: String!
    displayName: String
    kyc: UserKyc!
    "Unrevoked, unexpired API keys."
    activeApiKeys: Int!
    "What this request authenticated with."
    credential: UserCredential!
    createdAt: String!
  }

  type Query {
    "The signed-in user; null for an anonymous request."
    me: User
  }
`;

export function usersModule(): ApiModule {
  return {
    name: 'users',
    typeDefs,
    resolvers: {
      Query: {
        me: (_parent: unknown, _args: unknown, context: ApiContext) => (context.principal ? getCurrentUser(context.db, context.principal) : null),
      },
    },
    routes: [
      route({
        method: 'GET',
        path: '/api/users/me',
        summary: 'The signed-in user: wallet, display name, KYC status and expiry, active API keys, the credential used',
        tag: 'users',
        auth: 'user',
        handle: async ({ db, principal }) => getCurrentUser(db, principal!),
      }),
    ],
  };
}
