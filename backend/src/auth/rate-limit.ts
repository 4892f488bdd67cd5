// Request budgets in Redis (rate-limiter-flexible, fixed windows), implementing the server's RateLimit
// hook. Every request spends one point from each budget that applies to it:
//
//   budget       keyed by                            default      env
//   ip           client address (IPv6: its /64)      600 / 60 s   RATE_LIMIT_IP          anonymous requests only
//   credential   API key or session id               1200 / 60 s  RATE_LIMIT_CREDENTIAL  signed-in requests
//   wallet       user (all their keys and sessions)  3000 / 60 s  RATE_LIMIT_WALLET      signed-in requests
//   auth         user, else address                  30 / 60 s    RATE_LIMIT_AUTH        /api/auth/*
//   kyc          user, else address                  20 / 60 s    RATE_LIMIT_KYC         /api/kyc/* (not provider webhooks)
//   register     user, else address                  20 / 3600 s  RATE_LIMIT_REGISTER    /api/v1/agents/register
//
// A request touches two or three keys. A process leases several points of a key at once and spends
// them from memory (budget-leases.ts: at most a 20th of what the key has left, so near the limit every
// request asks Redis), so most requests make no round trip; the scripts of those that do go out together
// in one write (ioredis auto-pipelining, see redis-client.ts). Nothing is let through uncounted: the
// processes together never exceed a budget. A key over its budget is also blocked in this process's
// memory until its window ends, so a flood stops reaching Redis. When Redis
// is down or slow, each budget falls back to the same limit in this process's memory (the insurance
// limiter): requests are still limited, per process, and never fail because of Redis.
import { isIPv6 } from 'node:net';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import { ApiError } from '../api/api-error.ts';
import type { Principal } from '../api/route.ts';
import type { RateLimit } from '../api/server.ts';
import type { Logger } from '../service/logger.ts';
import { leaseBudget } from './budget-leases.ts';

export type RateLimitRule = { points: number; durationSeconds: number };

/** A route-specific budget: `routes` are route paths as declared (`/api/keys/:id`), a trailing `*`
 *  matching any suffix; `except` carves routes out (the first budget that matches a route wins). */
export type EndpointBudget = { routes: readonly string[]; except?: readonly string[]; rule: RateLimitRule };

export type RateLimits = {
  /** Prefix of every key in Redis; tests use a unique one per run. */
  keyPrefix: string;
  ip: RateLimitRule;
  credential: RateLimitRule;
  wallet: RateLimitRule;
  endpoints: Record<string, EndpointBudget>;
};

export const DEFAULT_RATE_LIMITS = {
  keyPrefix: 'cr8:rl',
  ip: { points: 600, durationSeconds: 60 },
  credential: { points: 1_200, durationSeconds: 60 },
  wallet: { points: 3_000, durationSeconds: 60 },
  endpoints: {
    // Sign-in: a nonce and a signature per attempt; more than this is a script.
    auth: { routes: ['/api/auth/*'], rule: { points: 30, durationSeconds: 60 } },
    // A KYC provider's webhooks come from its own addresses and must not be dropped.
    kyc: { routes: ['/api/kyc/*'], except: ['/api/kyc/webhook*', '/api/kyc/webhooks*'], rule: { points: 20, durationSeconds: 60 } },
    // Registration pins to IPFS and sends a transaction: expensive, and rare for a real developer.
    register: { routes: ['/api/v1/agents/register'], rule: { points: 20, durationSeconds: 3_600 } },
  },
} as const satisfies RateLimits;

export type RateLimiter = RateLimit & {
  /** Spends only the route-specific budget (not ip/credential/wallet): for a GraphQL field that does what
   *  a budgeted REST route does (`signIn` ~ `/api/auth/siwe`), so both paths share one budget. */
  limitEndpoint: RateLimit;
};

