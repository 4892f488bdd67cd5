// The concurrency limiter against the real Redis, under a unique key prefix per run.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { createConcurrencyLimiter } from './concurrency-limiter.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `cr8-test-limiter-${randomBytes(6).toString('hex')}`;
let redis: Redis;

before(() => {
  redis = new Redis(REDIS_URL);
});
after(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

test('per agent and per user: all scopes or none, re-acquiring is free, release frees the slot', async () => {
  const limiter = createConcurrencyLimiter(redis, { prefix });
  const agent = limiter.agentScope('agent-1', 2);
  const user = limiter.userScope('user-1', 1);
  const otherUser = limiter.userScope('user-2', 5);
  assert.equal(await limiter.acquire([agent, user], 'e1'), true);
  assert.equal(await limiter.acquire([agent, user], 'e1'), true, 'the same execution again (a redelivered job)');
  assert.equal(await limiter.acquire([agent, user], 'e2'), false, 'user-1 is at its limit');
  assert.equal(await redis.zscore(agent.key, 'e2'), null, 'a refused acquire takes no slot anywhere');
  assert.equal(await limiter.acquire([agent, otherUser], 'e3'), true);
  assert.equal(await limiter.acquire([agent, otherUser], 'e4'), false, 'the agent is at its limit');
  await limiter.release([agent, user], 'e1');
  assert.equal(await limiter.acquire([agent, otherUser], 'e4'), true);
  assert.equal(await redis.zcard(agent.key), 2);
});

test("a dead worker's lease expires by itself; renewing keeps a live one", async () => {
  const limiter = createConcurrencyLimiter(redis, { prefix, leaseMs: 300 });
  const agent = limiter.agentScope('agent-2', 1);
  assert.equal(await limiter.acquire([agent], 'live'), true);
  for (let i = 0; i < 4; i++) {
    await sleep(100);
    await limiter.renew([agent], 'live');
  }
  assert.equal(await limiter.acquire([agent], 'other'), false, 'renewed past its first expiry');
  await sleep(400);
  assert.equal(await limiter.acquire([agent], 'other'), true, 'the unrenewed lease expired');
  await limiter.renew([agent], 'live');
  assert.equal(await redis.zscore(agent.key, 'live'), null, 'renewing does not bring back an expired lease');
  assert.ok((await redis.pttl(agent.key)) > 0, 'the set itself expires');
});

test('concurrent acquires decided in one script call: in the order asked, each all-or-nothing, as if alone', async () => {
  const limiter = createConcurrencyLimiter(redis, { prefix });
  const agent = limiter.agentScope('agent-grouped', 3);
  const [a, b] = [limiter.userScope('user-a', 1), limiter.userScope('user-b', 5)];
  // One turn of the event loop: a single group. user-a holds one slot; the agent holds three.
  const taken = await Promise.all([
    limiter.acquire([agent, a], 'g1'),
    limiter.acquire([agent, a], 'g2'), // user-a is full after g1
    limiter.acquire([agent, b], 'g3'),
    limiter.acquire([agent, b], 'g1'), // the same member again: already holds the agent slot
    limiter.acquire([agent, b], 'g4'),
    limiter.acquire([agent, b], 'g5'), // the agent is full: g1, g3, g4
  ]);
  assert.deepEqual(taken, [true, false, true, true, true, false]);
  assert.deepEqual((await redis.zrange(agent.key, 0, -1)).sort(), ['g1', 'g3', 'g4']);
  assert.deepEqual(await redis.zrange(a.key, 0, -1), ['g1']);
  assert.equal(await redis.zscore(b.key, 'g5'), null, 'a refused request takes no slot anywhere');
  await Promise.all([limiter.release([agent, a], 'g1'), limiter.release([agent, b], 'g3'), limiter.release([agent, b], 'g1')]);
  assert.deepEqual(await redis.zrange(agent.key, 0, -1), ['g4']);
  assert.deepEqual(await limiter.acquire([agent, a], 'g2'), true);
});
