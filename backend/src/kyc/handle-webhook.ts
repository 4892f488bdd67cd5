// A provider's webhook: verified over the raw bytes, recorded once per (provider, event id), applied in
// the same transaction. A replay (the provider retrying, or anyone resending a captured request) finds its
// event id taken and changes nothing. Anything wrong (signature, JSON, shape, unknown applicant) is a 4xx
// and the transaction rolls back, so a refused webhook leaves no trace and a later redelivery still counts.
import type { IncomingHttpHeaders } from 'node:http';
import type { Pool } from 'pg';
import { applyProviderStatus } from './apply-provider-status.ts';
import type { KycProvider, KycStatus } from './provider.ts';

export type HandleWebhookDependencies = { db: Pool; provider: KycProvider; validityDays: number; now?: () => Date };

export type HandleWebhookResult = {
  received: true;
  /** This event id was seen before: nothing was done. */
  duplicate: boolean;
  /** The event changed the verification (false: a duplicate, an ignored type, or older than the status held). */
  applied: boolean;
  /** The event type says nothing about the applicant's status (not recorded). */
  ignored?: true;
  status?: KycStatus;
};

export async function handleKycWebhook(deps: HandleWebhookDependencies, rawBody: Buffer, headers: IncomingHttpHeaders): Promise<HandleWebhookResult> {
  const event = deps.provider.parseWebhook(rawBody, headers);
  if (event.status === null) return { received: true, duplicate: false, applied: false, ignored: true };

  const client = await deps.db.connect();
  try {
    await client.query('BEGIN');
    const inserted = await client.query({
      name: 'kyc-webhook-record',
      text: 'INSERT INTO kyc_webhook_events (provider, event_id, payload) VALUES ($1, $2, $3) ON CONFLICT (provider, event_id) DO NOTHING',
      values: [deps.provider.name, event.eventId, jsonbSafe({ ...event.summary, externalId: event.externalId })],
    });
    if (inserted.rowCount === 0) {
      await client.query('ROLLBACK');
      return { received: true, duplicate: true, applied: false };
    }
    const result = await applyProviderStatus(
      client,
      { provider: deps.provider.name, externalId: event.externalId, status: event.status, occurredAt: event.occurredAt, expiresAt: event.expiresAt, reason: event.reason },
      { validityDays: deps.validityDays, now: deps.now?.() ?? new Date() },
    );
    await client.query('COMMIT');
    return { received: true, duplicate: false, applied: result.applied, status: result.status };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** jsonb refuses \u0000 and lone surrogates in strings; the summary holds provider input, so clean it all. */
function jsonbSafe(value: unknown): unknown {
  if (typeof value === 'string') return cleanString(value);
  if (Array.isArray(value)) return value.map(jsonbSafe);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [cleanString(key), jsonbSafe(item)]));
  return value;
}

function cleanString(text: string): string {
  return text.toWellFormed().replace(/\u0000/g, '');
}
