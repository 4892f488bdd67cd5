// Listing indexed events with keyset pages, on the machine's PostgreSQL (rows written by writeRange,
// the indexer's own write path).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import type { Address, Hex } from 'viem';
import { ApiError } from '../api/api-error.ts';
import { migrate } from '../db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import type { EventRow, RangeData } from './fetch-range.ts';
import { type ChainEventRecord, listEvents } from './list-events.ts';
import { writeRange } from './write-range.ts';

const CHAIN = 888_008;
const REGISTRY = '0xc800000000000000000000000000000000000001' as Address;
const TOKEN_1 = `0x${'a1'.repeat(20)}` as Address;
const TOKEN_2 = `0x${'a2'.repeat(20)}` as Address;
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hex;

let database: TestDatabase;
let db: pg.Pool;

/** Blocks 1-4, three events each: a registry event of agent 1 or 2, then two token transfers. */
function syntheticRange(): RangeData {
  const blocks = [1, 2, 3, 4].map((n) => ({ number: BigInt(n), hash: hash(n), parentHash: hash(n - 1), timestamp: 1_767_225_600n + BigInt(n) * 2n }));
  const events = blocks.flatMap((block): EventRow[] => {
    const agent = block.number % 2n === 1n ? '1' : '2';
    const token = agent === '1' ? TOKEN_1 : TOKEN_2;
    const base = { blockNumber: block.number, blockHash: block.hash, txHash: hash(100 + Number(block.number)), agentId: agent, decoded: true };
    return [
      { ...base, logIndex: 0, contract: REGISTRY, eventName: 'PricingUpdated', args: { agentId: agent, feePerExecution: '5', gpuMultiplierBps: '10000' } },
      { ...base, logIndex: 1, contract: token, eventName: 'Transfer', args: { from: REGISTRY, to: token, value: '1' } },
      { ...base, logIndex: 2, contract: token, eventName: 'Transfer', args: { from: token, to: REGISTRY, value: '2' } },
    ];
  });
  return { fromBlock: 1n, toBlock: 4n, end: blocks[3]!, blocks, events, newTokens: new Map() };
}

before(async () => {
  database = await createTestDatabase('cr8_indexer');
  await migrate({ databaseUrl: database.url });
  db = new pg.Pool({ connectionString: database.url });
  await writeRange(db, { cursorName: 'cr8-contracts', chainId: CHAIN, previous: null, range: syntheticRange() });
});

after(async () => {
  await db?.end();
  await database?.drop();
});

const position = (event: ChainEventRecord) => `${event.blockNumber}:${event.logIndex}`;

async function allPages(input: Parameters<typeof listEvents>[2]): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 20; pages++) {
    const page = await listEvents(db, CHAIN, { ...input, ...(cursor ? { after: cursor } : {}) });
    seen.push(...page.events.map(position));
    if (!page.hasNextPage) return seen;
    cursor = page.endCursor!;
  }
  throw new Error('pagination did not end');
}

test('pages walk the whole chain newest first, each event exactly once, with its block time', async () => {
  const first = await listEvents(db, CHAIN, { first: 5 });
  assert.equal(first.events.length, 5);
  assert.equal(first.hasNextPage, true);
  assert.deepEqual(first.events[0], {
    blockNumber: '4',
    logIndex: 2,
    blockHash: hash(4),
    timestamp: new Date((1_767_225_600 + 8) * 1000).toISOString(),
    txHash: hash(104),
    contract: TOKEN_2,
    eventName: 'Transfer',
    args: { from: TOKEN_2, to: REGISTRY, value: '2' },
    agentId: '2',
  });
  const everything = await allPages({ first: 5 });
  assert.deepEqual(everything, ['4:2', '4:1', '4:0', '3:2', '3:1', '3:0', '2:2', '2:1', '2:0', '1:2', '1:1', '1:0']);
  assert.deepEqual(await allPages({ first: 4, orderBy: 'OLDEST' }), [...everything].reverse());
});

test('filters: a contract, an agent (registry and token events), an event name', async () => {
  assert.deepEqual(await allPages({ contract: TOKEN_1.toUpperCase().replace('0X', '0x'), first: 3 }), ['3:2', '3:1', '1:2', '1:1']);
  assert.deepEqual(await allPages({ agentId: '2', first: 2 }), ['4:2', '4:1', '4:0', '2:2', '2:1', '2:0']);
  assert.deepEqual(await allPages({ agentId: '1', eventName: 'PricingUpdated' }), ['3:0', '1:0']);
  assert.deepEqual(await allPages({ agentId: '3' }), []);
});

test('bad input and foreign cursors are refused with coded 400 errors', async () => {
  const refusal = (code: string) => (error: unknown) => error instanceof ApiError && error.status === 400 && error.code === code;
  await assert.rejects(listEvents(db, CHAIN, { contract: '0x1234' }), refusal('INVALID_ARGUMENT'));
  await assert.rejects(listEvents(db, CHAIN, { agentId: '-1' }), refusal('INVALID_ARGUMENT'));
  await assert.rejects(listEvents(db, CHAIN, { first: 101 }), refusal('INVALID_ARGUMENT'));
  await assert.rejects(listEvents(db, CHAIN, { after: 'not-a-cursor' }), refusal('INVALID_CURSOR'));
  const newest = await listEvents(db, CHAIN, { first: 1 });
  await assert.rejects(listEvents(db, CHAIN, { after: newest.endCursor!, orderBy: 'OLDEST' }), refusal('INVALID_CURSOR'));
});
