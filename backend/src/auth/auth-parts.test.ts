// The smaller parts of authentication: config parsing, credential formats, the credential cache,
// batched API-key usage (against PostgreSQL) and housekeeping.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { migrate } from '../db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { loadConfig } from '../service/config.ts';
import { createLogger } from '../service/logger.ts';
import { createApiKeyUsage } from './api-key-usage.ts';
import { authConfigSchema, authOptionsFromConfig } from './config.ts';
import { createAuthenticator } from './authenticate.ts';
import { createCredentialCache } from './credential-cache.ts';
import { createApiKeyToken, createSessionToken, hashToken, parseCredentialToken } from './credential-token.ts';
import { pruneExpiredCredentials } from './prune-expired-credentials.ts';
import { DEFAULT_RATE_LIMITS } from './rate-limit.ts';
import { quietPool } from './test-auth-api.ts';

let database: TestDatabase;
let db: pg.Pool;
let userId: string;
before(async () => {
  database = await createTestDatabase('cr8_auth_parts');
  await migrate({ databaseUrl: database.url });
  db = quietPool(database.url);
  userId = (await db.query("INSERT INTO users (wallet_address) VALUES ('0x' || repeat('ab', 20)) RETURNING id")).rows[0].id;
});
after(async () => {
  await db?.end();
  await database?.drop();
});

