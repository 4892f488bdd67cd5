// Budget leases over rate-limiter-flexible on the real Redis (a unique key prefix per test, deleted
// afterwards): requests are counted with few round trips, a budget is never exceeded by one process or
// by two sharing it, concurrent requests for a key share one lease, and a window's end ends its lease.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { createLogger } from '../service/logger.ts';
import { leaseBudget, type PointConsumer } from './budget-leases.ts';
import { createRedisClient } from './redis-client.ts';
import { uniqueRedisPrefix } from './test-auth-api.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const silent = createLogger({ service: 'budget-leases-test', level: 'silent' });
let redisA: Redis;
let redisB: Redis;
const prefixes: string[] = [];

before(async () => {
  redisA = createRedisClient(REDIS_URL, silent);
  redisB = createRedisClient(REDIS_URL, silent);
  // The clients refuse commands until connected (no offline queue: see redis-client.ts).
  await Promise.all([redisA, redisB].map((client) => (client.status === 'ready' ? null : new Promise((resolve) => client.once('ready', resolve)))));
});
after(async () => {
  try {
    for (const prefix of prefixes) {
      const keys = await redisA.keys(`${prefix}*`);
      if (keys.length) await redisA.del(...keys);
    }
  } finally {
    redisA.disconnect();
    redisB.disconnect();
  }
});

/** A budget in Redis as one process sees it, counting the points each of its Redis calls asked for. */
function budget(redis: Redis, keyPrefix: string, points: number, durationSeconds = 60): PointConsumer & { asked: number[] } {
  const limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration: durationSeconds });
  const asked: number[] = [];
  return { asked, consume: (key, wanted) => (asked.push(wanted), limiter.consume(key, wanted)) };
}

function newPrefix(): string {
  const prefix = uniqueRedisPrefix();
  prefixes.push(prefix);
  return prefix;
}

/** Spends one point; true if let through, false if refused (anything else fails the test). */
async function spend(leases: ReturnType<typeof leaseBudget>, key: string): Promise<boolean> {
  try {
    await leases.consume(key);
    return true;
  } catch (error) {
    assert.ok(error instanceof RateLimiterRes, `refused with a RateLimiterRes, not ${String(error)}`);
    return false;
  }
}

test('one process: a budget of 1,000 lets exactly 1,000 through with far fewer Redis calls, then refuses', async () => {
  const counted = budget(redisA, newPrefix(), 1_000);
  const leases = leaseBudget(counted);
  let admitted = 0;
  for (let i = 0; i < 1_000; i++) if (await spend(leases, 'user:1')) admitted++;
  assert.equal(admitted, 1_000);
  assert.equal(await spend(leases, 'user:1'), false, 'the 1,001st is refused');
  // ~120: leases shrink as the budget does (a twentieth of what is left), and the last ~40 points go one
  // request at a time.
  assert.ok(counted.asked.length < 200, `${counted.asked.length} Redis calls for 1,001 requests`);
  assert.equal(counted.asked[0], 1, 'the first request of a window takes one point: what is left is not known yet');
  assert.ok(Math.max(...counted.asked) <= 50, 'no lease above 50 points');
  assert.deepEqual(counted.asked.slice(-3), [1, 1, 1], 'near the limit every request asks Redis');
  // Another key has its own budget.
  assert.equal(await spend(leases, 'user:2'), true);
});

test('concurrent requests for a key wait for the lease being taken instead of each taking one', async () => {
  const counted = budget(redisA, newPrefix(), 1_000);
  const leases = leaseBudget(counted);
  const results = await Promise.all(Array.from({ length: 30 }, () => spend(leases, 'k')));
  assert.ok(results.every(Boolean));
  // The first takes one point (what is left is unknown), the next a lease of 49 that serves the rest.
  assert.deepEqual(counted.asked, [1, 49]);
});

test('two processes sharing a budget of 200 never let more than 200 through together', async () => {
  const prefix = newPrefix();
  const a = leaseBudget(budget(redisA, prefix, 200));
  const b = leaseBudget(budget(redisB, prefix, 200));
  let admitted = 0;
  let refusedInARow = 0;
  // Interleaved unevenly, as two API processes behind a balancer; until both refuse.
  for (let i = 0; refusedInARow < 4 && i < 1_000; i++) {
    const ok = await spend(i % 3 === 0 ? b : a, 'wallet:shared');
    admitted += ok ? 1 : 0;
    refusedInARow = ok ? 0 : refusedInARow + 1;
  }
  assert.ok(admitted <= 200, `${admitted} let through`);
  // A process's lease asked on stale knowledge may be refused and burn its points: at most 10 here.
  assert.ok(admitted >= 190, `${admitted} let through`);
});

test("a window's end ends the lease: the next window starts from one point again", async () => {
  const counted = budget(redisA, newPrefix(), 100, 1);
  const leases = leaseBudget(counted);
  for (let i = 0; i < 3; i++) assert.equal(await spend(leases, 'k'), true);
  assert.deepEqual(counted.asked, [1, 4], 'one point, then a twentieth of the 99 left');
  await sleep(1_100);
  assert.equal(await spend(leases, 'k'), true);
  assert.deepEqual(counted.asked, [1, 4, 1], 'the old lease (2 points left) is not spent in the new window');
});

test('a refusal carries how long until the window ends, and later requests are refused too', async () => {
  const leases = leaseBudget(budget(redisA, newPrefix(), 2));
  assert.equal(await spend(leases, 'k'), true);
  assert.equal(await spend(leases, 'k'), true);
  const refusal = await leases.consume('k').then(
    () => assert.fail('let through over the budget'),
    (error: unknown) => error,
  );
  assert.ok(refusal instanceof RateLimiterRes && refusal.msBeforeNext > 0 && refusal.msBeforeNext <= 60_000);
  assert.equal(await spend(leases, 'k'), false);
});
