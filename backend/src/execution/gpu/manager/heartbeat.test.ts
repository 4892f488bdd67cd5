// Heartbeats against the real Redis: extension on the Redis clock, and 'lost' for an expired lease, a
// reclaimed one, one taken over by another worker, and an unknown one.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { allocateGpus, type AllocateGpusReturnType, type GpuLease } from './allocate.ts';
import { heartbeatLease } from './heartbeat.ts';
import { registerInventory } from './inventory.ts';
import { gpuKeys } from './keys.ts';
import { reclaimExpiredLeases } from './reclaim.ts';
import { connectTestRedis, deletePrefix, gpuNode, redisNow, uniquePrefix } from './test-redis.ts';

let redis: Redis;
const prefixes: string[] = [];
before(() => {
  redis = connectTestRedis();
});
after(async () => {
  for (const prefix of prefixes) await deletePrefix(redis, prefix);
  redis.disconnect();
});

async function setup(): Promise<string> {
  const prefix = uniquePrefix();
  prefixes.push(prefix);
  await registerInventory(redis, prefix, { nodes: [gpuNode('n1', 2)] });
  return prefix;
}

function granted(result: AllocateGpusReturnType): GpuLease {
  if (!('lease' in result)) assert.fail('expected a lease');
  return result.lease;
}

test('a heartbeat extends the lease leaseMs from now on the Redis clock', async () => {
  const prefix = await setup();
  const lease = granted(await allocateGpus(redis, prefix, { executionId: 'e1', workerId: 'w1', requirement: { count: 1 }, priority: 0, leaseMs: 150 }));
  await sleep(100);
  const before = await redisNow(redis);
  assert.equal(await heartbeatLease(redis, prefix, lease.leaseId, 'w1', 150), 'extended');
  const expiresAt = Number(await redis.hget(gpuKeys(prefix).lease(lease.leaseId), 'expiresAt'));
  assert.ok(expiresAt >= before + 150 && expiresAt > lease.expiresAt, `extended to ${expiresAt}`);
  assert.equal(Number(await redis.zscore(gpuKeys(prefix).expiries, lease.leaseId)), expiresAt);
  // Past the original expiry, kept alive by the heartbeat: nothing is reclaimed.
  await sleep(80);
  assert.deepEqual(await reclaimExpiredLeases(redis, prefix), []);
  assert.equal(await heartbeatLease(redis, prefix, lease.leaseId, 'w1', 150), 'extended');
});

test('another worker, an unknown lease, and an expired lease all get lost', async () => {
  const prefix = await setup();
  const lease = granted(await allocateGpus(redis, prefix, { executionId: 'e1', workerId: 'w1', requirement: { count: 1 }, priority: 0, leaseMs: 60 }));
  assert.equal(await heartbeatLease(redis, prefix, lease.leaseId, 'w2', 60), 'lost');
  assert.equal(await heartbeatLease(redis, prefix, 'no-such-lease', 'w1', 60), 'lost');
  // The queue ran the execution on another worker, which allocated it again: the first holder is out.
  granted(await allocateGpus(redis, prefix, { executionId: 'e1', workerId: 'w2', requirement: { count: 1 }, priority: 0, leaseMs: 60 }));
  assert.equal(await heartbeatLease(redis, prefix, lease.leaseId, 'w1', 60), 'lost');
  await sleep(90);
  // Expired but not reclaimed yet: the heartbeat reclaims it rather than reviving it.
  assert.equal(await heartbeatLease(redis, prefix, lease.leaseId, 'w2', 60), 'lost');
  assert.equal(await redis.hget(gpuKeys(prefix).lease(lease.leaseId), 'state'), 'reclaimed');
  assert.equal(await redis.hlen(gpuKeys(prefix).busy), 0);
  assert.deepEqual(await reclaimExpiredLeases(redis, prefix), ['e1'], 'the sweeper still hears of it');
});