export function createRateLimiter(deps: { redis: Redis; limits: RateLimits; logger: Logger }): RateLimiter {
  const { redis, limits, logger } = deps;
  // Logged when the fallback is first used, then at most once a minute while it keeps being used (a
  // slow Redis times out without ever disconnecting, so 'ready' alone cannot mark the end of it).
  let degraded = false;
  let fallbacks = 0;
  let loggedAt = 0;
  let everReady = redis.status === 'ready';
  const onInsurance = () => {
    fallbacks++;
    // Requests that arrive while the first connection is still being made are not an outage.
    if (!everReady && (redis.status === 'wait' || redis.status === 'connecting' || redis.status === 'connect')) return;
    const now = Date.now();
    if (degraded && now - loggedAt < 60_000) return;
    degraded = true;
    loggedAt = now;
    logger.warn({ fallbacks }, 'Redis is unreachable: rate limits are enforced per process, in memory, until it is back');
    fallbacks = 0;
  };
  redis.on('ready', () => {
    everReady = true;
    if (!degraded) return;
    degraded = false;
    logger.info('Redis is back: rate limits are shared again');
  });

  // Each budget is counted in Redis (rate-limiter-flexible), and spent through this process's leases.
  const limiter = (name: string, rule: RateLimitRule) => {
    const counted = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${limits.keyPrefix}:${name}`,
      points: rule.points,
      duration: rule.durationSeconds,
      // Commands would otherwise wait in ioredis's queue while Redis is down; fail over at once.
      rejectIfRedisNotReady: true,
      // Once a key is over its budget, refuse it from memory until its window ends.
      inMemoryBlockOnConsumed: rule.points + 1,
      insuranceLimiter: new InsuranceLimiter({ points: rule.points, duration: rule.durationSeconds, keyPrefix: `${limits.keyPrefix}:${name}` }, onInsurance),
    });
    return { budgetName: name, rule, leases: leaseBudget(counted) };
  };
  type Budget = ReturnType<typeof limiter>;

  const ip = limiter('ip', limits.ip);
  const credential = limiter('credential', limits.credential);
  const wallet = limiter('wallet', limits.wallet);
  const endpoints = Object.entries(limits.endpoints).map(([name, budget]) => ({ budget, limiter: limiter(`endpoint:${name}`, budget.rule) }));
  // Route names are a small fixed set (declared paths), so the match is remembered per name.
  const endpointByRoute = new Map<string, Budget | null>();
  const endpointFor = (route: string): Budget | null => {
    let found = endpointByRoute.get(route);
    if (found === undefined) {
      found = endpoints.find(({ budget }) => budget.routes.some((pattern) => matches(pattern, route)) && !budget.except?.some((pattern) => matches(pattern, route)))?.limiter ?? null;
      endpointByRoute.set(route, found);
    }
    return found;
  };
  const subjectOf = (principal: Principal | null, address: string) => (principal ? `user:${principal.userId}` : `ip:${rateLimitAddress(address)}`);

  async function spend(checks: Array<[Budget, string]>): Promise<void> {
    const results = await Promise.allSettled(checks.map(([budget, key]) => budget.leases.consume(key)));
    let refusal: { budget: Budget; res: RateLimiterRes } | undefined;
    results.forEach((result, index) => {
      if (result.status === 'fulfilled') return;
      if (result.reason instanceof RateLimiterRes) {
        const budget = checks[index]![0];
        if (!refusal || result.reason.msBeforeNext > refusal.res.msBeforeNext) refusal = { budget, res: result.reason };
      } else {
        // Not a refusal but a failure of both Redis and the in-memory fallback: let the request through.
        logger.error({ err: result.reason }, 'rate limiter failed');
      }
    });
    if (!refusal) return;
    const retryAfterSeconds = Math.max(1, Math.ceil(refusal.res.msBeforeNext / 1_000));
    throw new ApiError(
      429,
      'RATE_LIMITED',
      `too many requests (${refusal.budget.budgetName} budget: ${refusal.budget.rule.points} per ${refusal.budget.rule.durationSeconds} s); retry after ${retryAfterSeconds} s`,
      { budget: refusal.budget.budgetName, limit: refusal.budget.rule.points, windowSeconds: refusal.budget.rule.durationSeconds, retryAfterSeconds },
      { 'retry-after': String(retryAfterSeconds) },
    );
  }

  const rateLimit: RateLimit = async ({ route, principal, ip: address }) => {
    const checks: Array<[Budget, string]> = principal ? [[credential, principal.credentialId], [wallet, principal.userId]] : [[ip, rateLimitAddress(address)]];
    const endpoint = endpointFor(route);
    if (endpoint) checks.push([endpoint, subjectOf(principal, address)]);
    await spend(checks);
  };
  const limitEndpoint: RateLimit = async ({ route, principal, ip: address }) => {
    const endpoint = endpointFor(route);
    if (endpoint) await spend([[endpoint, subjectOf(principal, address)]]);
  };
  return Object.assign(rateLimit, { limitEndpoint });
}

/** The in-memory fallback; it reports its first use so the outage is logged once, not per request. */
class InsuranceLimiter extends RateLimiterMemory {
  readonly #onUse: () => void;
  constructor(options: ConstructorParameters<typeof RateLimiterMemory>[0], onUse: () => void) {
    super(options);
    this.#onUse = onUse;
  }
  override consume(...args: Parameters<RateLimiterMemory['consume']>): Promise<RateLimiterRes> {
    this.#onUse();
    return super.consume(...args);
  }
}

function matches(pattern: string, route: string): boolean {
  return pattern.endsWith('*') ? route.startsWith(pattern.slice(0, -1)) : route === pattern;
}

/** The address a budget is keyed by: IPv4 as is (also when IPv4-mapped), IPv6 by its /64 network,
 *  since one IPv6 client usually holds a whole /64 and could otherwise rotate through it. */
export function rateLimitAddress(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  const address = ip.split('%')[0]!;
  if (!isIPv6(address)) return ip;
  // Expand `::` and a trailing dotted IPv4 into eight 16-bit groups, then keep the first four.
  let text = address;
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
