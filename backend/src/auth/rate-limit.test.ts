// Rate limits against the real Redis (a unique key prefix per run, deleted afterwards), over real HTTP:
// budgets per address, credential, wallet and endpoint, 429 with Retry-After, windows that reset, and
// Redis going away (requests still served, limited in memory, logged once).
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket, connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Redis } from 'ioredis';
import { ApiError } from '../api/api-error.ts';
import type { Principal } from '../api/route.ts';
import { createLogger } from '../service/logger.ts';
import { createRateLimiter, rateLimitAddress, type RateLimits } from './rate-limit.ts';
import { createRedisClient } from './redis-client.ts';
import { call, graphql, newAccount, postJson, signIn, startTestAuthApi, type TestAuthApi, uniqueRedisPrefix } from './test-auth-api.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const silent = createLogger({ service: 'rate-limit-test', level: 'silent' });
const prefixes: string[] = [];
let redis: Redis;

function limits(overrides: Partial<RateLimits> = {}): RateLimits {
  const keyPrefix = uniqueRedisPrefix();
  prefixes.push(keyPrefix);
  return {
    keyPrefix,
    ip: { points: 1_000, durationSeconds: 60 },
    credential: { points: 1_000, durationSeconds: 60 },
    wallet: { points: 1_000, durationSeconds: 60 },
    endpoints: { auth: { routes: ['/api/auth/*'], rule: { points: 1_000, durationSeconds: 60 } } },
    ...overrides,
  };
}

async function ready(client: Redis): Promise<void> {
  if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
}

before(async () => {
  redis = createRedisClient(REDIS_URL, silent);
  await ready(redis);
});

after(async () => {
  for (const prefix of prefixes) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
  redis.disconnect();
});

describe('over HTTP with Redis', () => {
  let t: TestAuthApi;
  let testLimits: RateLimits;
  before(async () => {
    testLimits = limits({
      ip: { points: 5, durationSeconds: 60 },
      credential: { points: 4, durationSeconds: 60 },
      wallet: { points: 6, durationSeconds: 60 },
      endpoints: { auth: { routes: ['/api/auth/*'], rule: { points: 1_000, durationSeconds: 60 } } },
    });
    t = await startTestAuthApi({ redis, limits: testLimits });
  });
  after(async () => {
    await t?.close();
  });

  test('anonymous requests share a budget per address; over it is 429 RATE_LIMITED with Retry-After', async () => {
    // The sign-in helpers below are anonymous too, so this test spends the address budget last.
    const session = (await signIn(t.url, newAccount())).token;
    const keyA = (await postJson(t.url, '/api/keys', { name: 'a', scopes: ['agents:read'] }, { authorization: `Bearer ${session}` })).body.key;
    const keyB = (await postJson(t.url, '/api/keys', { name: 'b', scopes: ['agents:read'] }, { authorization: `Bearer ${session}` })).body.key;
    // Used: nonce + siwe (anonymous: 2 of 5). The session spent 2 of its credential and wallet budgets.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(t.url, 'GET', '/api/agents')).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    const limited = await call(t.url, 'GET', '/api/agents');
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'RATE_LIMITED');
    assert.equal(limited.body.error.details.budget, 'ip');
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, String(retryAfter));
    assert.equal(limited.body.error.details.retryAfterSeconds, retryAfter);

    // Signed-in requests are counted per credential and per wallet instead: key A has its own 4…
    const a: number[] = [];
    for (let i = 0; i < 5; i++) a.push((await call(t.url, 'GET', '/api/agents', keyA)).status);
    assert.deepEqual(a, [200, 200, 200, 200, 429]);
    assert.equal((await call(t.url, 'GET', '/api/agents', keyA)).body.error.details.budget, 'credential');
    // …but the wallet (6) is shared by the session (2 used) and both keys (4 used, the refusals counted
    // too): key B is refused on the wallet budget at once.
    const b = await call(t.url, 'GET', '/api/agents', keyB);
    assert.equal(b.status, 429);
    assert.equal(b.body.error.details.budget, 'wallet');
  });
});

test('endpoint budgets: /api/auth/* is stricter, and GraphQL signIn/siweNonce spend the same budget', async () => {
  const t = await startTestAuthApi({ redis, limits: limits({ endpoints: { auth: { routes: ['/api/auth/*'], rule: { points: 3, durationSeconds: 60 } } } }) });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await postJson(t.url, '/api/auth/nonce', {})).status);
    assert.deepEqual(statuses, [200, 200, 200]);
    const rest = await postJson(t.url, '/api/auth/nonce', {});
    assert.equal(rest.status, 429);
    assert.equal(rest.body.error.details.budget, 'endpoint:auth');
    const gql = await graphql(t.url, 'mutation { siweNonce { nonce } }');
    assert.equal(gql.body.errors[0].extensions.code, 'RATE_LIMITED');
    // Other routes are not affected.
    assert.equal((await call(t.url, 'GET', '/api/agents')).status, 200);
  } finally {
    await t.close();
  }
});

test('a window resets: after Retry-After the caller is served again', async () => {
  const t = await startTestAuthApi({ redis, limits: limits({ ip: { points: 2, durationSeconds: 1 } }) });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(t.url, 'GET', '/api/agents')).status);
    assert.deepEqual(statuses, [200, 200, 429]);
    const limited = await call(t.url, 'GET', '/api/agents');
    assert.equal(limited.headers.get('retry-after'), '1');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    assert.equal((await call(t.url, 'GET', '/api/agents')).status, 200);
  } finally {
    await t.close();
  }
});

