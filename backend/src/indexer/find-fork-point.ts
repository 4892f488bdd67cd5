// Finds where the indexed blocks rejoin the canonical chain after a reorg: the highest stored block
// whose hash the chain still has at that height. The stored blocks form one hash-linked chain (see
// fetch-range.ts), so every stored block below that one is canonical too, and everything above it must
// go. Returns null when none survived (roll back to the start).
import type { Client, Hex } from 'viem';
import type { Pool } from 'pg';
import type { Cursor } from './cursor.ts';
import { DatabaseFailedError } from './errors.ts';
import { getBlockHeaders } from './get-block-headers.ts';

/** Stored blocks compared per round trip. */
const PAGE = 100;

export async function findForkPoint(client: Client, db: Pool, parameters: { chainId: number; atOrBelow: bigint }): Promise<Cursor> {
  let below = parameters.atOrBelow + 1n;
  for (;;) {
    let rows: Array<{ number: string; hash: Hex }>;
    try {
      ({ rows } = await db.query('SELECT number, hash FROM indexed_blocks WHERE chain_id = $1 AND number < $2 ORDER BY number DESC LIMIT $3', [
        parameters.chainId,
        below.toString(),
        PAGE,
      ]));
    } catch (error) {
      throw new DatabaseFailedError('reading indexed blocks', error);
    }
    if (rows.length === 0) return null;
    const headers = await getBlockHeaders(
      client,
      rows.map((row) => BigInt(row.number)),
    );
    for (const row of rows) {
      const number = BigInt(row.number);
      if (headers.get(number)?.hash === row.hash) return { blockNumber: number, blockHash: row.hash };
    }
    below = BigInt(rows[rows.length - 1]!.number);
  }
}
