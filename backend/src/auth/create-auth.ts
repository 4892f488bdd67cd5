// Everything authentication adds to the API process, built from its config: the Authenticate and
// RateLimit hooks for startApiServer, the auth and users modules, API-key usage counting, and hourly
// housekeeping. `stop` flushes the usage counts and ends the timers; run it after the HTTP server has
// stopped and before the database pool closes.
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { ApiModule } from '../api/route.ts';
import type { RateLimit } from '../api/server.ts';
import type { Logger } from '../service/logger.ts';
import { usersModule } from '../users/users-module.ts';
import { type ApiKeyUsage, createApiKeyUsage } from './api-key-usage.ts';
import { authModule } from './auth-module.ts';
import { type Authenticator, createAuthenticator } from './authenticate.ts';
import type { AuthOptions } from './config.ts';
import { pruneExpiredCredentials } from './prune-expired-credentials.ts';
import { createRateLimiter } from './rate-limit.ts';
import type { SiwePublicClient } from './verify-siwe-message.ts';

export type Auth = {
  authenticate: Authenticator;
  /** Undefined when rate limiting is off (RATE_LIMIT_ENABLED=false) or no Redis client was given. */
  rateLimit: RateLimit | undefined;
  modules: ApiModule[];
  usage: ApiKeyUsage;
  stop: () => Promise<void>;
};

const PRUNE_INTERVAL_MS = 60 * 60 * 1_000;

export function createAuth(deps: { db: Pool; redis: Redis | null; logger: Logger; options: AuthOptions; publicClient?: SiwePublicClient }): Auth {
  const { db, redis, logger, options } = deps;
  const usage = createApiKeyUsage({ db, logger, flushIntervalMs: options.usageFlushIntervalMs });
  const authenticate = createAuthenticator({ db, usage, cacheTtlMs: options.cacheTtlMs });
  const rateLimiter = redis && options.rateLimits ? createRateLimiter({ redis, limits: options.rateLimits, logger }) : undefined;
  const prune = setInterval(() => {
    pruneExpiredCredentials(db).catch((error: unknown) => logger.warn({ err: error }, 'pruning expired nonces and sessions failed'));
  }, PRUNE_INTERVAL_MS);
  prune.unref();
  return {
    authenticate,
    rateLimit: rateLimiter,
    modules: [
      authModule({
        siwe: { ...options.siwe, sessionTtlSeconds: options.sessionTtlSeconds, ...(deps.publicClient ? { publicClient: deps.publicClient } : {}) },
        credentials: authenticate,
        ...(rateLimiter ? { limitEndpoint: rateLimiter.limitEndpoint } : {}),
      }),
      usersModule(),
    ],
    usage,
    stop: async () => {
      clearInterval(prune);
      await usage.stop();
    },
  };
}
