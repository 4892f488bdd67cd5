// "I have finished the provider's flow, check me": asks the provider for the applicant's status and applies
// it under the same ordering rule as webhooks (a webhook may have got there first, or arrive later). With
// the sandbox provider, `sandboxOutcome` decides the outcome: the sandbox signs the decision as a webhook
// and it goes through handleKycWebhook, exactly as a real provider's would.
import type { Pool } from 'pg';
import { ApiError } from '../api/api-error.ts';
import { applyProviderStatus } from './apply-provider-status.ts';
import { handleKycWebhook } from './handle-webhook.ts';
import { getKycState, type KycState } from './kyc-state.ts';
import type { KycProvider, KycStatus } from './provider.ts';
import { isSandboxProvider, type SandboxOutcome } from './sandbox-provider.ts';

export type VerifyKycDependencies = { db: Pool; provider: KycProvider; validityDays: number; now?: () => Date };

export async function verifyKyc(deps: VerifyKycDependencies, user: { userId: string }, input: { sandboxOutcome?: SandboxOutcome | undefined } = {}): Promise<KycState> {
  const { rows } = await deps.db.query<{ provider: string; external_id: string; status: KycStatus }>({
    name: 'kyc-verify-latest',
    text: 'SELECT provider, external_id, status FROM kyc_verifications WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1',
    values: [user.userId],
  });
  const latest = rows[0];

  if (input.sandboxOutcome !== undefined) {
    if (!isSandboxProvider(deps.provider)) {
      throw new ApiError(400, 'INVALID_ARGUMENT', 'sandboxOutcome: only accepted while the sandbox KYC provider is active', {
        issues: [{ path: 'sandboxOutcome', message: 'only accepted while the sandbox KYC provider is active' }],
      });
    }
    if (!latest || latest.provider !== 'sandbox') throw new ApiError(404, 'NOT_FOUND', 'no sandbox KYC in progress: call initiate first');
    if (latest.status !== 'pending') throw new ApiError(409, 'CONFLICT', `the sandbox verification is already ${latest.status}: initiate again to start over`);
    const webhook = await deps.provider.decide(latest.external_id, input.sandboxOutcome);
    await handleKycWebhook(deps, webhook.rawBody, webhook.headers);
    return getKycState(deps.db, user.userId);
  }

  if (!latest) throw new ApiError(404, 'NOT_FOUND', 'no KYC in progress: call initiate first');
  // Only a pending verification has news to fetch; a decided one (or one from a provider no longer
  // configured) is reported as it stands. A report without the provider's time is an applicant still
  // waiting for review: nothing to apply (see ProviderStatusReport.occurredAt).
  const report = latest.status === 'pending' && latest.provider === deps.provider.name ? await deps.provider.fetchStatus(latest.external_id) : null;
  if (report?.occurredAt) {
    const client = await deps.db.connect();
    try {
      await client.query('BEGIN');
      await applyProviderStatus(
        client,
        { provider: latest.provider, externalId: latest.external_id, status: report.status, occurredAt: report.occurredAt, expiresAt: report.expiresAt, reason: report.reason },
        { validityDays: deps.validityDays, now: deps.now?.() ?? new Date() },
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
  return getKycState(deps.db, user.userId);
}
