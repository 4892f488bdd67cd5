// Undoes everything above a fork point in one transaction: the blocks above it go (their events with
// them, ON DELETE CASCADE) and the cursor moves down to it (compare-and-set), or is removed when no
// indexed block survived the reorg.
import type { Pool } from 'pg';
import type { Cursor } from './cursor.ts';
import { inTransaction } from './in-transaction.ts';
import { moveCursor } from './move-cursor.ts';

export type RollBackParameters = { cursorName: string; chainId: number; from: Cursor; to: Cursor };

/** Returns how many blocks and events were removed. */
export async function rollBack(db: Pool, parameters: RollBackParameters): Promise<{ blocks: number; events: number }> {
  const { cursorName, chainId, from, to } = parameters;
  const keepUpTo = to ? to.blockNumber.toString() : '-1';
  return inTransaction(db, `rolling back to ${to ? `block ${to.blockNumber}` : 'the start'}`, async (transaction) => {
    await moveCursor(transaction, { cursorName, chainId, from, to });
    const events = await transaction.query<{ n: number }>('SELECT count(*)::int AS n FROM chain_events WHERE chain_id = $1 AND block_number > $2', [chainId, keepUpTo]);
    const blocks = await transaction.query('DELETE FROM indexed_blocks WHERE chain_id = $1 AND number > $2', [chainId, keepUpTo]);
    return { blocks: blocks.rowCount ?? 0, events: events.rows[0]!.n };
  });
}
