// Grants an execution GPUs on one node, or says how long to wait. One Lua script does all of it, so
// workers on several machines sharing the inventory can never hand out a GPU twice:
//   1. reclaim leases whose heartbeat expired (a worker died) and drop expired reservations;
//   2. the execution's live lease, if any, is returned again (a worker retrying after a crash or a lost
//      reply must not take a second set of GPUs); the caller becomes its holder;
//   3. best fit: among (node, model) groups with at least `count` free GPUs matching the model and memory,
//      take the one that leaves the fewest matching GPUs free, so whole nodes stay free for big jobs
//      (ties: node name, then model). GPUs reserved by a preempting execution count as free only to it
//      and to executions of higher priority;
//   4. otherwise, a request with a higher priority than some running leases preempts, on the one node
//      where the fewest such leases must go, the lowest-priority ones, and reserves their GPUs for itself
//      until they are surely free (their current expiry: a preempted lease is never extended) plus
//      `reservationMs`, so no lower-priority request grabs them first. The holders learn it on their
//      next heartbeat, stop and release; a later attempt of this request then fits.
// A requirement no node could ever hold, even empty, is refused with UnsatisfiableRequirement rather
// than waited for.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { GpuRequirement } from '../driver.ts';
import { GpuManagerError, UnsatisfiableRequirement } from './errors.ts';
import { LEASE_RETENTION_MS } from './keys.ts';
import { type LeaseFields, type ParsedLease, parseLease } from './lease.ts';
import { defineGpuScript } from './script.ts';

export type AllocateGpusParameters = {
  executionId: string;
  /** The process holding the lease; only it may heartbeat the lease. */
  workerId: string;
  requirement: GpuRequirement;
  /** Higher preempts lower. Any finite number; equal priorities never preempt each other. */
  priority: number;
  /** How long the lease lives without a heartbeat. */
  leaseMs: number;
  /** How long preempted GPUs stay reserved past the moment they are surely free. Default `leaseMs`. */
  reservationMs?: number;
  /** Upper bound of the `waitMs` returned. Default 1000 ms (leases are often released before they expire). */
  maxWaitMs?: number;
};

/** A live lease as allocation returns it (lease.ts's record, never yet released or reclaimed).
 *  Times are Redis's clock, ms since the epoch; `gpuIndices` ascend. `state` is 'preempted' only when an
 *  allocation retried for an execution whose lease was preempted meanwhile. */
export type GpuLease = Omit<ParsedLease, 'state'> & { state: 'active' | 'preempted' };

export type AllocateGpusReturnType =
  | { lease: GpuLease }
  /** Nothing fits now: try again after `waitMs`. `preempting` lists the executions this request preempted (now or on an earlier attempt). */
  | { waitMs: number; preempting: string[] };

export type AllocateGpusErrorType = UnsatisfiableRequirement | GpuManagerError;

const DEFAULT_MAX_WAIT_MS = 1_000;
/** Never ask a caller to spin faster than this. */
const MIN_WAIT_MS = 5;

