// Marks verifications whose expiry has passed as expired (reads already treat them so; this makes the
// stored status and users.kyc_status say it too) and flags them for the chain sync, which revokes the
// attestation if the KycRegistry still holds it as valid (e.g. the expiry was cut short off-chain).
import type { Pool } from 'pg';
import { refreshUserKyc } from './apply-provider-status.ts';

export async function sweepExpiredKyc(db: Pool, now: Date = new Date()): Promise<{ expired: number }> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ user_id: string }>({
      name: 'kyc-sweep-verifications',
      text: `UPDATE kyc_verifications
             SET status = 'expired', updated_at = now(), chain_sync_needed = true, chain_generation = chain_generation + 1,
                 chain_attempts = 0, chain_next_attempt_at = $1
             WHERE status = 'verified' AND expires_at <= $1
             RETURNING user_id`,
      values: [now],
    });
    for (const userId of new Set(rows.map((row) => row.user_id))) await refreshUserKyc(client, userId);
    // A user row marked verified past its expiry with no verification to match (edited by hand).
    await client.query({
      name: 'kyc-sweep-users',
      text: "UPDATE users SET kyc_status = 'expired', updated_at = now() WHERE kyc_status = 'verified' AND kyc_expires_at <= $1",
      values: [now],
    });
    await client.query('COMMIT');
    return { expired: rows.length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
