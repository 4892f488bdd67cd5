// The whole KYC flow with the embedded sandbox provider, over real HTTP and GraphQL, against a real
// PostgreSQL and a real CR8 L3 (anvil from genesis.json) for the KycRegistry attestation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Anvil } from '@cr8/chain/anvil';
import { kycRegistryAbi } from '@cr8/contracts';
import { predeployAddress } from '@cr8/predeploys/addresses';
import { createPublicClient, http, keccak256, stringToHex } from 'viem';
import { ApiError } from '../api/api-error.ts';
import { createKycAttester, type KycAttester } from './attest-onchain.ts';
import { DEVNET_KYC_ATTESTER_PRIVATE_KEY } from './config.ts';
import { kycModule } from './kyc-module.ts';
import { runKycWorkerOnce } from './kyc-worker.ts';
import { requireVerifiedKyc } from './require-verified-kyc.ts';
import { createSandboxProvider, SANDBOX_REJECTION_REASON } from './sandbox-provider.ts';
import { call, createUser, graphql, startL3, startTestApi, type TestApi } from './test-support.ts';

let l3: Anvil;
let app: TestApi;
let attester: KycAttester;
const WEBHOOK_SECRET = 'sandbox-test-secret';
const DAY = 86_400_000;

before(async () => {
  l3 = await startL3();
  attester = createKycAttester({ rpcUrl: l3.rpcUrl, privateKey: DEVNET_KYC_ATTESTER_PRIVATE_KEY, receiptTimeoutMs: 10_000, pollingIntervalMs: 50 });
  app = await startTestApi((db) => [kycModule({ provider: createSandboxProvider({ db, webhookSecret: WEBHOOK_SECRET }), level: 'basic-kyc-level', validityDays: 365 })]);
});

after(async () => {
  await app?.close();
  await l3?.stop();
});

const registry = () => createPublicClient({ transport: http(l3.rpcUrl) });
const isVerifiedOnchain = (wallet: `0x${string}`) =>
  registry().readContract({ address: predeployAddress.KycRegistry, abi: kycRegistryAbi, functionName: 'isVerified', args: [wallet] });

test('genesis authorizes the devnet attester key on the KycRegistry predeploy', async () => {
  assert.equal(attester.address, '0x90F79bf6EB2c4f870365E785982E1f101E93b906');
  const role = keccak256(stringToHex('cr8.role.kycAttester'));
  assert.equal(await registry().readContract({ address: predeployAddress.KycRegistry, abi: kycRegistryAbi, functionName: 'hasRole', args: [role, attester.address] }), true);
});

test('sandbox: initiate → verify approve → user verified with expiry → attested on-chain', async () => {
  const wallet = `0x${'a1'.repeat(20)}` as const;
  const user = await createUser(app.db, wallet);
  assert.equal((await call(app.api, 'GET', '/api/kyc/status', { user })).body.status, 'none');

  const initiated = await call(app.api, 'POST', '/api/kyc/initiate', { user });
  assert.equal(initiated.status, 200);
  assert.equal(initiated.body.provider, 'sandbox');
  assert.equal(initiated.body.status, 'pending');
  assert.equal(initiated.body.created, true);
  assert.match(initiated.body.externalId, /^sandbox-/);
  // Initiating again while pending resumes the same applicant.
  const again = await call(app.api, 'POST', '/api/kyc/initiate', { user });
  assert.equal(again.body.externalId, initiated.body.externalId);
  assert.equal(again.body.created, false);
  await assert.rejects(requireVerifiedKyc(app.db, user), (error: unknown) => error instanceof ApiError && error.code === 'KYC_REQUIRED' && error.status === 403);

  // Polling before a decision leaves it pending.
  assert.equal((await call(app.api, 'POST', '/api/kyc/verify', { user, body: {} })).body.status, 'pending');

  const before = Date.now();
  const verified = await call(app.api, 'POST', '/api/kyc/verify', { user, body: { sandboxOutcome: 'approve' } });
  assert.equal(verified.status, 200);
  assert.equal(verified.body.status, 'verified');
  assert.equal(verified.body.onchain.syncPending, true);
  const expiresAt = new Date(verified.body.expiresAt).getTime();
  assert.ok(expiresAt >= before + 365 * DAY && expiresAt <= Date.now() + 365 * DAY, 'valid for KYC_VALIDITY_DAYS from the review');
  const { rows } = await app.db.query('SELECT kyc_status, kyc_expires_at FROM users WHERE id = $1', [user]);
  assert.equal(rows[0].kyc_status, 'verified');
  assert.equal(rows[0].kyc_expires_at.getTime(), expiresAt);
  assert.deepEqual(await requireVerifiedKyc(app.db, user), { expiresAt: new Date(expiresAt) });
  // The sandbox's decision went through the webhook path: recorded once under its event id.
  const events = await app.db.query("SELECT event_id FROM kyc_webhook_events WHERE provider = 'sandbox' AND payload->>'externalId' = $1", [initiated.body.externalId]);
  assert.deepEqual(events.rows.map((row) => row.event_id), [`${initiated.body.externalId}:1`]);

  assert.equal(await isVerifiedOnchain(wallet), false);
  const tick = await runKycWorkerOnce({ db: app.db, attester });
  assert.equal(tick.synced, 1);
  assert.equal(await isVerifiedOnchain(wallet), true);
  const until = await registry().readContract({ address: predeployAddress.KycRegistry, abi: kycRegistryAbi, functionName: 'verifiedUntil', args: [wallet] });
  assert.equal(until, BigInt(Math.floor(expiresAt / 1000)));
  const state = (await call(app.api, 'GET', '/api/kyc/status', { user })).body;
  assert.equal(state.onchain.syncPending, false);
  assert.match(state.onchain.attestationTx, /^0x[0-9a-f]{64}$/);
  const receipt = await registry().getTransactionReceipt({ hash: state.onchain.attestationTx });
  assert.equal(receipt.from.toLowerCase(), attester.address.toLowerCase());
  // Nothing more to do: a second tick sends nothing.
  assert.deepEqual(await runKycWorkerOnce({ db: app.db, attester }), { expired: 0, synced: 0, failed: 0, waiting: 0 });

  // Verified users cannot start over, and a decided sandbox verification cannot be re-decided.
  assert.equal((await call(app.api, 'POST', '/api/kyc/initiate', { user })).body.error.code, 'CONFLICT');
  assert.equal((await call(app.api, 'POST', '/api/kyc/verify', { user, body: { sandboxOutcome: 'reject' } })).body.error.code, 'CONFLICT');
});

