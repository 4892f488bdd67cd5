// What `cr8 dev` sets up so a newcomer can run an agent at once and watch it settle on the L3: the dev
// orchestrator bonded in the OrchestratorRegistry, the example agents (backend/src/execution/agents)
// registered through the API's own registration flow (pinned on IPFS, relayed on-chain), and a dev
// payer with a funded CreditVault channel, a signed spending authorization and an API key. Idempotent:
// with --persist, a second start finds everything in place and only prints it again.
import { creditVaultAbi, orchestratorRegistryAbi } from '@cr8/contracts';
import { predeployAddress } from '@cr8/predeploys/addresses';
import type { Pool } from 'pg';
import { type Chain, createPublicClient, createWalletClient, type Hex, http, parseEther, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { Principal } from '../api/route.ts';
import { createApiKey } from '../auth/create-api-key.ts';
import { spendingAuthorizationTypedData } from '../payments/spending-authorization.ts';
import { EXAMPLE_AGENTS, exampleAgentCommand, type ExampleAgentName } from '../execution/agents/example-agents.ts';

/** What an example agent charges per execution on the devnet. */
export const DEV_AGENT_FEE_WEI = parseEther('0.001');
const PAYER_DEPOSIT = parseEther('10');
const PAYER_AUTHORIZATION = parseEther('100');

const descriptions: Record<ExampleAgentName, string> = {
  echo: 'Returns its input unchanged: the no-op agent (benchmarks, smoke tests).',
  'text-stats': 'Counts words, characters and sentences of {"text"}, its most frequent words and reading time.',
  sentiment: 'Scores the sentiment of {"text"} with a small lexicon: score, label and the words that decided it.',
};

export type SeedDevExecutionParameters = {
  db: Pool;
  apiUrl: string;
  chainRpcUrl: string;
  chainId: number;
  orchestratorPrivateKey: Hex;
  creatorPrivateKey: Hex;
  payerPrivateKey: Hex;
  onProgress?: (message: string) => void;
};

export type DevExecutionSeed = {
  orchestrator: `0x${string}`;
  agents: { name: ExampleAgentName; id: string; onchainId: string }[];
  payer: `0x${string}`;
  /** The dev payer's API key (agents:read, agents:execute): printed on the terminal, never logged. */
  payerApiKey: string;
};

export async function seedDevExecution(parameters: SeedDevExecutionParameters): Promise<DevExecutionSeed> {
  const { db, onProgress } = parameters;
  const chain = { id: parameters.chainId, name: 'CR8 L3', nativeCurrency: { name: 'CR8', symbol: 'CR8', decimals: 18 }, rpcUrls: { default: { http: [parameters.chainRpcUrl] } } } as const satisfies Chain;
  const publicClient = createPublicClient({ chain, transport: http(parameters.chainRpcUrl) });
  const wallet = (key: Hex) => createWalletClient({ chain, transport: http(parameters.chainRpcUrl), account: privateKeyToAccount(key) });
  const confirmed = async (hash: Hex) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`dev seed: transaction ${hash} reverted`);
  };

  // 1. The orchestrator's bond.
  const orchestratorWallet = wallet(parameters.orchestratorPrivateKey);
  const orchestrator = orchestratorWallet.account.address.toLowerCase() as `0x${string}`;
  const active = await publicClient.readContract({ address: predeployAddress.OrchestratorRegistry, abi: orchestratorRegistryAbi, functionName: 'isActive', args: [orchestrator] });
  if (!active) {
    onProgress?.(`bonding the dev orchestrator ${orchestrator} in the OrchestratorRegistry`);
    const bond = await publicClient.readContract({ address: predeployAddress.OrchestratorRegistry, abi: orchestratorRegistryAbi, functionName: 'MINIMUM_BOND' });
    await confirmed(
      await orchestratorWallet.writeContract({
        address: predeployAddress.OrchestratorRegistry,
        abi: orchestratorRegistryAbi,
        functionName: 'register',
        value: bond,
        // This machine's CPU, declared as one "GPU" (the registry wants a count, VRAM and a price).
        args: [{ gpuModel: toHex('local-cpu', { size: 32 }), gpuCount: 1, vramGbPerGpu: 1, region: toHex('loopback', { size: 32 }), pricePerGpuSecond: 1n, endpoint: parameters.apiUrl }],
      }),
    );
  }

  // 2. The example agents, registered by the dev creator through the API (relayed, so the creator needs no gas).
  const creator = privateKeyToAccount(parameters.creatorPrivateKey);
  const creatorKey = await devApiKey(db, creator.address, ['agents:read', 'agents:write'], 'cr8 dev: example agents', true);
  const agents: DevExecutionSeed['agents'] = [];
  for (const name of EXAMPLE_AGENTS) {
    const request = {
      idempotencyKey: `cr8-dev-example-${name}`,
      name,
      description: descriptions[name],
      capabilities: ['example', name],
      pricing: { feePerExecution: DEV_AGENT_FEE_WEI.toString() },
      token: { name: `CR8 ${name}`, symbol: name.replace(/[^a-z]/g, '').slice(0, 8).toUpperCase(), supply: parseEther('1000000').toString(), creatorShareBps: 1000 },
      executionConfig: { runtime: 'local', command: exampleAgentCommand(name), timeoutSeconds: 30, maxConcurrent: 256, deterministic: name !== 'echo' },
    };
    let answer = await post(parameters.apiUrl, creatorKey, '/api/v1/agents/register', request);
    if (answer.next?.typedData) {
      onProgress?.(`registering the example agent "${name}" on the L3`);
      const typedData = answer.next.typedData;
      const signature = await creator.signTypedData(withBigInts(typedData) as never);
      answer = await post(parameters.apiUrl, creatorKey, '/api/v1/agents/register', { ...request, authorization: { signature, nonce: String(typedData.message.nonce), deadline: String(typedData.message.deadline) } });
    }
    if (answer.agent?.status !== 'registered' || !answer.agent.onchainId) throw new Error(`dev seed: agent ${name} is ${answer.agent?.status ?? 'unknown'}: ${JSON.stringify(answer).slice(0, 300)}`);
    agents.push({ name, id: answer.agent.id, onchainId: String(answer.agent.onchainId) });
  }

  // 3. The dev payer: a funded channel with the orchestrator and a signed authorization the worker checks.
  const payerWallet = wallet(parameters.payerPrivateKey);
  const payer = payerWallet.account.address.toLowerCase() as `0x${string}`;
  const channel = await publicClient.readContract({ address: predeployAddress.CreditVault, abi: creditVaultAbi, functionName: 'channelOf', args: [payer, orchestrator] });
  if (channel.balance < DEV_AGENT_FEE_WEI * 100n) {
    onProgress?.(`funding the dev payer's CreditVault channel with ${PAYER_DEPOSIT / 10n ** 18n} CR8`);
    await confirmed(await payerWallet.writeContract({ address: predeployAddress.CreditVault, abi: creditVaultAbi, functionName: 'deposit', args: [orchestrator], value: PAYER_DEPOSIT }));
  }
  const signature = await payerWallet.account.signTypedData(
    spendingAuthorizationTypedData({ chainId: parameters.chainId, creditVault: predeployAddress.CreditVault, payer, orchestrator, cumulativeAmount: PAYER_AUTHORIZATION }),
  );
  await db.query('INSERT INTO payment_authorizations (payer, orchestrator, cumulative_wei, signature) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
    payer,
    orchestrator,
    PAYER_AUTHORIZATION.toString(),
    signature.toLowerCase(),
  ]);
  const payerApiKey = await devApiKey(db, payerWallet.account.address, ['agents:read', 'agents:execute'], 'cr8 dev: payer', false);
  return { orchestrator, agents, payer, payerApiKey };
}

