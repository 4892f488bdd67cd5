// Moves the cursor from where this indexer last saw it to a new block, inside the caller's transaction,
// as a compare-and-set: if the stored cursor is not `from`, another indexer is writing the same stream
// and the transaction must not go on. Run first in the transaction, it also takes the cursor row's lock,
// so a second writer waits and then fails the comparison instead of interleaving.
import type { PoolClient } from 'pg';
import { type Cursor, describeCursor } from './cursor.ts';
import { CursorConflictError } from './errors.ts';

export async function moveCursor(
  transaction: PoolClient,
  parameters: { cursorName: string; chainId: number; from: Cursor; to: Cursor },
): Promise<void> {
  const { cursorName, chainId, from, to } = parameters;
  let moved: number | null;
  if (from === null && to === null) return;
  if (from === null) {
    ({ rowCount: moved } = await transaction.query(
      'INSERT INTO indexer_cursors (name, chain_id, block_number, block_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING',
      [cursorName, chainId, to!.blockNumber.toString(), to!.blockHash],
    ));
  } else if (to === null) {
    ({ rowCount: moved } = await transaction.query('DELETE FROM indexer_cursors WHERE name = $1 AND chain_id = $2 AND block_number = $3 AND block_hash = $4', [
      cursorName,
      chainId,
      from.blockNumber.toString(),
      from.blockHash,
    ]));
  } else {
    ({ rowCount: moved } = await transaction.query(
      `UPDATE indexer_cursors SET block_number = $3, block_hash = $4, updated_at = now()
       WHERE name = $1 AND chain_id = $2 AND block_number = $5 AND block_hash = $6`,
      [cursorName, chainId, to.blockNumber.toString(), to.blockHash, from.blockNumber.toString(), from.blockHash],
    ));
  }
  if (moved !== 1) throw new CursorConflictError(cursorName, describeCursor(from));
}
