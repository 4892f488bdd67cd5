// Registers an agent, as the seeds' flow describes: validate → check KYC → store the agent card on IPFS
// → register on the L3's AgentRegistry → link the record by its on-chain id. It is a state machine on the
// agent row (draft → pinned → registering → registered), so a retry with the same idempotency key, or a
// restart between any two steps, resumes where it stopped and never registers twice:
// - draft: the row exists (with encrypted secrets); the card is not on IPFS yet;
// - pinned: the card is on IPFS; the answer carries what the creator does next: send `registerAgent`
//   from their wallet (the indexer links it), or sign the EIP-712 `RegisterAgent` typed data and call
//   again with `authorization`, and the API relays `registerAgentFor`;
// - registering: the relayed transaction is signed and stored, then broadcast; a retry re-broadcasts
//   the stored bytes (same hash) and waits for the receipt;
// - registered: linked to its on-chain id and agent token.
import { createHash, randomUUID } from 'node:crypto';
import { agentRegistryAbi, registerAgentTypedData } from '@cr8/contracts';
import type { Pool } from 'pg';
import { BaseError, ContractFunctionRevertedError, decodeErrorResult, encodeFunctionData, type Hex, keccak256, parseEventLogs, verifyTypedData } from 'viem';
import { ApiError } from '../api/api-error.ts';
import type { Principal } from '../api/route.ts';
import { getAgent } from '../agents/get-agent.ts';
import type { AgentRecord } from '../agents/agent-record.ts';
import { canonicalJson } from '../ipfs/canonical-json.ts';
import { buildAgentCard } from './build-agent-card.ts';
import type { RegistrationChain } from './registration-chain.ts';
import { type RegistrationRequest, type StoredRegistration, toStoredRegistration } from './registration-request.ts';

export type CardStore = { addCard: (card: Record<string, unknown>) => Promise<{ cid: string; uri: string; metadataHash: `0x${string}` }> };

export type RegisterAgentDeps = {
  db: Pool;
  cards: CardStore;
  chain: RegistrationChain;
  /** Throws KYC_REQUIRED unless the user may publish (absent: no KYC gate). */
  requireKyc?: (userId: string) => Promise<unknown>;
  /** AES-256-GCM encryption of the agent's secrets, bound to its id. */
  encryptSecrets: (agentId: string, secrets: Record<string, string>) => Buffer;
  /** How long the creator's signature stays valid (seconds). */
  authorizationTtlSeconds?: number;
  /** How long to wait for the relayed transaction's receipt before answering `registering`. */
  receiptTimeoutMs?: number;
};

export type NextStep =
  | { kind: 'none' }
  | {
      kind: 'sign-or-send';
      /** Send this from the creator's wallet (registerAgent; value is the registration fee)... */
      transaction: { to: `0x${string}`; data: Hex; value: string; chainId: number };
      /** ...or sign this (eth_signTypedData_v4) and call register again with `authorization`. */
      typedData: ReturnType<typeof typedDataJson>;
      relayAvailable: boolean;
    }
  | { kind: 'wait'; transactionHash: `0x${string}` };

export type RegistrationResult = { agent: AgentRecord; status: string; cardCid: string | null; agentURI: string | null; next: NextStep; registrationError: string | null };

type AgentRow = { id: string; status: string; request_hash: string; registration: StoredRegistration; card_cid: string | null; metadata_hash: `0x${string}` | null; registration_tx: `0x${string}` | null; registration_raw_tx: Buffer | null; registration_error: string | null };

export async function registerAgent(deps: RegisterAgentDeps, principal: Principal, request: RegistrationRequest): Promise<RegistrationResult> {
  const stored = toStoredRegistration(request);
  const requestHash = `0x${createHash('sha256').update(canonicalJson(stored as unknown as Record<string, unknown>)).digest('hex')}` as const;
  await deps.requireKyc?.(principal.userId);

  let row = await findOrCreate(deps, principal, request, stored, requestHash);
  if (row.status === 'draft') row = await pinCard(deps, row, principal.wallet);
  if (row.status === 'pinned' && request.authorization) row = await relay(deps, row, principal.wallet, request.authorization);
  if (row.status === 'registering') row = await awaitRelayed(deps, row);
  return result(deps, row, principal.wallet);
}

