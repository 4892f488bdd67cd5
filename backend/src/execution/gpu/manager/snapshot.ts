// A consistent read of the shared state for metrics and dashboards: GPUs by model (leased, reserved for a
// preempting execution, free) and live leases by state. Read-only: expired leases are counted as
// 'expired' rather than reclaimed here.
import type { Redis } from 'ioredis';
import { defineGpuScript } from './script.ts';

export type GpuSnapshot = {
  /** Per GPU model across nodes. total = leased + reserved + free. */
  models: Record<string, { total: number; leased: number; reserved: number; free: number }>;
  leases: { active: number; preempted: number; expired: number };
  /** Executions holding a preemption reservation. */
  reservations: number;
  /** Reclaimed executions not yet drained by reclaimExpiredLeases. */
  reclaimedPending: number;
};

const snapshotScript = defineGpuScript(
  'cr8GpuSnapshot',
  `
local now = now_ms()
local busy, reserved = {}, {}
local b = redis.call('HGETALL', K_BUSY)
for i = 1, #b, 2 do busy[b[i]] = true end
local r = redis.call('HGETALL', K_RESERVED)
for i = 1, #r, 2 do reserved[r[i]] = true end
local models, names = {}, {}
local raw = redis.call('HGETALL', K_NODES)
for i = 1, #raw, 2 do
  for _, g in ipairs(cjson.decode(raw[i + 1]).gpus) do
    local m = models[g.model]
    if not m then
      m = { total = 0, leased = 0, reserved = 0, free = 0 }
      models[g.model] = m
      names[#names + 1] = g.model
    end
    local field = raw[i] .. '#' .. g.index
    m.total = m.total + 1
    if busy[field] then m.leased = m.leased + 1
    elseif reserved[field] then m.reserved = m.reserved + 1
    else m.free = m.free + 1 end
  end
end
local by_model = {}
for _, name in ipairs(names) do
  local m = models[name]
  by_model[#by_model + 1] = { name, m.total, m.leased, m.reserved, m.free }
end
local leases = { active = 0, preempted = 0, expired = 0 }
local live = redis.call('ZRANGE', K_EXPIRIES, 0, -1, 'WITHSCORES')
for i = 1, #live, 2 do
  if tonumber(live[i + 1]) <= now then leases.expired = leases.expired + 1
  elseif redis.call('HGET', lease_key(live[i]), 'state') == 'preempted' then leases.preempted = leases.preempted + 1
  else leases.active = leases.active + 1 end
end
return cjson.encode({ models = by_model, leases = leases, reservations = redis.call('ZCARD', K_RESERVATIONS), reclaimedPending = redis.call('LLEN', K_RECLAIMED) })
`,
);

type SnapshotReply = { models: [string, number, number, number, number][] | Record<string, never>; leases: GpuSnapshot['leases']; reservations: number; reclaimedPending: number };

export async function snapshotGpus(redis: Redis, prefix: string): Promise<GpuSnapshot> {
  const reply = JSON.parse((await snapshotScript(redis, prefix, [])) as string) as SnapshotReply;
  const models: GpuSnapshot['models'] = {};
  for (const [name, total, leased, reserved, free] of Array.isArray(reply.models) ? reply.models : []) models[name] = { total, leased, reserved, free };
  return { models, leases: reply.leases, reservations: reply.reservations, reclaimedPending: reply.reclaimedPending };
}
