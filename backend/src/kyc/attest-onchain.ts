// Brings the KycRegistry on the CR8 L3 in line with a user's KYC: attest(wallet, expiresAt, providerRef)
// while verified, revoke(wallet) once no longer verified. It is a reconciliation, not a replay of
// commands, so it is idempotent and survives the chain being down:
//
// - The wanted state is read from the database (users.kyc_status / kyc_expires_at) at each attempt, and
//   the chain's state is read (verifiedUntil) before anything is sent: an attestation that already landed
//   is recorded, not sent again.
// - A transaction is signed locally and its hash stored (chain_pending_tx) before it is broadcast. If the
//   chain goes away in between (or the answer to the broadcast is lost), the retry looks that transaction
//   up (mined? still in the mempool? never arrived?) before it considers sending another, so a retry never
//   duplicates a transaction that is merely slow or unacknowledged.
// - Failures leave the verification flagged with a growing delay (chain_next_attempt_at); the worker
//   (kyc-worker.ts) retries. The database status is the truth meanwhile; the chain catches up.
// - Each status change bumps chain_generation; a sync only clears the flag if the generation it started
//   from is still current, so a change made during a sync is synced next.
import { kycRegistryAbi } from '@cr8/contracts';
import { predeployAddress } from '@cr8/predeploys/addresses';
import type { Pool } from 'pg';
import {
  type Address,
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  type Hash,
  type Hex,
  http,
  keccak256,
  stringToHex,
  TransactionNotFoundError,
  TransactionReceiptNotFoundError,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

export type KycAttesterParameters = {
  /** The CR8 L3 JSON-RPC endpoint (CHAIN_RPC_URL). */
  rpcUrl: string;
  /** Holds ATTESTER_ROLE on the KycRegistry (KYC_ATTESTER_PRIVATE_KEY). */
  privateKey: Hex;
  /** Default: the KycRegistry predeploy (0xC800…0006). */
  registry?: Address;
  /** How long to wait for a receipt before leaving the transaction pending for the next attempt (default 60 s). */
  receiptTimeoutMs?: number;
  /** HTTP retries per JSON-RPC call (default 2). */
  retryCount?: number;
  /** Receipt polling interval (default 500 ms). */
  pollingIntervalMs?: number;
};

export function createKycAttester(parameters: KycAttesterParameters) {
  const account = privateKeyToAccount(parameters.privateKey);
  const transport = http(parameters.rpcUrl, { retryCount: parameters.retryCount ?? 2, timeout: 10_000 });
  const pollingInterval = parameters.pollingIntervalMs ?? 500;
  return {
    address: account.address,
    registry: parameters.registry ?? predeployAddress.KycRegistry,
    receiptTimeoutMs: parameters.receiptTimeoutMs ?? 60_000,
    publicClient: createPublicClient({ transport, pollingInterval }),
    // No chain object: the chain id is read from the node when signing, so one config serves any network.
    walletClient: createWalletClient({ account, transport, pollingInterval }),
  };
}

export type KycAttester = ReturnType<typeof createKycAttester>;

/** What links an attestation to the off-chain verification: a hash of the provider's applicant id, never
 *  personal data (IKycRegistry's providerRef). */
export function kycProviderRef(provider: string, externalId: string): Hash {
  return keccak256(stringToHex(`${provider}:${externalId}`));
}

export type ChainSyncItem = {
  id: string;
  generation: number;
  provider: string;
  externalId: string;
  wallet: Address;
  /** The expiry the chain should hold, or null: the wallet should not be verified on-chain. */
  wantedUntil: Date | null;
  pendingTx: Hash | null;
  attempts: number;
};

export type ChainSyncOutcome =
  | { result: 'attested' | 'revoked'; tx: Hash }
  | { result: 'in-sync' }
  | { result: 'waiting'; tx: Hash }
  | { result: 'failed'; error: string };

export type ChainSyncOptions = {
  now?: Date;
  /** First retry delay (default 5 s), doubled per failed attempt up to `retryMaxMs` (default 10 min). */
  retryBaseMs?: number;
  retryMaxMs?: number;
};

/** One reconciliation attempt for a claimed item (see claimChainSyncItems in kyc-worker.ts). */
export async function syncKycOnchain(db: Pool, attester: KycAttester, item: ChainSyncItem, options: ChainSyncOptions = {}): Promise<ChainSyncOutcome> {
  const now = options.now ?? new Date();
  try {
    let confirmed: Hash | null = null;
    if (item.pendingTx) {
      const receipt = await attester.publicClient.getTransactionReceipt({ hash: item.pendingTx }).catch(notFoundAs(TransactionReceiptNotFoundError));
      if (receipt) {
        if (receipt.status === 'success') confirmed = item.pendingTx;
      } else if (await attester.publicClient.getTransaction({ hash: item.pendingTx }).catch(notFoundAs(TransactionNotFoundError))) {
        // Still in the mempool: sending again now is exactly the duplicate to avoid.
        await reschedule(db, item, new Date(now.getTime() + Math.min(attester.receiptTimeoutMs, 30_000)));
        return { result: 'waiting', tx: item.pendingTx };
      }
      // Mined (or reverted, or dropped): it is no longer pending; the chain's state below decides the rest.
      await setPendingTx(db, item.id, null);
    }

    const [onchainUntil, block] = await Promise.all([
      attester.publicClient.readContract({ address: attester.registry, abi: kycRegistryAbi, functionName: 'verifiedUntil', args: [item.wallet] }),
      attester.publicClient.getBlock({ blockTag: 'latest' }),
    ]);

    if (item.wantedUntil) {
      // Whole seconds, rounded down: the chain never holds a wallet verified longer than the database does.
      const until = BigInt(Math.floor(item.wantedUntil.getTime() / 1000));
      if (onchainUntil === until || until <= block.timestamp) {
        // Already there (perhaps by a transaction whose receipt we never saw), or the expiry has passed by
        // the chain's clock and attest() would revert: nothing to send.
        await finish(db, item, { attestationTx: onchainUntil === until ? confirmed : null, attestedUntil: onchainUntil === until ? item.wantedUntil : null });
        return confirmed && onchainUntil === until ? { result: 'attested', tx: confirmed } : { result: 'in-sync' };
      }
      const tx = await send(db, attester, item, 'attest', [item.wallet, until, kycProviderRef(item.provider, item.externalId)]);
      await finish(db, item, { attestationTx: tx, attestedUntil: item.wantedUntil });
      return { result: 'attested', tx };
    }

    if (onchainUntil === 0n || onchainUntil <= block.timestamp) {
      // Never attested, already revoked, or lapsed on-chain too (isVerified is false): no transaction needed.
      await finish(db, item, { revocationTx: onchainUntil === 0n ? confirmed : null, attestedUntil: null });
      return confirmed && onchainUntil === 0n ? { result: 'revoked', tx: confirmed } : { result: 'in-sync' };
    }
    const tx = await send(db, attester, item, 'revoke', [item.wallet]);
    await finish(db, item, { revocationTx: tx, attestedUntil: null });
    return { result: 'revoked', tx };
  } catch (error) {
    const message = describe(error);
    const delay = Math.min((options.retryBaseMs ?? 5_000) * 2 ** Math.min(item.attempts, 20), options.retryMaxMs ?? 600_000);
    await db.query({
      name: 'kyc-chain-failed',
      text: 'UPDATE kyc_verifications SET chain_attempts = chain_attempts + 1, chain_error = $2, chain_next_attempt_at = $3 WHERE id = $1',
      values: [item.id, message, new Date(now.getTime() + delay)],
    });
    return { result: 'failed', error: message };
  }
}

async function send(
  db: Pool,
  attester: KycAttester,
  item: ChainSyncItem,
  functionName: 'attest' | 'revoke',
  args: readonly [Address, bigint, Hash] | readonly [Address],
): Promise<Hash> {
  const account = attester.walletClient.account;
  // A dry run first: a call that would revert (no ATTESTER_ROLE…) fails here, with the contract's error
  // decoded, and nothing is sent.
  await attester.publicClient.simulateContract({ account, address: attester.registry, abi: kycRegistryAbi, functionName, args } as never);
  const request = await attester.walletClient.prepareTransactionRequest({
    account,
    chain: null,
    to: attester.registry,
    data: encodeFunctionData({ abi: kycRegistryAbi, functionName, args } as never),
  });
  // Signed here, so the hash is known and stored before the node ever sees the transaction: if the
  // answer to the broadcast is lost, the next attempt still knows what to look for.
  const serialized = await attester.walletClient.signTransaction({ ...request, chain: null } as never);
  const tx = keccak256(serialized);
  await setPendingTx(db, item.id, tx);
  await attester.walletClient.sendRawTransaction({ serializedTransaction: serialized });
  const receipt = await attester.publicClient.waitForTransactionReceipt({ hash: tx, timeout: attester.receiptTimeoutMs });
  if (receipt.status !== 'success') throw new Error(`${functionName} transaction ${tx} reverted`);
  return tx;
}

async function setPendingTx(db: Pool, id: string, tx: Hash | null): Promise<void> {
  await db.query({ name: 'kyc-chain-pending', text: 'UPDATE kyc_verifications SET chain_pending_tx = $2 WHERE id = $1', values: [id, tx?.toLowerCase() ?? null] });
}

async function reschedule(db: Pool, item: ChainSyncItem, at: Date): Promise<void> {
  await db.query({ name: 'kyc-chain-reschedule', text: 'UPDATE kyc_verifications SET chain_next_attempt_at = $2 WHERE id = $1', values: [item.id, at] });
}

/** Records the outcome; clears the flag only if no status change happened since the item was claimed. */
async function finish(db: Pool, item: ChainSyncItem, outcome: { attestationTx?: Hash | null; revocationTx?: Hash | null; attestedUntil: Date | null }): Promise<void> {
  await db.query({
    name: 'kyc-chain-finish',
    text: `UPDATE kyc_verifications
           SET chain_sync_needed = (chain_generation <> $2),
               chain_next_attempt_at = CASE WHEN chain_generation <> $2 THEN now() ELSE NULL END,
               chain_pending_tx = NULL, chain_error = NULL, chain_attempts = 0,
               attestation_tx = coalesce($3, attestation_tx), revocation_tx = coalesce($4, revocation_tx), attested_until = $5
           WHERE id = $1`,
    values: [item.id, item.generation, outcome.attestationTx?.toLowerCase() ?? null, outcome.revocationTx?.toLowerCase() ?? null, outcome.attestedUntil],
  });
}

function notFoundAs(kind: abstract new (...args: never[]) => Error) {
  return (error: unknown): null => {
    if (error instanceof kind || (error instanceof BaseError && error.walk((cause) => cause instanceof kind))) return null;
    throw error;
  };
}

/** A short, secret-free description: viem's long messages repeat the RPC URL, which may embed an API key. */
function describe(error: unknown): string {
  if (error instanceof BaseError) {
    const reverted = error.walk((cause) => cause instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null;
    const reason = reverted?.data?.errorName ? ` (${reverted.data.errorName}${reverted.data.args?.length ? `: ${reverted.data.args.join(', ')}` : ''})` : '';
    return `${error.name}: ${error.shortMessage}${reason}`.slice(0, 500);
  }
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  return 'unknown error';
}
