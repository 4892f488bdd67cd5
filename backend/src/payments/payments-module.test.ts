// Spending authorizations over HTTP and GraphQL, on a fresh database, signed by real keys (viem local
// accounts) exactly as a wallet signs the typed data the API hands out; and against a CR8 L3 on anvil:
// the CreditVault computes the same digest, and contract wallets (ERC-1271) are asked through the chain.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { predeployAddress } from '@cr8/predeploys/addresses';
import { creditVaultAbi } from '@cr8/contracts';
import { createPublicClient, getAddress, type Hex, hashTypedData, http, type PublicClient, verifyTypedData } from 'viem';
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { ApiError } from '../api/api-error.ts';
import { startTestApi, type TestApi } from '../api/test-api.ts';
import { startTestL3, type TestL3 } from '../indexer/test-l3.ts';
import { orchestratorFor } from './payments-deps.ts';
import { paymentsModule } from './payments-module.ts';

const CHAIN_ID = 888_008;
const CREDIT_VAULT = predeployAddress.CreditVault.toLowerCase() as `0x${string}`;
const ORCHESTRATOR = `0x${'0c'.repeat(20)}` as const;
const OTHER_ORCHESTRATOR = `0x${'0d'.repeat(20)}` as const;
const CURVE_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

let api: TestApi;
let l3: TestL3;
let payer: PrivateKeyAccount;
let payerId: string;
let other: PrivateKeyAccount;
let otherId: string;

before(async () => {
  l3 = await startTestL3();
  // The module gets the L3 as its chain client (for ERC-1271 wallets).
  api = await startTestApi([paymentsModule({ chainId: CHAIN_ID, creditVault: CREDIT_VAULT, defaultOrchestrator: ORCHESTRATOR, publicClient: l3.publicClient })]);
  payer = privateKeyToAccount(generatePrivateKey());
  other = privateKeyToAccount(generatePrivateKey());
  payerId = await user(payer.address);
  otherId = await user(other.address);
});

after(async () => {
  await api?.close();
  await l3?.stop();
});

async function user(address: string): Promise<string> {
  return (await api.db.query<{ id: string }>('INSERT INTO users (wallet_address) VALUES ($1) RETURNING id', [address.toLowerCase()])).rows[0]!.id;
}

