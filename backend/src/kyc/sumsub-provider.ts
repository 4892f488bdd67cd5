// The Sumsub adapter (KYC_PROVIDER=sumsub), after Sumsub's API reference:
//
// - Every request carries X-App-Token, X-App-Access-Ts (Unix seconds) and X-App-Access-Sig: the lower-case
//   hex HMAC-SHA256, keyed with the app token's secret key, of ts + METHOD + path-with-query + body, where
//   the body is the exact string sent (the adapter serialises once and sends those bytes).
// - Applicants: POST /resources/applicants?levelName=… { externalUserId } (we pass our per-attempt
//   verification id); SDK sessions: POST /resources/accessTokens/sdk { userId, levelName, ttlInSecs };
//   status: GET /resources/applicants/{id}/one (its `review` object).
// - Webhooks: X-Payload-Digest is the hex HMAC of the raw body with the webhook's secret key, the algorithm
//   named in X-Payload-Digest-Alg (payload-digest.ts).
//
// Status mapping (reviewStatus / reviewResult.reviewAnswer / reviewRejectType): completed + GREEN →
// verified; completed + RED + FINAL → rejected; completed + RED + RETRY → pending (the applicant may
// resubmit); init, pending, prechecked, queued, onHold, awaiting* → pending.
import type { IncomingHttpHeaders } from 'node:http';
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../api/api-error.ts';
import { parseWebhookJson, verifyPayloadDigest } from './payload-digest.ts';
import type { ApplicantSession, CreateApplicantParameters, KycProvider, ProviderStatus, ProviderStatusReport, WebhookEvent } from './provider.ts';

export type SumsubProviderParameters = {
  /** https://api.sumsub.com in production (KYC_SUMSUB_BASE_URL). */
  baseUrl: string;
  appToken: string;
  secretKey: string;
  /** The secret key of the Sumsub webhook (KYC_WEBHOOK_SECRET). */
  webhookSecret: string;
  /** Lifetime of SDK access tokens (default 1800 s). */
  accessTokenTtlSeconds?: number;
  /** Per request (default 10 s): past it the provider counts as unavailable. */
  timeoutMs?: number;
  now?: () => Date;
};

/** The value of X-App-Access-Sig. */
export function signSumsubRequest(parameters: { secretKey: string; ts: string; method: string; path: string; body: string }): string {
  return createHmac('sha256', parameters.secretKey)
    .update(parameters.ts + parameters.method.toUpperCase() + parameters.path + parameters.body)
    .digest('hex');
}

/** Sumsub's verdict → ours (see the mapping at the top). Unknown review statuses read as pending. */
export function mapSumsubReview(review: { reviewStatus?: string; reviewResult?: { reviewAnswer?: string; reviewRejectType?: string } | undefined }): ProviderStatus {
  if (review.reviewStatus !== 'completed') return 'pending';
  const answer = review.reviewResult?.reviewAnswer;
  if (answer === 'GREEN') return 'verified';
  if (answer === 'RED' && review.reviewResult?.reviewRejectType === 'FINAL') return 'rejected';
  return 'pending';
}