async function findOrCreate(deps: RegisterAgentDeps, principal: Principal, request: RegistrationRequest, stored: StoredRegistration, requestHash: string): Promise<AgentRow> {
  const id = randomUUID();
  const secrets = request.executionConfig.secrets;
  const encrypted = secrets && Object.keys(secrets).length ? deps.encryptSecrets(id, secrets) : null;
  const inserted = await deps.db.query<AgentRow>(
    `INSERT INTO agents (id, creator_user_id, creator_address, name, description, capabilities, fee_per_execution, gpu_multiplier_bps,
                         execution_config, encrypted_secrets, idempotency_key, registration, request_hash, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'draft')
     ON CONFLICT (creator_user_id, idempotency_key) DO NOTHING
     RETURNING ${ROW}`,
    [id, principal.userId, principal.wallet, stored.name, stored.description, stored.capabilities, stored.pricing.feePerExecution, stored.pricing.gpuMultiplierBps, { ...stored.executionConfig, secretNames: stored.secretNames }, encrypted, request.idempotencyKey, stored, requestHash],
  );
  if (inserted.rows[0]) return inserted.rows[0];
  const existing = await deps.db.query<AgentRow>(`SELECT ${ROW} FROM agents WHERE creator_user_id = $1 AND idempotency_key = $2`, [principal.userId, request.idempotencyKey]);
  const row = existing.rows[0]!;
  if (row.request_hash !== requestHash) throw new ApiError(409, 'CONFLICT', 'idempotencyKey was already used for a different registration');
  return row;
}

const ROW = 'id, status, request_hash, registration, card_cid, metadata_hash, registration_tx, registration_raw_tx, registration_error';

async function pinCard(deps: RegisterAgentDeps, row: AgentRow, creator: `0x${string}`): Promise<AgentRow> {
  let reference: Awaited<ReturnType<CardStore['addCard']>>;
  try {
    reference = await deps.cards.addCard(buildAgentCard(row.registration, creator));
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(503, 'UPSTREAM_UNAVAILABLE', 'the agent card could not be stored on IPFS; retry with the same idempotencyKey');
  }
  const updated = await deps.db.query<AgentRow>(
    `UPDATE agents SET status = 'pinned', card_cid = $2, metadata_hash = $3, updated_at = now() WHERE id = $1 AND status = 'draft' RETURNING ${ROW}`,
    [row.id, reference.cid, reference.metadataHash],
  );
  return updated.rows[0] ?? (await reload(deps, row.id));
}

function onchainRegistration(row: AgentRow) {
  const registration = row.registration;
  return {
    agentURI: `ipfs://${row.card_cid}`,
    metadataHash: row.metadata_hash!,
    tokenName: registration.token.name,
    tokenSymbol: registration.token.symbol,
    tokenSupply: BigInt(registration.token.supply),
    creatorShareBps: registration.token.creatorShareBps,
    feePerExecution: BigInt(registration.pricing.feePerExecution),
    gpuMultiplierBps: registration.pricing.gpuMultiplierBps,
    metadata: [] as { metadataKey: string; metadataValue: Hex }[],
  };
}

function typedDataJson(typedData: ReturnType<typeof registerAgentTypedData>) {
  // JSON has no bigints: the typed data goes out with integers as decimal strings, as wallets accept.
  return JSON.parse(JSON.stringify(typedData, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))) as Record<string, unknown>;
}