const allocateScript = defineGpuScript(
  'cr8GpuAllocate',
  `
local execution_id = ARGV[2]
local worker_id = ARGV[3]
local new_lease_id = ARGV[4]
local model = ARGV[5]
local count = tonumber(ARGV[6])
local vram = tonumber(ARGV[7])
local priority = tonumber(ARGV[8])
local lease_ms = tonumber(ARGV[9])
local reservation_ms = tonumber(ARGV[10])
local max_wait_ms = tonumber(ARGV[11])
local retention_ms = tonumber(ARGV[12])
local min_wait_ms = tonumber(ARGV[13])

local now = now_ms()
reclaim_expired(now, retention_ms)

local function granted(id)
  local l = redis.call('HGETALL', lease_key(id))
  local lease = {}
  for i = 1, #l, 2 do lease[l[i]] = l[i + 1] end
  lease.leaseId = id
  return cjson.encode({ granted = lease })
end

-- 2. Idempotent: the execution's live lease, now held by this caller. A preempted lease is not extended.
local existing = redis.call('GET', execution_key(execution_id))
if existing then
  local key = lease_key(existing)
  local l = redis.call('HMGET', key, 'state', 'expiresAt')
  if l[1] == 'active' then
    local expires_at = math.max(tonumber(l[2]), now + lease_ms)
    redis.call('HSET', key, 'workerId', worker_id, 'expiresAt', int(expires_at))
    redis.call('ZADD', K_EXPIRIES, int(expires_at), existing)
    return granted(existing)
  elseif l[1] == 'preempted' then
    redis.call('HSET', key, 'workerId', worker_id)
    return granted(existing)
  end
end

-- The inventory as (node, model) groups of GPUs matching the requirement, nodes by name, GPUs smallest
-- memory first (a big-memory GPU stays free for a request that needs it), then by index.
local raw = redis.call('HGETALL', K_NODES)
if #raw == 0 then return cjson.encode({ noInventory = true }) end
local nodes = {}
for i = 1, #raw, 2 do
  local n = cjson.decode(raw[i + 1])
  nodes[#nodes + 1] = { name = raw[i], gpus = n.gpus, price = n.price }
end
table.sort(nodes, function(a, b) return a.name < b.name end)

local groups = {}
local model_known, vram_max, largest, models_seen = false, 0, 0, {}
for _, n in ipairs(nodes) do
  local by_model, order = {}, {}
  for _, g in ipairs(n.gpus) do
    models_seen[g.model] = true
    if model == '' or g.model == model then
      model_known = true
      if g.vramGb > vram_max then vram_max = g.vramGb end
      if g.vramGb >= vram then
        if not by_model[g.model] then
          by_model[g.model] = {}
          order[#order + 1] = g.model
        end
        table.insert(by_model[g.model], g)
      end
    end
  end
  table.sort(order)
  for _, m in ipairs(order) do
    local gpus = by_model[m]
    table.sort(gpus, function(a, b)
      if a.vramGb ~= b.vramGb then return a.vramGb < b.vramGb end
      return a.index < b.index
    end)
    if #gpus > largest then largest = #gpus end
    groups[#groups + 1] = { node = n.name, model = m, price = n.price, gpus = gpus }
  end
end

if largest < count then
  local models = {}
  for m in pairs(models_seen) do models[#models + 1] = m end
  table.sort(models)
  return cjson.encode({ unsatisfiable = { modelKnown = model_known, vramMax = vram_max, largest = largest, models = models } })
end

local busy = {}
local b = redis.call('HGETALL', K_BUSY)
for i = 1, #b, 2 do busy[b[i]] = b[i + 1] end
local reserved, reserver_priority = {}, {}
local r = redis.call('HGETALL', K_RESERVED)
for i = 1, #r, 2 do
  local holder = r[i + 1]
  reserved[r[i]] = holder
  if reserver_priority[holder] == nil then
    reserver_priority[holder] = tonumber(redis.call('HGET', reservation_key(holder), 'priority')) or -math.huge
  end
end
local function usable(field)
  local holder = reserved[field]
  return holder == nil or holder == execution_id or reserver_priority[holder] < priority
end
local mine = redis.call('HMGET', reservation_key(execution_id), 'node', 'preempting')

-- 3. Best fit. The node this execution preempted on wins when it fits: that is what the preemption was for.
local best, best_leftover = nil, nil
for _, g in ipairs(groups) do
  local free = {}
  for _, gpu in ipairs(g.gpus) do
    local field = g.node .. '#' .. gpu.index
    if not busy[field] and usable(field) then free[#free + 1] = gpu end
  end
  g.free = free
  if #free >= count then
    local leftover = #free - count
    if g.node == mine[1] then leftover = -1 end
    if best == nil or leftover < best_leftover then best, best_leftover = g, leftover end
  end
end

if best then
  local indices = {}
  for i = 1, count do indices[i] = best.free[i].index end
  table.sort(indices)
  local bumped = {}
  for _, index in ipairs(indices) do
    local field = best.node .. '#' .. index
    redis.call('HSET', K_BUSY, field, new_lease_id)
    local holder = reserved[field]
    if holder and holder ~= execution_id then bumped[holder] = true end
  end
  -- A lower-priority preemptor whose reserved GPUs this request took starts over; its victims stay preempted.
  for holder in pairs(bumped) do drop_reservation(holder) end
  drop_reservation(execution_id)
  local gpus = {}
  for i, index in ipairs(indices) do gpus[i] = int(index) end
  local expires_at = now + lease_ms
  redis.call('HSET', lease_key(new_lease_id),
    'executionId', execution_id, 'workerId', worker_id, 'node', best.node, 'gpuModel', best.model,
    'gpus', table.concat(gpus, ','), 'priority', ARGV[8], 'price', best.price,
    'startedAt', int(now), 'expiresAt', int(expires_at), 'state', 'active')
  redis.call('ZADD', K_EXPIRIES, int(expires_at), new_lease_id)
  redis.call('SET', execution_key(execution_id), new_lease_id)
  return granted(new_lease_id)
end

-- Nothing fits: wait until the next expiry (of a lease or a reservation), at most max_wait_ms.
local function wait_ms()
  local next_event = nil
  for _, key in ipairs({ K_EXPIRIES, K_RESERVATIONS }) do
    local first = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    if first[2] and (next_event == nil or tonumber(first[2]) < next_event) then next_event = tonumber(first[2]) end
  end
  if next_event == nil then return max_wait_ms end
  return math.max(min_wait_ms, math.min(max_wait_ms, next_event - now))
end

-- Already preempted on an earlier attempt: wait for those holders, never preempt more.
if mine[2] then
  return cjson.encode({ waitMs = wait_ms(), preempting = cjson.decode(mine[2]) })
end

-- 4. Preemption plan per group: the active leases of lower priority holding usable matching GPUs, lowest
-- priority first, then those freeing most GPUs, then the youngest (least work lost); as few as fit.
local leases = {}
local function lease_info(id)
  if leases[id] == nil then
    local l = redis.call('HMGET', lease_key(id), 'state', 'priority', 'startedAt', 'executionId', 'expiresAt')
    leases[id] = { id = id, state = l[1], priority = tonumber(l[2]) or math.huge, startedAt = tonumber(l[3]) or 0, executionId = l[4], expiresAt = tonumber(l[5]) or now }
  end
  return leases[id]
end

local plan = nil
for _, g in ipairs(groups) do
  local need = count - #g.free
  local held, candidates = {}, {}
  for _, gpu in ipairs(g.gpus) do
    local field = g.node .. '#' .. gpu.index
    local id = busy[field]
    if id and usable(field) then
      local l = lease_info(id)
      if l.state == 'active' and l.priority < priority then
        if held[id] == nil then
          held[id] = {}
          candidates[#candidates + 1] = l
        end
        table.insert(held[id], gpu.index)
      end
    end
  end
  table.sort(candidates, function(a, b)
    if a.priority ~= b.priority then return a.priority < b.priority end
    if #held[a.id] ~= #held[b.id] then return #held[a.id] > #held[b.id] end
    if a.startedAt ~= b.startedAt then return a.startedAt > b.startedAt end
    return a.id < b.id
  end)
  local taken, freed = {}, 0
  for _, l in ipairs(candidates) do
    if freed >= need then break end
    taken[#taken + 1] = l
    freed = freed + #held[l.id]
  end
  if freed >= need and (plan == nil or #taken < #plan.taken) then
    plan = { group = g, taken = taken, held = held }
  end
end

if plan == nil then return cjson.encode({ waitMs = wait_ms(), preempting = {} }) end

-- Reserve the group's free GPUs and enough of the victims' to reach count; the rest free up for anyone.
local reserve, preempting, free_at = {}, {}, now
for _, gpu in ipairs(plan.group.free) do reserve[#reserve + 1] = gpu.index end
for _, l in ipairs(plan.taken) do
  redis.call('HSET', lease_key(l.id), 'state', 'preempted', 'preemptedBy', execution_id, 'preemptedAt', int(now))
  preempting[#preempting + 1] = l.executionId
  if l.expiresAt > free_at then free_at = l.expiresAt end
  for _, index in ipairs(plan.held[l.id]) do
    if #reserve < count then reserve[#reserve + 1] = index end
  end
end
local bumped, fields = {}, {}
for i, index in ipairs(reserve) do
  local field = plan.group.node .. '#' .. index
  fields[i] = field
  local holder = reserved[field]
  if holder and holder ~= execution_id then bumped[holder] = true end
end
for holder in pairs(bumped) do drop_reservation(holder) end
local gpus = {}
for i, field in ipairs(fields) do
  redis.call('HSET', K_RESERVED, field, execution_id)
  gpus[i] = int(reserve[i])
end
local expires_at = free_at + reservation_ms
redis.call('HSET', reservation_key(execution_id), 'node', plan.group.node, 'gpus', table.concat(gpus, ','),
  'priority', ARGV[8], 'preempting', cjson.encode(preempting), 'expiresAt', int(expires_at))
redis.call('ZADD', K_RESERVATIONS, int(expires_at), execution_id)
return cjson.encode({ waitMs = wait_ms(), preempting = preempting })
`,
);

