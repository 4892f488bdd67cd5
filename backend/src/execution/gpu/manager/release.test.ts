// Releasing against the real Redis: the GPUs are freed, the metering uses the Redis clock and rounds the
// cost up, and a second release returns the same metering.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { allocateGpus } from './allocate.ts';
import { GpuManagerError } from './errors.ts';
import { heartbeatLease } from './heartbeat.ts';
import { registerInventory } from './inventory.ts';
import { gpuKeys } from './keys.ts';
import { gpuCostWei } from './metering.ts';
import { releaseLease } from './release.ts';
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

test('the cost is GPU-milliseconds times the price per GPU-second, rounded up to the wei', () => {
  assert.equal(gpuCostWei(0, 5n), 0n);
  assert.equal(gpuCostWei(1, 1n), 1n);
  assert.equal(gpuCostWei(1_000, 1n), 1n);
  assert.equal(gpuCostWei(1_001, 3n), 4n, '3.003 wei rounds up');
  assert.equal(gpuCostWei(2_000, 10n ** 18n), 2n * 10n ** 18n);
  assert.equal(gpuCostWei(86_400_000 * 64, 123_456_789_012_345_678_901n), (86_400_000n * 64n * 123_456_789_012_345_678_901n) / 1000n, 'no precision lost on large prices');
});

test('release frees the GPUs and meters on the Redis clock; releasing twice returns the same metering', async () => {
  const prefix = uniquePrefix();
  prefixes.push(prefix);
  // 1 wei per GPU-second: a ~2-GPU × 30 ms lease costs a fraction of a wei, rounded up to 1.
  await registerInventory(redis, prefix, { nodes: [gpuNode('n1', 2, 'H100', 80, 1n)] });
  const before = await redisNow(redis);
  const result = await allocateGpus(redis, prefix, { executionId: 'e1', workerId: 'w1', requirement: { count: 2 }, priority: 0, leaseMs: 5_000 });
  if (!('lease' in result)) assert.fail('expected a lease');
  const { lease } = result;
  assert.ok(lease.startedAt >= before && lease.startedAt <= (await redisNow(redis)), 'started on the Redis clock');
  await sleep(30);
  const releasedFrom = await redisNow(redis);
  const metering = await releaseLease(redis, prefix, lease.leaseId);
  const releasedBy = await redisNow(redis);
  assert.ok(metering.endedAt >= releasedFrom && metering.endedAt <= releasedBy, 'ended on the Redis clock');
  assert.equal(metering.startedAt, lease.startedAt);
  assert.equal(metering.gpuCount, 2);
  assert.equal(metering.gpuMilliseconds, (metering.endedAt - metering.startedAt) * 2);
  assert.ok(metering.gpuMilliseconds >= 60);
  assert.equal(metering.pricePerGpuSecondWei, 1n);
  assert.equal(metering.costWei, 1n, 'a fraction of a wei is charged as one');
  assert.equal(metering.endedBy, 'released');
  assert.deepEqual([metering.leaseId, metering.executionId, metering.node, metering.gpuModel], [lease.leaseId, 'e1', 'n1', 'H100']);
  const keys = gpuKeys(prefix);
  assert.equal(await redis.hlen(keys.busy), 0);
  assert.equal(await redis.zcard(keys.expiries), 0);
  assert.equal(await redis.exists(keys.execution('e1')), 0);
  assert.ok((await redis.pttl(keys.lease(lease.leaseId))) > 0, 'the ended lease is kept for a while, then expires');

  await sleep(10);
  assert.deepEqual(await releaseLease(redis, prefix, lease.leaseId), metering);
  assert.equal(await heartbeatLease(redis, prefix, lease.leaseId, 'w1', 5_000), 'lost');
  await assert.rejects(releaseLease(redis, prefix, 'no-such-lease'), (error: unknown) => error instanceof GpuManagerError && error.code === 'LEASE_NOT_FOUND');
});
