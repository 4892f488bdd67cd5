// Allocation against the real Redis: best fit across nodes, model and memory filters, requirements no
// node could hold, idempotent retries, and 200 concurrent allocate/release cycles over two connections
// that must never hand a GPU out twice.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { allocateGpus, type AllocateGpusParameters, type AllocateGpusReturnType, type GpuLease } from './allocate.ts';
import { GpuManagerError, UnsatisfiableRequirement } from './errors.ts';
import { type GpuInventory, registerInventory } from './inventory.ts';
import { gpuKeys } from './keys.ts';
import { releaseLease } from './release.ts';
import { connectTestRedis, deletePrefix, gpuNode, uniquePrefix } from './test-redis.ts';

let redis: Redis;
let second: Redis;
const prefixes: string[] = [];

before(() => {
  redis = connectTestRedis();
  second = connectTestRedis();
});
after(async () => {
  for (const prefix of prefixes) await deletePrefix(redis, prefix);
  redis.disconnect();
  second.disconnect();
});

async function inventory(nodes: GpuInventory['nodes']): Promise<string> {
  const prefix = uniquePrefix();
  prefixes.push(prefix);
  await registerInventory(redis, prefix, { nodes });
  return prefix;
}

let sequence = 0;
function request(overrides: Partial<AllocateGpusParameters> & Pick<AllocateGpusParameters, 'requirement'>): AllocateGpusParameters {
  sequence += 1;
  return { executionId: `execution-${sequence}`, workerId: 'worker-1', priority: 0, leaseMs: 10_000, ...overrides };
}

function granted(result: AllocateGpusReturnType): GpuLease {
  if (!('lease' in result)) assert.fail(`expected a lease, got ${JSON.stringify(result)}`);
  return result.lease;
}

test('best fit: a request goes to the node it leaves with the fewest free GPUs, ties by node name', async () => {
  const prefix = await inventory([gpuNode('eight', 8), gpuNode('four', 4), gpuNode('two', 2)]);
  const two = granted(await allocateGpus(redis, prefix, request({ requirement: { model: 'H100', count: 2 } })));
  assert.equal(two.node, 'two');
  assert.deepEqual(two.gpuIndices, [0, 1]);
  const four = granted(await allocateGpus(redis, prefix, request({ requirement: { model: 'H100', count: 4 } })));
  assert.equal(four.node, 'four');
  const three = granted(await allocateGpus(redis, prefix, request({ requirement: { count: 3 } })));
  assert.equal(three.node, 'eight');
  assert.deepEqual(three.gpuIndices, [0, 1, 2]);
  assert.equal(three.gpuModel, 'H100');
  assert.equal(three.pricePerGpuSecondWei, 1_000n);

  const tie = await inventory([gpuNode('b', 2), gpuNode('a', 2)]);
  assert.equal(granted(await allocateGpus(redis, tie, request({ requirement: { count: 1 } }))).node, 'a');
  // 'a' now has one free: a second single GPU fills it rather than breaking into 'b'.
  assert.equal(granted(await allocateGpus(redis, tie, request({ requirement: { count: 1 } }))).node, 'a');
  assert.equal(granted(await allocateGpus(redis, tie, request({ requirement: { count: 2 } }))).node, 'b');
});

test('the model and the memory filter GPUs; a lease is of one model', async () => {
  const prefix = await inventory([
    { node: 'mixed', gpus: [{ index: 0, model: 'A100', vramGb: 40 }, { index: 1, model: 'A100', vramGb: 80 }, { index: 2, model: 'L4', vramGb: 24 }, { index: 3, model: 'L4', vramGb: 24 }], pricePerGpuSecondWei: 7n },
    gpuNode('big', 2, 'H100', 80, 20n),
  ]);
  const l4 = granted(await allocateGpus(redis, prefix, request({ requirement: { model: 'L4', count: 2 } })));
  assert.deepEqual([l4.node, l4.gpuModel, l4.gpuIndices, l4.pricePerGpuSecondWei], ['mixed', 'L4', [2, 3], 7n]);
  const a100 = granted(await allocateGpus(redis, prefix, request({ requirement: { model: 'A100', count: 1, vramGb: 60 } })));
  assert.deepEqual([a100.node, a100.gpuIndices], ['mixed', [1]], 'the 40 GB A100 is too small');
  // Any model with 30 GB: the 40 GB A100 is the tightest fit, before an H100.
  const any = granted(await allocateGpus(redis, prefix, request({ requirement: { count: 1, vramGb: 30 } })));
  assert.deepEqual([any.node, any.gpuModel, any.gpuIndices], ['mixed', 'A100', [0]]);
  const h100 = granted(await allocateGpus(redis, prefix, request({ requirement: { count: 2, vramGb: 30 } })));
  assert.deepEqual([h100.node, h100.gpuModel], ['big', 'H100']);
  // Everything of that kind is taken now: wait, not an error.
  const waiting = await allocateGpus(redis, prefix, request({ requirement: { model: 'L4', count: 1 }, maxWaitMs: 200 }));
  assert.ok('waitMs' in waiting && waiting.waitMs <= 200 && waiting.waitMs > 0);
  assert.deepEqual('waitMs' in waiting && waiting.preempting, []);
});

