// How many executions of one agent (its `maxConcurrent`) and of one user run at once, across every
// worker: one Redis sorted set per scope, holding a lease per running execution (member: the execution
// id, score: when the lease expires). A lease rather than a bare counter because workers die: the
// SIGKILLed worker's slot frees itself when its lease expires, while a counter with a key expiry would
// either leak the slot or drop everyone's count at once. Acquiring is all-or-nothing across the scopes,
// in one script (one round trip), on Redis's clock (workers' clocks may disagree); re-acquiring a lease
// the same execution already holds (a redelivered job) succeeds without taking a second slot. The
// acquires and releases of a worker's concurrent runs are group-committed (db/group-commit.ts): one
// script call decides a whole group, each request in turn as if alone, and one pipeline releases one.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { groupCommit } from '../../db/group-commit.ts';

export type ConcurrencyScope = { key: string; limit: number };

export type ConcurrencyLimiter = {
  /** Takes a slot in every scope for `executionId`, or none (false) when one is full. */
  acquire(scopes: readonly ConcurrencyScope[], executionId: string): Promise<boolean>;
  /** Pushes the leases' expiry forward; call it while the execution runs (every leaseMs / 3). */
  renew(scopes: readonly ConcurrencyScope[], executionId: string): Promise<void>;
  release(scopes: readonly ConcurrencyScope[], executionId: string): Promise<void>;
  readonly leaseMs: number;
  /** The scope of an agent's runs and of a user's runs. */
  agentScope(agentId: string, limit: number): ConcurrencyScope;
  userScope(userId: string, limit: number): ConcurrencyScope;
};

export type ConcurrencyLimiterOptions = {
  /** Key prefix, e.g. the queue's prefix. */
  prefix: string;
  /** How long a lease lives without renewal (default 30,000 ms): how long a dead worker holds its slot. */
  leaseMs?: number;
};

export const DEFAULT_LEASE_MS = 30_000;

// Requests in turn, each all-or-nothing across its scopes. KEYS: every request's scope sets, request
// after request. ARGV: leaseMs, then per request: member, scope count, one limit per scope. Returns one
// 1 (taken) or 0 (a scope was full: nothing taken) per request.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = tonumber(ARGV[1])
local cleaned = {}
local results = {}
local k = 1
local a = 2
while a <= #ARGV do
  local member = ARGV[a]
  local count = tonumber(ARGV[a + 1])
  local free = true
  for i = 0, count - 1 do
    local key = KEYS[k + i]
    if not cleaned[key] then
      redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
      cleaned[key] = true
    end
    if free and not redis.call('ZSCORE', key, member) and redis.call('ZCARD', key) >= tonumber(ARGV[a + 2 + i]) then free = false end
  end
  if free then
    for i = 0, count - 1 do
      local key = KEYS[k + i]
      redis.call('ZADD', key, now + lease, member)
      if redis.call('PTTL', key) < lease then redis.call('PEXPIRE', key, lease) end
    end
  end
  results[#results + 1] = free and 1 or 0
  k = k + count
  a = a + 2 + count
end
return results`;

// KEYS: the scopes' sets. ARGV: member, leaseMs. Renews only leases still held (XX).
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = tonumber(ARGV[2])
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, 'XX', now + lease, ARGV[1])
  if redis.call('PTTL', key) < lease then redis.call('PEXPIRE', key, lease) end
end
return 1`;

export function createConcurrencyLimiter(redis: Redis, options: ConcurrencyLimiterOptions): ConcurrencyLimiter {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  if (!Number.isInteger(leaseMs) || leaseMs < 100) throw new Error(`concurrency limiter: leaseMs must be an integer of at least 100 (got ${leaseMs})`);
  const acquireScript = script(redis, ACQUIRE);
  const renew = script(redis, RENEW);
  type Request = { scopes: readonly ConcurrencyScope[]; executionId: string };
  const acquireGroup = groupCommit({
    run: async (requests: Request[]) => {
      const keys = requests.flatMap((request) => request.scopes.map((scope) => scope.key));
      const args = [String(leaseMs), ...requests.flatMap((request) => [request.executionId, String(request.scopes.length), ...request.scopes.map((scope) => String(scope.limit))])];
      const taken = (await acquireScript(keys, args)) as number[];
      return taken.map((value) => value === 1);
    },
  });
  const releaseGroup = groupCommit({
    run: async (requests: Request[]) => {
      const pipeline = redis.pipeline();
      for (const request of requests) for (const scope of request.scopes) pipeline.zrem(scope.key, request.executionId);
      for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
      return requests.map(() => undefined);
    },
  });
  return {
    leaseMs,
    async acquire(scopes, executionId) {
      if (scopes.length === 0) return true;
      for (const scope of scopes) if (!Number.isInteger(scope.limit) || scope.limit < 1) throw new Error(`concurrency limiter: ${scope.key} has limit ${scope.limit}`);
      return acquireGroup({ scopes, executionId });
    },
    async renew(scopes, executionId) {
      if (scopes.length > 0) await renew(scopes.map((scope) => scope.key), [executionId, String(leaseMs)]);
    },
    async release(scopes, executionId) {
      if (scopes.length > 0) await releaseGroup({ scopes, executionId });
    },
    agentScope: (agentId, limit) => ({ key: `${options.prefix}:running:agent:${agentId}`, limit }),
    userScope: (userId, limit) => ({ key: `${options.prefix}:running:user:${userId}`, limit }),
  };
}

/** A Lua script run by its SHA (sent once per Redis server, re-sent if Redis forgot it). */
function script(redis: Redis, source: string): (keys: string[], args: string[]) => Promise<unknown> {
  const sha = createHash('sha1').update(source).digest('hex');
  return async (keys, args) => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(source, keys.length, ...keys, ...args);
    }
  };
}