/** Sumsub's timestamps: "2020-02-21 13:23:19.321" (createdAtMs, UTC), "2020-06-24 05:11:02+0000", or ISO 8601. */
export function parseSumsubTime(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (!match) return null;
  const fraction = match[3] ? match[3].slice(0, 4).padEnd(4, '0') : '.000';
  const zone = !match[4] || match[4] === 'Z' ? 'Z' : `${match[4].slice(0, 3)}:${match[4].slice(-2)}`;
  const date = new Date(`${match[1]}T${match[2]}${fraction}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Webhook types that report the applicant's review status; the rest (tags, personal info…) are ignored. */
const STATUS_EVENTS = new Set([
  'applicantCreated',
  'applicantPending',
  'applicantPrechecked',
  'applicantOnHold',
  'applicantAwaitingService',
  'applicantAwaitingUser',
  'applicantReset',
  'applicantReviewed',
]);

const reviewResult = z.looseObject({
  reviewAnswer: z.string().max(32).optional(),
  reviewRejectType: z.string().max(32).optional(),
  moderationComment: z.string().optional(),
});

const webhookBody = z.looseObject({
  applicantId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/),
  type: z.string().regex(/^[A-Za-z]{1,100}$/),
  createdAtMs: z.string().max(64).optional(),
  createdAt: z.string().max(64).optional(),
  reviewStatus: z.string().max(64).optional(),
  reviewResult: reviewResult.optional(),
  levelName: z.string().max(200).optional(),
});

const applicantResponse = z.looseObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/) });
const accessTokenResponse = z.looseObject({ token: z.string().min(1).max(4096) });
const applicantStatusResponse = z.looseObject({
  review: z
    .looseObject({ reviewStatus: z.string().optional(), reviewResult: reviewResult.optional(), reviewDate: z.string().optional(), createDate: z.string().optional() })
    .optional(),
});

export function createSumsubProvider(parameters: SumsubProviderParameters): KycProvider {
  const baseUrl = parameters.baseUrl.replace(/\/+$/, '');
  const now = parameters.now ?? (() => new Date());
  const timeoutMs = parameters.timeoutMs ?? 10_000;
  const ttl = parameters.accessTokenTtlSeconds ?? 1800;

  async function request<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const text = body === undefined ? '' : JSON.stringify(body);
    const ts = String(Math.floor(now().getTime() / 1000));
    let response: Response;
    try {
      response = await fetch(baseUrl + path, {
        method,
        headers: {
          accept: 'application/json',
          // Sumsub asks JavaScript clients to always send the content type, even with an empty body.
          'content-type': 'application/json',
          'x-app-token': parameters.appToken,
          'x-app-access-ts': ts,
          'x-app-access-sig': signSumsubRequest({ secretKey: parameters.secretKey, ts, method, path, body: text }),
        },
        ...(body === undefined ? {} : { body: text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new ApiError(503, 'UPSTREAM_UNAVAILABLE', 'the KYC provider did not answer', { provider: 'sumsub' });
    }
    const payload = await response.json().catch(() => undefined);
    if (!response.ok) {
      // Sumsub's error shape: { description, code, correlationId }. The correlation id lets Sumsub support
      // find the request; nothing in it is secret.
      const error = (payload ?? {}) as { description?: unknown; correlationId?: unknown };
      throw new ApiError(502, 'UPSTREAM_UNAVAILABLE', `the KYC provider refused the request (HTTP ${response.status})`, {
        provider: 'sumsub',
        status: response.status,
        ...(typeof error.description === 'string' ? { description: error.description.slice(0, 500) } : {}),
        ...(typeof error.correlationId === 'string' ? { correlationId: error.correlationId.slice(0, 100) } : {}),
      });
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw new ApiError(502, 'UPSTREAM_UNAVAILABLE', 'the KYC provider answered something unexpected', { provider: 'sumsub' });
    return parsed.data;
  }

  async function accessToken(reference: string, level: string): Promise<string> {
    const { token } = await request('POST', '/resources/accessTokens/sdk', accessTokenResponse, { userId: reference, levelName: level, ttlInSecs: ttl });
    return token;
  }

  async function createApplicant(input: CreateApplicantParameters): Promise<ApplicantSession> {
    const applicant = await request('POST', `/resources/applicants?levelName=${encodeURIComponent(input.level)}`, applicantResponse, { externalUserId: input.reference });
    return { externalId: applicant.id, accessToken: await accessToken(input.reference, input.level) };
  }

  async function resumeApplicant(input: CreateApplicantParameters & { externalId: string }): Promise<ApplicantSession> {
    return { externalId: input.externalId, accessToken: await accessToken(input.reference, input.level) };
  }

  async function fetchStatus(externalId: string): Promise<ProviderStatusReport> {
    const applicant = await request('GET', `/resources/applicants/${encodeURIComponent(externalId)}/one`, applicantStatusResponse);
    const review = applicant.review ?? {};
    const status = mapSumsubReview(review);
    const reason = review.reviewResult?.reviewAnswer === 'RED' ? cleanReason(review.reviewResult.moderationComment) : undefined;
    return { status, occurredAt: parseSumsubTime(review.reviewDate) ?? parseSumsubTime(review.createDate), ...(reason ? { reason } : {}) };
  }

  function parseWebhook(rawBody: Buffer, headers: IncomingHttpHeaders): WebhookEvent {
    verifyPayloadDigest(parameters.webhookSecret, rawBody, headers);
    const parsed = webhookBody.safeParse(parseWebhookJson(rawBody));
    if (!parsed.success) throw new ApiError(400, 'BAD_REQUEST', 'not a Sumsub applicant webhook');
    const event = parsed.data;
    const occurredAt = parseSumsubTime(event.createdAtMs) ?? parseSumsubTime(event.createdAt);
    if (!occurredAt) throw new ApiError(400, 'BAD_REQUEST', 'the webhook has no valid createdAtMs');
    const status = STATUS_EVENTS.has(event.type) ? mapSumsubReview(event) : null;
    const reason = event.reviewResult?.reviewAnswer === 'RED' ? cleanReason(event.reviewResult.moderationComment) : undefined;
    return {
      // Sumsub webhooks carry no event id. Its redeliveries of one event repeat the applicant, the type and
      // createdAtMs (the event's own time, to the millisecond), so those three identify the event. A digest
      // of the body would not: a redelivery that serialised the JSON differently would count as new.
      eventId: `${event.applicantId}:${event.type}:${occurredAt.toISOString()}`,
      externalId: event.applicantId,
      type: event.type,
      status,
      occurredAt,
      ...(reason ? { reason } : {}),
      // Kept in kyc_webhook_events: the verdict, not the applicant's data or the client comments.
      summary: {
        type: event.type,
        reviewStatus: event.reviewStatus ?? null,
        reviewAnswer: event.reviewResult?.reviewAnswer ?? null,
        reviewRejectType: event.reviewResult?.reviewRejectType ?? null,
        levelName: event.levelName ?? null,
        createdAtMs: occurredAt.toISOString(),
      },
    };
  }

  return { name: 'sumsub', createApplicant, resumeApplicant, fetchStatus, parseWebhook };
}

/** moderationComment is meant for the applicant; it is still cut short and stripped of NULs (PostgreSQL text). */
function cleanReason(comment: string | undefined): string | undefined {
  const text = comment?.replace(/\u0000/g, '').trim();
  return text ? text.slice(0, 1000) : undefined;
}
