// The bad-input guarantee, checked by fuzzing (fast-check) the real API process (`runApi`, every module,
// the real authenticator and Redis rate limiter, a Helia node, a CR8 L3 anvil for registration and KYC):
// no 5xx from any REST route or GraphQL field, every refusal coded, no rows written by a refused request.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { newAccount, postJson, signIn } from '../auth/test-auth-api.ts';
import { startTestL3, type TestL3 } from '../indexer/test-l3.ts';
import { DEVNET_KYC_ATTESTER_PRIVATE_KEY } from '../kyc/config.ts';
import type { Service } from '../service/service.ts';
import { type FuzzStats, fuzzGraphql, fuzzRest, type FuzzTarget } from './fuzz-api.ts';
import { runApi } from './run-api.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
let l3: TestL3;
let database: TestDatabase;
let ipfsDir: string;
let service: Service;
let db: pg.Pool;
let target: FuzzTarget;
// The executions' BullMQ jobs and update channels, apart from any other user of the machine's Redis.
const executionPrefix = `cr8-fuzz-executions-${randomBytes(4).toString('hex')}`;

before(async () => {
  [l3, database, ipfsDir] = await Promise.all([startTestL3(), createTestDatabase(), mkdtemp(join(tmpdir(), 'cr8-fuzz-ipfs-'))]);
  const lots = '1000000/60';
  const started = await runApi({
    DATABASE_URL: database.url,
    API_PORT: '0',
    LOG_LEVEL: 'silent',
    CHAIN_RPC_URL: l3.rpcUrl,
    IPFS_DIR: ipfsDir,
    IPFS_LISTEN: '/ip4/127.0.0.1/tcp/0',
    IPFS_GET_TIMEOUT_MS: '200',
    SECRETS_KEY: randomBytes(32).toString('hex'),
    REGISTRATION_RELAYER_PRIVATE_KEY: l3.accounts[7]!.privateKey,
    KYC_ATTESTER_PRIVATE_KEY: DEVNET_KYC_ATTESTER_PRIVATE_KEY,
    RATE_LIMIT_PREFIX: `cr8:fuzz:${randomBytes(4).toString('hex')}`,
    RATE_LIMIT_IP: lots,
    RATE_LIMIT_CREDENTIAL: lots,
    RATE_LIMIT_WALLET: lots,
    RATE_LIMIT_AUTH: lots,
    RATE_LIMIT_KYC: lots,
    RATE_LIMIT_REGISTER: lots,
    EXECUTION_QUEUE_PREFIX: executionPrefix,
    ORCHESTRATOR_ADDRESS: l3.accounts[6]!.address,
  });
  service = started.service;
  const url = started.api.url;
  db = new pg.Pool({ connectionString: database.url });
  const account = newAccount();
  const session = (await signIn(url, account)).token as string;
  const key = await postJson(url, '/api/keys', { name: 'fuzz', scopes: ['agents:read', 'agents:write', 'agents:execute', 'analytics:read', 'kyc:write'] }, { authorization: `Bearer ${session}` });
  assert.ok(key.body.key, JSON.stringify(key.body));
  const user = (await db.query<{ id: string }>('SELECT id FROM users WHERE wallet_address = $1', [account.address.toLowerCase()])).rows[0]!.id;
  const agents = await db.query<{ id: string }>(
    `INSERT INTO agents (creator_user_id, creator_address, name, status, onchain_id) VALUES ($1, $2, 'fuzzed', 'registered', 1), ($1, $2, 'draft', 'draft', NULL) RETURNING id`,
    [user, account.address.toLowerCase()],
  );
  // An execution of the fuzzing user's, so that reads and cancels get past NOT_FOUND.
  const execution = await postJson(url, `/api/v1/agents/${agents.rows[0]!.id}/execute`, { input: 'fuzz' }, { authorization: `Bearer ${session}` });
  assert.ok(execution.body.executionId, JSON.stringify(execution.body));
  target = {
    url,
    db,
    knownIds: [...agents.rows.map((row) => row.id), '1', user, execution.body.executionId, l3.accounts[6]!.address, 'bagaaierasords4njcts6vs7qvdjfcvgnume4hqohf65zsfguprqphs3icwea'],
    credentials: [`Bearer ${session}`, `Bearer ${key.body.key}`],
  };
});

after(async () => {
  await service?.shutdown('test done');
  const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const keys = await redis.keys(`${executionPrefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await db?.end();
  await database?.drop();
  await l3?.stop();
  if (ipfsDir) await rm(ipfsDir, { recursive: true, force: true });
});

test(`${RUNS} fuzzed REST requests on every route: no 5xx, every refusal coded, nothing written on refusal`, async (t) => {
  const stats: FuzzStats = new Map();
  assert.equal(await fuzzRest(target, RUNS, stats), RUNS);
  t.diagnostic(`statuses by route: ${JSON.stringify(Object.fromEntries(stats))}`);
  // The fuzzing must get past authentication and validation into the handlers, not only be refused early.
  const succeeded = [...stats.entries()].filter(([, counts]) => Object.keys(counts).some((status) => status.startsWith('2')));
  assert.ok(succeeded.length >= 6, `only ${succeeded.length} routes ever answered 2xx: ${JSON.stringify(Object.fromEntries(stats))}`);
});

test(`${RUNS} fuzzed GraphQL operations on every root field: no 5xx or INTERNAL, failed mutations write nothing`, async () => {
  assert.equal(await fuzzGraphql(target, RUNS), RUNS);
});
