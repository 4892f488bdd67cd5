// Runs `work` in one PostgreSQL transaction on a pooled client: committed when it returns, rolled back
// when it throws (the error is rethrown), so a refused request leaves nothing half-written.
import type { Pool, PoolClient } from 'pg';

export async function withTransaction<T>(db: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      // A connection that cannot roll back is not returned to the pool.
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
