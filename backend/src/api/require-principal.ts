// GraphQL's counterpart of a REST route's `auth: 'user'` and `scope`: resolvers call it first.
import { ApiError } from './api-error.ts';
import type { ApiContext, ApiKeyScope, Principal } from './route.ts';

export function requirePrincipal(context: ApiContext, scope?: ApiKeyScope): Principal {
  if (!context.principal) throw new ApiError(401, 'UNAUTHENTICATED', 'sign in with your wallet (SIWE) or send an API key as Authorization: Bearer <key>');
  if (scope && !context.principal.scopes.includes(scope)) throw new ApiError(403, 'FORBIDDEN', `this API key lacks the ${scope} scope`);
  return context.principal;
}