async function relay(deps: RegisterAgentDeps, row: AgentRow, creator: `0x${string}`, authorization: NonNullable<RegistrationRequest['authorization']>): Promise<AgentRow> {
  const relayer = deps.chain.relayer;
  if (!relayer) throw new ApiError(503, 'UPSTREAM_UNAVAILABLE', 'this API has no relayer configured: send registerAgent from your wallet instead');
  const registration = onchainRegistration(row);
  const nonce = BigInt(authorization.nonce);
  const deadline = BigInt(authorization.deadline);
  const signature = authorization.signature as Hex;
  // Verified here first, so a wrong signature is a 400 and costs no gas (an ERC-1271 creator is checked on-chain).
  const typedData = registerAgentTypedData({ registry: deps.chain.registry, chainId: deps.chain.chainId, registration, creator, nonce, deadline });
  const code = await chainCall(() => deps.chain.publicClient.getCode({ address: creator }));
  if (!code || code === '0x') {
    const valid = await verifyTypedData({ ...typedData, address: creator, signature }).catch(() => false);
    if (!valid) throw new ApiError(400, 'INVALID_SIGNATURE', 'authorization.signature is not the creator\'s signature over the returned typedData');
  }
  const [currentNonce, fee, latest] = await chainCall(() =>
    Promise.all([
      deps.chain.publicClient.readContract({ address: deps.chain.registry, abi: agentRegistryAbi, functionName: 'registrationNonce', args: [creator] }),
      deps.chain.publicClient.readContract({ address: deps.chain.registry, abi: agentRegistryAbi, functionName: 'registrationFee' }),
      deps.chain.publicClient.getBlock({ blockTag: 'latest' }),
    ]),
  );
  // The registry checks the deadline against block time, so this does too (not the API's clock).
  if (deadline <= latest.timestamp) throw new ApiError(400, 'MESSAGE_EXPIRED', 'authorization.deadline has passed: call register again for fresh typed data');
  if (currentNonce !== nonce) throw new ApiError(409, 'CONFLICT', `authorization.nonce is ${nonce} but the creator's registration nonce is ${currentNonce}: sign fresh typed data`);

  // Simulate first: a registration the registry would refuse (KYC, fee, names...) is refused here with
  // its reason, and nothing is signed or stored.
  const data = encodeFunctionData({ abi: agentRegistryAbi, functionName: 'registerAgentFor', args: [registration, creator, deadline, signature] });
  await chainCall(() => deps.chain.publicClient.call({ account: relayer.account, to: deps.chain.registry, data, value: fee }), true);

  // One relayer, one transaction at a time: the nonce, signing and storing are serialized in-process.
  return relayLock(async () => {
    const current = await reload(deps, row.id);
    if (current.status !== 'pinned') return current;
    const request = await chainCall(() => relayer.prepareTransactionRequest({ to: deps.chain.registry, data, value: fee, chain: relayer.chain, account: relayer.account, nonceManager: undefined }));
    const raw = await relayer.signTransaction(request as never);
    const hash = keccak256(raw);
    const updated = await deps.db.query<AgentRow>(
      `UPDATE agents SET status = 'registering', registration_tx = $2, registration_raw_tx = $3, registration_error = NULL, updated_at = now()
       WHERE id = $1 AND status = 'pinned' RETURNING ${ROW}`,
      [row.id, hash, Buffer.from(raw.slice(2), 'hex')],
    );
    if (!updated.rows[0]) return reload(deps, row.id);
    await broadcast(deps, raw);
    return updated.rows[0];
  });
}

let relayQueue: Promise<unknown> = Promise.resolve();
function relayLock<T>(work: () => Promise<T>): Promise<T> {
  const next = relayQueue.then(work, work);
  relayQueue = next.catch(() => {});
  return next;
}

async function broadcast(deps: RegisterAgentDeps, raw: Hex): Promise<void> {
  try {
    await deps.chain.publicClient.request({ method: 'eth_sendRawTransaction', params: [raw] });
  } catch (error) {
    // Already in the pool or already mined (nonce used): the receipt check decides what happened.
    const message = error instanceof Error ? error.message : String(error);
    if (/already known|nonce too low|already imported|known transaction/i.test(message)) return;
    throw new ApiError(503, 'UPSTREAM_UNAVAILABLE', 'the registration transaction could not be broadcast; retry with the same idempotencyKey');
  }
}

