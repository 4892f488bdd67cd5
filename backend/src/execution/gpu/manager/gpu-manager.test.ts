// The facade against the real Redis, with two managers standing for two worker processes: waiting and
// aborting, preemption end to end (the low-priority holder's signal aborts, it releases, the preemptor
// acquires before any lower priority), lease loss through a takeover, snapshots and metering.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { GpuManagerError, UnsatisfiableRequirement } from './errors.ts';
import { createGpuManager, type GpuGrant, type GpuManager } from './gpu-manager.ts';
import { type GpuInventory, registerInventory } from './inventory.ts';
import { connectTestRedis, deletePrefix, gpuNode, uniquePrefix } from './test-redis.ts';

let redisA: Redis;
let redisB: Redis;
const prefixes: string[] = [];
const managers: GpuManager[] = [];
before(() => {
  redisA = connectTestRedis();
  redisB = connectTestRedis();
});
after(async () => {
  for (const manager of managers) manager.close();
  for (const prefix of prefixes) await deletePrefix(redisA, prefix);
  redisA.disconnect();
  redisB.disconnect();
});

/** Two workers sharing one inventory. */
async function workers(nodes: GpuInventory['nodes'], leaseMs = 400): Promise<{ a: GpuManager; b: GpuManager; prefix: string }> {
  const prefix = uniquePrefix();
  prefixes.push(prefix);
  await registerInventory(redisA, prefix, { nodes });
  const options = { prefix, leaseMs, heartbeatMs: 40, maxWaitMs: 20 };
  const a = createGpuManager({ ...options, redis: redisA, workerId: 'worker-a' });
  const b = createGpuManager({ ...options, redis: redisB, workerId: 'worker-b' });
  managers.push(a, b);
  return { a, b, prefix };
}

function aborted(signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(signal.reason), { once: true }));
}

test('preemption end to end: the holder is told through its signal, releases, and the preemptor gets the GPUs first', async () => {
  const { a, b } = await workers([gpuNode('n1', 2)]);
  const low = await a.acquire('low', { model: 'H100', count: 2 }, 0);
  assert.deepEqual(low.placement, { node: 'n1', gpuModel: 'H100', gpuIndices: [0, 1] });
  // The "driver": runs until its signal aborts, then the worker releases.
  const lowStopped = aborted(low.signal).then(async (reason) => ({ reason, metering: await low.release() }));

  const high = b.acquire('high', { count: 2 }, 10);
  const { reason, metering } = await lowStopped;
  assert.ok(reason instanceof GpuManagerError && reason.code === 'PREEMPTED', `aborted with ${String(reason)}`);
  assert.equal(metering.endedBy, 'released');
  // A low-priority request arriving now must not slip in before the preemptor.
  let thirdGranted = false;
  const third = a.acquire('third', { count: 1 }, 0).then((grant) => {
    thirdGranted = true;
    return grant;
  });
  const highGrant = await high;
  assert.deepEqual(highGrant.placement, { node: 'n1', gpuModel: 'H100', gpuIndices: [0, 1] });
  assert.equal(highGrant.signal.aborted, false);
  await sleep(60);
  assert.equal(thirdGranted, false, 'the low-priority request still waits');
  await highGrant.release();
  assert.equal((await third).placement.gpuIndices.length, 1);
  await (await third).release();
});

test('acquire waits for capacity, and stops waiting when its signal aborts', async () => {
  const { a, b } = await workers([gpuNode('n1', 1)]);
  const holder = await a.acquire('holder', { count: 1 }, 0);
  await assert.rejects(b.acquire('waiter', { count: 1 }, 0, AbortSignal.timeout(80)), (error: unknown) => error instanceof DOMException && error.name === 'TimeoutError');

  // A preemptor giving up hands back the GPUs it had reserved.
  const controller = new AbortController();
  const preemptor = b.acquire('preemptor', { count: 1 }, 5, controller.signal);
  const reason = await aborted(holder.signal);
  assert.ok(reason instanceof GpuManagerError && reason.code === 'PREEMPTED');
  assert.equal((await b.snapshot()).reservations, 1);
  controller.abort(new Error('cancelled by the caller'));
  await assert.rejects(preemptor, /cancelled by the caller/);
  assert.equal((await b.snapshot()).reservations, 0);
  await holder.release();
  const next = await b.acquire('next', { count: 1 }, 0, AbortSignal.timeout(1_000));
  await next.release();
});

