// The chain indexer: writes every event of the CR8 contracts into PostgreSQL, range by range from the
// cursor (backfill), then follows the head. Each step:
//   1. reads the head; the safe head is head - confirmations;
//   2. if nothing new is safe: checks that the cursor block is still on the chain (a reorg or a shorter
//      chain otherwise) and waits for the next poll;
//   3. otherwise reads the next range (fetch-range.ts) and writes it with the cursor in one transaction.
// A reorg shows as a cursor block that is gone, or as a new range whose first block does not descend
// from it. Then the indexer walks down the stored blocks to the highest one the chain still has
// (find-fork-point.ts), deletes everything above it and moves the cursor there in one transaction
// (roll-back.ts), and indexes the new branch from there. After the chain settles, the database holds
// exactly the canonical chain's events.
//
// While a range is written, the next one is already read (backfill keeps the node and PostgreSQL busy
// at once); it is used only if the cursor ends up where that read assumed.
//
// A node that refuses a range as too large makes the range shrink by half (down to one block), and it
// grows back after successful ranges. Other failures are retried with an exponential backoff; the
// errors that retrying cannot fix (another indexer on the same cursor, a database of another chain)
// end `run()`.
import type { Logger } from 'pino';
import type { Pool } from 'pg';
import { Registry } from 'prom-client';
import type { Address, Client, Hex } from 'viem';
import { callRpc } from './call-rpc.ts';
import { type Cursor, DEFAULT_CURSOR_NAME, describeCursor } from './cursor.ts';
import { DatabaseFailedError, IndexerError, LogQueryTooLargeError, ReorgDetectedError } from './errors.ts';
import { fetchRange, type RangeData } from './fetch-range.ts';
import { findForkPoint } from './find-fork-point.ts';
import { getBlockHeaders } from './get-block-headers.ts';
import { getHeadBlockNumber } from './get-head-block-number.ts';
import { createIndexerMetrics, type IndexerMetrics } from './indexer-metrics.ts';
import { readAgentTokens } from './read-agent-tokens.ts';
import { readCursor } from './read-cursor.ts';
import { rollBack } from './roll-back.ts';
import { writeRange } from './write-range.ts';

export type IndexerOptions = {
  /** A viem client on the chain's RPC (an HTTP transport with batching is the fast choice). */
  client: Client;
  db: Pool;
  logger: Logger;
  /** Where the metrics go (the service's registry); a private registry otherwise. */
  metrics?: Registry;
  /** The first block to index when the database has no cursor yet (default 0). A cursor always wins. */
  startBlock?: bigint;
  /** Blocks per eth_getLogs range (default 2,000). */
  batchBlocks?: number;
  /** Milliseconds between head polls once caught up (default 1,000). */
  pollMs?: number;
  /** Blocks below the head left unindexed, so shallower reorgs never reach the database (default 0). */
  confirmations?: number;
  /** The cursor's name in indexer_cursors (default `cr8-contracts`). */
  cursorName?: string;
  /** Longest wait between retries after failures (default 30,000 ms). */
  maxBackoffMs?: number;
};

export type StepOutcome = 'indexed' | 'idle' | 'rolled-back' | 'range-shrunk';

export type IndexerHealth = { ok: boolean; reason?: string };

export type Indexer = {
  readonly chainId: number;
  /** The last fully written block. */
  readonly cursor: Cursor;
  /** The agent tokens known so far (address -> agent id). */
  readonly agentTokens: ReadonlyMap<Address, string>;
  readonly metrics: IndexerMetrics;
  /** One step (see the file comment); errors propagate. */
  step: () => Promise<StepOutcome>;
  /** Steps until nothing new is safe to index; errors propagate. */
  catchUp: () => Promise<void>;
  /** Steps until stop(), following the head and retrying failures; rejects on an error retrying cannot fix. */
  run: () => Promise<void>;
  /** Lets the current range finish (written or not at all), then ends run(). */
  stop: () => Promise<void>;
  /** Whether run() is making progress (for readiness): not stopped, and a step succeeded recently. */
  health: () => IndexerHealth;
};

/** Successful ranges after which a shrunk range size doubles again. */
const GROW_AFTER_SUCCESSES = 8;

