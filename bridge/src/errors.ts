// Every way a bridge operation can be refused, with a machine-readable code and what to do next.
export type BridgeErrorCode =
  | 'INVALID_AMOUNT'
  | 'INVALID_ADDRESS'
  | 'INSUFFICIENT_BALANCE'
  | 'UNKNOWN_TRANSACTION'
  | 'NO_WITHDRAWAL_IN_TRANSACTION'
  | 'NOT_READY_TO_PROVE'
  | 'ALREADY_PROVEN'
  | 'NOT_READY_TO_FINALIZE'
  | 'ALREADY_FINALIZED'
  | 'TRANSACTION_REVERTED';

export class BridgeError extends Error {
  override name = 'BridgeError';
  readonly code: BridgeErrorCode;
  constructor(code: BridgeErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
