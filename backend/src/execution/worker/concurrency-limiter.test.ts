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
