// The indexer's cursor: the last block whose range is fully written. Everything at or below it is in
// the database; nothing above it is. Null until the first range is written.
import type { Hex } from 'viem';

export type Cursor = { blockNumber: bigint; blockHash: Hex } | null;

/** The cursor stream the indexer writes (one per chain: indexed_blocks is keyed by chain id). */
export const DEFAULT_CURSOR_NAME = 'cr8-contracts';

export function describeCursor(cursor: Cursor): string {
  return cursor ? `block ${cursor.blockNumber} (${cursor.blockHash})` : 'nothing indexed';
}
