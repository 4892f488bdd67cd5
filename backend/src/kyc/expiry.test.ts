// Expiry is honoured: at read time (status, GraphQL, the publishing gate), by the sweep, and on-chain.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Anvil } from '@cr8/chain/anvil';
import { kycRegistryAbi } from '@cr8/contracts';
import { predeployAddress } from '@cr8/predeploys/addresses';
import { type Address, createPublicClient, http } from 'viem';
import { ApiError } from '../api/api-error.ts';
import { createKycAttester, type KycAttester } from './attest-onchain.ts';
import { DEVNET_KYC_ATTESTER_PRIVATE_KEY } from './config.ts';
import { handleKycWebhook } from './handle-webhook.ts';
import { kycModule } from './kyc-module.ts';
import { runKycWorkerOnce } from './kyc-worker.ts';
import { signPayload } from './payload-digest.ts';
import { requireVerifiedKyc } from './require-verified-kyc.ts';
import { createSandboxProvider, type SandboxProvider } from './sandbox-provider.ts';
import { call, createUser, graphql, startL3, startTestApi, type TestApi } from './test-support.ts';

const SECRET = 'expiry-test-secret';
let l3: Anvil;
let app: TestApi;
let attester: KycAttester;
let sandbox: SandboxProvider;

before(async () => {
  l3 = await startL3();
  attester = createKycAttester({ rpcUrl: l3.rpcUrl, privateKey: DEVNET_KYC_ATTESTER_PRIVATE_KEY, receiptTimeoutMs: 10_000, pollingIntervalMs: 50 });
  app = await startTestApi((db) => {
    sandbox = createSandboxProvider({ db, webhookSecret: SECRET });
    return [kycModule({ provider: sandbox, level: 'basic-kyc-level', validityDays: 365 })];
  });
});

after(async () => {
  await app?.close();
  await l3?.stop();
});

const chain = () => createPublicClient({ transport: http(l3.rpcUrl) });
const onchain = async (wallet: Address) => ({
  isVerified: await chain().readContract({ address: predeployAddress.KycRegistry, abi: kycRegistryAbi, functionName: 'isVerified', args: [wallet] }),
  until: await chain().readContract({ address: predeployAddress.KycRegistry, abi: kycRegistryAbi, functionName: 'verifiedUntil', args: [wallet] }),
});
const kycRequired = (error: unknown) => error instanceof ApiError && error.status === 403 && error.code === 'KYC_REQUIRED' && error.details?.kycStatus === 'expired';

async function verifiedAndAttested(wallet: Address): Promise<string> {
  const user = await createUser(app.db, wallet);
  await call(app.api, 'POST', '/api/kyc/initiate', { user });
  assert.equal((await call(app.api, 'POST', '/api/kyc/verify', { user, body: { sandboxOutcome: 'approve' } })).body.status, 'verified');
  await runKycWorkerOnce({ db: app.db, attester });
  assert.equal((await onchain(wallet)).isVerified, true);
  return user;
}

test('a past expiry reads as expired at once; the gate refuses; the sweep marks it and revokes on-chain', async () => {
  const wallet = `0x${'e1'.repeat(20)}` as Address;
  const user = await verifiedAndAttested(wallet);
  // The verification's validity is cut short off-chain (the chain still holds it for a year).
  await app.db.query("UPDATE kyc_verifications SET expires_at = now() - interval '1 minute' WHERE user_id = $1", [user]);
  await app.db.query("UPDATE users SET kyc_expires_at = now() - interval '1 minute' WHERE id = $1", [user]);

  // Before any sweep: every read says expired.
  assert.equal((await app.db.query('SELECT kyc_status FROM users WHERE id = $1', [user])).rows[0].kyc_status, 'verified');
  assert.equal((await call(app.api, 'GET', '/api/kyc/status', { user })).body.status, 'expired');
  assert.equal((await graphql(app.api, user, '{ kyc { status } }')).body.data.kyc.status, 'expired');
  await assert.rejects(requireVerifiedKyc(app.db, user), kycRequired);
  assert.equal((await onchain(wallet)).isVerified, true);

  const tick = await runKycWorkerOnce({ db: app.db, attester });
  assert.deepEqual(tick, { expired: 1, synced: 1, failed: 0, waiting: 0 });
  assert.deepEqual(await onchain(wallet), { isVerified: false, until: 0n });
  const { rows } = await app.db.query(
    'SELECT v.status, v.revocation_tx, v.chain_sync_needed, u.kyc_status FROM kyc_verifications v JOIN users u ON u.id = v.user_id WHERE u.id = $1',
    [user],
  );
  assert.equal(rows[0].status, 'expired');
  assert.equal(rows[0].kyc_status, 'expired');
  assert.equal(rows[0].chain_sync_needed, false);
  assert.match(rows[0].revocation_tx, /^0x[0-9a-f]{64}$/);
  await assert.rejects(requireVerifiedKyc(app.db, user), kycRequired);
  assert.deepEqual(await runKycWorkerOnce({ db: app.db, attester }), { expired: 0, synced: 0, failed: 0, waiting: 0 });

  // An expired user may start over.
  assert.equal((await call(app.api, 'POST', '/api/kyc/initiate', { user })).body.created, true);
});

test('news of an approval whose validity has already run out is stored as expired, never attested', async () => {
  const wallet = `0x${'e2'.repeat(20)}` as Address;
  const user = await createUser(app.db, wallet);
  const { body } = await call(app.api, 'POST', '/api/kyc/initiate', { user });
  const event = JSON.stringify({
    type: 'sandboxApplicantReviewed',
    eventId: `${body.externalId}:1`,
    externalId: body.externalId,
    status: 'verified',
    occurredAt: new Date(Date.now() - 400 * 86_400_000).toISOString(),
  });
  const result = await handleKycWebhook({ db: app.db, provider: sandbox, validityDays: 365 }, Buffer.from(event), signPayload(SECRET, event));
  assert.deepEqual(result, { received: true, duplicate: false, applied: true, status: 'expired' });
  assert.equal((await call(app.api, 'GET', '/api/kyc/status', { user })).body.status, 'expired');
  await runKycWorkerOnce({ db: app.db, attester });
  assert.deepEqual(await onchain(wallet), { isVerified: false, until: 0n });
});

test('a verification that lapsed on-chain too needs no revoke transaction', async () => {
  const wallet = `0x${'e3'.repeat(20)}` as Address;
  const user = await verifiedAndAttested(wallet);
  const nonce = await chain().getTransactionCount({ address: attester.address });
  // A year and a day later, by both clocks.
  const later = Date.now() + 366 * 86_400_000;
  const rpc = (method: string, params: unknown[]) =>
    fetch(l3.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  await rpc('evm_setNextBlockTimestamp', [Math.floor(later / 1000)]);
  await rpc('evm_mine', []);
  assert.equal((await onchain(wallet)).isVerified, false);
  await assert.rejects(requireVerifiedKyc(app.db, user, new Date(later)), kycRequired);

  const tick = await runKycWorkerOnce({ db: app.db, attester, now: new Date(later) });
  assert.equal(tick.expired, 1);
  assert.equal(await chain().getTransactionCount({ address: attester.address }), nonce, 'nothing sent');
  const { rows } = await app.db.query('SELECT status, chain_sync_needed, revocation_tx FROM kyc_verifications WHERE user_id = $1', [user]);
  assert.deepEqual(rows[0], { status: 'expired', chain_sync_needed: false, revocation_tx: null });
});
