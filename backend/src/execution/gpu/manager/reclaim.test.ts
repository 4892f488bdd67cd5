// Reclaiming against the real Redis: a lease whose holder stopped heartbeating frees its GPUs, its
// execution is reported once (whether the sweeper or an allocation reclaimed it), and its holder's next
// heartbeat says 'lost'.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { allocateGpus, type AllocateGpusReturnType, type GpuLease } from './allocate.ts';
import { heartbeatLease } from './heartbeat.ts';
import { registerInventory } from './inventory.ts';
import { gpuKeys } from './keys.ts';
import { reclaimExpiredLeases } from './reclaim.ts';
import { releaseLease } from './release.ts';
import { connectTestRedis, deletePrefix, gpuNode, uniquePrefix } from './test-redis.ts';

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
  await registerInventory(redis, prefix, { nodes: [gpuNode('n1', 4)] });
  return prefix;
}

function granted(result: AllocateGpusReturnType): GpuLease {
  if (!('lease' in result)) assert.fail('expected a lease');
  return result.lease;
}

test('an expired lease is reclaimed: GPUs freed, executionId returned once, heartbeat lost, metered to its expiry', async () => {
  const prefix = await setup();
  const dead = granted(await allocateGpus(redis, prefix, { executionId: 'dead', workerId: 'w1', requirement: { count: 3 }, priority: 0, leaseMs: 40 }));
  const alive = granted(await allocateGpus(redis, prefix, { executionId: 'alive', workerId: 'w2', requirement: { count: 1 }, priority: 0, leaseMs: 5_000 }));
  assert.deepEqual(await reclaimExpiredLeases(redis, prefix), []);
  await sleep(70);
  assert.deepEqual(await reclaimExpiredLeases(redis, prefix), ['dead']);
  assert.deepEqual(await reclaimExpiredLeases(redis, prefix), [], 'reported once');
  const keys = gpuKeys(prefix);
  assert.deepEqual(await redis.hkeys(keys.busy), [`n1#${alive.gpuIndices[0]}`]);
  assert.equal(await heartbeatLease(redis, prefix, dead.leaseId, 'w1', 40), 'lost');
  // The holder's late release is harmless and reports the lease as reclaimed, metered up to its expiry.
  const metering = await releaseLease(redis, prefix, dead.leaseId);
  assert.equal(metering.endedBy, 'reclaimed');
  assert.equal(metering.endedAt, dead.expiresAt);
  assert.equal(metering.gpuMilliseconds, (dead.expiresAt - dead.startedAt) * 3);
  // The freed GPUs are allocatable again.
  assert.deepEqual(granted(await allocateGpus(redis, prefix, { executionId: 'next', workerId: 'w2', requirement: { count: 3 }, priority: 0, leaseMs: 5_000 })).gpuIndices.length, 3);
});

test('an allocation reclaims on its way, and the sweeper still hears of the execution', async () => {
  const prefix = await setup();
  granted(await allocateGpus(redis, prefix, { executionId: 'dead', workerId: 'w1', requirement: { count: 4 }, priority: 0, leaseMs: 40 }));
  const waiting = await allocateGpus(redis, prefix, { executionId: 'next', workerId: 'w2', requirement: { count: 4 }, priority: 0, leaseMs: 5_000, maxWaitMs: 500 });
  assert.ok('waitMs' in waiting && waiting.waitMs <= 40, 'told to come back when the lease expires');
  await sleep(60);
  const next = granted(await allocateGpus(redis, prefix, { executionId: 'next', workerId: 'w2', requirement: { count: 4 }, priority: 0, leaseMs: 5_000 }));
  assert.equal(next.gpuIndices.length, 4);
  assert.deepEqual(await reclaimExpiredLeases(redis, prefix), ['dead']);
});
