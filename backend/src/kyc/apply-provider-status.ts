// Applies what a provider said about an applicant (from a webhook or a status poll) to the verification
// and the user, inside the caller's transaction.
//
// Ordering rule: providers deliver webhooks late, twice and out of order (Sumsub tells integrators to check
// createdAtMs). A verification keeps the provider's time of the status it holds (provider_event_at) and
// takes a new status only from news that is newer; at the same instant the more final status wins
// (rejected > verified > pending), so an approval and a pending notice stamped alike end approved. Older
// news is still recorded as received (its replays stay duplicates) but changes nothing. Newest-wins means a
// newer pending or RETRY (the provider re-opened the review) does take a verified user back to pending:
// the provider's current verdict is the one that counts, and the chain follows it.
//
// A verified status lasts until the provider's expiry, or KYC_VALIDITY_DAYS from the review. News of an
// approval whose validity has already run out is stored as expired.
import type { PoolClient } from 'pg';
import { ApiError } from '../api/api-error.ts';
import type { KycStatus, ProviderStatus } from './provider.ts';

export type ProviderUpdate = {
  provider: string;
  externalId: string;
  status: ProviderStatus;
  occurredAt: Date;
  expiresAt?: Date | undefined;
  reason?: string | undefined;
};

export type ApplyProviderStatusResult = {
  /** False when the news was older than what the verification holds (nothing changed). */
  applied: boolean;
  verificationId: string;
  userId: string;
  status: KycStatus;
  expiresAt: Date | null;
};

const FINALITY: Record<KycStatus, number> = { none: -1, pending: 0, verified: 1, expired: 1, rejected: 2 };
const DAY_MS = 86_400_000;

type VerificationRow = { id: string; user_id: string; status: KycStatus; expires_at: Date | null; provider_event_at: Date | null };

export async function applyProviderStatus(
  client: PoolClient,
  update: ProviderUpdate,
  options: { validityDays: number; now?: Date },
): Promise<ApplyProviderStatusResult> {
  const now = options.now ?? new Date();
  const { rows } = await client.query<VerificationRow>({
    name: 'kyc-apply-lock',
    text: 'SELECT id, user_id, status, expires_at, provider_event_at FROM kyc_verifications WHERE provider = $1 AND external_id = $2 FOR UPDATE',
    values: [update.provider, update.externalId],
  });
  const current = rows[0];
  if (!current) throw new ApiError(404, 'NOT_FOUND', 'unknown applicant', { provider: update.provider });

  const held = current.provider_event_at?.getTime();
  const at = update.occurredAt.getTime();
  if (held !== undefined && (at < held || (at === held && FINALITY[update.status] <= FINALITY[current.status]))) {
    return { applied: false, verificationId: current.id, userId: current.user_id, status: current.status, expiresAt: current.expires_at };
  }

  let status: KycStatus = update.status;
  let expiresAt: Date | null = null;
  if (update.status === 'verified') {
    expiresAt = update.expiresAt ?? new Date(at + options.validityDays * DAY_MS);
    if (expiresAt.getTime() <= now.getTime()) status = 'expired';
  }
  // The chain must change when what it should say changes: "verified until X" or "not verified".
  const wasOnchain = current.status === 'verified' && current.expires_at !== null && current.expires_at.getTime() > now.getTime() ? current.expires_at.getTime() : null;
  const shouldBeOnchain = status === 'verified' ? expiresAt!.getTime() : null;
  const chainChanged = wasOnchain !== shouldBeOnchain;

  await client.query({
    name: 'kyc-apply-update',
    text: `UPDATE kyc_verifications
           SET status = $2, expires_at = $3, reason = $4, provider_event_at = $5, updated_at = now(),
               chain_sync_needed = chain_sync_needed OR $6,
               chain_generation = chain_generation + CASE WHEN $6 THEN 1 ELSE 0 END,
               chain_attempts = CASE WHEN $6 THEN 0 ELSE chain_attempts END,
               chain_next_attempt_at = CASE WHEN $6 THEN now() ELSE chain_next_attempt_at END
           WHERE id = $1`,
    values: [current.id, status, expiresAt, cleanText(update.reason), update.occurredAt, chainChanged],
  });
  await refreshUserKyc(client, current.user_id);
  return { applied: true, verificationId: current.id, userId: current.user_id, status, expiresAt };
}

/** users.kyc_status / kyc_expires_at mirror the user's latest verification ('none' without one). */
export async function refreshUserKyc(client: PoolClient, userId: string): Promise<void> {
  await client.query({
    name: 'kyc-refresh-user',
    text: `WITH latest AS (
             SELECT status, expires_at FROM kyc_verifications WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1
           )
           UPDATE users
           SET kyc_status = coalesce((SELECT status FROM latest), 'none'), kyc_expires_at = (SELECT expires_at FROM latest), updated_at = now()
           WHERE id = $1
             AND (kyc_status, kyc_expires_at) IS DISTINCT FROM (coalesce((SELECT status FROM latest), 'none'), (SELECT expires_at FROM latest))`,
    values: [userId],
  });
}

/** PostgreSQL text refuses NUL characters; a provider's free text is also kept short. */
export function cleanText(text: string | undefined | null): string | null {
  const cleaned = text?.toWellFormed().replace(/\u0000/g, '').slice(0, 1000);
  return cleaned ? cleaned : null;
}