test('the config has working defaults and refuses bad values by name', () => {
  const options = authOptionsFromConfig(loadConfig('test', authConfigSchema, {}));
  assert.deepEqual(options.siwe, { domains: ['127.0.0.1:4000', 'localhost:4000', 'localhost:3000'], chainId: 888008, nonceTtlSeconds: 600 });
  assert.equal(options.sessionTtlSeconds, 7 * 86_400);
  assert.equal(options.redisUrl, 'redis://127.0.0.1:6379');
  assert.deepEqual(options.rateLimits, DEFAULT_RATE_LIMITS);

  const custom = authOptionsFromConfig(
    loadConfig('test', authConfigSchema, { SIWE_DOMAINS: ' app.cr8.xyz , cr8.xyz ', SESSION_TTL_SECONDS: '3600', RATE_LIMIT_IP: '10/1', RATE_LIMIT_AUTH: '5/300', RATE_LIMIT_PREFIX: 'prod:rl' }),
  );
  assert.deepEqual(custom.siwe.domains, ['app.cr8.xyz', 'cr8.xyz']);
  assert.deepEqual(custom.rateLimits!.ip, { points: 10, durationSeconds: 1 });
  assert.deepEqual(custom.rateLimits!.endpoints.auth, { routes: ['/api/auth/*'], rule: { points: 5, durationSeconds: 300 } });
  assert.equal(custom.rateLimits!.keyPrefix, 'prod:rl');
  assert.equal(authOptionsFromConfig(loadConfig('test', authConfigSchema, { RATE_LIMIT_ENABLED: 'false' })).rateLimits, null);

  for (const [variable, value] of [
    ['SIWE_DOMAINS', 'https://app.cr8.xyz'],
    ['SIWE_DOMAINS', ' , '],
    ['SESSION_TTL_SECONDS', '10'],
    ['RATE_LIMIT_IP', '600'],
    ['RATE_LIMIT_IP', '0/60'],
    ['RATE_LIMIT_ENABLED', 'maybe'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
  ] as const)
    assert.throws(() => loadConfig('test', authConfigSchema, { [variable]: value }), (error: { issues: Array<{ variable: string }> }) => error.issues.some((issue) => issue.variable.split('.')[0] === variable), `${variable}=${value}`);
});

test('credential tokens are recognised by shape, and hashed whole', () => {
  const session = createSessionToken();
  const { token, prefix } = createApiKeyToken();
  assert.deepEqual(parseCredentialToken(session), { kind: 'session', token: session });
  assert.deepEqual(parseCredentialToken(token), { kind: 'api_key', token, prefix });
  for (const bad of ['', session.slice(0, -1), `${session}x`, token.replace('cr8_key_', 'cr8_kee_'), token.toUpperCase(), `${token} `]) assert.equal(parseCredentialToken(bad), null, bad);
  assert.equal(hashToken(token).length, 32);
  assert.notDeepEqual(hashToken(session), hashToken(createSessionToken()));
});

test('the credential cache expires entries, evicts the least recently used, and forgets by credential id', () => {
  const cache = createCredentialCache({ maxEntries: 2 });
  const principal = (id: string) => ({ principal: { kind: 'api_key' as const, userId: 'u', wallet: `0x${'00'.repeat(20)}` as const, credentialId: id, scopes: [] } });
  cache.set('a', principal('A'), 1_000);
  cache.set('b', principal('B'), 1_000);
  assert.ok(cache.get('a', 0)); // a is now the most recently used
  cache.set('c', principal('C'), 1_000);
  assert.equal(cache.get('b', 0), undefined);
  assert.ok(cache.get('a', 0) && cache.get('c', 0));
  assert.equal(cache.get('a', 1_000), undefined);
  cache.forget('C');
  assert.equal(cache.get('c', 0), undefined);
  cache.set('r', { refusal: 'revoked' }, 500);
  assert.deepEqual(cache.get('r', 0), { refusal: 'revoked' });
  assert.equal(cache.size, 1);
});

test('a cached credential is due for one refresh from its refresh point until it expires', () => {
  const cache = createCredentialCache();
  cache.set('a', { refusal: 'unknown' }, 1_000, 600);
  assert.equal(cache.takeRefresh('a', 599), false);
  assert.equal(cache.takeRefresh('a', 600), true);
  assert.equal(cache.takeRefresh('a', 700), false, 'one caller refreshes it');
  assert.deepEqual(cache.get('a', 700), { refusal: 'unknown' }, 'still served while it is refreshed');
  cache.set('a', { refusal: 'unknown' }, 2_000, 1_600);
  assert.equal(cache.takeRefresh('a', 1_600), true, 'a new entry can be refreshed again');
  cache.set('b', { refusal: 'unknown' }, 1_000);
  assert.equal(cache.takeRefresh('b', 999), false, 'without a refresh point, never before it expires');
  assert.equal(cache.takeRefresh('b', 1_000), false, 'nor once expired: the next request looks it up');
  assert.equal(cache.takeRefresh('missing', 0), false);
});

test('a busy API key is refreshed ahead, in the background: no request waits for the lookup, and a revocation shows after it', async () => {
  const { token } = createApiKeyToken();
  const keyId = (await db.query("INSERT INTO api_keys (user_id, name, prefix, key_hash) VALUES ($1, 'busy', 'bbbbbbbbbbbb', $2) RETURNING id", [userId, hashToken(token)])).rows[0].id;
  // The authenticator's database: counts the credential lookups, and holds them while `held` is set.
  let lookups = 0;
  let answered = 0;
  let held: Promise<void> | null = null;
  const counting = {
    query: async (query: { name?: string }, ...rest: unknown[]) => {
      const lookup = query.name?.startsWith('auth-look-up');
      if (lookup) {
        lookups++;
        if (held) await held;
      }
      const result = await (db.query as (...args: unknown[]) => Promise<unknown>)(query, ...rest);
      if (lookup) answered++;
      return result;
    },
  } as unknown as pg.Pool;
  let clock = 0;
  const authenticate = createAuthenticator({ db: counting, cacheTtlMs: 5_000, now: () => clock });
  const request = { headers: { authorization: `Bearer ${token}` }, ip: '127.0.0.1' };

  assert.equal((await authenticate(request))?.credentialId, keyId);
  assert.equal(lookups, 1);
  clock = 2_400; // before half the TTL: no refresh yet
  await authenticate(request);
  assert.equal(lookups, 1);

  let release!: () => void;
  held = new Promise<void>((resolve) => (release = resolve));
  clock = 4_100; // past the latest refresh point (4/5 of the TTL), before the entry expires
  const answers = await Promise.all([authenticate(request), authenticate(request), authenticate(request)]);
  assert.deepEqual(answers.map((principal) => principal?.credentialId), [keyId, keyId, keyId], 'answered while the refresh is held');
  assert.equal(lookups, 2, 'one refresh for the three requests');
  await db.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [keyId]);
  release();
  held = null;
  while (answered < 2) await new Promise((resolve) => setTimeout(resolve, 5)); // the held lookup reads the revocation
  await new Promise((resolve) => setImmediate(resolve)); // and caches its answer
  // The refresh started at 4,100 replaced the entry, which would otherwise have lived until 5,000.
  await assert.rejects(authenticate(request), (error: { status?: number; message: string }) => error.status === 401 && /revoked/.test(error.message));
  assert.equal(lookups, 2, 'the refusal came from the refreshed entry');
});

