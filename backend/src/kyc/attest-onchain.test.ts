// The KycRegistry sync against a real CR8 L3 (anvil from genesis.json) behind a JSON-RPC proxy the tests
// take down: it must survive the chain being away and never send a transaction twice.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { devAccounts } from '@cr8/chain';
import type { Anvil } from '@cr8/chain/anvil';
import { kycRegistryAbi } from '@cr8/contracts';
import { predeployAddress } from '@cr8/predeploys/addresses';
import type pg from 'pg';
import { type Address, createPublicClient, http } from 'viem';
import type { TestDatabase } from '../db/test-database.ts';
import { applyProviderStatus } from './apply-provider-status.ts';
import { createKycAttester, kycProviderRef, type KycAttester } from './attest-onchain.ts';
import { DEVNET_KYC_ATTESTER_PRIVATE_KEY } from './config.ts';
import { initiateKyc } from './initiate-kyc.ts';
import { runKycWorkerOnce } from './kyc-worker.ts';
import { createSandboxProvider, type SandboxProvider } from './sandbox-provider.ts';
import { createUser, type RpcProxy, startL3, startRpcProxy, startTestDatabase } from './test-support.ts';
import { verifyKyc } from './verify-kyc.ts';

let l3: Anvil;
let proxy: RpcProxy;
let database: TestDatabase;
let db: pg.Pool;
let attester: KycAttester;
let sandbox: SandboxProvider;
const HOUR = 3_600_000;
let walletCounter = 0;

before(async () => {
  l3 = await startL3();
  proxy = await startRpcProxy(l3.rpcUrl);
  ({ database, db } = await startTestDatabase());
  attester = createKycAttester({ rpcUrl: proxy.url, privateKey: DEVNET_KYC_ATTESTER_PRIVATE_KEY, retryCount: 0, receiptTimeoutMs: 1_500, pollingIntervalMs: 50 });
  sandbox = createSandboxProvider({ db, webhookSecret: 'attest-test' });
});

after(async () => {
  await db?.end();
  await database?.drop();
  await proxy?.close();
  await l3?.stop();
});

const chain = () => createPublicClient({ transport: http(l3.rpcUrl) });
const rpc = (method: string, params: unknown[] = []) =>
  fetch(l3.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) }).then((r) => r.json());
const attestations = async (wallet: Address) =>
  (await chain().getContractEvents({ address: predeployAddress.KycRegistry, abi: kycRegistryAbi, eventName: 'KycAttested', args: { wallet }, fromBlock: 0n })).length;
const nonce = () => chain().getTransactionCount({ address: attester.address });
const verification = async (userId: string) =>
  (await db.query('SELECT status, chain_sync_needed, chain_attempts, chain_error, chain_pending_tx, attestation_tx, revocation_tx FROM kyc_verifications WHERE user_id = $1', [userId])).rows[0];

/** A user verified through the sandbox (real operations), waiting for the chain sync. */
async function verifiedUser(): Promise<{ userId: string; wallet: Address }> {
  const wallet = `0x${(++walletCounter).toString(16).padStart(2, '0').repeat(20)}` as Address;
  const userId = await createUser(db, wallet);
  await initiateKyc({ db, provider: sandbox, level: 'basic-kyc-level' }, { userId, wallet });
  await verifyKyc({ db, provider: sandbox, validityDays: 365 }, { userId }, { sandboxOutcome: 'approve' });
  return { userId, wallet };
}

test('chain down during attestation: the verification stays flagged, retries later, and attests exactly once', async () => {
  const { userId, wallet } = await verifiedUser();
  proxy.mode = 'down';
  const down = await runKycWorkerOnce({ db, attester });
  assert.deepEqual([down.synced, down.failed], [0, 1]);
  let row = await verification(userId);
  assert.deepEqual([row.status, row.chain_sync_needed, row.chain_attempts], ['verified', true, 1]);
  assert.match(row.chain_error, /HTTP request failed/);
  // Not due again until the back-off has passed.
  proxy.mode = 'up';
  assert.equal((await runKycWorkerOnce({ db, attester })).synced, 0);

  const later = new Date(Date.now() + HOUR);
  assert.equal((await runKycWorkerOnce({ db, attester, now: later })).synced, 1);
  row = await verification(userId);
  assert.deepEqual([row.chain_sync_needed, row.chain_attempts, row.chain_error], [false, 0, null]);
  assert.equal(await attestations(wallet), 1);
  assert.equal((await runKycWorkerOnce({ db, attester, now: new Date(Date.now() + 2 * HOUR) })).synced, 0);
  assert.equal(await attestations(wallet), 1);
});