export async function createIndexer(options: IndexerOptions): Promise<Indexer> {
  const { client, db, logger } = options;
  const startBlock = options.startBlock ?? 0n;
  const batchBlocks = options.batchBlocks ?? 2_000;
  const pollMs = options.pollMs ?? 1_000;
  const confirmations = BigInt(options.confirmations ?? 0);
  const cursorName = options.cursorName ?? DEFAULT_CURSOR_NAME;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  // Readiness fails when no step has succeeded for this long (the node or the database is down).
  const stalledAfterMs = Math.max(30_000, 10 * pollMs);
  const metrics = createIndexerMetrics(options.metrics ?? new Registry());

  const chainId = Number(BigInt(await callRpc<Hex>(client, 'eth_chainId', [])));
  let cursor = await readCursor(db, { cursorName, chainId });
  let agentTokens = new Map(await readAgentTokens(db, { chainId }));
  let rangeBlocks = batchBlocks;
  let successesSinceShrink = 0;
  /** The next range, read while the previous one was written; used if the cursor is where it expected. */
  let prefetched: { fromBlock: bigint; toBlock: bigint; parentHash: Hex; range: Promise<RangeData> } | undefined;
  /** Set after a failed database write: whether it committed is unknown, so the next step rereads. */
  let reloadState = false;
  let caughtUp = false;
  metrics.rangeBlocks.set(rangeBlocks);
  if (cursor) metrics.indexedBlock.set(Number(cursor.blockNumber));
  logger.info({ chainId, cursor: describeCursor(cursor), agentTokens: agentTokens.size }, 'indexer state loaded');

  async function reload(): Promise<void> {
    cursor = await readCursor(db, { cursorName, chainId });
    agentTokens = new Map(await readAgentTokens(db, { chainId }));
  }

  function observeHead(head: bigint): void {
    metrics.headBlock.set(Number(head));
    const indexed = cursor ? cursor.blockNumber : startBlock - 1n;
    metrics.lagBlocks.set(Number(head > indexed ? head - indexed : 0n));
  }

  async function recoverFromReorg(head: bigint, evidence: string): Promise<void> {
    const orphaned = cursor!;
    prefetched = undefined;
    const atOrBelow = orphaned.blockNumber < head ? orphaned.blockNumber : head;
    const forkPoint = await findForkPoint(client, db, { chainId, atOrBelow });
    const removed = await rollBack(db, { cursorName, chainId, from: orphaned, to: forkPoint });
    cursor = forkPoint;
    agentTokens = new Map(await readAgentTokens(db, { chainId }));
    metrics.reorgs.inc();
    metrics.rolledBackEvents.inc(removed.events);
    if (forkPoint) metrics.indexedBlock.set(Number(forkPoint.blockNumber));
    logger.warn({ evidence, from: describeCursor(orphaned), to: describeCursor(forkPoint), ...removed }, 'chain reorganized: rolled back to the fork point');
  }

  async function step(): Promise<StepOutcome> {
    if (reloadState) {
      await reload();
      reloadState = false;
    }
    const head = await getHeadBlockNumber(client);
    observeHead(head);
    const safeHead = head - confirmations;
    const fromBlock = cursor ? cursor.blockNumber + 1n : startBlock;
    if (safeHead < fromBlock) {
      if (cursor) {
        const current = (await getBlockHeaders(client, [cursor.blockNumber])).get(cursor.blockNumber);
        if (current?.hash !== cursor.blockHash) {
          await recoverFromReorg(head, `block ${cursor.blockNumber} is ${current?.hash ?? 'gone'}, indexed as ${cursor.blockHash}`);
          return 'rolled-back';
        }
      }
      if (!caughtUp) logger.info({ cursor: describeCursor(cursor), head: head.toString() }, 'caught up with the chain head');
      caughtUp = true;
      return 'idle';
    }
    caughtUp = false;
    const parentHash = cursor?.blockHash ?? null;
    const ahead = prefetched;
    prefetched = undefined;
    let read: { fromBlock: bigint; toBlock: bigint; range: Promise<RangeData> };
    if (ahead && ahead.fromBlock === fromBlock && ahead.parentHash === parentHash && ahead.toBlock <= safeHead) read = ahead;
    else {
      const lastOfRange = fromBlock + BigInt(rangeBlocks) - 1n;
      const toBlock = lastOfRange < safeHead ? lastOfRange : safeHead;
      read = { fromBlock, toBlock, range: fetchRange(client, { fromBlock, toBlock, parentHash, agentTokens }) };
    }
    const timer = metrics.rangeSeconds.startTimer();
    let range: RangeData;
    try {
      range = await read.range;
    } catch (error) {
      if (error instanceof ReorgDetectedError) {
        await recoverFromReorg(head, error.message);
        return 'rolled-back';
      }
      if (error instanceof LogQueryTooLargeError && read.toBlock > read.fromBlock) {
        rangeBlocks = Math.max(1, Math.floor(Number(read.toBlock - read.fromBlock + 1n) / 2));
        successesSinceShrink = 0;
        metrics.rangeBlocks.set(rangeBlocks);
        logger.info(
          { fromBlock: read.fromBlock.toString(), toBlock: read.toBlock.toString(), rangeBlocks, reason: (error.cause as Error)?.message },
          'the node refused the range; shrinking it',
        );
        return 'range-shrunk';
      }
      throw error;
    }
    // A token registered in this range is known from now on; should the write fail, the state is reread.
    for (const [token, agentId] of range.newTokens) agentTokens.set(token, agentId);
    // While PostgreSQL writes this range, the node already serves the next one (backfill uses both cores).
    if (range.toBlock < safeHead) {
      const nextFrom = range.toBlock + 1n;
      const lastOfNext = nextFrom + BigInt(rangeBlocks) - 1n;
      const nextTo = lastOfNext < safeHead ? lastOfNext : safeHead;
      const next = fetchRange(client, { fromBlock: nextFrom, toBlock: nextTo, parentHash: range.end.hash, agentTokens: new Map(agentTokens) });
      next.catch(() => {}); // handled when the next step awaits it, or dropped if that step does not use it
      prefetched = { fromBlock: nextFrom, toBlock: nextTo, parentHash: range.end.hash, range: next };
    }
    try {
      cursor = await writeRange(db, { cursorName, chainId, previous: cursor, range });
    } catch (error) {
      if (error instanceof DatabaseFailedError) reloadState = true;
      throw error;
    }
    timer();
    metrics.events.inc(range.events.length);
    const undecoded = range.events.filter((event) => !event.decoded).length;
    if (undecoded) metrics.undecodedEvents.inc(undecoded);
    metrics.indexedBlock.set(Number(range.end.number));
    observeHead(head);
    if (rangeBlocks < batchBlocks && ++successesSinceShrink >= GROW_AFTER_SUCCESSES) {
      rangeBlocks = Math.min(batchBlocks, rangeBlocks * 2);
      successesSinceShrink = 0;
      metrics.rangeBlocks.set(rangeBlocks);
    }
    logger.debug({ fromBlock: range.fromBlock.toString(), toBlock: range.toBlock.toString(), events: range.events.length, newTokens: range.newTokens.size }, 'range indexed');
    return 'indexed';
  }

  let stopping = false;
  let running: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let lastSuccessAt = Date.now();

  /** Waits `ms`, or less if stop() is called. */
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (stopping) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  }

  async function loop(): Promise<void> {
    let failures = 0;
    while (!stopping) {
      let outcome: StepOutcome;
      try {
        outcome = await step();
      } catch (error) {
        const code = error instanceof IndexerError ? error.code : 'UNEXPECTED';
        metrics.errors.inc({ code });
        if (error instanceof IndexerError && !error.retryable) {
          logger.error({ err: error, code }, 'indexer stopped: retrying cannot fix this');
          throw error;
        }
        failures += 1;
        const backoffMs = Math.min(maxBackoffMs, pollMs * 2 ** Math.min(failures - 1, 16));
        logger.error({ err: error, code, failures, retryInMs: backoffMs }, 'indexing step failed; retrying');
        await pause(backoffMs);
        continue;
      }
      failures = 0;
      lastSuccessAt = Date.now();
      if (outcome === 'idle') await pause(pollMs);
    }
  }

  return {
    chainId,
    get cursor() {
      return cursor;
    },
    get agentTokens() {
      return agentTokens;
    },
    metrics,
    step,
    async catchUp() {
      while ((await step()) !== 'idle');
    },
    run() {
      if (running) throw new Error('the indexer is already running');
      stopping = false;
      lastSuccessAt = Date.now();
      running = loop().finally(() => {
        running = undefined;
      });
      return running;
    },
    async stop() {
      stopping = true;
      wake?.();
      await running?.catch(() => {});
    },
    health() {
      if (!running) return { ok: false, reason: 'not running' };
      const silentMs = Date.now() - lastSuccessAt;
      if (silentMs > stalledAfterMs) return { ok: false, reason: `no successful step for ${Math.round(silentMs / 1000)} s` };
      return { ok: true };
    },
  };
}
