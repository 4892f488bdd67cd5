// The KYC background work, run in the API process: the expiry sweep and the retrying chain sync. Each
// tick sweeps, then claims the verifications due for a chain sync and reconciles them one by one (one
// attester key sends one transaction at a time, so nonces never race within a process).
//
// Claims are leases (chain_next_attempt_at pushed into the future under FOR UPDATE SKIP LOCKED), so a
// second process skips what the first is working on, and a process that dies mid-sync only delays the
// item by the lease. Still, run one worker per attester key: two processes sending from one key race
// for nonces (a lost race is a failed attempt, retried).
import type { Pool } from 'pg';
import { Counter, type Registry } from 'prom-client';
import type { Logger } from '../service/logger.ts';
import { type ChainSyncItem, type ChainSyncOptions, type KycAttester, syncKycOnchain } from './attest-onchain.ts';
import type { KycStatus } from './provider.ts';
import { sweepExpiredKyc } from './sweep-expired-kyc.ts';

export type ClaimOptions = { now?: Date; limit?: number; leaseMs?: number };

/** Claims up to `limit` (default 20) verifications due for a chain sync, with what the chain should say. */
export async function claimChainSyncItems(db: Pool, options: ClaimOptions = {}): Promise<ChainSyncItem[]> {
  const now = options.now ?? new Date();
  const { rows } = await db.query<{
    id: string;
    chain_generation: number;
    provider: string;
    external_id: string;
    chain_pending_tx: `0x${string}` | null;
    chain_attempts: number;
    wallet_address: `0x${string}`;
    kyc_status: KycStatus;
    kyc_expires_at: Date | null;
  }>({
    name: 'kyc-chain-claim',
    text: `WITH due AS (
             SELECT id FROM kyc_verifications
             WHERE chain_sync_needed AND chain_next_attempt_at <= $1
             ORDER BY chain_next_attempt_at
             LIMIT $2
             FOR UPDATE SKIP LOCKED
           )
           UPDATE kyc_verifications v SET chain_next_attempt_at = $3
           FROM due, users u
           WHERE v.id = due.id AND u.id = v.user_id
           RETURNING v.id, v.chain_generation, v.provider, v.external_id, v.chain_pending_tx, v.chain_attempts,
                     u.wallet_address, u.kyc_status, u.kyc_expires_at`,
    values: [now, options.limit ?? 20, new Date(now.getTime() + (options.leaseMs ?? 120_000))],
  });
  return rows.map((row) => ({
    id: row.id,
    generation: row.chain_generation,
    provider: row.provider,
    externalId: row.external_id,
    wallet: row.wallet_address,
    // The user's status, not the row's: the chain holds one entry per wallet, and the user's status is
    // that of their latest verification.
    wantedUntil: row.kyc_status === 'verified' && row.kyc_expires_at && row.kyc_expires_at.getTime() > now.getTime() ? row.kyc_expires_at : null,
    pendingTx: row.chain_pending_tx,
    attempts: row.chain_attempts,
  }));
}

export type KycWorkerTickResult = { expired: number; synced: number; failed: number; waiting: number };

/** One tick: sweep, then sync what is due. */
export async function runKycWorkerOnce(
  parameters: { db: Pool; attester: KycAttester | null; logger?: Logger; onSync?: (result: string) => void } & ChainSyncOptions & ClaimOptions,
): Promise<KycWorkerTickResult> {
  const { db, attester, logger } = parameters;
  const now = parameters.now ?? new Date();
  const { expired } = await sweepExpiredKyc(db, now);
  if (expired) logger?.info({ expired }, 'kyc verifications expired');
  const tick: KycWorkerTickResult = { expired, synced: 0, failed: 0, waiting: 0 };
  if (!attester) return tick;
  for (const item of await claimChainSyncItems(db, { ...parameters, now })) {
    const outcome = await syncKycOnchain(db, attester, item, { ...parameters, now });
    parameters.onSync?.(outcome.result);
    if (outcome.result === 'failed') {
      tick.failed++;
      logger?.warn({ verificationId: item.id, attempts: item.attempts + 1, error: outcome.error }, 'kyc chain sync failed; will retry');
    } else if (outcome.result === 'waiting') tick.waiting++;
    else {
      tick.synced++;
      logger?.info({ verificationId: item.id, wallet: item.wallet, result: outcome.result, ...('tx' in outcome ? { tx: outcome.tx } : {}) }, 'kyc chain sync');
    }
  }
  return tick;
}

export type KycWorkerParameters = {
  db: Pool;
  /** Null: no attester key configured; the sweep still runs and chain syncs wait for a key. */
  attester: KycAttester | null;
  logger: Logger;
  /** Pause between ticks (default 5 s). */
  intervalMs?: number;
  metrics?: Registry;
} & Omit<ChainSyncOptions, 'now'>;

export type KycWorker = { stop: () => Promise<void> };

export function startKycWorker(parameters: KycWorkerParameters): KycWorker {
  const intervalMs = parameters.intervalMs ?? 5_000;
  const metricName = 'cr8_kyc_chain_syncs_total';
  const syncs = parameters.metrics
    ? ((parameters.metrics.getSingleMetric(metricName) as Counter<'result'> | undefined) ??
      new Counter({ name: metricName, help: 'KycRegistry sync attempts by result (attested, revoked, in-sync, waiting, failed)', labelNames: ['result'], registers: [parameters.metrics] }))
    : null;
  if (!parameters.attester) parameters.logger.warn('KYC_ATTESTER_PRIVATE_KEY is not set: verified KYC is not written to the KycRegistry');
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = runKycWorkerOnce({ ...parameters, onSync: (result) => syncs?.inc({ result }) })
      .then(() => {}, (error: unknown) => parameters.logger.error({ err: error }, 'kyc worker tick failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
