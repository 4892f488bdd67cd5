// For the auth tests: the real API server on 127.0.0.1 (fresh migrated database, the real
// authenticator, optionally the real Redis rate limiter) with the auth and users modules, a test-only
// route that needs the agents:write scope, and helpers that sign in the way a wallet does.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import type { Redis } from 'ioredis';
import { type PrivateKeyAccount, generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import { agentsModule } from '../agents/agents-module.ts';
import { route, type ApiModule } from '../api/route.ts';
import { scalarsModule } from '../api/scalars.ts';
import { type ApiServer, startApiServer } from '../api/server.ts';
import { migrate } from '../db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { createLogger, type Logger } from '../service/logger.ts';
import { createService } from '../service/service.ts';
import { usersModule } from '../users/users-module.ts';
import { type ApiKeyUsage, createApiKeyUsage } from './api-key-usage.ts';
import { authModule } from './auth-module.ts';
import { type Authenticator, createAuthenticator } from './authenticate.ts';
import { CR8_L3_CHAIN_ID } from './config.ts';
import { createRateLimiter, type RateLimiter, type RateLimits } from './rate-limit.ts';
import type { SignInOptions } from './sign-in-with-ethereum.ts';

export const TEST_DOMAIN = '127.0.0.1:4000';
export const TEST_SIWE: SignInOptions = { domains: [TEST_DOMAIN, 'localhost:3000'], chainId: CR8_L3_CHAIN_ID, nonceTtlSeconds: 600, sessionTtlSeconds: 3_600 };

/** A route only the agents:write scope (or a session) may call. */
export const scopedTestModule: ApiModule = {
  name: 'scoped-test',
  routes: [route({ method: 'GET', path: '/api/test/agents-write', summary: 'test only', tag: 'test', auth: 'user', scope: 'agents:write', handle: async ({ principal }) => ({ ok: true, kind: principal!.kind }) })],
};

export type TestAuthApi = {
  url: string;
  db: pg.Pool;
  database: TestDatabase;
  api: ApiServer;
  authenticator: Authenticator;
  usage: ApiKeyUsage;
  rateLimiter: RateLimiter | undefined;
  /** Lines the API logged (JSON), to check nothing secret was written. */
  logs: string[];
  logger: Logger;
  close: () => Promise<void>;
};

export async function startTestAuthApi(options: { redis?: Redis; limits?: RateLimits; cacheTtlMs?: number; failuresPerMinute?: number } = {}): Promise<TestAuthApi> {
  const database = await createTestDatabase('cr8_auth_test');
  await migrate({ databaseUrl: database.url });
  const db = quietPool(database.url);
  const logs: string[] = [];
  const sink = new Writable({
    write: (chunk, _encoding, callback) => {
      logs.push(String(chunk));
      callback();
    },
  });
  const logger = createLogger({ service: 'auth-test', level: 'debug', destination: sink });
  const service = createService({ name: 'auth-test', logger, defaultMetrics: false });
  // A long flush interval: tests flush explicitly.
  const usage = createApiKeyUsage({ db, logger, flushIntervalMs: 60_000 });
  const authenticator = createAuthenticator({ db, usage, ...(options.cacheTtlMs !== undefined ? { cacheTtlMs: options.cacheTtlMs } : {}), ...(options.failuresPerMinute !== undefined ? { failuresPerMinute: options.failuresPerMinute } : {}) });
  const rateLimiter = options.redis && options.limits ? createRateLimiter({ redis: options.redis, limits: options.limits, logger }) : undefined;
  const api = await startApiServer({
    db,
    service,
    host: '127.0.0.1',
    port: 0,
    modules: [scalarsModule, agentsModule(), authModule({ siwe: TEST_SIWE, credentials: authenticator, ...(rateLimiter ? { limitEndpoint: rateLimiter.limitEndpoint } : {}) }), usersModule(), scopedTestModule],
    authenticate: authenticator,
    ...(rateLimiter ? { rateLimit: rateLimiter } : {}),
  });
  return {
    url: api.url,
    db,
    database,
    api,
    authenticator,
    usage,
    rateLimiter,
    logs,
    logger,
    close: async () => {
      await api.close();
      await usage.stop();
      await db.end();
      await database.drop();
    },
  };
}

/** A pool whose connections ignore errors after the pool has let them go: Pool.end() resolves before
 *  each connection's goodbye reaches the server, so dropping the database right after can terminate a
 *  connection that is already on its way out (harmless, but an uncaught 'error' event otherwise). */
export function quietPool(connectionString: string): pg.Pool {
  const db = new pg.Pool({ connectionString });
  db.on('connect', (client) => client.on('error', () => {}));
  db.on('error', () => {});
  return db;
}

export function newAccount(): PrivateKeyAccount {
  return privateKeyToAccount(generatePrivateKey());
}

export type SiweFields = Partial<Parameters<typeof createSiweMessage>[0]>;

/** An EIP-4361 message for `account` with a fresh nonce from the API, as a web app would build it. */
export async function siweMessage(url: string, account: PrivateKeyAccount, fields: SiweFields = {}): Promise<string> {
  const { nonce } = (await (await fetch(`${url}/api/auth/nonce`, { method: 'POST' })).json()) as { nonce: string };
  return createSiweMessage({ address: account.address, chainId: CR8_L3_CHAIN_ID, domain: TEST_DOMAIN, nonce, uri: `http://${TEST_DOMAIN}/login`, version: '1', statement: 'Sign in to CR8', ...fields });
}

export async function postJson(url: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

export async function call(url: string, method: string, path: string, token?: string): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(`${url}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

export async function graphql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
}

/** Signs in `account` over HTTP and returns the session token. */
export async function signIn(url: string, account: PrivateKeyAccount, fields: SiweFields = {}): Promise<{ token: string; body: any }> {
  const message = await siweMessage(url, account, fields);
  const response = await postJson(url, '/api/auth/siwe', { message, signature: await account.signMessage({ message }) });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { token: response.body.token, body: response.body };
}

/** A Redis key prefix no other test run uses. */
export function uniqueRedisPrefix(): string {
  return `cr8test:${randomBytes(6).toString('hex')}`;
}
