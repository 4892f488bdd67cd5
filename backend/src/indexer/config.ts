// The indexer process's configuration, from the environment, validated once at start (a bad value stops
// the process with every problem listed, see service/config.ts).
import { z } from 'zod';
import { databaseUrl } from '../config/database-url.ts';

const wholeNumber = (minimum: number, maximum: number) => z.coerce.number().int().min(minimum).max(maximum);

export const indexerConfigSchema = z.object({
  DATABASE_URL: databaseUrl,
  /** The CR8 L3's JSON-RPC (HTTP); the devnet's L3 by default. */
  INDEXER_RPC_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).default('http://127.0.0.1:9545'),
  /** The first block to index when the database has no cursor yet; an existing cursor always wins. */
  INDEXER_START_BLOCK: z.coerce.bigint({ error: 'must be a whole block number' }).min(0n).default(0n),
  /** Blocks per eth_getLogs range while backfilling (shrinks by itself when the node refuses a range). */
  INDEXER_BATCH_BLOCKS: wholeNumber(1, 100_000).default(2_000),
  /** Milliseconds between head polls once caught up. */
  INDEXER_POLL_MS: wholeNumber(10, 600_000).default(1_000),
  /** Blocks below the head left unindexed (0 on the devnet: reorgs are rolled back either way). */
  INDEXER_CONFIRMATIONS: wholeNumber(0, 10_000).default(0),
  /** Where /health, /ready and /metrics are served (port 0: any free port). */
  INDEXER_STATUS_HOST: z.string().min(1).default('127.0.0.1'),
  INDEXER_STATUS_PORT: wholeNumber(0, 65_535).default(9464),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type IndexerConfig = z.infer<typeof indexerConfigSchema>;
