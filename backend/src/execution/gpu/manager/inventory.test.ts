// The inventory schema, and registering against the real Redis: idempotent, replacing the node list
// while leases in flight keep their GPUs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Redis } from 'ioredis';
import { allocateGpus } from './allocate.ts';
import { GpuManagerError } from './errors.ts';
import { heartbeatLease } from './heartbeat.ts';
import { gpuInventorySchema, parseGpuInventory, registerInventory } from './inventory.ts';
import { gpuKeys } from './keys.ts';
import { releaseLease } from './release.ts';
import { snapshotGpus } from './snapshot.ts';
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

test('the schema parses prices to bigint and rejects duplicate nodes and indices, bad memory and bad prices', () => {
  const parsed = parseGpuInventory({ nodes: [{ node: 'gpu-1.dc', gpus: [{ index: 0, model: 'H100', vramGb: 80 }], pricePerGpuSecondWei: '123456789012345678901234567890' }] });
  assert.equal(parsed.nodes[0]?.pricePerGpuSecondWei, 123456789012345678901234567890n);
  const issues = (input: unknown): string[] => {
    const result = gpuInventorySchema.safeParse(input);
    assert.equal(result.success, false);
    return result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];
  };
  const gpu = { index: 0, model: 'H100', vramGb: 80 };
  assert.match(issues({ nodes: [{ node: 'a', gpus: [gpu], pricePerGpuSecondWei: '1' }, { node: 'a', gpus: [gpu], pricePerGpuSecondWei: '1' }] }).join(), /nodes\.1\.node: duplicate node "a"/);
  assert.match(issues({ nodes: [{ node: 'a', gpus: [gpu, { ...gpu, model: 'L4' }], pricePerGpuSecondWei: '1' }] }).join(), /nodes\.0\.gpus\.1\.index: duplicate GPU index 0/);
  assert.match(issues({ nodes: [{ node: 'a', gpus: [{ ...gpu, vramGb: 0 }], pricePerGpuSecondWei: '1' }] }).join(), /vramGb/);
  assert.match(issues({ nodes: [{ node: 'a', gpus: [gpu], pricePerGpuSecondWei: '-1' }] }).join(), /decimal integer string of wei/);
  assert.match(issues({ nodes: [{ node: 'a', gpus: [gpu], pricePerGpuSecondWei: 1 }] }).join(), /pricePerGpuSecondWei/);
  assert.match(issues({ nodes: [{ node: 'a#b', gpus: [gpu], pricePerGpuSecondWei: '1' }] }).join(), /hostname-like/);
  assert.match(issues({ nodes: [{ node: 'a', gpus: [], pricePerGpuSecondWei: '1' }] }).join(), /gpus/);
});

test('registering again is idempotent, replaces the nodes, and keeps the leases in flight', async () => {
  const prefix = uniquePrefix();
  prefixes.push(prefix);
  const inventory = { nodes: [gpuNode('n1', 2), gpuNode('n2', 2)] };
  assert.deepEqual(await registerInventory(redis, prefix, inventory), { nodes: 2, gpus: 4 });
  assert.deepEqual(await registerInventory(redis, prefix, inventory), { nodes: 2, gpus: 4 });
  const result = await allocateGpus(redis, prefix, { executionId: 'e1', workerId: 'w1', requirement: { count: 2 }, priority: 0, leaseMs: 5_000 });
  if (!('lease' in result)) assert.fail('expected a lease');
  assert.equal(result.lease.node, 'n1');

  // n1 gets a new price and a third GPU, n2 leaves, n3 arrives.
  await registerInventory(redis, prefix, { nodes: [gpuNode('n1', 3, 'H100', 80, 5n), gpuNode('n3', 1)] });
  assert.deepEqual(Object.keys(await redis.hgetall(gpuKeys(prefix).nodes)).sort(), ['n1', 'n3']);
  assert.equal(await heartbeatLease(redis, prefix, result.lease.leaseId, 'w1', 5_000), 'extended');
  assert.deepEqual((await snapshotGpus(redis, prefix)).models.H100, { total: 4, leased: 2, reserved: 0, free: 2 });
  // The leased GPUs are still taken: n1 has only #2 free and n3 one GPU, so two GPUs must wait.
  const two = await allocateGpus(redis, prefix, { executionId: 'e2', workerId: 'w1', requirement: { count: 2 }, priority: 0, leaseMs: 5_000 });
  assert.ok('waitMs' in two);
  const one = await allocateGpus(redis, prefix, { executionId: 'e3', workerId: 'w1', requirement: { count: 1 }, priority: 0, leaseMs: 5_000 });
  if (!('lease' in one)) assert.fail('expected a lease');
  assert.deepEqual([one.lease.node, one.lease.gpuIndices, one.lease.pricePerGpuSecondWei], ['n1', [2], 5n], 'the GPU n1 gained, at its new price');
  // A lease keeps the price it was granted at.
  assert.equal((await releaseLease(redis, prefix, result.lease.leaseId)).pricePerGpuSecondWei, 1_000n);

  await assert.rejects(registerInventory(redis, prefix, { nodes: [gpuNode('n1', 1), gpuNode('n1', 1)] }), (error: unknown) => error instanceof GpuManagerError && error.code === 'INVALID_REQUEST');
  assert.deepEqual(Object.keys(await redis.hgetall(gpuKeys(prefix).nodes)).sort(), ['n1', 'n3'], 'a rejected inventory changes nothing');
});
