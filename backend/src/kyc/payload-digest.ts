// Webhook authenticity the way Sumsub does it (and the sandbox copies, so both take the same path): the
// sender puts a hex HMAC of the exact body bytes in X-Payload-Digest and names the algorithm in
// X-Payload-Digest-Alg. The digest is compared in constant time, over the raw bytes (never re-serialised
// JSON, which would not be the bytes that were signed).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from '../api/api-error.ts';

export const DIGEST_HEADER = 'x-payload-digest';
export const DIGEST_ALG_HEADER = 'x-payload-digest-alg';

/** The algorithms accepted. Sumsub also offers HMAC_SHA1_HEX (legacy); SHA-1 is refused on purpose:
 *  configure the webhook with SHA-256 (Sumsub's default) or SHA-512. */
export const DIGEST_ALGORITHMS = { HMAC_SHA256_HEX: 'sha256', HMAC_SHA512_HEX: 'sha512' } as const;
export type DigestAlgorithm = keyof typeof DIGEST_ALGORITHMS;

export function payloadDigest(secret: string, body: Buffer | string, algorithm: DigestAlgorithm = 'HMAC_SHA256_HEX'): string {
  return createHmac(DIGEST_ALGORITHMS[algorithm], secret).update(body).digest('hex');
}

/** The headers a sender attaches to `body`. */
export function signPayload(secret: string, body: Buffer | string, algorithm: DigestAlgorithm = 'HMAC_SHA256_HEX'): Record<string, string> {
  return { [DIGEST_HEADER]: payloadDigest(secret, body, algorithm), [DIGEST_ALG_HEADER]: algorithm };
}

/** Throws 401 INVALID_SIGNATURE unless the body carries a valid digest. A missing algorithm header means
 *  HMAC_SHA256_HEX, the default Sumsub signs with. */
export function verifyPayloadDigest(secret: string, rawBody: Buffer, headers: IncomingHttpHeaders): void {
  const digest = single(headers[DIGEST_HEADER]);
  const algorithmName = single(headers[DIGEST_ALG_HEADER]) ?? 'HMAC_SHA256_HEX';
  if (!Object.hasOwn(DIGEST_ALGORITHMS, algorithmName)) throw invalid(`unsupported ${DIGEST_ALG_HEADER}; use HMAC_SHA256_HEX or HMAC_SHA512_HEX`);
  if (!digest) throw invalid(`missing ${DIGEST_HEADER}`);
  const expected = Buffer.from(payloadDigest(secret, rawBody, algorithmName as DigestAlgorithm), 'hex');
  const given = /^[0-9a-fA-F]+$/.test(digest) && digest.length % 2 === 0 ? Buffer.from(digest, 'hex') : Buffer.alloc(0);
  // timingSafeEqual needs equal lengths; the length itself (fixed per algorithm) is no secret.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid('the payload digest does not match');
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}

function invalid(message: string): ApiError {
  return new ApiError(401, 'INVALID_SIGNATURE', message);
}

/** The signed body as JSON: 400 BAD_REQUEST instead of a SyntaxError (which would be a 500). */
export function parseWebhookJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new ApiError(400, 'BAD_REQUEST', 'the webhook body is not valid JSON');
  }
}