type JsonTypedData = { types: Record<string, { name: string; type: string }[]>; primaryType: string; domain: Record<string, unknown>; message: Record<string, unknown> & { nonce: string; deadline: string } };

type RegistrationAnswer = {
  agent?: { id: string; status: string; onchainId: string | null };
  next?: { typedData?: JsonTypedData };
  error?: { code: string; message: string };
};

/** Typed data as JSON carries integers as decimal strings (as wallets take them); viem signs bigints. */
function withBigInts(typedData: JsonTypedData): JsonTypedData {
  const convert = (type: string, value: unknown): unknown => {
    if (type.endsWith('[]')) return (value as unknown[]).map((item) => convert(type.slice(0, -2), item));
    const fields = typedData.types[type];
    if (fields) return Object.fromEntries(fields.map((field) => [field.name, convert(field.type, (value as Record<string, unknown>)[field.name])]));
    return /^u?int\d*$/.test(type) ? BigInt(value as string) : value;
  };
  const domain = typeof typedData.domain.chainId === 'string' ? { ...typedData.domain, chainId: Number(typedData.domain.chainId) } : typedData.domain;
  return { ...typedData, domain, message: convert(typedData.primaryType, typedData.message) as JsonTypedData['message'] };
}

async function post(apiUrl: string, key: string, path: string, body: unknown): Promise<RegistrationAnswer> {
  const response = await fetch(`${apiUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json()) as RegistrationAnswer;
  if (!response.ok) throw new Error(`dev seed: POST ${path} answered ${response.status} ${answer.error?.code ?? ''}: ${answer.error?.message ?? ''}`);
  return answer;
}

/** A user row for a dev wallet (KYC verified when it publishes) and a fresh API key for it. */
async function devApiKey(db: Pool, wallet: string, scopes: Principal['scopes'], name: string, verified: boolean): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (wallet_address, kyc_status, kyc_expires_at) VALUES ($1, $2, $3)
     ON CONFLICT (wallet_address) DO UPDATE SET kyc_status = EXCLUDED.kyc_status, kyc_expires_at = EXCLUDED.kyc_expires_at RETURNING id`,
    [wallet.toLowerCase(), verified ? 'verified' : 'none', verified ? new Date(Date.now() + 365 * 86_400_000) : null],
  );
  const userId = rows[0]!.id;
  // createApiKey mints keys for a signed-in wallet; the dev seed stands in for that session.
  const principal: Principal = { kind: 'session', userId, wallet: wallet.toLowerCase() as `0x${string}`, credentialId: 'cr8-dev-seed', scopes };
  return (await createApiKey(db, principal, { name, scopes: [...scopes] })).key;
}