test('API-key usage is batched, flushed on stop, and kept across a failed write', async () => {
  const key = (await db.query("INSERT INTO api_keys (user_id, name, prefix, key_hash) VALUES ($1, 'k', 'aaaaaaaaaaaa', $2) RETURNING id", [userId, hashToken('k')])).rows[0].id;
  const lines: string[] = [];
  const logger = createLogger({ service: 'usage-test', destination: { write: (line: string) => void lines.push(line) } });
  const usage = createApiKeyUsage({ db, logger, flushIntervalMs: 60_000 });
  const read = async () => (await db.query('SELECT usage_count::int AS n, last_used_at FROM api_keys WHERE id = $1', [key])).rows[0];

  usage.record(key, new Date('2026-01-01T00:00:02Z'));
  usage.record(key, new Date('2026-01-01T00:00:01Z'));
  await Promise.all([usage.flush(), usage.flush()]);
  assert.deepEqual(await read(), { n: 2, last_used_at: new Date('2026-01-01T00:00:02Z') });

  // A failed write (here: the column refuses the update) keeps the counts for the next flush.
  await db.query('ALTER TABLE api_keys ADD CONSTRAINT usage_test_block CHECK (usage_count < 3)');
  usage.record(key, new Date('2026-01-01T00:00:03Z'));
  usage.record('00000000-0000-4000-8000-000000000000');
  await usage.flush();
  assert.equal((await read()).n, 2);
  assert.ok(lines.some((line) => line.includes('writing API key usage failed')));
  await db.query('ALTER TABLE api_keys DROP CONSTRAINT usage_test_block');
  usage.record(key, new Date('2026-01-01T00:00:04Z'));
  await usage.stop();
  assert.deepEqual(await read(), { n: 4, last_used_at: new Date('2026-01-01T00:00:04Z') });
});

test('housekeeping deletes long-expired nonces and sessions only', async () => {
  const now = new Date('2026-06-01T00:00:00Z');
  await db.query(`INSERT INTO siwe_nonces (nonce, issued_at, expires_at) VALUES
    ('oldnonce00000001', $1::timestamptz - interval '3 hours', $1::timestamptz - interval '2 hours'),
    ('recentnonce00001', $1::timestamptz - interval '20 minutes', $1::timestamptz - interval '10 minutes'),
    ('livenonce0000001', $1, $1::timestamptz + interval '10 minutes')`, [now]);
  await db.query(`INSERT INTO sessions (user_id, token_hash, expires_at) VALUES
    ($1, $2, $4::timestamptz - interval '31 days'), ($1, $3, $4::timestamptz - interval '1 day')`, [userId, hashToken('s1'), hashToken('s2'), now]);
  assert.deepEqual(await pruneExpiredCredentials(db, now), { nonces: 1, sessions: 1 });
  assert.deepEqual((await db.query('SELECT nonce FROM siwe_nonces ORDER BY nonce')).rows.map((row) => row.nonce), ['livenonce0000001', 'recentnonce00001']);
});
