// The API's authentication and rate-limit settings from the environment, as a zod fragment the API's
// config schema spreads in (`z.object({ ...apiShape, ...authConfigSchema.shape })`). Every variable has
// a development default; production sets SIWE_DOMAINS to its web origins and REDIS_URL to its Redis.
import { z } from 'zod';
import type { SiweOptions } from './verify-siwe-message.ts';
import { DEFAULT_RATE_LIMITS, type RateLimitRule, type RateLimits } from './rate-limit.ts';

/** The CR8 L3 (chain/src/chains.ts cr8L3Chain). Not imported: the backend does not depend on @cr8/chain at run time. */
export const CR8_L3_CHAIN_ID = 888008;

/** `points/seconds`, e.g. `600/60`: at most 600 requests in each 60-second window. */
const rateLimitRule = (fallback: RateLimitRule) =>
  z
    .string()
    .regex(/^\d{1,9}\/\d{1,6}$/, 'expected points/seconds, e.g. 600/60')
    .default(`${fallback.points}/${fallback.durationSeconds}`)
    .transform((value, context): RateLimitRule => {
      const [points, durationSeconds] = value.split('/').map(Number) as [number, number];
      if (points < 1 || durationSeconds < 1) context.addIssue({ code: 'custom', message: 'points and seconds must be at least 1' });
      return { points, durationSeconds };
    });

export const authConfigSchema = z.object({
  /** Host[:port] authorities a SIWE message may name (the web app's origins), comma-separated. */
  SIWE_DOMAINS: z
    .string()
    .default('127.0.0.1:4000,localhost:4000,localhost:3000')
    .transform((value) => value.split(',').map((domain) => domain.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, 'a domain is host[:port]')).min(1)),
  /** The chain id a SIWE message must name: the CR8 L3. */
  SIWE_CHAIN_ID: z.coerce.number().int().positive().default(CR8_L3_CHAIN_ID),
  /** How long an issued nonce (and a message's issuedAt) stays usable. */
  SIWE_NONCE_TTL_SECONDS: z.coerce.number().int().min(30).max(3_600).default(600),
  /** How long a session lasts after sign-in. */
  SESSION_TTL_SECONDS: z.coerce.number().int().min(300).max(90 * 86_400).default(7 * 86_400),
  /** How long a credential's lookup is reused in this process (0 turns the cache off). A revocation
   *  through another API process takes effect within this; through this one, at once. */
  AUTH_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /** How often API-key usage counts are written to the database. */
  API_KEY_USAGE_FLUSH_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL').default('redis://127.0.0.1:6379'),
  RATE_LIMIT_ENABLED: z.stringbool().default(true),
  /** Prefix of every rate-limit key in Redis (one Redis may serve several environments). */
  RATE_LIMIT_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/).default('cr8:rl'),
  RATE_LIMIT_IP: rateLimitRule(DEFAULT_RATE_LIMITS.ip),
  RATE_LIMIT_CREDENTIAL: rateLimitRule(DEFAULT_RATE_LIMITS.credential),
  RATE_LIMIT_WALLET: rateLimitRule(DEFAULT_RATE_LIMITS.wallet),
  RATE_LIMIT_AUTH: rateLimitRule(DEFAULT_RATE_LIMITS.endpoints.auth.rule),
  RATE_LIMIT_KYC: rateLimitRule(DEFAULT_RATE_LIMITS.endpoints.kyc.rule),
  RATE_LIMIT_REGISTER: rateLimitRule(DEFAULT_RATE_LIMITS.endpoints.register.rule),
});

export type AuthConfig = z.infer<typeof authConfigSchema>;

export type AuthOptions = {
  siwe: SiweOptions;
  sessionTtlSeconds: number;
  cacheTtlMs: number;
  usageFlushIntervalMs: number;
  redisUrl: string;
  /** null when RATE_LIMIT_ENABLED=false. */
  rateLimits: RateLimits | null;
};

export function authOptionsFromConfig(config: AuthConfig): AuthOptions {
  return {
    siwe: { domains: config.SIWE_DOMAINS, chainId: config.SIWE_CHAIN_ID, nonceTtlSeconds: config.SIWE_NONCE_TTL_SECONDS },
    sessionTtlSeconds: config.SESSION_TTL_SECONDS,
    cacheTtlMs: config.AUTH_CACHE_TTL_MS,
    usageFlushIntervalMs: config.API_KEY_USAGE_FLUSH_MS,
    redisUrl: config.REDIS_URL,
    rateLimits: config.RATE_LIMIT_ENABLED
      ? {
          keyPrefix: config.RATE_LIMIT_PREFIX,
          ip: config.RATE_LIMIT_IP,
          credential: config.RATE_LIMIT_CREDENTIAL,
          wallet: config.RATE_LIMIT_WALLET,
          endpoints: {
            auth: { ...DEFAULT_RATE_LIMITS.endpoints.auth, rule: config.RATE_LIMIT_AUTH },
            kyc: { ...DEFAULT_RATE_LIMITS.endpoints.kyc, rule: config.RATE_LIMIT_KYC },
            register: { ...DEFAULT_RATE_LIMITS.endpoints.register, rule: config.RATE_LIMIT_REGISTER },
          },
        }
      : null,
  };
}