async function awaitRelayed(deps: RegisterAgentDeps, row: AgentRow): Promise<AgentRow> {
  const hash = row.registration_tx!;
  let receipt = await deps.chain.publicClient.getTransactionReceipt({ hash }).catch(() => null);
  if (!receipt && row.registration_raw_tx) {
    await broadcast(deps, `0x${row.registration_raw_tx.toString('hex')}`);
    receipt = await deps.chain.publicClient.waitForTransactionReceipt({ hash, timeout: deps.receiptTimeoutMs ?? 30_000, pollingInterval: 250 }).catch(() => null);
  }
  if (!receipt) return row;
  if (receipt.status === 'reverted') {
    // The registry refused after all (e.g. the nonce moved): back to pinned, so the creator can sign again.
    const updated = await deps.db.query<AgentRow>(
      `UPDATE agents SET status = 'pinned', registration_tx = NULL, registration_raw_tx = NULL, registration_error = $2, updated_at = now()
       WHERE id = $1 AND status = 'registering' RETURNING ${ROW}`,
      [row.id, `transaction ${hash} reverted`],
    );
    return updated.rows[0] ?? reload(deps, row.id);
  }
  const [event] = parseEventLogs({ abi: agentRegistryAbi, eventName: 'AgentRegistered', logs: receipt.logs });
  if (!event) throw new Error(`registration transaction ${hash} succeeded without an AgentRegistered event`);
  const updated = await deps.db.query<AgentRow>(
    `UPDATE agents SET status = 'registered', onchain_id = $2, token_address = $3, registration_raw_tx = NULL, updated_at = now()
     WHERE id = $1 AND status = 'registering' RETURNING ${ROW}`,
    [row.id, event.args.agentId.toString(), event.args.token.toLowerCase()],
  );
  return updated.rows[0] ?? reload(deps, row.id);
}

async function result(deps: RegisterAgentDeps, row: AgentRow, creator: `0x${string}`): Promise<RegistrationResult> {
  const agent = await getAgent(deps.db, row.id);
  let next: NextStep = { kind: 'none' };
  if (row.status === 'registering') next = { kind: 'wait', transactionHash: row.registration_tx! };
  if (row.status === 'pinned') {
    const registration = onchainRegistration(row);
    const [nonce, fee, latest] = await chainCall(() =>
      Promise.all([
        deps.chain.publicClient.readContract({ address: deps.chain.registry, abi: agentRegistryAbi, functionName: 'registrationNonce', args: [creator] }),
        deps.chain.publicClient.readContract({ address: deps.chain.registry, abi: agentRegistryAbi, functionName: 'registrationFee' }),
        deps.chain.publicClient.getBlock({ blockTag: 'latest' }),
      ]),
    );
    const deadline = latest.timestamp + BigInt(deps.authorizationTtlSeconds ?? 3600);
    next = {
      kind: 'sign-or-send',
      transaction: { to: deps.chain.registry, data: encodeFunctionData({ abi: agentRegistryAbi, functionName: 'registerAgent', args: [registration] }), value: fee.toString(), chainId: deps.chain.chainId },
      typedData: typedDataJson(registerAgentTypedData({ registry: deps.chain.registry, chainId: deps.chain.chainId, registration, creator, nonce, deadline })),
      relayAvailable: Boolean(deps.chain.relayer),
    };
  }
  return { agent, status: row.status, cardCid: row.card_cid, agentURI: row.card_cid ? `ipfs://${row.card_cid}` : null, next, registrationError: row.registration_error };
}

async function reload(deps: RegisterAgentDeps, id: string): Promise<AgentRow> {
  return (await deps.db.query<AgentRow>(`SELECT ${ROW} FROM agents WHERE id = $1`, [id])).rows[0]!;
}

/** Chain calls: a revert is the registry refusing (409 with its error), anything else the chain being unavailable (503). */
async function chainCall<T>(call: () => Promise<T>, decodeRevert = false): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (decodeRevert && error instanceof BaseError) {
      const revert = error.walk((cause) => cause instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null;
      const data = (error.walk((cause) => typeof (cause as { data?: unknown }).data === 'string') as { data?: Hex } | null)?.data;
      const reason = revert?.data?.errorName ?? (data ? decodeErrorName(data) : undefined);
      if (reason || revert) throw new ApiError(409, 'CONFLICT', `the AgentRegistry refused the registration: ${reason ?? revert?.shortMessage ?? 'reverted'}`, { reason: reason ?? null });
    }
    throw new ApiError(503, 'UPSTREAM_UNAVAILABLE', 'the CR8 L3 did not answer; retry with the same idempotencyKey');
  }
}

function decodeErrorName(data: Hex): string | undefined {
  try {
    return decodeErrorResult({ abi: agentRegistryAbi, data }).errorName;
  } catch {
    return undefined;
  }
}
