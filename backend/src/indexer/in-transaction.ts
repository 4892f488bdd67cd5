// Runs `work` in one PostgreSQL transaction on a pooled connection: committed if it returns, rolled
// back if it throws, so a failure at any point (an error, a refused row, a lost connection) leaves
// nothing of it behind. Failures come back as DatabaseFailedError unless they already are indexer errors.
import type { Pool, PoolClient } from 'pg';
import { DatabaseFailedError, IndexerError } from './errors.ts';

export async function inTransaction<Result>(db: Pool, operation: string, work: (transaction: PoolClient) => Promise<Result>): Promise<Result> {
  let transaction: PoolClient;
  try {
    transaction = await db.connect();
  } catch (error) {
    throw new DatabaseFailedError(operation, error);
  }
  let broken = false;
  try {
    await transaction.query('BEGIN');
    const result = await work(transaction);
    await transaction.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await transaction.query('ROLLBACK');
    } catch {
      broken = true; // the connection is gone; PostgreSQL discards the open transaction itself
    }
    throw error instanceof IndexerError ? error : new DatabaseFailedError(operation, error);
  } finally {
    transaction.release(broken);
  }
}
