// Writes one fetched range in one transaction: the cursor moves to the range's last block (compare-and-
// set), the blocks and events go in with one multi-row INSERT ... SELECT per table (per 10,000 events),
// and block markers without events that fell out of the reorg window are pruned. A
// crash at any point leaves the database at the previous cursor with nothing of this range in it.
import type { Pool, PoolClient } from 'pg';
import type { Cursor } from './cursor.ts';
import type { RangeData } from './fetch-range.ts';
import { inTransaction } from './in-transaction.ts';
import { moveCursor } from './move-cursor.ts';

/** Rows per INSERT statement: keeps one statement's parameters to a few megabytes. */
const EVENTS_PER_STATEMENT = 10_000;

/**
 * How many blocks below the cursor keep their markers when they have no events. Range ends are
 * recorded so a reorg near the head finds its fork point close by; further down only blocks with
 * events need their hashes (they carry the events a rollback must judge), so the markers there are
 * deleted rather than kept forever, one row per block while following the head.
 */
export const EMPTY_BLOCK_MARKERS_KEPT = 1_024n;

async function insertEvents(transaction: PoolClient, chainId: number, range: RangeData): Promise<void> {
  for (let start = 0; start < range.events.length; start += EVENTS_PER_STATEMENT) {
    // One JSON document per statement (one native JSON.stringify), expanded by jsonb_to_recordset: measured
    // faster here than unnest() over nine arrays, whose literals the driver builds element by element.
    const rows = range.events.slice(start, start + EVENTS_PER_STATEMENT).map((event) => ({
      b: event.blockNumber.toString(),
      l: event.logIndex,
      h: event.blockHash,
      t: event.txHash,
      c: event.contract,
      e: event.eventName,
      a: event.args,
      g: event.agentId,
    }));
    await transaction.query(
      `INSERT INTO chain_events (chain_id, block_number, log_index, block_hash, tx_hash, contract, event_name, args, agent_id)
       SELECT $1, r.b, r.l, r.h, r.t, r.c, r.e, r.a, r.g
       FROM jsonb_to_recordset($2::jsonb) AS r(b bigint, l integer, h text, t text, c text, e text, a jsonb, g numeric)`,
      [chainId, JSON.stringify(rows)],
    );
  }
}

export type WriteRangeParameters = { cursorName: string; chainId: number; previous: Cursor; range: RangeData };

/** Returns the new cursor. */
export async function writeRange(db: Pool, parameters: WriteRangeParameters): Promise<NonNullable<Cursor>> {
  const { cursorName, chainId, previous, range } = parameters;
  const next = { blockNumber: range.end.number, blockHash: range.end.hash };
  await inTransaction(db, `writing blocks ${range.fromBlock}-${range.toBlock}`, async (transaction) => {
    await moveCursor(transaction, { cursorName, chainId, from: previous, to: next });
    await transaction.query(
      `INSERT INTO indexed_blocks (chain_id, number, hash, parent_hash, timestamp)
       SELECT $1, number, hash, parent_hash, to_timestamp(seconds) FROM unnest($2::bigint[], $3::text[], $4::text[], $5::double precision[])
         AS block(number, hash, parent_hash, seconds)`,
      [
        chainId,
        range.blocks.map((block) => block.number.toString()),
        range.blocks.map((block) => block.hash),
        range.blocks.map((block) => block.parentHash),
        range.blocks.map((block) => block.timestamp.toString()),
      ],
    );
    await insertEvents(transaction, chainId, range);
    const pruneBelow = range.end.number - EMPTY_BLOCK_MARKERS_KEPT;
    if (pruneBelow > 0n) {
      const pruneFrom = (previous?.blockNumber ?? 0n) - EMPTY_BLOCK_MARKERS_KEPT;
      await transaction.query(
        `DELETE FROM indexed_blocks AS block WHERE block.chain_id = $1 AND block.number >= $2 AND block.number < $3
           AND NOT EXISTS (SELECT 1 FROM chain_events AS event WHERE event.chain_id = block.chain_id AND event.block_number = block.number)`,
        [chainId, (pruneFrom > 0n ? pruneFrom : 0n).toString(), pruneBelow.toString()],
      );
    }
  });
  return next;
}
