// Keeps a lease alive. The holder calls it well within `leaseMs` (the facade: every `heartbeatMs`) and
// stops its run on anything but 'extended':
//   'extended'  the lease now expires `leaseMs` from now (Redis clock);
//   'preempted' a higher-priority execution needs the GPUs: stop and release. Not extended, so the GPUs
//               free up at the current expiry at the latest even if the holder never releases;
//   'lost'      the lease expired (reclaimed now if nobody had yet), ended, or another worker took the
//               execution over: the GPUs are no longer this worker's.
import type { Redis } from 'ioredis';
import { GpuManagerError } from './errors.ts';
import { LEASE_RETENTION_MS } from './keys.ts';
import { defineGpuScript } from './script.ts';

export type HeartbeatLeaseReturnType = 'extended' | 'lost' | 'preempted';

const heartbeatScript = defineGpuScript(
  'cr8GpuHeartbeat',
  `
local lease_id, worker_id, lease_ms, retention_ms = ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
local now = now_ms()
local key = lease_key(lease_id)
local l = redis.call('HMGET', key, 'state', 'workerId', 'expiresAt')
if not l[1] or l[2] ~= worker_id then return 'lost' end
if l[1] ~= 'active' and l[1] ~= 'preempted' then return 'lost' end
if tonumber(l[3]) <= now then
  reclaim_lease(lease_id, now, retention_ms)
  return 'lost'
end
if l[1] == 'preempted' then return 'preempted' end
local expires_at = now + lease_ms
redis.call('HSET', key, 'expiresAt', int(expires_at))
redis.call('ZADD', K_EXPIRIES, int(expires_at), lease_id)
return 'extended'
`,
);

export async function heartbeatLease(redis: Redis, prefix: string, leaseId: string, workerId: string, leaseMs: number): Promise<HeartbeatLeaseReturnType> {
  if (!Number.isSafeInteger(leaseMs) || leaseMs < 1) throw new GpuManagerError('INVALID_REQUEST', `leaseMs must be a positive integer, got ${leaseMs}`);
  return (await heartbeatScript(redis, prefix, [leaseId, workerId, leaseMs, LEASE_RETENTION_MS])) as HeartbeatLeaseReturnType;
}
