// What the KYC flow needs from an identity-verification provider. The backend never sees documents or
// personal data: it creates an applicant, hands the client whatever the provider's SDK needs, and learns
// the outcome from signed webhooks (or by asking). Implementations: the embedded sandbox (the default,
// no network) and a Sumsub adapter.
import type { IncomingHttpHeaders } from 'node:http';

/** What a provider says about an applicant. `pending` covers everything not yet final (including a
 *  rejection the applicant may retry). */
export type ProviderStatus = 'pending' | 'verified' | 'rejected';

/** The backend's status of a user or verification (the `kyc_status` enum). */
export type KycStatus = 'none' | 'pending' | 'verified' | 'rejected' | 'expired';

export type CreateApplicantParameters = {
  /** Our id for this verification attempt (a UUID): the provider's "external user id", unique per attempt,
   *  so a user may verify again after a rejection or expiry without colliding with the old applicant. */
  reference: string;
  userId: string;
  /** Lower-case 0x address of the user's wallet. */
  wallet: `0x${string}`;
  /** The provider's verification level (which checks to run). */
  level: string;
};

/** What the client needs to run the provider's verification UI. */
export type ApplicantSession = {
  /** The provider's applicant id. */
  externalId: string;
  /** A short-lived token for the provider's web/mobile SDK. */
  accessToken?: string;
  /** A hosted verification page, for providers that use one. */
  redirectUrl?: string;
};

export type ProviderStatusReport = {
  status: ProviderStatus;
  /** The provider's time of this status (review time), the ordering key against webhook events; null
   *  when the provider gives none (an applicant still waiting for review). Never our own clock: a poll
   *  stamped "now" by us could outrank a later webhook stamped by a provider whose clock runs behind. */
  occurredAt: Date | null;
  /** When the verification lapses, if the provider decides it (otherwise KYC_VALIDITY_DAYS applies). */
  expiresAt?: Date;
  /** A reason safe to show the applicant (rejections). */
  reason?: string;
};

export type WebhookEvent = {
  /** Stable across the provider's redeliveries of the same event: the idempotency key. */
  eventId: string;
  externalId: string;
  /** The provider's event type (e.g. `applicantReviewed`). */
  type: string;
  /** The applicant's status after this event, or null for events that say nothing about it (ignored). */
  status: ProviderStatus | null;
  occurredAt: Date;
  expiresAt?: Date;
  reason?: string;
  /** What is kept in kyc_webhook_events: the event without personal data. */
  summary: Record<string, unknown>;
};

export type KycProvider = {
  /** Stored in kyc_verifications.provider and kyc_webhook_events.provider. */
  readonly name: 'sandbox' | 'sumsub';
  createApplicant(parameters: CreateApplicantParameters): Promise<ApplicantSession>;
  /** A fresh SDK session for an applicant that already exists (initiate called again while pending). */
  resumeApplicant(parameters: CreateApplicantParameters & { externalId: string }): Promise<ApplicantSession>;
  fetchStatus(externalId: string): Promise<ProviderStatusReport>;
  /** Verifies the webhook's signature over the exact bytes received, then parses it. Throws ApiError
   *  401 INVALID_SIGNATURE for a missing or wrong signature, 400 BAD_REQUEST for a signed but malformed body. */
  parseWebhook(rawBody: Buffer, headers: IncomingHttpHeaders): WebhookEvent;
};
