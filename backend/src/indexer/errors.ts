// The indexer's errors: one tree with a machine-readable code and whether retrying the same work can
// succeed. The loop retries retryable errors with a backoff and stops on the others (a second indexer
// writing the same cursor, a database that belongs to another chain), because retrying those would
// either fight the other writer forever or mix two chains' events.

export type IndexerErrorCode =
  | 'RPC_FAILED'
  | 'LOG_QUERY_TOO_LARGE'
  | 'CHAIN_CHANGED_DURING_RANGE'
  | 'REORG_DETECTED'
  | 'DATABASE_FAILED'
  | 'CURSOR_CONFLICT'
  | 'CHAIN_MISMATCH';

export class IndexerError extends Error {
  override name = 'IndexerError';
  readonly code: IndexerErrorCode;
  /** Whether doing the same work again can succeed (after a backoff, a smaller range or a rollback). */
  readonly retryable: boolean;
  constructor(code: IndexerErrorCode, message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable;
  }
}

/** A JSON-RPC call failed (node down, timeout, unexpected answer). */
export class RpcFailedError extends IndexerError {
  override name = 'RpcFailedError';
  readonly method: string;
  constructor(method: string, cause: unknown) {
    super('RPC_FAILED', `${method} failed: ${(cause as Error)?.message ?? String(cause)}`, { retryable: true, cause });
    this.method = method;
  }
}

/** The node refused eth_getLogs for this block range (too many results, range or response too large). */
export class LogQueryTooLargeError extends IndexerError {
  override name = 'LogQueryTooLargeError';
  readonly fromBlock: bigint;
  readonly toBlock: bigint;
  constructor(fromBlock: bigint, toBlock: bigint, cause: unknown) {
    super('LOG_QUERY_TOO_LARGE', `eth_getLogs refused blocks ${fromBlock}-${toBlock}: ${(cause as Error)?.message ?? String(cause)}`, {
      retryable: true,
      cause,
    });
    this.fromBlock = fromBlock;
    this.toBlock = toBlock;
  }
}

/** The chain changed while a range was being read (a reorg in between two calls): read it again. */
export class ChainChangedDuringRangeError extends IndexerError {
  override name = 'ChainChangedDuringRangeError';
  constructor(message: string) {
    super('CHAIN_CHANGED_DURING_RANGE', message, { retryable: true });
  }
}

/** The last indexed block is no longer on the chain: the indexer must roll back to the fork point. */
export class ReorgDetectedError extends IndexerError {
  override name = 'ReorgDetectedError';
  readonly blockNumber: bigint;
  constructor(blockNumber: bigint, message: string) {
    super('REORG_DETECTED', message, { retryable: true });
    this.blockNumber = blockNumber;
  }
}

/** PostgreSQL refused or lost a write; the transaction rolled back, so nothing of it is visible. */
export class DatabaseFailedError extends IndexerError {
  override name = 'DatabaseFailedError';
  constructor(operation: string, cause: unknown) {
    super('DATABASE_FAILED', `${operation} failed: ${(cause as Error)?.message ?? String(cause)}`, { retryable: true, cause });
  }
}

/** The cursor in the database is not where this indexer left it: another indexer writes the same stream. */
export class CursorConflictError extends IndexerError {
  override name = 'CursorConflictError';
  constructor(cursorName: string, expected: string) {
    super('CURSOR_CONFLICT', `the cursor "${cursorName}" moved away from ${expected}: is another indexer writing it?`, { retryable: false });
  }
}

/** The database's cursor was written for another chain than the one the RPC serves. */
export class ChainMismatchError extends IndexerError {
  override name = 'ChainMismatchError';
  constructor(cursorName: string, databaseChainId: number, rpcChainId: number) {
    super(
      'CHAIN_MISMATCH',
      `the cursor "${cursorName}" indexes chain ${databaseChainId} but the RPC serves chain ${rpcChainId}: use another database or RPC`,
      { retryable: false },
    );
  }
}
