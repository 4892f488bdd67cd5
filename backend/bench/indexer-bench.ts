// The indexer's backfill speed (goal: >= 10,000 events/s on 2 cores). A CR8 L3 on anvil (from
// genesis.json, real predeploys) gets a few agents and then `events` agent-token transfers, many per
// block (automine off, JSON-RPC batches of eth_sendTransaction, evm_mine every few hundred); then a
// fresh database is migrated and the indexer backfills the whole chain from block 0 with its default
// range size. Only the backfill is timed: eth_getLogs, the header reads, decoding, and the writes.
//
//   node backend/bench/indexer-bench.ts [events]     prints { events, seconds, eventsPerSecond } as JSON
import pg from 'pg';
import { type Address, encodeFunctionData, type Hex, toHex } from 'viem';
import { agentTokenAbi } from '@cr8/contracts';
import { migrate } from '../src/db/migrate.ts';
import { createTestDatabase } from '../src/db/test-database.ts';
import { createIndexer } from '../src/indexer/create-indexer.ts';
import { canonicalCr8LogKeys, startTestL3 } from '../src/indexer/test-l3.ts';
import { createLogger } from '../src/service/logger.ts';

export type IndexerBackfillResult = { events: number; seconds: number; eventsPerSecond: number };

export type MeasureIndexerBackfillParameters = {
  /** Agent-token transfers to generate (default 20,000); the registrations add a few events more. */
  transfers?: number;
  /** Transactions per mined block (default 400). */
  transactionsPerBlock?: number;
  /** The indexer's range size (default: its own default, 2,000 blocks). */
  batchBlocks?: number;
  onProgress?: (message: string) => void;
};

/** Agents whose tokens the transfers spread over, one creator (dev account 1..4) each. */
const CREATORS = [1, 2, 3, 4];
const SEND_BATCH = 1_000;

export async function measureIndexerBackfill(parameters: MeasureIndexerBackfillParameters = {}): Promise<IndexerBackfillResult> {
  const transfers = parameters.transfers ?? 20_000;
  const perBlock = parameters.transactionsPerBlock ?? 400;
  const progress = parameters.onProgress ?? (() => {});
  const l3 = await startTestL3({ disableBlockGasLimit: true });
  const database = await createTestDatabase('cr8_bench_indexer');
  const db = new pg.Pool({ connectionString: database.url, max: 4 });
  db.on('error', () => {}); // the database is dropped (connections terminated) at the end
  try {
    progress(`registering ${CREATORS.length} agents on ${l3.rpcUrl}`);
    const senders: Array<{ from: Address; token: Address; nonce: number }> = [];
    for (const creator of CREATORS) {
      const { token } = await l3.registerAgent(creator);
      const from = l3.accounts[creator]!.address;
      senders.push({ from, token, nonce: Number(await l3.publicClient.getTransactionCount({ address: from })) });
    }

    progress(`sending ${transfers} agent-token transfers, ${perBlock} per block`);
    await l3.rpc('evm_setAutomine', [false]);
    const requests: unknown[] = [];
    for (let index = 0; index < transfers; index++) {
      const sender = senders[index % senders.length]!;
      const to = `0x${(0xb0000 + (index % 997)).toString(16).padStart(40, '0')}` as Address;
      requests.push({
        jsonrpc: '2.0',
        id: index,
        method: 'eth_sendTransaction',
        params: [{ from: sender.from, to: sender.token, nonce: toHex(sender.nonce++), gas: toHex(100_000), data: encodeFunctionData({ abi: agentTokenAbi, functionName: 'transfer', args: [to, 1n + BigInt(index)] }) }],
      });
    }
    let pending = 0;
    for (let start = 0; start < requests.length; start += SEND_BATCH) {
      const batch = requests.slice(start, start + SEND_BATCH);
      const response = await fetch(l3.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
      const answers = (await response.json()) as Array<{ error?: { message: string } }>;
      const failed = answers.find((answer) => answer.error);
      if (failed) throw new Error(`eth_sendTransaction failed: ${failed.error!.message}`);
      pending += batch.length;
      while (pending >= perBlock) {
        await l3.rpc('evm_mine');
        pending -= perBlock;
      }
    }
    // Mine until the pool is empty (anvil takes what fits in each block).
    for (;;) {
      const status = await l3.rpc<{ pending: Hex; queued: Hex }>('txpool_status');
      if (BigInt(status.pending) === 0n && BigInt(status.queued) === 0n) break;
      await l3.rpc('evm_mine');
    }
    const expected = (await canonicalCr8LogKeys(l3)).length;
    const head = await l3.publicClient.getBlockNumber();
    progress(`the chain holds ${expected} CR8 events in ${head} blocks; backfilling into a fresh database`);

    await migrate({ databaseUrl: database.url });
    const indexer = await createIndexer({
      client: l3.client,
      db,
      logger: createLogger({ service: 'indexer-bench', level: 'warn' }),
      ...(parameters.batchBlocks ? { batchBlocks: parameters.batchBlocks } : {}),
    });
    const started = performance.now();
    await indexer.catchUp();
    const seconds = (performance.now() - started) / 1000;

    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM chain_events');
    const events = rows[0]!.n;
    if (events !== expected) throw new Error(`the backfill stored ${events} events, the chain holds ${expected}`);
    return { events, seconds: Math.round(seconds * 1000) / 1000, eventsPerSecond: Math.round(events / seconds) };
  } finally {
    await db.end();
    await database.drop();
    await l3.stop();
  }
}

if (import.meta.main) {
  const transfers = process.argv[2] ? Number(process.argv[2]) : undefined;
  const result = await measureIndexerBackfill({ ...(transfers ? { transfers } : {}), onProgress: (message) => console.error(`… ${message}`) });
  console.log(JSON.stringify(result));
}
