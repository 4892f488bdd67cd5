// Lists indexed chain events for the API with keyset pagination in chain order (newest first by
// default): all of a chain's events, a contract's, an agent's (its registry, market and fee events and
// its token's), optionally one event name. Each page is one index range scan (the primary key, or the
// contract or agent index of migration 1795320000001), however deep the page.
import type { Pool } from 'pg';
import { z } from 'zod';
import { ApiError } from '../api/api-error.ts';
import type { JsonObject } from './decode-log.ts';

export const EVENT_ORDERS = ['NEWEST', 'OLDEST'] as const;
export type EventOrder = (typeof EVENT_ORDERS)[number];

export const listEventsInput = z.object({
  first: z.number().int().min(1).max(100).default(20),
  after: z.string().max(200).optional(),
  contract: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 20-byte hex address')
    .transform((value) => value.toLowerCase())
    .optional(),
  agentId: z.string().regex(/^(0|[1-9][0-9]{0,77})$/, 'must be a whole number').optional(),
  eventName: z.string().min(1).max(100).optional(),
  orderBy: z.enum(EVENT_ORDERS).default('NEWEST'),
});
export type ListEventsInput = z.input<typeof listEventsInput>;

export type ChainEventRecord = {
  blockNumber: string;
  logIndex: number;
  blockHash: string;
  /** The block's time, ISO 8601. */
  timestamp: string;
  txHash: string;
  contract: string;
  eventName: string;
  args: JsonObject;
  agentId: string | null;
};

export type ChainEventPage = { events: ChainEventRecord[]; endCursor: string | null; hasNextPage: boolean };

type EventRow = {
  block_number: string;
  log_index: number;
  block_hash: string;
  timestamp: Date;
  tx_hash: string;
  contract: string;
  event_name: string;
  args: JsonObject;
  agent_id: string | null;
};

const cursorShape = z.tuple([z.enum(EVENT_ORDERS), z.string().regex(/^(0|[1-9][0-9]{0,18})$/), z.number().int().min(0).max(2 ** 31 - 1)]);

export function encodeEventCursor(event: Pick<ChainEventRecord, 'blockNumber' | 'logIndex'>, orderBy: EventOrder = 'NEWEST'): string {
  return Buffer.from(JSON.stringify([orderBy, event.blockNumber, event.logIndex])).toString('base64url');
}

function decodeEventCursor(cursor: string, orderBy: EventOrder): [string, number] {
  let decoded: [EventOrder, string, number];
  try {
    decoded = cursorShape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new ApiError(400, 'INVALID_CURSOR', 'the cursor is not one this API returned');
  }
  if (decoded[0] !== orderBy) throw new ApiError(400, 'INVALID_CURSOR', `the cursor was made for orderBy ${decoded[0]}, not ${orderBy}`);
  return [decoded[1], decoded[2]];
}

export function parseListEventsInput(input: unknown): z.output<typeof listEventsInput> {
  const result = listEventsInput.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ApiError(400, 'INVALID_ARGUMENT', `${issue.path.join('.') || 'input'}: ${issue.message}`);
}

/** `chainId` is the indexed chain's (the L3's): chain_events are keyed by chain. */
export async function listEvents(db: Pool, chainId: number, input: ListEventsInput): Promise<ChainEventPage> {
  const { first, after, contract, agentId, eventName, orderBy } = parseListEventsInput(input);
  const direction = orderBy === 'NEWEST' ? 'DESC' : 'ASC';
  const values: unknown[] = [chainId];
  const conditions = ['e.chain_id = $1'];
  if (contract) conditions.push(`e.contract = $${values.push(contract)}`);
  if (agentId) conditions.push(`e.agent_id = $${values.push(agentId)}::numeric`);
  if (eventName) conditions.push(`e.event_name = $${values.push(eventName)}`);
  if (after) {
    const [blockNumber, logIndex] = decodeEventCursor(after, orderBy);
    conditions.push(`(e.block_number, e.log_index) ${direction === 'DESC' ? '<' : '>'} ($${values.push(blockNumber)}::bigint, $${values.push(logIndex)}::integer)`);
  }
  const { rows } = await db.query<EventRow>({
    name: `list-events-${orderBy}-${contract ? 'c' : ''}${agentId ? 'a' : ''}${eventName ? 'n' : ''}${after ? 'k' : ''}`,
    text: `SELECT e.block_number, e.log_index, e.block_hash, b.timestamp, e.tx_hash, e.contract, e.event_name, e.args, e.agent_id
           FROM chain_events e JOIN indexed_blocks b ON b.chain_id = e.chain_id AND b.number = e.block_number
           WHERE ${conditions.join(' AND ')}
           ORDER BY e.block_number ${direction}, e.log_index ${direction}
           LIMIT $${values.push(first + 1)}`,
    values,
  });
  const hasNextPage = rows.length > first;
  const events = rows.slice(0, first).map(
    (row): ChainEventRecord => ({
      blockNumber: row.block_number,
      logIndex: row.log_index,
      blockHash: row.block_hash,
      timestamp: row.timestamp.toISOString(),
      txHash: row.tx_hash,
      contract: row.contract,
      eventName: row.event_name,
      args: row.args,
      agentId: row.agent_id,
    }),
  );
  const last = events.at(-1);
  return { events, hasNextPage, endCursor: last ? encodeEventCursor(last, orderBy) : null };
}
