// The embedded KYC provider for development and tests (KYC_PROVIDER=sandbox, the default): no network and
// no documents. Applicants live in kyc_sandbox_applicants; the developer decides the outcome
// (POST /api/kyc/verify { sandboxOutcome }), and the decision comes back as a webhook signed with
// KYC_WEBHOOK_SECRET that goes through the same verification, idempotency and ordering as a real
// provider's webhook.
import type { IncomingHttpHeaders } from 'node:http';
import type { Pool } from 'pg';
import { z } from 'zod';
import { ApiError } from '../api/api-error.ts';
import { parseWebhookJson, signPayload, verifyPayloadDigest } from './payload-digest.ts';
import type { ApplicantSession, CreateApplicantParameters, KycProvider, ProviderStatusReport, WebhookEvent } from './provider.ts';

export type SandboxOutcome = 'approve' | 'reject';

export type SignedWebhook = { rawBody: Buffer; headers: Record<string, string> };

export type SandboxProvider = KycProvider & {
  readonly name: 'sandbox';
  /** Records the decision and returns it as the signed webhook the sandbox "sends". */
  decide(externalId: string, outcome: SandboxOutcome): Promise<SignedWebhook>;
};

export type SandboxProviderParameters = {
  db: Pool;
  webhookSecret: string;
  now?: () => Date;
};

export const SANDBOX_REJECTION_REASON = 'rejected in the KYC sandbox';

const EXTERNAL_ID = /^sandbox-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const webhookBody = z.strictObject({
  type: z.literal('sandboxApplicantReviewed'),
  eventId: z.string().regex(/^sandbox-[0-9a-f-]{36}:[1-9][0-9]{0,9}$/),
  externalId: z.string().regex(EXTERNAL_ID),
  status: z.enum(['pending', 'verified', 'rejected']),
  occurredAt: z.iso.datetime(),
  reason: z.string().max(1000).optional(),
});

export function createSandboxProvider(parameters: SandboxProviderParameters): SandboxProvider {
  const { db, webhookSecret } = parameters;
  const now = parameters.now ?? (() => new Date());

  async function createApplicant(input: CreateApplicantParameters): Promise<ApplicantSession> {
    const externalId = `sandbox-${input.reference}`;
    if (!EXTERNAL_ID.test(externalId)) throw new ApiError(400, 'INVALID_ARGUMENT', 'the sandbox needs a UUID reference');
    await db.query({
      name: 'kyc-sandbox-create',
      text: 'INSERT INTO kyc_sandbox_applicants (external_id, user_id, level, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (external_id) DO NOTHING',
      values: [externalId, input.userId, input.level, now()],
    });
    return { externalId };
  }

  async function fetchStatus(externalId: string): Promise<ProviderStatusReport> {
    const { rows } = await db.query<{ status: 'pending' | 'verified' | 'rejected'; reason: string | null; updated_at: Date }>({
      name: 'kyc-sandbox-status',
      text: 'SELECT status, reason, updated_at FROM kyc_sandbox_applicants WHERE external_id = $1',
      values: [externalId],
    });
    const row = rows[0];
    if (!row) throw new ApiError(404, 'NOT_FOUND', 'unknown sandbox applicant');
    return { status: row.status, occurredAt: row.updated_at, ...(row.reason ? { reason: row.reason } : {}) };
  }

  async function decide(externalId: string, outcome: SandboxOutcome): Promise<SignedWebhook> {
    const status = outcome === 'approve' ? 'verified' : 'rejected';
    const reason = outcome === 'reject' ? SANDBOX_REJECTION_REASON : null;
    const occurredAt = now();
    const { rows } = await db.query<{ decisions: number }>({
      name: 'kyc-sandbox-decide',
      text: 'UPDATE kyc_sandbox_applicants SET status = $2, reason = $3, decisions = decisions + 1, updated_at = $4 WHERE external_id = $1 RETURNING decisions',
      values: [externalId, status, reason, occurredAt],
    });
    if (!rows[0]) throw new ApiError(404, 'NOT_FOUND', 'unknown sandbox applicant');
    const body: z.infer<typeof webhookBody> = {
      type: 'sandboxApplicantReviewed',
      eventId: `${externalId}:${rows[0].decisions}`,
      externalId,
      status,
      occurredAt: occurredAt.toISOString(),
      ...(reason ? { reason } : {}),
    };
    const rawBody = Buffer.from(JSON.stringify(body));
    return { rawBody, headers: { 'content-type': 'application/json', ...signPayload(webhookSecret, rawBody) } };
  }

  function parseWebhook(rawBody: Buffer, headers: IncomingHttpHeaders): WebhookEvent {
    verifyPayloadDigest(webhookSecret, rawBody, headers);
    const parsed = webhookBody.safeParse(parseWebhookJson(rawBody));
    if (!parsed.success) throw new ApiError(400, 'BAD_REQUEST', 'not a sandbox webhook event');
    const event = parsed.data;
    return {
      eventId: event.eventId,
      externalId: event.externalId,
      type: event.type,
      status: event.status,
      occurredAt: new Date(event.occurredAt),
      ...(event.reason ? { reason: event.reason } : {}),
      summary: { type: event.type, status: event.status, occurredAt: event.occurredAt },
    };
  }

  return {
    name: 'sandbox',
    createApplicant,
    // The sandbox has no SDK session to renew: the same applicant simply stays pending.
    resumeApplicant: async ({ externalId }) => ({ externalId }),
    fetchStatus,
    parseWebhook,
    decide,
  };
}

export function isSandboxProvider(provider: KycProvider): provider is SandboxProvider {
  return provider.name === 'sandbox' && typeof (provider as Partial<SandboxProvider>).decide === 'function';
}
