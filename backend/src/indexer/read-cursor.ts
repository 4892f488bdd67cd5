// Reads the indexer's cursor, refusing a database whose cursor belongs to another chain.
import type { Hex } from 'viem';
import type { Pool } from 'pg';
import type { Cursor } from './cursor.ts';
import { ChainMismatchError, DatabaseFailedError } from './errors.ts';

export async function readCursor(db: Pool, parameters: { cursorName: string; chainId: number }): Promise<Cursor> {
  let rows: Array<{ chain_id: string; block_number: string; block_hash: Hex }>;
  try {
    ({ rows } = await db.query('SELECT chain_id, block_number, block_hash FROM indexer_cursors WHERE name = $1', [parameters.cursorName]));
  } catch (error) {
    throw new DatabaseFailedError('reading the indexer cursor', error);
  }
  const row = rows[0];
  if (!row) return null;
  if (Number(row.chain_id) !== parameters.chainId) throw new ChainMismatchError(parameters.cursorName, Number(row.chain_id), parameters.chainId);
  return { blockNumber: BigInt(row.block_number), blockHash: row.block_hash };
}
