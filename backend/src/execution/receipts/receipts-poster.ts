// The receipts poster: the sequencer-adjacent part of an orchestrator that settles its executions on
// the L3. Every `intervalMs`, or as soon as `maxReceipts` receipts wait, it builds the next batch
// (build-batch.ts), records it in PostgreSQL as `prepared` (with its sequence number and exactly what it
// will send), then posts it to ExecutionReceipts and marks it `posted`.
//
// Nothing is lost or posted twice across restarts: a batch is written before its transaction is sent,
// and ExecutionReceipts accepts each orchestrator's sequence numbers once and in order. A restarted
// poster finds its `prepared` batch and asks the chain: if the orchestrator's nextSequence has moved past
// it, the batch was posted (its transaction is found from the BatchPosted log) and is marked so;
// otherwise the very same batch is sent again. One poster runs per orchestrator (a PostgreSQL advisory
// lock), so two processes cannot race for the same sequence.
import { creditVaultAbi, executionReceiptsAbi } from '@cr8/contracts';
import type { Pool, PoolClient } from 'pg';
import { Counter, Gauge, type Registry } from 'prom-client';
import { type Account, type Address, type Chain, type Hex, type PublicClient, type Transport, type WalletClient, BaseError, ContractFunctionRevertedError } from 'viem';
import type { Logger } from '../../service/logger.ts';
import { type AgentFee, buildBatch, type Charge, type Held, type PayerState } from './build-batch.ts';
import { executionIdOf, type Receipt } from './receipt.ts';

export type ReceiptsPosterOptions = {
  db: Pool;
  publicClient: PublicClient;
  walletClient: WalletClient<Transport, Chain, Account>;
  executionReceipts: Address;
  creditVault: Address;
  /** Post as soon as this many receipts wait (and never more in one batch). */
  maxReceipts: number;
  /** Post whatever waits once its oldest receipt is this old. */
  intervalMs: number;
  logger: Logger;
  metrics?: Registry;
};

export type TickResult =
  | { kind: 'idle' }
  | { kind: 'waiting'; unbatched: number }
  | { kind: 'held'; held: Held[] }
  | { kind: 'posted'; sequence: bigint; receipts: number; total: bigint; txHash: Hex; gasUsed: bigint; recovered: boolean; held: Held[] };

export class PosterError extends Error {
  override name = 'PosterError';
}

type BatchRow = { sequence: string; receipts_root: Hex; executions: number; total_wei: string; tx_hash: Hex | null; charges: SerializedCharge[]; agent_fees: { agentId: string; amount: string }[] };
type SerializedCharge = { payer: Address; authorizedCumulative: string; chargeTo: string; signature: Hex };

export type ReceiptsPoster = {
  /** One round: resume a prepared batch, or build and post the next one when it is due. */
  tick: (options?: { force?: boolean }) => Promise<TickResult>;
  /** Takes the orchestrator's lock and ticks every `intervalMs / 4` until `stop`. */
  start: () => Promise<void>;
  stop: () => Promise<void>;
};

