// The indexer's Prometheus metrics, registered on the service's registry (exposed at /metrics).
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export type IndexerMetrics = ReturnType<typeof createIndexerMetrics>;

export function createIndexerMetrics(registry: Registry) {
  const registers = [registry];
  return {
    headBlock: new Gauge({ name: 'cr8_indexer_head_block', help: 'The chain head (eth_blockNumber) at the last poll', registers }),
    indexedBlock: new Gauge({ name: 'cr8_indexer_indexed_block', help: 'The last block whose range is fully written (the cursor)', registers }),
    lagBlocks: new Gauge({ name: 'cr8_indexer_lag_blocks', help: 'Blocks between the chain head and the cursor (confirmation depth included)', registers }),
    rangeBlocks: new Gauge({ name: 'cr8_indexer_range_blocks', help: 'Blocks per eth_getLogs range now (below the configured size after the node refused a range)', registers }),
    events: new Counter({ name: 'cr8_indexer_events_total', help: 'CR8 contract events written (rolled-back ones included)', registers }),
    undecodedEvents: new Counter({ name: 'cr8_indexer_undecoded_events_total', help: 'Events no ABI decoded, stored raw under their topic0', registers }),
    reorgs: new Counter({ name: 'cr8_indexer_reorgs_total', help: 'Reorgs detected (each followed by a rollback to the fork point)', registers }),
    rolledBackEvents: new Counter({ name: 'cr8_indexer_rolled_back_events_total', help: 'Events deleted because their blocks left the chain', registers }),
    errors: new Counter({ name: 'cr8_indexer_errors_total', help: 'Failed indexing steps by error code (retried with backoff)', labelNames: ['code'] as const, registers }),
    rangeSeconds: new Histogram({
      name: 'cr8_indexer_range_seconds',
      help: 'Time to read, decode and write one range',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
  };
}
