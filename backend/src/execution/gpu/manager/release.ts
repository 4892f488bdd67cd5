// Ends a lease and frees its GPUs, returning what it used. Idempotent: a second release (a retried call
// whose first reply was lost) returns the same metering, as does releasing a lease already reclaimed
// (metered up to its expiry). Releasing after the expiry, before anyone reclaimed it, ends it at the
// expiry too: past that point the GPUs were no longer promised to the holder.
import type { Redis } from 'ioredis';
import { GpuManagerError } from './errors.ts';
import { LEASE_RETENTION_MS } from './keys.ts';
import type { LeaseFields } from './lease.ts';
import { gpuCostWei, type Metering } from './metering.ts';
import { defineGpuScript } from './script.ts';

export type ReleaseLeaseReturnType = Metering;

const releaseScript = defineGpuScript(
  'cr8GpuRelease',
  `
local lease_id, retention_ms = ARGV[2], tonumber(ARGV[3])
local now = now_ms()
local key = lease_key(lease_id)
local state = redis.call('HGET', key, 'state')
if not state then return false end
if state == 'active' or state == 'preempted' then
  local expires_at = tonumber(redis.call('HGET', key, 'expiresAt'))
  end_lease(lease_id, 'released', math.min(now, expires_at), retention_ms)
end
local l = redis.call('HGETALL', key)
local lease = {}
for i = 1, #l, 2 do lease[l[i]] = l[i + 1] end
return cjson.encode(lease)
`,
);

export async function releaseLease(redis: Redis, prefix: string, leaseId: string): Promise<ReleaseLeaseReturnType> {
  const reply = (await releaseScript(redis, prefix, [leaseId, LEASE_RETENTION_MS])) as string | null;
  if (reply === null) throw new GpuManagerError('LEASE_NOT_FOUND', `GPU lease ${leaseId} is unknown (never granted, or ended more than ${LEASE_RETENTION_MS / 3_600_000} h ago)`);
  const fields = JSON.parse(reply) as Required<Pick<LeaseFields, 'endedAt'>> & LeaseFields;
  const gpuCount = fields.gpus === '' ? 0 : fields.gpus.split(',').length;
  const startedAt = Number(fields.startedAt);
  const endedAt = Number(fields.endedAt);
  const gpuMilliseconds = Math.max(0, endedAt - startedAt) * gpuCount;
  const pricePerGpuSecondWei = BigInt(fields.price);
  return {
    leaseId,
    executionId: fields.executionId,
    node: fields.node,
    gpuModel: fields.gpuModel,
    gpuCount,
    startedAt,
    endedAt,
    gpuMilliseconds,
    pricePerGpuSecondWei,
    costWei: gpuCostWei(gpuMilliseconds, pricePerGpuSecondWei),
    endedBy: fields.state === 'reclaimed' ? 'reclaimed' : 'released',
  };
}