export function createReceiptsPoster(options: ReceiptsPosterOptions): ReceiptsPoster {
  const { db, publicClient, walletClient, logger } = options;
  const orchestrator = walletClient.account.address.toLowerCase() as Address;
  if (!(options.maxReceipts >= 1)) throw new PosterError('maxReceipts must be at least 1');
  if (!(options.intervalMs > 0)) throw new PosterError('intervalMs must be positive');
  const metrics = posterMetrics(options.metrics);

  async function nextSequence(): Promise<bigint> {
    return publicClient.readContract({ address: options.executionReceipts, abi: executionReceiptsAbi, functionName: 'nextSequence', args: [orchestrator] });
  }

  async function tick(tickOptions: { force?: boolean } = {}): Promise<TickResult> {
    const prepared = await db.query<BatchRow>(
      `SELECT sequence::text, receipts_root, executions, total_wei::text, tx_hash, charges, agent_fees FROM receipt_batches
       WHERE orchestrator = $1 AND status = 'prepared' ORDER BY sequence LIMIT 1`,
      [orchestrator],
    );
    if (prepared.rows[0]) return resume(prepared.rows[0]);

    const waiting = await db.query<{ count: number; oldest_ms: number | null }>(
      `SELECT count(*)::int AS count, (extract(epoch FROM now() - min(created_at)) * 1000)::float8 AS oldest_ms
       FROM execution_receipts WHERE orchestrator = $1 AND batch_sequence IS NULL`,
      [orchestrator],
    );
    const { count, oldest_ms: oldestMs } = waiting.rows[0]!;
    metrics.unbatched.set(count);
    metrics.lag.set(oldestMs === null ? 0 : oldestMs / 1000);
    if (count === 0) return { kind: 'idle' };
    if (!tickOptions.force && count < options.maxReceipts && (oldestMs ?? 0) < options.intervalMs) return { kind: 'waiting', unbatched: count };
    return prepareAndPost();
  }

  async function prepareAndPost(): Promise<TickResult> {
    // Enough receipts to fill a batch even when some payers' chains stop early.
    const { rows } = await db.query<ReceiptRow>(
      `SELECT execution_id, onchain_agent_id::text, payer, input_hash, output_hash, gpu_seconds::text, fee_wei::text, payer_cumulative_wei::text
       FROM execution_receipts WHERE orchestrator = $1 AND batch_sequence IS NULL ORDER BY created_at LIMIT $2`,
      [orchestrator, options.maxReceipts * 4],
    );
    const receipts = rows.map(toReceipt);
    const payers = await payerStates([...new Set(receipts.map((receipt) => receipt.payer))]);
    const { batch, held } = buildBatch({ receipts, payers, maxReceipts: options.maxReceipts });
    for (const hold of held) metrics.held.inc({ reason: hold.reason }, hold.receipts);
    if (!batch) {
      logger.warn({ held }, 'receipts wait: no payer has a settleable chain of receipts');
      return { kind: 'held', held };
    }
    const sequence = await nextSequence();
    const row: BatchRow = {
      sequence: sequence.toString(),
      receipts_root: batch.receiptsRoot,
      executions: batch.receipts.length,
      total_wei: batch.total.toString(),
      tx_hash: null,
      charges: batch.charges.map((charge) => ({ ...charge, authorizedCumulative: charge.authorizedCumulative.toString(), chargeTo: charge.chargeTo.toString() })),
      agent_fees: batch.agentFees.map((fee) => ({ agentId: fee.agentId.toString(), amount: fee.amount.toString() })),
    };
    await withClient(async (client) => {
      await client.query('BEGIN');
      try {
        await client.query(
          `INSERT INTO receipt_batches (orchestrator, sequence, receipts_root, executions, total_wei, status, charges, agent_fees)
           VALUES ($1, $2, $3, $4, $5, 'prepared', $6, $7)`,
          [orchestrator, row.sequence, row.receipts_root, row.executions, row.total_wei, JSON.stringify(row.charges), JSON.stringify(row.agent_fees)],
        );
        const updated = await client.query(
          'UPDATE execution_receipts SET batch_sequence = $2 WHERE orchestrator = $1 AND batch_sequence IS NULL AND execution_id = ANY($3::uuid[])',
          [orchestrator, row.sequence, batch.receipts.map((receipt) => receipt.executionUuid)],
        );
        if (updated.rowCount !== batch.receipts.length) throw new PosterError(`batch ${row.sequence}: ${updated.rowCount} of ${batch.receipts.length} receipts were still unbatched`);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    });
    logger.info({ sequence: row.sequence, receipts: row.executions, payers: batch.charges.length, agents: batch.agentFees.length, total: row.total_wei }, 'batch prepared');
    const posted = await send(row, false);
    return { ...posted, held };
  }

  /** A batch prepared before a restart (or whose transaction did not confirm): settled, or sent again. */
  async function resume(row: BatchRow): Promise<TickResult> {
    const sequence = BigInt(row.sequence);
    if ((await nextSequence()) > sequence) return foundPosted(row);
    if (row.tx_hash) {
      // Sent before: wait for that transaction (a second one would only revert on the sequence number).
      const sent = await publicClient.waitForTransactionReceipt({ hash: row.tx_hash, timeout: options.intervalMs }).catch(() => null);
      if (sent?.status === 'success') {
        await markPosted(row.sequence, row.tx_hash, sent.blockNumber);
        return { kind: 'posted', sequence, receipts: row.executions, total: BigInt(row.total_wei), txHash: row.tx_hash, gasUsed: sent.gasUsed, recovered: true, held: [] };
      }
    }
    logger.info({ sequence: row.sequence }, 'sending a prepared batch again');
    try {
      return await send(row, true);
    } catch (error) {
      // A transaction sent before the restart (its hash never recorded) may have landed since the chain
      // was asked above: then sending again reverts on the sequence, and the batch is in fact posted.
      if ((await nextSequence().catch(() => sequence)) > sequence) return foundPosted(row);
      throw error;
    }
  }

  /** A prepared batch the chain has settled: its BatchPosted log (the same root) is recorded as posted. */
  async function foundPosted(row: BatchRow): Promise<Extract<TickResult, { kind: 'posted' }>> {
    const sequence = BigInt(row.sequence);
    const logs = await publicClient.getContractEvents({
      address: options.executionReceipts,
      abi: executionReceiptsAbi,
      eventName: 'BatchPosted',
      args: { orchestrator, sequence },
      fromBlock: 0n,
      strict: true,
    });
    const log = logs[0];
    if (!log) throw new PosterError(`batch ${sequence} is settled on chain but its BatchPosted log was not found`);
    if (log.args.receiptsRoot !== row.receipts_root) throw new PosterError(`batch ${sequence} on chain has root ${log.args.receiptsRoot}, the database ${row.receipts_root}`);
    const receipt = await publicClient.getTransactionReceipt({ hash: log.transactionHash });
    await markPosted(row.sequence, log.transactionHash, receipt.blockNumber);
    logger.info({ sequence: row.sequence, txHash: log.transactionHash }, 'batch found posted after a restart');
    return { kind: 'posted', sequence, receipts: row.executions, total: BigInt(row.total_wei), txHash: log.transactionHash, gasUsed: receipt.gasUsed, recovered: true, held: [] };
  }

  async function send(row: BatchRow, recovered: boolean): Promise<Extract<TickResult, { kind: 'posted' }>> {
    const charges: Charge[] = row.charges.map((charge) => ({ ...charge, authorizedCumulative: BigInt(charge.authorizedCumulative), chargeTo: BigInt(charge.chargeTo) }));
    const agentFees: AgentFee[] = row.agent_fees.map((fee) => ({ agentId: BigInt(fee.agentId), amount: BigInt(fee.amount) }));
    const args = [BigInt(row.sequence), row.receipts_root, row.executions, agentFees, charges] as const;
    let request;
    try {
      ({ request } = await publicClient.simulateContract({ account: walletClient.account, address: options.executionReceipts, abi: executionReceiptsAbi, functionName: 'postBatch', args }));
    } catch (error) {
      metrics.failures.inc();
      throw new PosterError(`batch ${row.sequence} would revert: ${revertReason(error)}`, { cause: error });
    }
    let hash: Hex;
    try {
      hash = await walletClient.writeContract(request);
    } catch (error) {
      // Perhaps sent anyway (the node may have it): the next round asks the chain before sending again.
      throw new PosterError(`batch ${row.sequence}: sending failed: ${(error as Error).message}`, { cause: error });
    }
    await db.query('UPDATE receipt_batches SET tx_hash = $3 WHERE orchestrator = $1 AND sequence = $2', [orchestrator, row.sequence, hash]);
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') {
      metrics.failures.inc();
      throw new PosterError(`batch ${row.sequence}: transaction ${hash} reverted`);
    }
    await markPosted(row.sequence, hash, receipt.blockNumber);
    metrics.batches.inc();
    metrics.receipts.inc(row.executions);
    metrics.gas.inc(Number(receipt.gasUsed));
    logger.info({ sequence: row.sequence, receipts: row.executions, txHash: hash, gasUsed: receipt.gasUsed.toString() }, 'batch posted');
    return { kind: 'posted', sequence: BigInt(row.sequence), receipts: row.executions, total: BigInt(row.total_wei), txHash: hash, gasUsed: receipt.gasUsed, recovered, held: [] };
  }

  async function markPosted(sequence: string, txHash: Hex, blockNumber: bigint) {
    await db.query(
      `UPDATE receipt_batches SET status = 'posted', tx_hash = $3, block_number = $4, posted_at = now() WHERE orchestrator = $1 AND sequence = $2`,
      [orchestrator, sequence, txHash, blockNumber.toString()],
    );
  }

  async function payerStates(payers: Address[]): Promise<Map<Address, PayerState>> {
    const states = new Map<Address, PayerState>();
    if (payers.length === 0) return states;
    const { rows } = await db.query<{ payer: Address; cumulative_wei: string; signature: Hex }>(
      'SELECT payer, cumulative_wei::text, signature FROM payment_authorizations WHERE orchestrator = $1 AND payer = ANY($2)',
      [orchestrator, payers],
    );
    const channels = await Promise.all(
      payers.map((payer) => publicClient.readContract({ address: options.creditVault, abi: creditVaultAbi, functionName: 'channelOf', args: [payer, orchestrator] })),
    );
    payers.forEach((payer, i) => {
      const authorizations = rows.filter((row) => row.payer === payer).map((row) => ({ cumulative: BigInt(row.cumulative_wei), signature: row.signature }));
      states.set(payer, { charged: channels[i]!.charged, balance: channels[i]!.balance, authorizations });
    });
    return states;
  }

  async function withClient<T>(use: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await db.connect();
    try {
      return await use(client);
    } finally {
      client.release();
    }
  }

  let running: { stop: () => void; done: Promise<void>; lock: PoolClient } | null = null;

  async function start() {
    if (running) return;
    const lock = await db.connect();
    const { rows } = await lock.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtext('cr8-receipts-poster'), hashtext($1)) AS locked", [orchestrator]);
    if (!rows[0]!.locked) {
      lock.release();
      throw new PosterError(`another receipts poster holds the lock for orchestrator ${orchestrator}`);
    }
    const stopping = new AbortController();
    const done = (async () => {
      while (!stopping.signal.aborted) {
        let posted = false;
        try {
          posted = (await tick()).kind === 'posted';
        } catch (error) {
          logger.error({ err: error }, 'receipts poster round failed; retrying');
        }
        // After a batch, more may already be due (a full batch left receipts behind): look again at once.
        if (!posted) await sleep(Math.max(50, options.intervalMs / 4), stopping.signal);
      }
    })();
    running = { stop: () => stopping.abort(), done, lock };
  }

  async function stop() {
    if (!running) return;
    const { stop: halt, done, lock } = running;
    running = null;
    halt();
    await done;
    await lock.query("SELECT pg_advisory_unlock(hashtext('cr8-receipts-poster'), hashtext($1))", [orchestrator]).catch(() => {});
    lock.release();
  }

  return { tick, start, stop };
}

