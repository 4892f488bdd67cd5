// The KYC config (defaults, Sumsub's required secrets, merging into the API schema), createKyc, and the
// worker's start/stop.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { z } from 'zod';
import { apiConfigSchema } from '../api/config.ts';
import { ConfigError, loadConfig } from '../service/config.ts';
import { createLogger } from '../service/logger.ts';
import { DEVNET_KYC_ATTESTER_PRIVATE_KEY, KYC_REDACTED_PATHS, kycConfigSchema, kycConfigShape, refineKycConfig } from './config.ts';
import { createKyc } from './create-kyc.ts';
import { startKycWorker } from './kyc-worker.ts';
import { createUser, startTestDatabase } from './test-support.ts';

test('defaults: the sandbox, 365 days, the devnet L3 RPC, no attester', () => {
  const config = loadConfig('test', kycConfigSchema, {});
  assert.deepEqual(config, {
    KYC_PROVIDER: 'sandbox',
    KYC_SUMSUB_BASE_URL: 'https://api.sumsub.com',
    KYC_LEVEL: 'basic-kyc-level',
    KYC_VALIDITY_DAYS: 365,
    CHAIN_RPC_URL: 'http://127.0.0.1:9545',
    KYC_WORKER_INTERVAL_MS: 5000,
  });
});

test('sumsub needs its token, secret key and webhook secret; the error names variables, never values', () => {
  assert.throws(
    () => loadConfig('test', kycConfigSchema, { KYC_PROVIDER: 'sumsub', KYC_SUMSUB_SECRET_KEY: 'top-secret-value' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.issues.map((issue) => issue.variable).sort(), ['KYC_SUMSUB_APP_TOKEN', 'KYC_WEBHOOK_SECRET']);
      assert.equal(error.message.includes('top-secret-value'), false);
      return true;
    },
  );
  assert.throws(() => loadConfig('test', kycConfigSchema, { KYC_ATTESTER_PRIVATE_KEY: '0x1234' }), ConfigError);
  assert.throws(() => loadConfig('test', kycConfigSchema, { KYC_VALIDITY_DAYS: '0' }), ConfigError);
});

test('the fragment merges into the API config schema', () => {
  const schema = z.object({ ...apiConfigSchema.shape, ...kycConfigShape }).superRefine(refineKycConfig);
  const config = loadConfig('test', schema, {
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x',
    KYC_PROVIDER: 'sumsub',
    KYC_SUMSUB_APP_TOKEN: 'a',
    KYC_SUMSUB_SECRET_KEY: 'b',
    KYC_WEBHOOK_SECRET: 'c',
    KYC_ATTESTER_PRIVATE_KEY: DEVNET_KYC_ATTESTER_PRIVATE_KEY,
  });
  assert.equal(config.KYC_PROVIDER, 'sumsub');
  assert.equal(config.API_PORT, 4000);
  assert.throws(() => loadConfig('test', schema, { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', KYC_PROVIDER: 'sumsub' }), ConfigError);
});

test('secrets in logs are redacted with KYC_REDACTED_PATHS', () => {
  const lines: string[] = [];
  const destination = new Writable({ write: (chunk, _encoding, callback) => (lines.push(String(chunk)), callback()) });
  const pino = createLogger({ service: 'redaction', destination });
  // The lead adds KYC_REDACTED_PATHS to REDACTED_PATHS; here a logger built the same way with them.
  const logger = pino.child({}, { redact: { paths: KYC_REDACTED_PATHS, censor: '[redacted]' } });
  logger.info({ config: { KYC_SUMSUB_SECRET_KEY: 'sk-1', KYC_ATTESTER_PRIVATE_KEY: DEVNET_KYC_ATTESTER_PRIVATE_KEY }, KYC_WEBHOOK_SECRET: 'wh-1', session: { accessToken: '_act-1' } }, 'x');
  assert.equal(lines.length, 1);
  for (const secret of ['sk-1', DEVNET_KYC_ATTESTER_PRIVATE_KEY, 'wh-1', '_act-1']) assert.equal(lines.join('').includes(secret), false, secret);
});

test('createKyc builds the configured provider and attester; the worker ticks and stops', async () => {
  const { database, db } = await startTestDatabase();
  try {
    const sandbox = createKyc(loadConfig('test', kycConfigSchema, {}), { db });
    assert.equal(sandbox.provider.name, 'sandbox');
    assert.equal(sandbox.attester, null);
    const sumsub = createKyc(
      loadConfig('test', kycConfigSchema, { KYC_PROVIDER: 'sumsub', KYC_SUMSUB_APP_TOKEN: 'a', KYC_SUMSUB_SECRET_KEY: 'b', KYC_WEBHOOK_SECRET: 'c', KYC_ATTESTER_PRIVATE_KEY: DEVNET_KYC_ATTESTER_PRIVATE_KEY }),
      { db },
    );
    assert.equal(sumsub.provider.name, 'sumsub');
    assert.equal(sumsub.attester!.address, '0x90F79bf6EB2c4f870365E785982E1f101E93b906');

    // A user verified a year ago: the worker's first tick expires them.
    const user = await createUser(db, `0x${'77'.repeat(20)}`);
    await db.query("INSERT INTO kyc_verifications (user_id, provider, external_id, status, expires_at) VALUES ($1, 'sandbox', 'x', 'verified', now() - interval '1 day')", [user]);
    await db.query("UPDATE users SET kyc_status = 'verified', kyc_expires_at = now() - interval '1 day' WHERE id = $1", [user]);
    const silent = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    const worker = startKycWorker({ db, attester: null, logger: createLogger({ service: 'worker-test', destination: silent }), intervalMs: 20 });
    const deadline = Date.now() + 5_000;
    while ((await db.query('SELECT kyc_status FROM users WHERE id = $1', [user])).rows[0].kyc_status !== 'expired') {
      assert.ok(Date.now() < deadline, 'the worker expired the user');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await worker.stop();
  } finally {
    await db.end();
    await database.drop();
  }
});