test('the chain goes away after the transaction was sent: the retry finds it mined and sends nothing new', async () => {
  const { userId, wallet } = await verifiedUser();
  const nonceBefore = await nonce();
  proxy.downAfter = 'eth_sendRawTransaction';
  const lost = await runKycWorkerOnce({ db, attester });
  assert.equal(lost.failed, 1);
  const pending = (await verification(userId)).chain_pending_tx;
  assert.match(pending, /^0x[0-9a-f]{64}$/);
  assert.equal(await attestations(wallet), 1, 'the node mined it although we never heard back');

  proxy.mode = 'up';
  assert.equal((await runKycWorkerOnce({ db, attester, now: new Date(Date.now() + HOUR) })).synced, 1);
  const row = await verification(userId);
  assert.equal(row.attestation_tx, pending, 'the transaction sent before is the one recorded');
  assert.equal(row.chain_pending_tx, null);
  assert.equal(await attestations(wallet), 1);
  assert.equal(await nonce(), nonceBefore + 1, 'exactly one transaction');
});

test('a transaction still in the mempool is waited for, not duplicated', async () => {
  const { userId, wallet } = await verifiedUser();
  const nonceBefore = await nonce();
  await rpc('evm_setAutomine', [false]);
  try {
    assert.equal((await runKycWorkerOnce({ db, attester })).failed, 1, 'no receipt within the timeout');
    const pending = (await verification(userId)).chain_pending_tx;
    assert.ok(pending);
    assert.equal((await runKycWorkerOnce({ db, attester, now: new Date(Date.now() + HOUR) })).waiting, 1);
    assert.equal((await chain().getBlock({ blockTag: 'pending', includeTransactions: true })).transactions.length, 1, 'still one transaction');
    await rpc('evm_mine');
  } finally {
    await rpc('evm_setAutomine', [true]);
  }
  assert.equal((await runKycWorkerOnce({ db, attester, now: new Date(Date.now() + 2 * HOUR) })).synced, 1);
  assert.equal(await attestations(wallet), 1);
  assert.equal(await nonce(), nonceBefore + 1);
});

test('a newer rejection after the attestation revokes it on-chain', async () => {
  const { userId, wallet } = await verifiedUser();
  await runKycWorkerOnce({ db, attester, now: new Date(Date.now() + 3 * HOUR) });
  const isVerified = () => chain().readContract({ address: predeployAddress.KycRegistry, abi: kycRegistryAbi, functionName: 'isVerified', args: [wallet] });
  assert.equal(await isVerified(), true);
  const { rows } = await db.query('SELECT provider, external_id FROM kyc_verifications WHERE user_id = $1', [userId]);
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    await applyProviderStatus(client, { provider: rows[0].provider, externalId: rows[0].external_id, status: 'rejected', occurredAt: new Date(Date.now() + 1000) }, { validityDays: 365 });
    await client.query('COMMIT');
  } finally {
    client.release();
  }
  assert.equal((await runKycWorkerOnce({ db, attester, now: new Date(Date.now() + 4 * HOUR) })).synced, 1);
  assert.equal(await isVerified(), false);
  const row = await verification(userId);
  assert.match(row.revocation_tx, /^0x[0-9a-f]{64}$/);
  assert.equal(row.chain_sync_needed, false);
  // The attestation referenced the applicant by hash, not by anything personal.
  const [event] = await chain().getContractEvents({ address: predeployAddress.KycRegistry, abi: kycRegistryAbi, eventName: 'KycAttested', args: { wallet }, fromBlock: 0n });
  assert.equal(event!.args.providerRef, kycProviderRef(rows[0].provider, rows[0].external_id));
});

test('a key without ATTESTER_ROLE sends nothing and records why (retried later, e.g. once the role is granted)', async () => {
  const { userId } = await verifiedUser();
  const outsider = devAccounts()[5]!;
  const unauthorized = createKycAttester({ rpcUrl: l3.rpcUrl, privateKey: outsider.privateKey, retryCount: 0, receiptTimeoutMs: 1_500 });
  const before = await chain().getTransactionCount({ address: outsider.address });
  assert.equal((await runKycWorkerOnce({ db, attester: unauthorized, now: new Date(Date.now() + 5 * HOUR) })).failed, 1);
  assert.equal(await chain().getTransactionCount({ address: outsider.address }), before);
  const row = await verification(userId);
  assert.equal(row.chain_sync_needed, true);
  assert.match(row.chain_error, /reverted.*AccessControlUnauthorizedAccount/);
});