test('sandbox: reject → rejected with a reason, never attested; a new attempt can then be started', async () => {
  const wallet = `0x${'b2'.repeat(20)}` as const;
  const user = await createUser(app.db, wallet);
  await call(app.api, 'POST', '/api/kyc/initiate', { user });
  const rejected = await call(app.api, 'POST', '/api/kyc/verify', { user, body: { sandboxOutcome: 'reject' } });
  assert.equal(rejected.body.status, 'rejected');
  assert.equal(rejected.body.reason, SANDBOX_REJECTION_REASON);
  assert.equal(rejected.body.expiresAt, null);
  assert.equal(rejected.body.onchain.syncPending, false);
  await assert.rejects(requireVerifiedKyc(app.db, user), (error: unknown) => error instanceof ApiError && error.code === 'KYC_REQUIRED');
  await runKycWorkerOnce({ db: app.db, attester });
  assert.equal(await isVerifiedOnchain(wallet), false);

  const retry = await call(app.api, 'POST', '/api/kyc/initiate', { user });
  assert.equal(retry.body.created, true);
  assert.equal((await call(app.api, 'GET', '/api/kyc/status', { user })).body.status, 'pending');
});

test('concurrent initiates of one user create one applicant', async () => {
  const user = await createUser(app.db, `0x${'e5'.repeat(20)}`);
  const sessions = await Promise.all(Array.from({ length: 5 }, () => call(app.api, 'POST', '/api/kyc/initiate', { user })));
  assert.deepEqual(new Set(sessions.map((session) => session.body.externalId)).size, 1);
  assert.equal(sessions.filter((session) => session.body.created).length, 1);
  assert.equal((await app.db.query('SELECT count(*)::int AS n FROM kyc_verifications WHERE user_id = $1', [user])).rows[0].n, 1);
});

test('GraphQL: kyc, initiateKyc, verifyKyc(sandboxOutcome) go through the same operations', async () => {
  const wallet = `0x${'c3'.repeat(20)}` as const;
  const user = await createUser(app.db, wallet);
  assert.equal((await graphql(app.api, user, '{ kyc { status } }')).body.data.kyc.status, 'none');
  const initiated = await graphql(app.api, user, 'mutation { initiateKyc { status provider externalId accessToken created } }');
  assert.deepEqual({ ...initiated.body.data.initiateKyc, externalId: undefined }, { status: 'pending', provider: 'sandbox', externalId: undefined, accessToken: null, created: true });
  const verified = await graphql(app.api, user, 'mutation { verifyKyc(sandboxOutcome: approve) { status expiresAt onchain { syncPending } } }');
  assert.equal(verified.body.data.verifyKyc.status, 'verified');
  assert.equal(verified.body.data.verifyKyc.onchain.syncPending, true);
  const unauthenticated = await graphql(app.api, null, '{ kyc { status } }');
  assert.equal(unauthenticated.body.errors[0].extensions.code, 'UNAUTHENTICATED');
  const badOutcome = await graphql(app.api, user, 'mutation { verifyKyc(sandboxOutcome: maybe) { status } }');
  assert.equal(badOutcome.status, 400);
});

test('refusals are coded 4xx: no session, missing scope, bad body, nothing to verify', async () => {
  const user = await createUser(app.db, `0x${'d4'.repeat(20)}`);
  assert.equal((await call(app.api, 'POST', '/api/kyc/initiate')).status, 401);
  const scoped = await call(app.api, 'POST', '/api/kyc/initiate', { user, headers: { 'x-test-scopes': 'agents:read' } });
  assert.deepEqual([scoped.status, scoped.body.error.code], [403, 'FORBIDDEN']);
  for (const [body, status, code] of [
    [{ sandboxOutcome: 'maybe' }, 400, 'INVALID_ARGUMENT'],
    [{ other: 1 }, 400, 'INVALID_ARGUMENT'],
    ['{"sandboxOutcome":', 400, 'BAD_REQUEST'],
    [{}, 404, 'NOT_FOUND'],
    [{ sandboxOutcome: 'approve' }, 404, 'NOT_FOUND'],
  ] as const) {
    const response = await call(app.api, 'POST', '/api/kyc/verify', { user, body });
    assert.deepEqual([response.status, response.body.error.code], [status, code], JSON.stringify(body));
  }
  assert.equal((await app.db.query('SELECT count(*)::int AS n FROM kyc_verifications WHERE user_id = $1', [user])).rows[0].n, 0);
});
