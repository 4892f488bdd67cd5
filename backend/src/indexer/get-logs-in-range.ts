// Every log of blocks [fromBlock, toBlock] (eth_getLogs without an address filter). The indexer filters
// by address itself: the set of agent tokens grows with every registration, and nodes cap the addresses
// one filter may name (geth: 1,000), while on the CR8 L3 almost every log comes from a CR8 contract
// anyway. A refusal because the answer would be too large becomes LogQueryTooLargeError, which makes
// the caller split the range.
import type { Client } from 'viem';
import { callRpc } from './call-rpc.ts';
import type { RawLog } from './decode-log.ts';
import { LogQueryTooLargeError, RpcFailedError } from './errors.ts';

/** What nodes and providers answer when a log query is too large (geth/op-geth, reth, erigon, Alchemy, Infura, QuickNode...). */
const TOO_LARGE_MESSAGE =
  /more than \d+ results|too many (results|logs|blocks)|response size|exceeds? (the )?max(imum)? (block )?(range|results|logs)|block range (is )?too (large|wide|big)|range (is )?too (large|wide|big)|limited to a [\d,]+ (block )?range|log response size exceeded/i;
/** EIP-1474 "limit exceeded". */
const LIMIT_EXCEEDED_CODE = -32005;

/** Whether the error (or any cause) says the query was too large rather than that the node failed. */
export function isLogQueryTooLarge(error: unknown): boolean {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    const { code, status, name, details, message } = current as { code?: number; status?: number; name?: string; details?: string; message?: string };
    // The node's own refusal, an HTTP 413, a timeout, or an answer above the client's body size limit.
    if (code === LIMIT_EXCEEDED_CODE || status === 413 || name === 'TimeoutError' || name === 'ResponseBodyTooLargeError') return true;
    if (TOO_LARGE_MESSAGE.test(details ?? '') || TOO_LARGE_MESSAGE.test(message ?? '')) return true;
  }
  return false;
}

export async function getLogsInRange(client: Client, fromBlock: bigint, toBlock: bigint): Promise<RawLog[]> {
  try {
    return await callRpc<RawLog[]>(client, 'eth_getLogs', [{ fromBlock: `0x${fromBlock.toString(16)}`, toBlock: `0x${toBlock.toString(16)}` }]);
  } catch (error) {
    const cause = error instanceof RpcFailedError ? error.cause : error;
    if (isLogQueryTooLarge(cause)) throw new LogQueryTooLargeError(fromBlock, toBlock, cause);
    throw error;
  }
}
