// Starts (or resumes) the signed-in user's KYC with the active provider: creates an applicant and returns
// what the client's verification UI needs. Calling it again while pending resumes the same applicant
// (a fresh SDK token) instead of creating another one; a verified, unexpired user is refused.
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { ApiError } from '../api/api-error.ts';
import { refreshUserKyc } from './apply-provider-status.ts';
import { effectiveKycStatus } from './kyc-state.ts';
import type { KycProvider, KycStatus } from './provider.ts';

export type InitiateKycDependencies = { db: Pool; provider: KycProvider; level: string };

export type KycSession = {
  status: 'pending';
  provider: string;
  level: string;
  externalId: string;
  accessToken: string | null;
  redirectUrl: string | null;
  /** False when an applicant in progress was resumed. */
  created: boolean;
};

/** Two initiates of one user at once would otherwise both create applicants: they take turns on this lock
 *  (an advisory lock, so webhooks updating the user's row are not held up while the provider answers). */
const LOCK_NAMESPACE = 0x6b7963; // "kyc"

export async function initiateKyc(deps: InitiateKycDependencies, user: { userId: string; wallet: `0x${string}` }): Promise<KycSession> {
  const client = await deps.db.connect();
  try {
    await client.query('BEGIN');
    await client.query({ name: 'kyc-initiate-lock', text: 'SELECT pg_advisory_xact_lock($1, hashtext($2))', values: [LOCK_NAMESPACE, user.userId] });
    const { rows } = await client.query<{ id: string; provider: string; external_id: string; status: KycStatus; level: string; expires_at: Date | null }>({
      name: 'kyc-initiate-latest',
      text: 'SELECT id, provider, external_id, status, level, expires_at FROM kyc_verifications WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1',
      values: [user.userId],
    });
    const latest = rows[0];
    if (latest && effectiveKycStatus(latest.status, latest.expires_at) === 'verified') {
      throw new ApiError(409, 'CONFLICT', 'your KYC is already verified', { expiresAt: latest.expires_at!.toISOString() });
    }
    const parameters = { userId: user.userId, wallet: user.wallet, level: deps.level };
    if (latest && latest.status === 'pending' && latest.provider === deps.provider.name && latest.level === deps.level) {
      const session = await deps.provider.resumeApplicant({ ...parameters, reference: latest.id, externalId: latest.external_id });
      await client.query('COMMIT');
      return toSession(deps, session, false);
    }
    const reference = randomUUID();
    const session = await deps.provider.createApplicant({ ...parameters, reference });
    await client.query({
      name: 'kyc-initiate-insert',
      text: "INSERT INTO kyc_verifications (id, user_id, provider, external_id, status, level) VALUES ($1, $2, $3, $4, 'pending', $5)",
      values: [reference, user.userId, deps.provider.name, session.externalId, deps.level],
    });
    await refreshUserKyc(client, user.userId);
    await client.query('COMMIT');
    return toSession(deps, session, true);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function toSession(deps: InitiateKycDependencies, session: { externalId: string; accessToken?: string; redirectUrl?: string }, created: boolean): KycSession {
  return {
    status: 'pending',
    provider: deps.provider.name,
    level: deps.level,
    externalId: session.externalId,
    accessToken: session.accessToken ?? null,
    redirectUrl: session.redirectUrl ?? null,
    created,
  };
}