test('a requirement no node could hold fails at once with UnsatisfiableRequirement', async () => {
  const { a } = await workers([gpuNode('n1', 2)]);
  const started = performance.now();
  await assert.rejects(a.acquire('big', { model: 'H100', count: 3 }, 0), UnsatisfiableRequirement);
  await assert.rejects(a.acquire('odd', { model: 'MI300X', count: 1 }, 0), UnsatisfiableRequirement);
  assert.ok(performance.now() - started < 500);
});

test('a lease taken over by another worker aborts the first holder with LEASE_LOST; the caller signal aborts a grant too', async () => {
  const { a, b } = await workers([gpuNode('n1', 2)]);
  const first = await a.acquire('e1', { count: 1 }, 0);
  // The queue thought worker-a dead and gave the execution to worker-b, which acquires it again.
  const second = await b.acquire('e1', { count: 1 }, 0);
  assert.equal(second.lease.leaseId, first.lease.leaseId);
  const reason = await aborted(first.signal);
  assert.ok(reason instanceof GpuManagerError && reason.code === 'LEASE_LOST');
  await sleep(100);
  assert.equal(second.signal.aborted, false, 'the new holder keeps heartbeating');
  const metering = await second.release();
  assert.deepEqual(await second.release(), metering);
  assert.deepEqual(await first.release(), metering, 'same lease, same metering');

  const controller = new AbortController();
  const grant: GpuGrant = await a.acquire('e2', { count: 1 }, 0, controller.signal);
  controller.abort(new Error('execution cancelled'));
  assert.equal(grant.signal.aborted, true);
  await grant.release();
});

test('snapshot counts GPUs by model and leases by state; heartbeats keep leases past leaseMs', async () => {
  // A lease of 1.2 s, 30 heartbeats long: a loaded machine (CI) can stall this process for a few hundred
  // milliseconds, which must not look like a dead worker here.
  const { a, b } = await workers([gpuNode('n1', 4), gpuNode('n2', 2, 'L4', 24)], 1_200);
  const grants = [await a.acquire('x', { model: 'H100', count: 3 }, 0), await b.acquire('y', { model: 'L4', count: 1 }, 0)];
  await sleep(1_300);
  assert.ok(grants.every((grant) => !grant.signal.aborted), 'alive past leaseMs (1.2 s)');
  assert.deepEqual(await a.snapshot(), {
    models: { H100: { total: 4, leased: 3, reserved: 0, free: 1 }, L4: { total: 2, leased: 1, reserved: 0, free: 1 } },
    leases: { active: 2, preempted: 0, expired: 0 },
    reservations: 0,
    reclaimedPending: 0,
  });
  const [x, y] = await Promise.all(grants.map((grant) => grant.release()));
  assert.ok(x && x.gpuMilliseconds >= 3 * 1_300 && x.costWei === (BigInt(x.gpuMilliseconds) * 1_000n + 999n) / 1000n);
  assert.ok(y && y.gpuCount === 1);
  assert.deepEqual((await a.snapshot()).leases, { active: 0, preempted: 0, expired: 0 });
  assert.deepEqual(await a.reclaimExpired(), []);
});

test('options are checked when the manager is created', () => {
  assert.throws(() => createGpuManager({ redis: redisA, prefix: 'x', leaseMs: 100, heartbeatMs: 100 }), /heartbeatMs \(100\) must be below leaseMs/);
  assert.throws(() => createGpuManager({ redis: redisA, prefix: 'x', leaseMs: 0.5, heartbeatMs: 0 }), /must be a positive integer/);
});
