// Frees the GPUs of leases whose heartbeat expired (their worker died or lost Redis) and returns the
// executions they belonged to, so the queue can run them again elsewhere. Every allocation and heartbeat
// also reclaims (cheaply: leases sit in a sorted set by expiry); whichever script reclaimed a lease queues
// its executionId, and this call drains that queue too, so a sweeper sees every reclaimed execution once
// even when an allocation got there first.
import type { Redis } from 'ioredis';
import { LEASE_RETENTION_MS } from './keys.ts';
import { defineGpuScript } from './script.ts';

export type ReclaimExpiredLeasesReturnType = string[];

const reclaimScript = defineGpuScript(
  'cr8GpuReclaim',
  `
reclaim_expired(now_ms(), tonumber(ARGV[2]))
local reclaimed = redis.call('LRANGE', K_RECLAIMED, 0, -1)
redis.call('DEL', K_RECLAIMED)
return reclaimed
`,
);

export async function reclaimExpiredLeases(redis: Redis, prefix: string): Promise<ReclaimExpiredLeasesReturnType> {
  return (await reclaimScript(redis, prefix, [LEASE_RETENTION_MS])) as string[];
}
