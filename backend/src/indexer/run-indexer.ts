// Runs the indexer process: validated config, migrations, PostgreSQL pool, the status endpoints, then
// the indexer following the chain until shutdown. On SIGINT/SIGTERM the current range finishes (written
// whole or not at all), then the status server and the pool close.
import { createServicePool } from '../db/service-pool.ts';
import { redactUrl } from '../config/database-url.ts';
import { migrate } from '../db/migrate.ts';
import { loadConfig } from '../service/config.ts';
import { createLogger } from '../service/logger.ts';
import { createService, type Service } from '../service/service.ts';
import { type IndexerConfig, indexerConfigSchema } from './config.ts';
import { createIndexer, type Indexer } from './create-indexer.ts';
import { createRpcClient } from './create-rpc-client.ts';
import { serveStatus, type StatusServer } from './serve-status.ts';

export type RunningIndexer = {
  service: Service;
  indexer: Indexer;
  status: StatusServer;
  config: IndexerConfig;
  /** Settles when the indexer stops: resolves after a shutdown, rejects on an error retrying cannot fix. */
  done: Promise<void>;
};

/** The RPC URL without path, query or credentials: hosted RPC URLs often carry an API key. */
function rpcOrigin(url: string): string {
  return new URL(url).origin;
}

export async function runIndexer(env: NodeJS.ProcessEnv = process.env): Promise<RunningIndexer> {
  const config = loadConfig('cr8 indexer', indexerConfigSchema, env);
  const logger = createLogger({ service: 'cr8-indexer', level: config.LOG_LEVEL });
  const service = createService({ name: 'cr8-indexer', logger });
  try {
    const applied = await migrate({ databaseUrl: config.DATABASE_URL });
    if (applied.length) logger.info({ applied }, 'applied migrations');
    const db = createServicePool({ url: config.DATABASE_URL, max: 4, applicationName: 'cr8-indexer', logger });
    service.onShutdown('database', () => db.end());
    service.addReadinessCheck('database', async () => void (await db.query('SELECT 1')));
    const status = await serveStatus(service, { host: config.INDEXER_STATUS_HOST, port: config.INDEXER_STATUS_PORT });
    service.onShutdown('status server', status.close);

    const indexer = await createIndexer({
      client: createRpcClient(config.INDEXER_RPC_URL),
      db,
      logger,
      metrics: service.metrics,
      startBlock: config.INDEXER_START_BLOCK,
      batchBlocks: config.INDEXER_BATCH_BLOCKS,
      pollMs: config.INDEXER_POLL_MS,
      confirmations: config.INDEXER_CONFIRMATIONS,
    });
    service.addReadinessCheck('indexer', async () => {
      const health = indexer.health();
      if (!health.ok) throw new Error(health.reason);
    });
    // Registered last, so it runs first on shutdown: the pool stays open until the range is written.
    service.onShutdown('indexer', () => indexer.stop());
    const done = indexer.run().catch(async (error: unknown) => {
      await service.shutdown('the indexer stopped on an error');
      throw error;
    });
    logger.info(
      {
        rpc: rpcOrigin(config.INDEXER_RPC_URL),
        chainId: indexer.chainId,
        database: redactUrl(config.DATABASE_URL),
        status: status.url,
        batchBlocks: config.INDEXER_BATCH_BLOCKS,
        confirmations: config.INDEXER_CONFIRMATIONS,
      },
      'indexer started',
    );
    return { service, indexer, status, config, done };
  } catch (error) {
    // Whatever started (pool, status server) is closed, so a failed start exits instead of hanging.
    await service.shutdown('start failed');
    throw error;
  }
}
