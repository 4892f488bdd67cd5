// Every refusal the API gives: an HTTP status and a machine-readable code. GraphQL carries the same code
// in `extensions.code`; anything else is masked as INTERNAL_SERVER_ERROR and logged.
import { GraphQLError } from 'graphql';

export type ApiErrorCode = 'BAD_REQUEST' | 'INVALID_ARGUMENT' | 'INVALID_CURSOR' | 'NOT_FOUND' | 'METHOD_NOT_ALLOWED' | 'INTERNAL';

export class ApiError extends GraphQLError {
  readonly status: number;
  readonly code: ApiErrorCode;
  constructor(status: number, code: ApiErrorCode, message: string, details?: Record<string, unknown>) {
    super(message, { extensions: { code, http: { status }, ...(details ? { details } : {}) } });
    this.status = status;
    this.code = code;
  }
}
