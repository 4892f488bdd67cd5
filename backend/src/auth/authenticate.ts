// Who is calling, from `Authorization: Bearer <token>`; the server runs this on every request, so it
// is built to cost nothing for anonymous requests and one indexed lookup for a burst of signed ones:
//   no Authorization header                      → null (anonymous), without any work
//   a session token or API key that is valid     → its Principal (sessions hold every scope)
//   anything else (another scheme, a malformed,
//   unknown, expired or revoked credential)       → 401 UNAUTHENTICATED; never silently anonymous
// Lookups are cached per token hash for `cacheTtlMs` (refusals too), concurrent lookups of one token are
// shared, and an address that keeps sending bad credentials is refused with 429 before the database.
import type { Pool } from 'pg';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiError } from '../api/api-error.ts';
import { API_KEY_SCOPES, type Principal } from '../api/route.ts';
import type { Authenticate } from '../api/server.ts';
import { knownScopes } from './api-key-record.ts';
import type { ApiKeyUsage } from './api-key-usage.ts';
import { type CachedCredential, type CredentialCache, createCredentialCache, DEFAULT_CREDENTIAL_CACHE } from './credential-cache.ts';
import { hashToken, parseCredentialToken } from './credential-token.ts';
import { rateLimitAddress } from './rate-limit.ts';

export type Authenticator = Authenticate & {
  /** Drops a credential from this process's cache (after sign-out or revocation). */
  forget: (credentialId: string) => void;
};

export type AuthenticatorOptions = {
  db: Pool;
  /** Counts API-key requests (usage_count / last_used_at); omit to not count. */
  usage?: ApiKeyUsage;
  /** How long a lookup is reused (default 5 s; 0 looks up every request). */
  cacheTtlMs?: number;
  cacheMaxEntries?: number;
  /** Refused credentials an address may send per minute before it gets 429 (default 120). */
  failuresPerMinute?: number;
  now?: () => number;
};

const BEARER = /^Bearer +(\S+) *$/i;
const UNAUTHENTICATED_HINT = 'send a session token (POST /api/auth/siwe) or an API key as Authorization: Bearer <token>';

export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const { db, usage } = options;
  const now = options.now ?? Date.now;
  const ttlMs = options.cacheTtlMs ?? DEFAULT_CREDENTIAL_CACHE.ttlMs;
  const cache: CredentialCache = createCredentialCache({ maxEntries: options.cacheMaxEntries ?? DEFAULT_CREDENTIAL_CACHE.maxEntries });
  const maxFailures = options.failuresPerMinute ?? 120;
  const failures = new RateLimiterMemory({ keyPrefix: 'auth-failures', points: maxFailures, duration: 60 });
  // Concurrent requests with the same uncached credential share one lookup.
  const inFlight = new Map<string, Promise<CachedCredential>>();
  // When each credential was last forgotten: a lookup that started before then may have read the row
  // before the revocation, so its answer is not cached.
  const forgottenAt = new Map<string, number>();

  async function refuse(ip: string, message: string): Promise<never> {
    try {
      await failures.consume(rateLimitAddress(ip));
    } catch (error) {
      if (error instanceof RateLimiterRes) throw tooManyFailures(error);
      throw error;
    }
    throw new ApiError(401, 'UNAUTHENTICATED', message);
  }

  const authenticate: Authenticate = async ({ headers, ip }) => {
    const header = headers.authorization;
    if (header === undefined) return null;
    const token = BEARER.exec(header)?.[1];
    const credential = token === undefined ? null : parseCredentialToken(token);
    if (!credential) return refuse(ip, `the Authorization header is not a CR8 credential; ${UNAUTHENTICATED_HINT}`);

    const tokenHash = hashToken(credential.token);
    const cacheKey = tokenHash.toString('base64');
    const at = now();
    let standing = ttlMs > 0 ? cache.get(cacheKey, at) : undefined;
    if (standing) {
      // Refresh ahead: this request is answered from the cache, the lookup that replaces the entry runs
      // beside it. Entries cached together (a client's keys, a restart) would otherwise all expire
      // together, and every request of those clients would wait for its lookup at once (bench-e2e: a
      // 100-300 ms stall of the whole API every 5 s). Failing, it leaves the entry to expire.
      if (cache.takeRefresh(cacheKey, at)) sharedLookUp(cacheKey, credential.kind, tokenHash, at).catch(() => {});
    } else {
      // An address already over its failure budget does not get to make the database look again.
      const failed = await failures.get(rateLimitAddress(ip));
      if (failed && failed.consumedPoints > maxFailures) throw tooManyFailures(failed);
      standing = await sharedLookUp(cacheKey, credential.kind, tokenHash, at);
    }
    if ('refusal' in standing) return refuse(ip, standing.refusal);
    if (usage && standing.principal.kind === 'api_key') usage.record(standing.principal.credentialId, new Date(at));
    return standing.principal;
  };
  /** Looks the credential up, or joins the lookup of it under way, and caches the answer: until `ttlMs`
   *  after the lookup started (or the credential's expiry), due for a refresh at a random point from
   *  half to four fifths of that, so entries cached together are not refreshed together. */
  function sharedLookUp(cacheKey: string, kind: 'session' | 'api_key', tokenHash: Buffer, at: number): Promise<CachedCredential> {
    const shared = inFlight.get(cacheKey);
    if (shared) return shared;
    const lookup = lookUp(db, kind, tokenHash, at).then(({ standing, expiresAt }) => {
      const revokedSince = 'principal' in standing && (forgottenAt.get(standing.principal.credentialId) ?? -Infinity) >= at;
      if (ttlMs > 0 && !revokedSince && inFlight.get(cacheKey) === lookup) {
        const validUntil = Math.min(at + ttlMs, expiresAt ?? Number.POSITIVE_INFINITY);
        cache.set(cacheKey, standing, validUntil, Math.min(validUntil, at + ttlMs * (0.5 + 0.3 * Math.random())));
      }
      return standing;
    });
    lookup.finally(() => inFlight.get(cacheKey) === lookup && inFlight.delete(cacheKey)).catch(() => {});
    inFlight.set(cacheKey, lookup);
    return lookup;
  }
  const forget = (credentialId: string) => {
    const at = now();
    for (const [id, time] of forgottenAt) if (time < at - 60_000) forgottenAt.delete(id);
    forgottenAt.set(credentialId, at);
    cache.forget(credentialId);
    // Lookups under way may predate the revocation: later requests start their own.
    inFlight.clear();
  };
  return Object.assign(authenticate, { forget });
}