async function call(method: string, path: string, userId: string | null, body?: unknown) {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: { ...(userId ? { 'x-test-user': userId } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function gql(query: string, variables: Record<string, unknown>, userId: string | null) {
  const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(userId ? { 'x-test-user': userId } : {}) }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as any;
}

/** The typed data as a wallet takes it from JSON (eth_signTypedData_v4): the amount back to an integer. */
function fromJson(typedData: any) {
  return { ...typedData, message: { ...typedData.message, cumulativeAmount: BigInt(typedData.message.cumulativeAmount) } };
}

/** Fetches the typed data for `amount` and signs it with `account` (a wallet). */
async function signed(account: PrivateKeyAccount, userId: string, amount: bigint, orchestrator?: string): Promise<{ signature: Hex; typedData: any; digest: Hex }> {
  const query = new URLSearchParams({ cumulativeAmount: amount.toString(), ...(orchestrator ? { orchestrator } : {}) });
  const answer = await call('GET', `/api/v1/payments/authorizations/typed-data?${query}`, userId);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return { signature: await account.signTypedData(fromJson(answer.body.typedData)), typedData: answer.body.typedData, digest: answer.body.digest };
}

async function stored(): Promise<Array<{ payer: string; orchestrator: string; cumulative_wei: string; signature: string }>> {
  return (await api.db.query('SELECT payer, orchestrator, cumulative_wei::text AS cumulative_wei, signature FROM payment_authorizations ORDER BY created_at')).rows;
}

test('the typed data is what verifyTypedData accepts and the CreditVault hashes; a signed authorization is stored', async () => {
  const { signature, typedData, digest } = await signed(payer, payerId, 1_000n);
  assert.deepEqual(typedData.domain, { name: 'CR8 CreditVault', version: '1', chainId: CHAIN_ID, verifyingContract: predeployAddress.CreditVault });
  assert.deepEqual(typedData.message, { payer: payer.address, orchestrator: getAddress(ORCHESTRATOR), cumulativeAmount: '1000' });
  assert.equal(typedData.primaryType, 'SpendingAuthorization');
  assert.ok(await verifyTypedData({ ...fromJson(typedData), address: payer.address, signature }));
  assert.equal(hashTypedData(fromJson(typedData)), digest);
  // The vault's own digest (the L3 runs the real CreditVault at its predeploy address).
  const onchain = await l3.publicClient.readContract({ address: predeployAddress.CreditVault, abi: creditVaultAbi, functionName: 'authorizationDigest', args: [payer.address, ORCHESTRATOR, 1_000n] });
  assert.equal(onchain, digest);

  const submitted = await call('POST', '/api/v1/payments/authorizations', payerId, { cumulativeAmount: '1000', signature });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  assert.deepEqual({ ...submitted.body, authorizedAt: undefined }, {
    payer: payer.address.toLowerCase(),
    orchestrator: ORCHESTRATOR,
    cumulativeAmount: '1000',
    chargedWei: '0',
    reservedWei: '0',
    headroomWei: '1000',
    authorizedAt: undefined,
  });
  assert.deepEqual(await stored(), [{ payer: payer.address.toLowerCase(), orchestrator: ORCHESTRATOR, cumulative_wei: '1000', signature: signature.toLowerCase() }]);
});

test('refusals: another key, another amount, a malleable signature, a non-increasing amount, bad bodies; nothing stored', async () => {
  const before = await stored();
  const { signature } = await signed(payer, payerId, 2_000n);
  const byOther = await other.signTypedData(fromJson((await signed(payer, payerId, 2_000n)).typedData));
  const wrongKey = await call('POST', '/api/v1/payments/authorizations', payerId, { cumulativeAmount: '2000', signature: byOther });
  assert.deepEqual([wrongKey.status, wrongKey.body.error.code], [400, 'INVALID_SIGNATURE']);
  const wrongAmount = await call('POST', '/api/v1/payments/authorizations', payerId, { cumulativeAmount: '2001', signature });
  assert.deepEqual([wrongAmount.status, wrongAmount.body.error.code], [400, 'INVALID_SIGNATURE']);
  const wrongOrchestrator = await call('POST', '/api/v1/payments/authorizations', payerId, { orchestrator: OTHER_ORCHESTRATOR, cumulativeAmount: '2000', signature });
  assert.equal(wrongOrchestrator.body.error.code, 'INVALID_SIGNATURE');
  // The same key's other signature of the same message (s → n - s): OpenZeppelin's ECDSA refuses it.
  const s = BigInt(`0x${signature.slice(66, 130)}`);
  const v = Number.parseInt(signature.slice(130), 16);
  const malleable = `${signature.slice(0, 66)}${(CURVE_ORDER - s).toString(16).padStart(64, '0')}${(v === 27 ? 28 : 27).toString(16)}` as Hex;
  assert.ok(await verifyTypedData({ ...fromJson((await signed(payer, payerId, 2_000n)).typedData), address: payer.address, signature: malleable }), 'viem accepts the high-s twin');
  const highS = await call('POST', '/api/v1/payments/authorizations', payerId, { cumulativeAmount: '2000', signature: malleable });
  assert.deepEqual([highS.status, highS.body.error.code], [400, 'INVALID_SIGNATURE']);
  assert.match(highS.body.error.message, /upper half/);

  for (const amount of [1_000n, 999n]) {
    const replay = await signed(payer, payerId, amount);
    const refused = await call('POST', '/api/v1/payments/authorizations', payerId, { cumulativeAmount: amount.toString(), signature: replay.signature });
    assert.deepEqual([refused.status, refused.body.error.code, refused.body.error.details.largestCumulativeAmount], [409, 'AUTHORIZATION_NOT_INCREASING', '1000']);
  }
  for (const body of [
    { cumulativeAmount: '0', signature },
    { cumulativeAmount: '-1', signature },
    { cumulativeAmount: 2000, signature },
    { cumulativeAmount: (2n ** 256n).toString(), signature },
    { cumulativeAmount: '2000', signature: signature.slice(0, 100) },
    { cumulativeAmount: '2000', signature: `${signature}0` },
    { cumulativeAmount: '2000', signature, orchestrator: '0x1234' },
    { cumulativeAmount: '2000', signature, payer: other.address },
  ]) {
    const refused = await call('POST', '/api/v1/payments/authorizations', payerId, body);
    assert.deepEqual([refused.status, refused.body.error.code], [400, 'INVALID_ARGUMENT'], JSON.stringify(body));
  }
  assert.equal((await call('POST', '/api/v1/payments/authorizations', null, { cumulativeAmount: '2000', signature })).status, 401);
  assert.deepEqual(await stored(), before);
  assert.throws(() => orchestratorFor({ chainId: CHAIN_ID, creditVault: CREDIT_VAULT }, undefined), (error: ApiError) => error.code === 'INVALID_ARGUMENT' && /orchestrator/.test(error.message));
});

test('a recovery id of 0/1 is accepted and stored as the vault wants it (27/28)', async () => {
  const { signature } = await signed(payer, payerId, 3_000n);
  const v = Number.parseInt(signature.slice(130), 16);
  const zeroBased = `${signature.slice(0, 130)}0${v - 27}` as Hex;
  const submitted = await call('POST', '/api/v1/payments/authorizations', payerId, { cumulativeAmount: '3000', signature: zeroBased });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  assert.equal((await stored()).at(-1)!.signature, signature.toLowerCase());
});

test('listing: the largest authorization per orchestrator with charged, reserved and headroom; only the caller\'s', async () => {
  const forOther = await signed(payer, payerId, 500n, OTHER_ORCHESTRATOR);
  assert.equal((await call('POST', '/api/v1/payments/authorizations', payerId, { orchestrator: OTHER_ORCHESTRATOR, cumulativeAmount: '500', signature: forOther.signature })).status, 200);
  const othersOwn = await signed(other, otherId, 7_000n);
  assert.equal((await call('POST', '/api/v1/payments/authorizations', otherId, { cumulativeAmount: '7000', signature: othersOwn.signature })).status, 200);
  await api.db.query('INSERT INTO payment_channels (payer, orchestrator, charged_wei, reserved_wei) VALUES ($1, $2, 1200, 300)', [payer.address.toLowerCase(), ORCHESTRATOR]);
  await api.db.query('INSERT INTO payment_channels (payer, orchestrator, charged_wei, reserved_wei) VALUES ($1, $2, 400, 200)', [payer.address.toLowerCase(), OTHER_ORCHESTRATOR]);

  const listed = await call('GET', '/api/v1/payments/authorizations', payerId);
  assert.equal(listed.status, 200);
  assert.equal(listed.body.payer, payer.address.toLowerCase());
  assert.deepEqual(
    listed.body.authorizations.map(({ authorizedAt: _at, ...rest }: any) => rest),
    [
      { payer: payer.address.toLowerCase(), orchestrator: ORCHESTRATOR, cumulativeAmount: '3000', chargedWei: '1200', reservedWei: '300', headroomWei: '1500' },
      // Charged and reserved beyond what is signed (an authorization cannot shrink, but rows can be edited): no headroom, never negative.
      { payer: payer.address.toLowerCase(), orchestrator: OTHER_ORCHESTRATOR, cumulativeAmount: '500', chargedWei: '400', reservedWei: '200', headroomWei: '0' },
    ],
  );
  const typed = await call('GET', `/api/v1/payments/authorizations/typed-data?cumulativeAmount=5000`, payerId);
  assert.deepEqual([typed.body.currentCumulativeAmount, typed.body.chargedWei], ['3000', '1200']);
  assert.equal((await call('GET', '/api/v1/payments/authorizations/typed-data?cumulativeAmount=abc', payerId)).body.error.code, 'INVALID_ARGUMENT');
  assert.equal((await call('GET', '/api/v1/payments/authorizations/typed-data', payerId)).body.error.code, 'INVALID_ARGUMENT');
  const others = await call('GET', '/api/v1/payments/authorizations', otherId);
  assert.deepEqual(others.body.authorizations.map((row: any) => [row.orchestrator, row.cumulativeAmount, row.headroomWei]), [[ORCHESTRATOR, '7000', '7000']]);
  assert.equal((await call('GET', '/api/v1/payments/authorizations', null)).status, 401);
});

test('GraphQL: spendingAuthorizationTypedData, authorizeSpending and spendingAuthorizations use the same operations', async () => {
  const typed = await gql('query($amount: String!) { spendingAuthorizationTypedData(cumulativeAmount: $amount) { typedData digest currentCumulativeAmount } }', { amount: '4000' }, payerId);
  const { typedData, digest } = typed.data.spendingAuthorizationTypedData;
  assert.equal(hashTypedData(fromJson(typedData)), digest);
  const signature = await payer.signTypedData(fromJson(typedData));
  const authorized = await gql('mutation($amount: String!, $signature: String!) { authorizeSpending(cumulativeAmount: $amount, signature: $signature) { cumulativeAmount headroomWei } }', { amount: '4000', signature }, payerId);
  assert.deepEqual(authorized.data.authorizeSpending, { cumulativeAmount: '4000', headroomWei: '2500' });
  const again = await gql('mutation($amount: String!, $signature: String!) { authorizeSpending(cumulativeAmount: $amount, signature: $signature) { cumulativeAmount } }', { amount: '4000', signature }, payerId);
  assert.equal(again.errors[0].extensions.code, 'AUTHORIZATION_NOT_INCREASING');
  const forged = await gql('mutation($signature: String!) { authorizeSpending(cumulativeAmount: "5000", signature: $signature) { cumulativeAmount } }', { signature }, payerId);
  assert.equal(forged.errors[0].extensions.code, 'INVALID_SIGNATURE');
  const list = await gql('{ spendingAuthorizations { orchestrator cumulativeAmount } }', {}, payerId);
  assert.deepEqual(list.data.spendingAuthorizations, [
    { orchestrator: ORCHESTRATOR, cumulativeAmount: '4000' },
    { orchestrator: OTHER_ORCHESTRATOR, cumulativeAmount: '500' },
  ]);
  assert.equal((await gql('{ spendingAuthorizations { orchestrator } }', {}, null)).errors[0].extensions.code, 'UNAUTHENTICATED');
});

test('contract wallets: ERC-1271 through the chain client, as the vault checks them; no chain, no contract signature', async () => {
  // Runtime code returning isValidSignature's magic value for any call, and code that always reverts.
  const accepting = '0x631626ba7e60e01b60005260206000f3';
  const reverting = '0x5f5ffd';
  const wallet = `0x${'7a'.repeat(20)}` as const;
  const walletId = await user(wallet);
  await l3.rpc('anvil_setCode', [wallet, accepting]);
  const contractSignature = `0x${'11'.repeat(100)}` as Hex; // e.g. a multisig's: not a 65-byte ECDSA signature
  const accepted = await call('POST', '/api/v1/payments/authorizations', walletId, { cumulativeAmount: '10', signature: contractSignature });
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  assert.equal((await stored()).at(-1)!.signature, contractSignature);
  // A 65-byte signature the key check refuses (high s) still goes to the contract, as in the vault.
  const highS = `0x${'22'.repeat(32)}${(CURVE_ORDER - 1n).toString(16)}1b` as Hex;
  const byContract = await call('POST', '/api/v1/payments/authorizations', walletId, { cumulativeAmount: '15', signature: highS });
  assert.equal(byContract.status, 200, JSON.stringify(byContract.body));
  assert.equal((await stored()).at(-1)!.signature, highS);

  await l3.rpc('anvil_setCode', [wallet, reverting]);
  const refused = await call('POST', '/api/v1/payments/authorizations', walletId, { cumulativeAmount: '20', signature: contractSignature });
  assert.deepEqual([refused.status, refused.body.error.code], [400, 'INVALID_SIGNATURE']);

  // A wallet without code whose signature recovers to another key: refused, whatever its length.
  const keyless = `0x${'7b'.repeat(20)}` as const;
  const keylessId = await user(keyless);
  assert.equal((await call('POST', '/api/v1/payments/authorizations', keylessId, { cumulativeAmount: '10', signature: contractSignature })).body.error.code, 'INVALID_SIGNATURE');

  // Without a reachable chain: keys still sign (ECDSA needs no chain), a contract's signature is a 503.
  const offline = await startTestApi([
    paymentsModule({ chainId: CHAIN_ID, creditVault: CREDIT_VAULT, defaultOrchestrator: ORCHESTRATOR, publicClient: createPublicClient({ transport: http('http://127.0.0.1:9', { retryCount: 0 }) }) as PublicClient }),
  ]);
  try {
    const walletIdOffline = (await offline.db.query<{ id: string }>('INSERT INTO users (wallet_address) VALUES ($1) RETURNING id', [wallet])).rows[0]!.id;
    const payerIdOffline = (await offline.db.query<{ id: string }>('INSERT INTO users (wallet_address) VALUES ($1) RETURNING id', [payer.address.toLowerCase()])).rows[0]!.id;
    const unavailable = await fetch(`${offline.url}/api/v1/payments/authorizations`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-test-user': walletIdOffline }, body: JSON.stringify({ cumulativeAmount: '10', signature: contractSignature }) });
    assert.deepEqual([unavailable.status, ((await unavailable.json()) as any).error.code], [503, 'UPSTREAM_UNAVAILABLE']);
    const { signature } = await signed(payer, payerId, 1n);
    const byKey = await fetch(`${offline.url}/api/v1/payments/authorizations`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-test-user': payerIdOffline }, body: JSON.stringify({ cumulativeAmount: '1', signature }) });
    assert.equal(byKey.status, 200);
  } finally {
    await offline.close();
  }
});