type AllocateReply =
  | { granted: LeaseFields & { leaseId: string } }
  | { noInventory: true }
  | { unsatisfiable: { modelKnown: boolean; vramMax: number; largest: number; models: string[] | Record<string, never> } }
  | { waitMs: number; preempting: string[] | Record<string, never> };

export async function allocateGpus(redis: Redis, prefix: string, request: AllocateGpusParameters): Promise<AllocateGpusReturnType> {
  const { executionId, workerId, requirement, priority, leaseMs } = request;
  const reservationMs = request.reservationMs ?? leaseMs;
  const maxWaitMs = request.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  validate(request, reservationMs, maxWaitMs);
  const reply = JSON.parse(
    (await allocateScript(redis, prefix, [
      executionId,
      workerId,
      randomUUID(),
      requirement.model ?? '',
      requirement.count,
      requirement.vramGb ?? 0,
      priority,
      leaseMs,
      reservationMs,
      maxWaitMs,
      LEASE_RETENTION_MS,
      Math.min(MIN_WAIT_MS, maxWaitMs),
    ])) as string,
  ) as AllocateReply;
  if ('granted' in reply) {
    const lease = parseLease(reply.granted.leaseId, reply.granted);
    if (lease.state !== 'active' && lease.state !== 'preempted') throw new Error(`allocate returned a lease in state ${lease.state}`);
    return { lease: { ...lease, state: lease.state } };
  }
  if ('noInventory' in reply) throw new GpuManagerError('NO_INVENTORY', `no GPU inventory is registered under "${prefix}"`);
  if ('unsatisfiable' in reply) throw new UnsatisfiableRequirement(requirement, unsatisfiableMessage(requirement, reply.unsatisfiable));
  return { waitMs: reply.waitMs, preempting: Array.isArray(reply.preempting) ? reply.preempting : [] };
}