type ReceiptRow = { execution_id: string; onchain_agent_id: string; payer: Address; input_hash: Hex; output_hash: Hex; gpu_seconds: string; fee_wei: string; payer_cumulative_wei: string };

function toReceipt(row: ReceiptRow): Receipt & { executionUuid: string } {
  return {
    executionUuid: row.execution_id,
    executionId: executionIdOf(row.execution_id),
    agentId: BigInt(row.onchain_agent_id),
    payer: row.payer,
    inputHash: row.input_hash,
    outputHash: row.output_hash,
    gpuSeconds: BigInt(row.gpu_seconds),
    fee: BigInt(row.fee_wei),
    payerCumulative: BigInt(row.payer_cumulative_wei),
  };
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => (clearTimeout(timer), resolve());
    const timer = setTimeout(() => (signal.removeEventListener('abort', onAbort), resolve()), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function revertReason(error: unknown): string {
  if (error instanceof BaseError) {
    const reverted = error.walk((cause) => cause instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError && reverted.data) return `${reverted.data.errorName}(${(reverted.data.args ?? []).map(String).join(', ')})`;
    return error.shortMessage;
  }
  return String(error);
}

function posterMetrics(registry: Registry | undefined) {
  const registers = registry ? [registry] : [];
  return {
    unbatched: new Gauge({ name: 'cr8_receipts_unbatched', help: 'Receipts waiting for a batch', registers }),
    lag: new Gauge({ name: 'cr8_receipts_lag_seconds', help: 'Age of the oldest receipt waiting for a batch', registers }),
    batches: new Counter({ name: 'cr8_receipt_batches_posted_total', help: 'Batches posted to ExecutionReceipts', registers }),
    receipts: new Counter({ name: 'cr8_receipts_posted_total', help: 'Receipts settled on the L3', registers }),
    gas: new Counter({ name: 'cr8_receipt_batches_gas_total', help: 'Gas used by posted batches', registers }),
    failures: new Counter({ name: 'cr8_receipt_batch_failures_total', help: 'Batches whose transaction would revert or reverted', registers }),
    held: new Counter({ name: 'cr8_receipts_held_total', help: 'Receipts left for a later batch, by reason', labelNames: ['reason'], registers }),
  };
}
