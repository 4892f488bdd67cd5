// Preemption against the real Redis: which leases a higher-priority request preempts (on the node where
// the fewest must go, lowest priority first, never equal or higher), how the holders learn it, and the
// reservation that keeps the freed GPUs from lower-priority requests until the preemptor takes them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { allocateGpus, type AllocateGpusParameters, type AllocateGpusReturnType, type GpuLease } from './allocate.ts';
import { cancelReservation } from './cancel-reservation.ts';
import { heartbeatLease } from './heartbeat.ts';
import { type GpuInventory, registerInventory } from './inventory.ts';
import { reclaimExpiredLeases } from './reclaim.ts';
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

async function inventory(nodes: GpuInventory['nodes']): Promise<string> {
  const prefix = uniquePrefix();
  prefixes.push(prefix);
  await registerInventory(redis, prefix, { nodes });
  return prefix;
}

function allocate(prefix: string, executionId: string, count: number, priority: number, overrides: Partial<AllocateGpusParameters> = {}): Promise<AllocateGpusReturnType> {
  return allocateGpus(redis, prefix, { executionId, workerId: `worker-of-${executionId}`, requirement: { count }, priority, leaseMs: 5_000, ...overrides });
}

async function lease(prefix: string, executionId: string, count: number, priority: number, overrides: Partial<AllocateGpusParameters> = {}): Promise<GpuLease> {
  const result = await allocate(prefix, executionId, count, priority, overrides);
  if (!('lease' in result)) assert.fail(`expected a lease for ${executionId}`);
  return result.lease;
}

function waiting(result: AllocateGpusReturnType): { waitMs: number; preempting: string[] } {
  if ('lease' in result) assert.fail(`expected a wait, got a lease on ${result.lease.node}`);
  return result;
}

function beat(prefix: string, l: GpuLease): Promise<string> {
  return heartbeatLease(redis, prefix, l.leaseId, l.workerId, 5_000);
}

test('preemption picks the node where the fewest leases go, and reserves the GPUs for the preemptor', async () => {
  const p = await inventory([gpuNode('a', 4), gpuNode('b', 4)]);
  const small = await Promise.all([0, 1, 2, 3].map((i) => lease(p, `small-${i}`, 1, 0)));
  const big = await lease(p, 'big', 4, 0);
  assert.deepEqual([small.map((l) => l.node), big.node], [['a', 'a', 'a', 'a'], 'b']);

  const first = waiting(await allocate(p, 'urgent', 4, 5));
  assert.deepEqual(first.preempting, ['big'], 'one lease on b rather than four on a');
  assert.equal(await beat(p, big), 'preempted');
  for (const l of small) assert.equal(await beat(p, l), 'extended');
  // Polling again preempts nothing more.
  assert.deepEqual(waiting(await allocate(p, 'urgent', 4, 5)).preempting, ['big']);

  await releaseLease(redis, p, big.leaseId);
  assert.deepEqual((await snapshotGpus(redis, p)).models.H100, { total: 8, leased: 4, reserved: 4, free: 0 });
  // Free, but reserved: a lower priority does not get them.
  assert.deepEqual(waiting(await allocate(p, 'sneaky', 1, 0)).preempting, []);
  const urgent = await lease(p, 'urgent', 4, 5);
  assert.deepEqual([urgent.node, urgent.gpuIndices], ['b', [0, 1, 2, 3]]);
  const after = await snapshotGpus(redis, p);
  assert.equal(after.reservations, 0);
  assert.deepEqual(after.leases, { active: 5, preempted: 0, expired: 0 });
});

test('the lowest priorities go first; equal and higher priorities are never preempted', async () => {
  const p = await inventory([gpuNode('n', 4)]);
  const held = [await lease(p, 'p3', 1, 3), await lease(p, 'p1', 1, 1), await lease(p, 'p2', 1, 2), await lease(p, 'p7', 1, 7)];
  assert.deepEqual(waiting(await allocate(p, 'same', 1, 1)).preempting, [], 'priority 1 preempts nothing (the lowest holder is 1)');
  assert.deepEqual(waiting(await allocate(p, 'mid', 2, 3)).preempting, ['p1', 'p2'], 'two leases below 3, lowest first');
  assert.deepEqual(waiting(await allocate(p, 'high', 1, 5)).preempting, ['p3'], 'the next lowest still active');
  assert.deepEqual(waiting(await allocate(p, 'higher', 1, 6)).preempting, [], 'only p7 is left running, at a higher priority');
  assert.deepEqual(await Promise.all(held.map((l) => beat(p, l))), ['preempted', 'preempted', 'preempted', 'extended']);
});

test('a preempted lease is not extended: it ends at its expiry even if its holder never releases', async () => {
  const p = await inventory([gpuNode('n', 1)]);
  const low = await lease(p, 'low', 1, 0, { leaseMs: 60 });
  assert.deepEqual(waiting(await allocate(p, 'high', 1, 1, { maxWaitMs: 1_000 })).preempting, ['low']);
  assert.equal(await heartbeatLease(redis, p, low.leaseId, low.workerId, 60), 'preempted');
  await sleep(80);
  assert.equal(await heartbeatLease(redis, p, low.leaseId, low.workerId, 60), 'lost');
  assert.equal((await lease(p, 'high', 1, 1)).node, 'n');
  assert.deepEqual(await reclaimExpiredLeases(redis, p), ['low']);
});

test('a reservation lapses when the preemptor does not come back, or when it cancels', async () => {
  const p = await inventory([gpuNode('m', 1), gpuNode('n', 1)]);
  const low = await lease(p, 'low', 1, 0, { leaseMs: 40 });
  // Same priority as the preemptor: out of its reach, and the node its peers could otherwise turn to.
  const other = await lease(p, 'other', 1, 1);
  assert.deepEqual([low.node, other.node], ['m', 'n']);
  assert.deepEqual(waiting(await allocate(p, 'gone', 1, 1, { reservationMs: 30 })).preempting, ['low']);
  await releaseLease(redis, p, low.leaseId);
  assert.deepEqual(waiting(await allocate(p, 'next', 1, 0)).preempting, [], 'reserved for "gone"');
  assert.deepEqual(waiting(await allocate(p, 'peer', 1, 1)).preempting, [], 'an equal priority neither takes reserved GPUs nor preempts');
  // Reserved until the preempted lease's expiry (40 ms) plus reservationMs (30 ms).
  await sleep(90);
  assert.equal((await lease(p, 'next', 1, 0)).node, 'm');

  assert.deepEqual(waiting(await allocate(p, 'quitter', 1, 1)).preempting, ['next']);
  await releaseLease(redis, p, (await lease(p, 'next', 1, 0)).leaseId);
  assert.equal(await cancelReservation(redis, p, 'quitter'), true);
  assert.equal(await cancelReservation(redis, p, 'quitter'), false);
  assert.equal((await lease(p, 'after-cancel', 1, 0)).node, 'm');
  await releaseLease(redis, p, other.leaseId);
});