test('a requirement no node could ever hold is UnsatisfiableRequirement, not a wait', async () => {
  const prefix = await inventory([gpuNode('n1', 4, 'H100', 80), gpuNode('n2', 2, 'L4', 24)]);
  // Fill everything first: unsatisfiable is about the inventory, not about what is free.
  granted(await allocateGpus(redis, prefix, request({ requirement: { model: 'H100', count: 4 } })));
  const cases: [AllocateGpusParameters['requirement'], RegExp][] = [
    [{ model: 'B200', count: 1 }, /no node has "B200" GPUs \(the inventory has: H100, L4\)/],
    [{ model: 'H100', count: 5 }, /no node has 5 "H100" GPUs \(the most on one node is 4\)/],
    [{ count: 5 }, /the most on one node is 4/],
    [{ model: 'L4', count: 1, vramGb: 48 }, /no "L4" GPU has 48 GB of memory \(the largest has 24 GB\)/],
    [{ count: 5, vramGb: 48 }, /no node has 5 GPUs with 48 GB \(the most on one node is 4\)/],
    [{ count: 1, vramGb: 96 }, /no GPU has 96 GB of memory \(the largest has 80 GB\)/],
  ];
  for (const [requirement, message] of cases) {
    await assert.rejects(allocateGpus(redis, prefix, request({ requirement })), (error: unknown) => {
      assert.ok(error instanceof UnsatisfiableRequirement);
      assert.equal(error.code, 'UNSATISFIABLE_REQUIREMENT');
      assert.deepEqual(error.requirement, requirement);
      assert.match(error.message, message);
      return true;
    });
  }
  const empty = uniquePrefix();
  await assert.rejects(allocateGpus(redis, empty, request({ requirement: { count: 1 } })), (error: unknown) => error instanceof GpuManagerError && error.code === 'NO_INVENTORY' && !(error instanceof UnsatisfiableRequirement));
  await assert.rejects(allocateGpus(redis, prefix, request({ requirement: { count: 0 } })), (error: unknown) => error instanceof GpuManagerError && error.code === 'INVALID_REQUEST');
});

test('allocating twice for one execution returns the same lease, held by the latest caller', async () => {
  const prefix = await inventory([gpuNode('n1', 2)]);
  const first = granted(await allocateGpus(redis, prefix, request({ executionId: 'same', requirement: { count: 1 } })));
  const again = granted(await allocateGpus(redis, prefix, request({ executionId: 'same', workerId: 'worker-2', requirement: { count: 1 } })));
  assert.equal(again.leaseId, first.leaseId);
  assert.deepEqual(again.gpuIndices, first.gpuIndices);
  assert.equal(again.workerId, 'worker-2');
  assert.ok(again.expiresAt >= first.expiresAt);
  assert.equal(await redis.hlen(gpuKeys(prefix).busy), 1, 'one GPU held, not two');
  // Once released, the execution (run again by the queue) gets a new lease.
  await releaseLease(redis, prefix, first.leaseId);
  const rerun = granted(await allocateGpus(redis, prefix, request({ executionId: 'same', requirement: { count: 1 } })));
  assert.notEqual(rerun.leaseId, first.leaseId);
});

test('200 concurrent allocate/release cycles over two connections never double-book a GPU', async () => {
  const prefix = await inventory([gpuNode('n1', 8), gpuNode('n2', 4), gpuNode('n3', 4, 'L4', 24), gpuNode('n4', 2)]);
  const holders = new Map<string, string>();
  let grants = 0;
  let peak = 0;
  const cycle = async (i: number): Promise<void> => {
    const client = i % 2 === 0 ? redis : second;
    const requirement = { count: 1 + (i % 4), ...(i % 5 === 0 ? { model: 'L4' } : {}) };
    for (;;) {
      const result = await allocateGpus(client, prefix, { executionId: `cycle-${i}`, workerId: `worker-${i % 2}`, requirement, priority: 0, leaseMs: 10_000, maxWaitMs: 5 });
      if ('waitMs' in result) {
        await sleep(result.waitMs);
        continue;
      }
      const gpus = result.lease.gpuIndices.map((index) => `${result.lease.node}#${index}`);
      for (const gpu of gpus) {
        assert.equal(holders.get(gpu), undefined, `${gpu} granted to cycle-${i} while held by ${holders.get(gpu)}`);
        holders.set(gpu, `cycle-${i}`);
      }
      grants += 1;
      peak = Math.max(peak, holders.size);
      await sleep(i % 3);
      // Forget the GPUs before releasing: once the release is in Redis another cycle may get them, maybe before this reply arrives.
      for (const gpu of gpus) holders.delete(gpu);
      const metering = await releaseLease(client === redis ? second : redis, prefix, result.lease.leaseId);
      assert.equal(metering.gpuCount, requirement.count);
      return;
    }
  };
  await Promise.all(Array.from({ length: 200 }, (_, i) => cycle(i)));
  assert.equal(grants, 200);
  assert.ok(peak > 4, `allocations overlapped (peak ${peak} GPUs held)`);
  const keys = gpuKeys(prefix);
  assert.equal(await redis.hlen(keys.busy), 0);
  assert.equal(await redis.zcard(keys.expiries), 0);
});
