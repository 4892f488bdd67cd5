// The viem client the indexer reads the chain with: HTTP with JSON-RPC batching (the block headers of a
// range go in one request), no retries inside viem (the indexer's loop retries whole steps, and a
// refused log query must reach it at once to shrink the range), and a timeout long enough for a large
// eth_getLogs answer. Answers above the body size limit (64 MiB, about 100,000 logs) are refused
// before they are parsed, which makes the indexer split the range instead of holding them in memory.
import { type Client, createClient, http } from 'viem';

export function createRpcClient(rpcUrl: string, options: { timeoutMs?: number; maxResponseBytes?: number } = {}): Client {
  return createClient({
    transport: http(rpcUrl, {
      batch: { batchSize: 500 },
      retryCount: 0,
      timeout: options.timeoutMs ?? 30_000,
      maxResponseBodySize: options.maxResponseBytes ?? 64 * 1024 * 1024,
    }),
  });
}
