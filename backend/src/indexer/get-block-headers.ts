// The hash, parent hash and timestamp of some blocks by number, read concurrently so that viem's HTTP
// transport sends them as JSON-RPC batches. A number the chain does not have (it got shorter) maps to
// null.
import type { Client, Hex } from 'viem';
import { callRpc } from './call-rpc.ts';

export type BlockHeader = { number: bigint; hash: Hex; parentHash: Hex; timestamp: bigint };

type RpcBlock = { number: Hex; hash: Hex; parentHash: Hex; timestamp: Hex } | null;

/** Requests in flight at once: bounds the batch (and the node's work) for ranges with many blocks. */
const CONCURRENCY = 500;

export async function getBlockHeaders(client: Client, numbers: readonly bigint[]): Promise<Map<bigint, BlockHeader | null>> {
  const headers = new Map<bigint, BlockHeader | null>();
  const unique = [...new Set(numbers)];
  for (let start = 0; start < unique.length; start += CONCURRENCY) {
    const slice = unique.slice(start, start + CONCURRENCY);
    const blocks = await Promise.all(slice.map((number) => callRpc<RpcBlock>(client, 'eth_getBlockByNumber', [`0x${number.toString(16)}`, false])));
    slice.forEach((number, index) => {
      const block = blocks[index];
      headers.set(
        number,
        block
          ? { number, hash: block.hash.toLowerCase() as Hex, parentHash: block.parentHash.toLowerCase() as Hex, timestamp: BigInt(block.timestamp) }
          : null,
      );
    });
  }
  return headers;
}
