// Agent registration end to end on real parts: a CR8 L3 anvil from genesis.json (the AgentRegistry
// predeploy), a Helia node for the card, PostgreSQL, the API over HTTP, and the indexer for
// wallet-sent registrations.
import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { agentRegistryAbi } from '@cr8/contracts';
import { type Hex, createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { agentsModule } from '../agents/agents-module.ts';
import { startTestApi, type TestApi } from '../api/test-api.ts';
import { createIndexer } from '../indexer/create-indexer.ts';
import { createRpcClient } from '../indexer/create-rpc-client.ts';
import { startTestL3, type TestL3 } from '../indexer/test-l3.ts';
import { addCard } from '../ipfs/add-card.ts';
import { getObject } from '../ipfs/get-object.ts';
import { silentLogger, startTestIpfsNode, type TestIpfsNode } from '../ipfs/test-ipfs-node.ts';
import { linkRegisteredAgents } from './link-registered-agents.ts';
import { createRegistrationChain } from './registration-chain.ts';
import { registrationModule } from './registration-module.ts';

let l3: TestL3;
let ipfs: TestIpfsNode;
let api: TestApi;
let kycVerified = true;
/** Makes the next broadcast fail after the transaction was signed and stored (a crash at that point). */
let failNextBroadcast = false;
const secretsKey = randomBytes(32);

/** AES-256-GCM with the agent id as associated data (the production module's scheme, inline here). */
function encryptSecrets(agentId: string, secrets: Record<string, string>): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secretsKey, iv).setAAD(Buffer.from(agentId));
  const body = Buffer.concat([cipher.update(JSON.stringify(secrets)), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

before(async () => {
  [l3, ipfs] = await Promise.all([startTestL3(), startTestIpfsNode({ listen: [] })]);
  const chain = createRegistrationChain({ rpcUrl: l3.rpcUrl, chainId: l3.chainId, relayerPrivateKey: l3.accounts[7]!.privateKey as Hex });
  const request = chain.publicClient.request;
  chain.publicClient.request = (async (args: { method: string }, options?: unknown) => {
    if (args.method === 'eth_sendRawTransaction' && failNextBroadcast) {
      failNextBroadcast = false;
      throw new Error('connection reset (injected)');
    }
    return request(args as never, options as never);
  }) as typeof request;
  api = await startTestApi([
    agentsModule(),
    registrationModule({
      cards: { addCard: (card) => addCard(ipfs.helia, card) },
      chain,
      encryptSecrets,
      requireKyc: async () => {
        if (!kycVerified) throw new (await import('../api/api-error.ts')).ApiError(403, 'KYC_REQUIRED', 'complete KYC');
      },
    }),
  ]);
});

after(async () => {
  await api?.close();
  await ipfs?.remove();
  await l3?.stop();
});

async function user(index: number): Promise<{ id: string; key: Hex; address: `0x${string}` }> {
  const account = l3.accounts[index]!;
  const address = account.address.toLowerCase() as `0x${string}`;
  const { rows } = await api.db.query<{ id: string }>('INSERT INTO users (wallet_address) VALUES ($1) ON CONFLICT (wallet_address) DO UPDATE SET updated_at = now() RETURNING id', [address]);
  return { id: rows[0]!.id, key: account.privateKey as Hex, address };
}

function request(idempotencyKey: string, extra: Record<string, unknown> = {}) {
  return {
    idempotencyKey,
    name: 'Summarizer',
    description: 'Summarizes text',
    endpoints: [{ name: 'MCP', endpoint: 'https://agent.example/mcp', version: '2025-06-18' }],
    capabilities: ['summarize'],
    pricing: { feePerExecution: '1000000000000000', gpuMultiplierBps: 12_000 },
    token: { name: 'Summarizer', symbol: 'SUM', supply: '1000000000000000000000000', creatorShareBps: 1000 },
    executionConfig: { runtime: 'local', command: ['node', 'agent.js'], secrets: { OPENAI_API_KEY: 'sk-very-secret' } },
    ...extra,
  };
}

async function register(userId: string, body: unknown) {
  const response = await fetch(`${api.url}/api/v1/agents/register`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-test-user': userId }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

/** Signs the typed data as a wallet does with eth_signTypedData_v4: integers arrive as decimal strings. */
async function sign(key: Hex, typedData: any): Promise<Hex> {
  const toBigInts = (value: any): any =>
    Array.isArray(value) ? value.map(toBigInts) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toBigInts(v)])) : typeof value === 'string' && /^\d+$/.test(value) ? BigInt(value) : value;
  const message = toBigInts(typedData.message);
  message.registration.tokenName = typedData.message.registration.tokenName;
  message.registration.tokenSymbol = typedData.message.registration.tokenSymbol;
  message.registration.agentURI = typedData.message.registration.agentURI;
  return privateKeyToAccount(key).signTypedData({ ...typedData, message });
}

test('relayed registration: pin the card, sign, relay registerAgentFor, link; retries change nothing', async () => {
  const creator = await user(3);
  const first = await register(creator.id, request('relayed-1'));
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(first.body.status, 'pinned');
  assert.match(first.body.agentURI, /^ipfs:\/\/bagaaiera/);
  assert.equal(first.body.next.kind, 'sign-or-send');
  assert.equal(first.body.next.relayAvailable, true);

  // The card on IPFS: ERC-8004 shape, CR8 fields, and no secret anywhere in it.
  const card = JSON.parse(new TextDecoder().decode(await getObject(ipfs.helia, first.body.cardCid)));
  assert.equal(card.type, 'https://eips.ethereum.org/EIPS/eip-8004#registration-v1');
  assert.deepEqual(card.services, [{ name: 'MCP', endpoint: 'https://agent.example/mcp', version: '2025-06-18' }]);
  assert.equal(card.cr8.pricing.feePerExecution, '1000000000000000');
  assert.doesNotMatch(JSON.stringify(card), /sk-very-secret|OPENAI_API_KEY/);
  const stored = await api.db.query('SELECT encrypted_secrets, execution_config::text AS config FROM agents WHERE id = $1', [first.body.agent.id]);
  assert.ok(stored.rows[0].encrypted_secrets.length > 12);
  assert.doesNotMatch(stored.rows[0].encrypted_secrets.toString('latin1') + stored.rows[0].config, /sk-very-secret/);

  const authorization = { signature: await sign(creator.key, first.body.next.typedData), nonce: first.body.next.typedData.message.nonce, deadline: first.body.next.typedData.message.deadline };
  const second = await register(creator.id, request('relayed-1', { authorization }));
  assert.equal(second.status, 200, JSON.stringify(second.body));
  assert.equal(second.body.status, 'registered');
  assert.equal(second.body.agent.id, first.body.agent.id);
  const agentId = BigInt(second.body.agent.onchainId);
  const info = await l3.publicClient.readContract({ address: '0xC800000000000000000000000000000000000001', abi: agentRegistryAbi, functionName: 'agent', args: [agentId] });
  assert.equal(info.creator.toLowerCase(), creator.address);
  assert.equal(info.owner.toLowerCase(), creator.address);
  assert.equal(info.agentURI, first.body.agentURI);
  assert.equal(info.feePerExecution, 10n ** 15n);
  assert.equal(info.token.toLowerCase(), second.body.agent.tokenAddress);

  // A retry (same key, same body) returns the registered agent: no second registration on-chain.
  const nonceBefore = await l3.publicClient.readContract({ address: '0xC800000000000000000000000000000000000001', abi: agentRegistryAbi, functionName: 'registrationNonce', args: [creator.address] });
  const retried = await register(creator.id, request('relayed-1', { authorization }));
  assert.equal(retried.body.status, 'registered');
  assert.equal(retried.body.agent.onchainId, second.body.agent.onchainId);
  const nonceAfter = await l3.publicClient.readContract({ address: '0xC800000000000000000000000000000000000001', abi: agentRegistryAbi, functionName: 'registrationNonce', args: [creator.address] });
  assert.equal(nonceAfter, nonceBefore);
});

test('a wrong or stale signature is refused before anything is sent; a reused key with another body is a conflict', async () => {
  const creator = await user(4);
  const first = await register(creator.id, request('refusals-1'));
  const typedData = first.body.next.typedData;
  const byOther = await register(creator.id, request('refusals-1', { authorization: { signature: await sign(l3.accounts[5]!.privateKey as Hex, typedData), nonce: typedData.message.nonce, deadline: typedData.message.deadline } }));
  assert.deepEqual([byOther.status, byOther.body.error.code], [400, 'INVALID_SIGNATURE']);
  const staleNonce = await register(creator.id, request('refusals-1', { authorization: { signature: await sign(creator.key, { ...typedData, message: { ...typedData.message, nonce: '7' } }), nonce: '7', deadline: typedData.message.deadline } }));
  assert.deepEqual([staleNonce.status, staleNonce.body.error.code], [409, 'CONFLICT']);
  const changed = await register(creator.id, request('refusals-1', { name: 'Another name' }));
  assert.deepEqual([changed.status, changed.body.error.code], [409, 'CONFLICT']);
  const { rows } = await api.db.query('SELECT status, registration_tx FROM agents WHERE creator_address = $1', [creator.address]);
  assert.deepEqual(rows, [{ status: 'pinned', registration_tx: null }]);
});

test('KYC gates registration and bad requests are 400 with nothing written', async () => {
  const creator = await user(6);
  kycVerified = false;
  try {
    const refused = await register(creator.id, request('kyc-1'));
    assert.deepEqual([refused.status, refused.body.error.code], [403, 'KYC_REQUIRED']);
  } finally {
    kycVerified = true;
  }
  for (const bad of [
    request('bad-1', { pricing: { feePerExecution: '1.5' } }),
    request('bad-2', { token: { name: 'x'.repeat(32), symbol: 'X', supply: '1', creatorShareBps: 0 } }),
    request('bad-3', { token: { name: 'X', symbol: 'X', supply: '0', creatorShareBps: 0 } }),
    request('bad-4', { executionConfig: { runtime: 'gpu-magic' } }),
    request('bad-5', { unknownField: true }),
    { ...request('bad-6'), idempotencyKey: 'has spaces' },
  ]) {
    const response = await register(creator.id, bad);
    assert.deepEqual([response.status, response.body.error.code], [400, 'INVALID_ARGUMENT'], JSON.stringify(bad));
  }
  assert.equal((await api.db.query('SELECT count(*)::int AS n FROM agents WHERE creator_address = $1', [creator.address])).rows[0].n, 0);
});

test('wallet-sent registration: the creator sends next.transaction, the indexer sees it, the agent is linked', async () => {
  const creator = await user(8);
  const first = await register(creator.id, request('wallet-1', { name: 'Wallet agent' }));
  const transaction = first.body.next.transaction;
  const wallet = createWalletClient({ chain: l3.publicClient.chain!, transport: http(l3.rpcUrl), account: privateKeyToAccount(creator.key) });
  const hash = await wallet.sendTransaction({ to: transaction.to, data: transaction.data, value: BigInt(transaction.value) });
  assert.equal((await l3.publicClient.waitForTransactionReceipt({ hash })).status, 'success');

  const indexer = await createIndexer({ client: createRpcClient(l3.rpcUrl), db: api.db, logger: silentLogger });
  await indexer.catchUp();
  assert.equal(await linkRegisteredAgents(api.db, { chainId: l3.chainId, registry: '0xC800000000000000000000000000000000000001' }), 1);
  const linked = await fetch(`${api.url}/api/agents/${first.body.agent.id}`).then((response) => response.json() as Promise<any>);
  assert.equal(linked.status, 'registered');
  assert.ok(linked.onchainId);
  const again = await register(creator.id, request('wallet-1', { name: 'Wallet agent' }));
  assert.equal(again.body.status, 'registered');
  assert.equal(await linkRegisteredAgents(api.db, { chainId: l3.chainId, registry: '0xC800000000000000000000000000000000000001' }), 0);
});

test('a crash between signing and broadcasting: the retry sends the stored transaction, registering once', async () => {
  const creator = await user(9);
  const first = await register(creator.id, request('crash-1', { name: 'Crash survivor' }));
  const typedData = first.body.next.typedData;
  const authorization = { signature: await sign(creator.key, typedData), nonce: typedData.message.nonce, deadline: typedData.message.deadline };
  failNextBroadcast = true;
  const interrupted = await register(creator.id, request('crash-1', { name: 'Crash survivor', authorization }));
  assert.deepEqual([interrupted.status, interrupted.body.error.code], [503, 'UPSTREAM_UNAVAILABLE']);
  const { rows } = await api.db.query<{ status: string; registration_tx: string }>('SELECT status, registration_tx FROM agents WHERE id = $1', [first.body.agent.id]);
  assert.equal(rows[0]!.status, 'registering');
  assert.equal(await l3.publicClient.getTransactionReceipt({ hash: rows[0]!.registration_tx as Hex }).catch(() => null), null, 'nothing was broadcast');

  const resumed = await register(creator.id, request('crash-1', { name: 'Crash survivor', authorization }));
  assert.equal(resumed.body.status, 'registered', JSON.stringify(resumed.body));
  const receipt = await l3.publicClient.getTransactionReceipt({ hash: rows[0]!.registration_tx as Hex });
  assert.equal(receipt.status, 'success', 'the stored transaction (same hash) is the one that registered');
  const nonce = await l3.publicClient.readContract({ address: '0xC800000000000000000000000000000000000001', abi: agentRegistryAbi, functionName: 'registrationNonce', args: [creator.address] });
  assert.equal(nonce, 1n);
});
