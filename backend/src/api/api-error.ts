// Every refusal the API gives: an HTTP status and a machine-readable code. GraphQL carries the same code
// in `extensions.code`; anything else is masked as INTERNAL and logged. The OpenAPI document lists these.
import { GraphQLError } from 'graphql';

export const API_ERROR_CODES = {
  BAD_REQUEST: 'the request is malformed (not JSON, wrong content type)',
  INVALID_ARGUMENT: 'a parameter or body field is invalid; `details.issues` says which',
  INVALID_CURSOR: 'the pagination cursor is not one this API issued',
  INVALID_CID: 'not a CIDv1/CIDv0 this API can verify',
  UNAUTHENTICATED: 'no valid session or API key',
  FORBIDDEN: 'the credential lacks the scope, or the caller does not own the resource',
  KYC_REQUIRED: 'the caller must complete KYC first',
  NOT_FOUND: 'no such resource',
  METHOD_NOT_ALLOWED: 'the route exists with another method',
  CONFLICT: 'the request conflicts with the current state (e.g. an idempotency key reused with another body)',
  PAYLOAD_TOO_LARGE: 'the body exceeds the route limit',
  LENGTH_REQUIRED: 'the request must declare its Content-Length',
  UNSUPPORTED_MEDIA_TYPE: 'the body must be application/json',
  INVALID_SIGNATURE: 'a signature does not verify',
  AUTHORIZATION_NOT_INCREASING: 'a spending authorization must raise the largest cumulative amount already signed for that orchestrator',
  NOT_CANCELLABLE: 'the execution has already finished (succeeded, failed, timed out or cancelled)',
  NONCE_INVALID: 'the SIWE nonce is unknown, expired or already used',
  MESSAGE_EXPIRED: 'the signed message is expired or not yet valid',
  RATE_LIMITED: 'too many requests; retry after `Retry-After` seconds',
  QUERY_TOO_COMPLEX: 'the GraphQL query exceeds the depth, cost or alias limits',
  UPSTREAM_UNAVAILABLE: 'a dependency (chain, IPFS, KYC provider) did not answer',
  INTERNAL: 'an unexpected error (logged; no details are returned)',
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_CODES;

export class ApiError extends GraphQLError {
  readonly status: number;
  readonly code: ApiErrorCode;
  /** Extra response headers, e.g. Retry-After on 429. */
  readonly headers: Record<string, string>;
  readonly details: Record<string, unknown> | undefined;
  constructor(status: number, code: ApiErrorCode, message: string, details?: Record<string, unknown>, headers: Record<string, string> = {}) {
    super(message, { extensions: { code, http: { status, headers }, ...(details ? { details } : {}) } });
    this.status = status;
    this.code = code;
    this.headers = headers;
    this.details = details;
  }
}