function validate(request: AllocateGpusParameters, reservationMs: number, maxWaitMs: number): void {
  const problems: string[] = [];
  const { requirement } = request;
  if (!request.executionId) problems.push('executionId is empty');
  if (!request.workerId) problems.push('workerId is empty');
  if (!Number.isInteger(requirement.count) || requirement.count < 1) problems.push(`requirement.count must be a positive integer (a run without GPUs does not go through the GPU manager), got ${requirement.count}`);
  if (requirement.vramGb !== undefined && !(Number.isFinite(requirement.vramGb) && requirement.vramGb >= 0)) problems.push('requirement.vramGb must be a non-negative number');
  if (!Number.isFinite(request.priority)) problems.push('priority must be a finite number');
  for (const [name, value] of [['leaseMs', request.leaseMs], ['reservationMs', reservationMs], ['maxWaitMs', maxWaitMs]] as const) {
    if (!Number.isSafeInteger(value) || value < 1) problems.push(`${name} must be a positive integer`);
  }
  if (problems.length) throw new GpuManagerError('INVALID_REQUEST', `invalid GPU allocation request: ${problems.join('; ')}`);
}

function unsatisfiableMessage(requirement: GpuRequirement, facts: { modelKnown: boolean; vramMax: number; largest: number; models: string[] | Record<string, never> }): string {
  const models = Array.isArray(facts.models) ? facts.models : [];
  const what = requirement.model ? `"${requirement.model}" GPUs` : 'GPUs';
  if (requirement.model && !facts.modelKnown) return `no node has ${what} (the inventory has: ${models.join(', ') || 'none'})`;
  if (requirement.vramGb && facts.vramMax < requirement.vramGb) return `no ${what.replace(/s$/, '')} has ${requirement.vramGb} GB of memory (the largest has ${facts.vramMax} GB)`;
  return `no node has ${requirement.count} ${what}${requirement.vramGb ? ` with ${requirement.vramGb} GB` : ''} (the most on one node is ${facts.largest})`;
}