test('the endpoint table matches declared routes, wildcards and exceptions', async () => {
  const limiter = createRateLimiter({
    redis,
    logger: silent,
    limits: limits({
      ip: { points: 1_000, durationSeconds: 60 },
      endpoints: {
        kyc: { routes: ['/api/kyc/*'], except: ['/api/kyc/webhook*'], rule: { points: 1, durationSeconds: 60 } },
        register: { routes: ['/api/v1/agents/register'], rule: { points: 1, durationSeconds: 60 } },
      },
    }),
  });
  const principal: Principal = { kind: 'api_key', userId: 'u1', wallet: `0x${'11'.repeat(20)}`, credentialId: 'k1', scopes: [] };
  const spend = (route: string, who: Principal | null = principal) => limiter({ route, principal: who, ip: '10.0.0.1' }).then(() => 'ok', (error: ApiError) => error.code);
  assert.deepEqual([await spend('/api/kyc/initiate'), await spend('/api/kyc/status')], ['ok', 'RATE_LIMITED']);
  assert.deepEqual([await spend('/api/kyc/webhook/:provider'), await spend('/api/kyc/webhook/:provider')], ['ok', 'ok']);
  assert.deepEqual([await spend('/api/v1/agents/register'), await spend('/api/v1/agents/register')], ['ok', 'RATE_LIMITED']);
  // The same user through another credential, and anonymous callers by address.
  assert.equal(await spend('/api/v1/agents/register', { ...principal, credentialId: 'k2' }), 'RATE_LIMITED');
  assert.equal(await spend('/api/v1/agents/register', null), 'ok');
  assert.equal(await spend('/api/v1/agents/:id', null), 'ok');
  assert.equal(await spend('/api/v1/agents/:id', null), 'ok');
});

test('rateLimitAddress keys IPv4 as is and IPv6 by its /64', () => {
  assert.equal(rateLimitAddress('203.0.113.9'), '203.0.113.9');
  assert.equal(rateLimitAddress('::ffff:203.0.113.9'), '203.0.113.9');
  assert.equal(rateLimitAddress('2001:db8:aa:bb:1:2:3:4'), rateLimitAddress('2001:db8:aa:bb:ffff::1'));
  assert.notEqual(rateLimitAddress('2001:db8:aa:bb::1'), rateLimitAddress('2001:db8:aa:bc::1'));
  assert.equal(rateLimitAddress('::1'), '0:0:0:0::/64');
  assert.equal(rateLimitAddress('unknown'), 'unknown');
});

/** A TCP relay in front of Redis that the test can cut and restore, as a network failure would. */
async function startRelay(port = 0): Promise<{ port: number; cut: () => Promise<void>; close: () => Promise<void> }> {
  const target = new URL(REDIS_URL);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { port: (server.address() as { port: number }).port, cut: close, close };
}

test('Redis going away: requests are still served, limited per process in memory, logged once; Redis coming back is noticed', async () => {
  let relay = await startRelay();
  const port = relay.port;
  const lines: string[] = [];
  const logger = createLogger({ service: 'rate-limit-test', destination: { write: (line: string) => void lines.push(line) } });
  const flaky = createRedisClient(`redis://127.0.0.1:${port}`, logger);
  await ready(flaky);
  const t = await startTestAuthApi({ redis: flaky, limits: limits({ ip: { points: 5, durationSeconds: 60 } }) });
  try {
    assert.equal((await call(t.url, 'GET', '/api/agents')).status, 200);
    await relay.cut();
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Served without Redis, and still limited: the insurance limiter holds the same budget in memory.
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await call(t.url, 'GET', '/api/agents')).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429]);
    assert.ok(statuses.every((status) => status < 500));
    const warnings = () => [...lines, ...t.logs].filter((line) => line.includes('rate limits are enforced per process')).length;
    assert.equal(warnings(), 1);

    relay = await startRelay(port);
    await ready(flaky);
    assert.ok([...lines, ...t.logs].some((line) => line.includes('Redis is back')));
    // In Redis this address has spent 1 of 5.
    assert.equal((await call(t.url, 'GET', '/api/agents')).status, 200);
  } finally {
    await t.close();
    flaky.disconnect();
    await relay.close();
  }
});

test('Redis never reachable: requests are served from the first one', async () => {
  const closed = await startRelay();
  const port = closed.port;
  await closed.close();
  const lines: string[] = [];
  const logger = createLogger({ service: 'rate-limit-test', destination: { write: (line: string) => void lines.push(line) } });
  const dead = createRedisClient(`redis://127.0.0.1:${port}`, logger);
  const t = await startTestAuthApi({ redis: dead, limits: limits({ ip: { points: 3, durationSeconds: 60 } }) });
  try {
    const started = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(t.url, 'GET', '/api/agents')).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    assert.ok(Date.now() - started < 2_000, 'no request waited for Redis');
    assert.equal(lines.filter((line) => line.includes('Redis connection failed')).length, 1);
  } finally {
    await t.close();
    dead.disconnect();
  }
});
