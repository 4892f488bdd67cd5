// The indexer's transactions (db/with-transaction.ts) with its error contract: failures come back as
// DatabaseFailedError naming the operation, unless they already are indexer errors.
import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '../db/with-transaction.ts';
import { DatabaseFailedError, IndexerError } from './errors.ts';

export async function inTransaction<Result>(db: Pool, operation: string, work: (transaction: PoolClient) => Promise<Result>): Promise<Result> {
  try {
    return await withTransaction(db, work);
  } catch (error) {
    throw error instanceof IndexerError ? error : new DatabaseFailedError(operation, error);
  }
}