type Row = { id: string; user_id: string; wallet_address: `0x${string}`; expires_at: Date | null; revoked_at: Date | null; scopes: string[] | null };

/** One indexed lookup by token hash (sessions.token_hash / api_keys.key_hash are unique). */
async function lookUp(db: Pool, kind: 'session' | 'api_key', tokenHash: Buffer, at: number): Promise<{ standing: CachedCredential; expiresAt: number | null }> {
  const { rows } =
    kind === 'session'
      ? await db.query<Row>({
          name: 'auth-look-up-session',
          text: 'SELECT s.id, s.user_id, u.wallet_address, s.expires_at, s.revoked_at, NULL::text[] AS scopes FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1',
          values: [tokenHash],
        })
      : await db.query<Row>({
          name: 'auth-look-up-api-key',
          text: 'SELECT k.id, k.user_id, u.wallet_address, k.expires_at, k.revoked_at, k.scopes FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = $1',
          values: [tokenHash],
        });
  const row = rows[0];
  const what = kind === 'session' ? 'session' : 'API key';
  if (!row) return { standing: { refusal: `unknown ${what}; ${UNAUTHENTICATED_HINT}` }, expiresAt: null };
  if (row.revoked_at) return { standing: { refusal: kind === 'session' ? 'this session was signed out; sign in again' : 'this API key was revoked' }, expiresAt: null };
  const expiresAt = row.expires_at?.getTime() ?? null;
  if (expiresAt !== null && expiresAt <= at) return { standing: { refusal: kind === 'session' ? 'this session has expired; sign in again' : 'this API key has expired' }, expiresAt: null };
  const principal: Principal = {
    kind,
    userId: row.user_id,
    wallet: row.wallet_address,
    credentialId: row.id,
    scopes: kind === 'session' ? API_KEY_SCOPES : knownScopes(row.scopes ?? []),
  };
  return { standing: { principal }, expiresAt };
}

function tooManyFailures(res: RateLimiterRes): ApiError {
  const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1_000));
  return new ApiError(429, 'RATE_LIMITED', `too many invalid credentials from this address; retry after ${retryAfterSeconds} s`, { budget: 'auth-failures', retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) });
}
