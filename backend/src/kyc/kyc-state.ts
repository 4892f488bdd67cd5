// A user's KYC as the API shows it. Expiry is honoured at read time: a verification whose expiry has
// passed reads as `expired` at once, whether or not the sweep (sweep-expired-kyc.ts) has written that yet.
import type { Pool, PoolClient } from 'pg';
import { ApiError } from '../api/api-error.ts';
import type { KycStatus } from './provider.ts';

export type KycState = {
  status: KycStatus;
  /** ISO 8601; set while verified (and after it expired). */
  expiresAt: string | null;
  provider: string | null;
  level: string | null;
  /** The provider's applicant id of the latest verification. */
  externalId: string | null;
  /** Why the latest verification was rejected (or must be resubmitted), when the provider says. */
  reason: string | null;
  onchain: {
    /** The KycRegistry still has to be brought in line (attest or revoke): a retry is scheduled. */
    syncPending: boolean;
    attestationTx: string | null;
    revocationTx: string | null;
  };
};

/** `verified` whose expiry has passed is `expired`. */
export function effectiveKycStatus(status: KycStatus, expiresAt: Date | null, now: Date = new Date()): KycStatus {
  return status === 'verified' && (!expiresAt || expiresAt.getTime() <= now.getTime()) ? 'expired' : status;
}

type StateRow = {
  kyc_status: KycStatus;
  kyc_expires_at: Date | null;
  provider: string | null;
  level: string | null;
  external_id: string | null;
  reason: string | null;
  chain_sync_needed: boolean | null;
  attestation_tx: string | null;
  revocation_tx: string | null;
};

export async function getKycState(db: Pool | PoolClient, userId: string, now: Date = new Date()): Promise<KycState> {
  const { rows } = await db.query<StateRow>({
    name: 'kyc-state',
    text: `SELECT u.kyc_status, u.kyc_expires_at, v.provider, v.level, v.external_id, v.reason, v.chain_sync_needed, v.attestation_tx, v.revocation_tx
           FROM users u
           LEFT JOIN LATERAL (
             SELECT * FROM kyc_verifications WHERE user_id = u.id ORDER BY created_at DESC, id DESC LIMIT 1
           ) v ON true
           WHERE u.id = $1`,
    values: [userId],
  });
  const row = rows[0];
  if (!row) throw new ApiError(404, 'NOT_FOUND', 'no such user');
  return {
    status: effectiveKycStatus(row.kyc_status, row.kyc_expires_at, now),
    expiresAt: row.kyc_expires_at?.toISOString() ?? null,
    provider: row.provider,
    level: row.level,
    externalId: row.external_id,
    reason: row.reason,
    onchain: { syncPending: row.chain_sync_needed ?? false, attestationTx: row.attestation_tx, revocationTx: row.revocation_tx },
  };
}
