// Lua shared by every GPU manager script: key names (KEYS in the order of scriptKeys, ARGV[1] the prefix),
// the Redis clock, and the cleanups (expired leases, lapsed reservations) that allocations and reclaims
// run first. Time always comes from Redis TIME, so workers on machines with skewed clocks agree on
// expiries and on metered durations.
export const LUA_PRELUDE = `
local prefix = ARGV[1]
local K_NODES, K_BUSY, K_RESERVED, K_EXPIRIES, K_RESERVATIONS, K_RECLAIMED = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
-- At most this many executionIds wait in the reclaimed list for reclaimExpiredLeases to drain them.
local RECLAIMED_KEPT = 10000

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- Integers as decimal strings: tostring would print large doubles in exponent form.
local function int(x) return string.format('%.0f', x) end

local function lease_key(id) return prefix .. ':lease:' .. id end
local function execution_key(id) return prefix .. ':execution:' .. id end
local function reservation_key(id) return prefix .. ':reservation:' .. id end

local function split(csv)
  local out = {}
  for part in string.gmatch(csv or '', '[^,]+') do out[#out + 1] = part end
  return out
end

-- Removes a preempting execution's reservation, un-reserving only the GPUs still reserved for it.
local function drop_reservation(execution_id)
  local key = reservation_key(execution_id)
  local r = redis.call('HMGET', key, 'node', 'gpus')
  if r[1] then
    for _, index in ipairs(split(r[2])) do
      local field = r[1] .. '#' .. index
      if redis.call('HGET', K_RESERVED, field) == execution_id then redis.call('HDEL', K_RESERVED, field) end
    end
  end
  redis.call('DEL', key)
  redis.call('ZREM', K_RESERVATIONS, execution_id)
end

-- Ends a live lease: frees its GPUs, forgets it as the execution's lease, keeps the record for the retention.
local function end_lease(id, state, ended_at, retention_ms)
  local key = lease_key(id)
  local l = redis.call('HMGET', key, 'executionId', 'node', 'gpus')
  redis.call('ZREM', K_EXPIRIES, id)
  if not l[1] then return nil end
  for _, index in ipairs(split(l[3])) do
    local field = l[2] .. '#' .. index
    if redis.call('HGET', K_BUSY, field) == id then redis.call('HDEL', K_BUSY, field) end
  end
  redis.call('HSET', key, 'state', state, 'endedAt', int(ended_at))
  if redis.call('GET', execution_key(l[1])) == id then redis.call('DEL', execution_key(l[1])) end
  redis.call('PEXPIRE', key, retention_ms)
  return l[1]
end

-- A lease that missed its heartbeat ends at its expiry (what it was granted), not when someone noticed.
-- Its executionId is queued for reclaimExpiredLeases, whoever reclaimed it.
local function reclaim_lease(id, now, retention_ms)
  local expires_at = tonumber(redis.call('HGET', lease_key(id), 'expiresAt')) or now
  local execution_id = end_lease(id, 'reclaimed', math.min(expires_at, now), retention_ms)
  if execution_id then
    redis.call('RPUSH', K_RECLAIMED, execution_id)
    redis.call('LTRIM', K_RECLAIMED, -RECLAIMED_KEPT, -1)
  end
end

-- Bounded per call so one script never stalls Redis; leftovers go on the next call.
local function reclaim_expired(now, retention_ms)
  local ids = redis.call('ZRANGEBYSCORE', K_EXPIRIES, '-inf', now, 'LIMIT', 0, 1000)
  for _, id in ipairs(ids) do reclaim_lease(id, now, retention_ms) end
  local reservations = redis.call('ZRANGEBYSCORE', K_RESERVATIONS, '-inf', now, 'LIMIT', 0, 1000)
  for _, execution_id in ipairs(reservations) do drop_reservation(execution_id) end
  return #ids
end
`;
