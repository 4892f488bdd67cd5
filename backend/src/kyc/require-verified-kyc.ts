// The KYC gate for publishing agents: the registration flow calls this before it does anything.
import type { Pool, PoolClient } from 'pg';
import { ApiError } from '../api/api-error.ts';
import { effectiveKycStatus } from './kyc-state.ts';
import type { KycStatus } from './provider.ts';

/** Throws 403 KYC_REQUIRED unless the user is verified and the verification has not expired (checked
 *  against the clock, not only the stored status, so a lapsed verification is refused before the sweep). */
export async function requireVerifiedKyc(db: Pool | PoolClient, userId: string, now: Date = new Date()): Promise<{ expiresAt: Date }> {
  const { rows } = await db.query<{ kyc_status: KycStatus; kyc_expires_at: Date | null }>({
    name: 'kyc-require-verified',
    text: 'SELECT kyc_status, kyc_expires_at FROM users WHERE id = $1',
    values: [userId],
  });
  const row = rows[0];
  const status = row ? effectiveKycStatus(row.kyc_status, row.kyc_expires_at, now) : 'none';
  if (status !== 'verified') {
    throw new ApiError(403, 'KYC_REQUIRED', status === 'expired' ? 'your KYC verification has expired; verify again' : 'complete KYC before publishing agents', { kycStatus: status });
  }
  return { expiresAt: row!.kyc_expires_at! };
}
