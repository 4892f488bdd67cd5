// `cr8 orchestrator`: the sequencer-adjacent service that runs agent executions and settles them on the
// L3. One process holds: the execution worker (BullMQ, shared with the API through Redis), the drivers
// its config enables (local always; inference and kubernetes when configured), the GPU manager when it
// has an inventory, and the receipts poster for its own key. Status on /health, /ready, /metrics.
import { createServicePool } from '../../db/service-pool.ts';
import { Gauge } from 'prom-client';
import { type Chain, createPublicClient, createWalletClient, http, type PublicClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { redactRedisUrl } from '../../auth/redis-client.ts';
import { redactUrl } from '../../config/database-url.ts';
import { migrate } from '../../db/migrate.ts';
import { serveStatus, type StatusServer } from '../../indexer/serve-status.ts';
import { loadConfig } from '../../service/config.ts';
import { createLogger } from '../../service/logger.ts';
import { lowerProcessPriority } from '../../service/process-priority.ts';
import { createService, type Service } from '../../service/service.ts';
import type { GpuRequirement } from '../gpu/driver.ts';
import { createGpuManager } from '../gpu/manager/gpu-manager.ts';
import { type GpuInventory, registerInventory } from '../gpu/manager/inventory.ts';
import { gpuCostWei } from '../gpu/manager/metering.ts';
import { createReceiptsPoster, type ReceiptsPoster } from '../receipts/receipts-poster.ts';
import { publishExecutionUpdates } from '../../executions/execution-events.ts';
import { groupCommit } from '../../db/group-commit.ts';
import { createBullmqExecutionQueue } from '../queue/execution-queue-bullmq.ts';
import { startExecutionReconciler } from '../queue/start-reconciler.ts';
import { startExecutionWorker, type ExecutionWorker } from '../worker/execution-worker.ts';
import type { GpuAllocator } from '../worker/gpu-allocator.ts';
import { type OrchestratorConfig, orchestratorConfigSchema } from './config.ts';
import { createDrivers } from './create-drivers.ts';

export type RunningOrchestrator = {
  service: Service;
  config: OrchestratorConfig;
  orchestrator: `0x${string}`;
  worker: ExecutionWorker;
  poster: ReceiptsPoster;
  status: StatusServer;
};

export async function runOrchestrator(env: NodeJS.ProcessEnv = process.env): Promise<RunningOrchestrator> {
  const config = loadConfig('cr8 orchestrator', orchestratorConfigSchema, env);
  const logger = createLogger({ service: 'cr8-orchestrator', level: config.LOG_LEVEL });
  const service = createService({ name: 'cr8-orchestrator', logger });
  try {
    if (config.ORCHESTRATOR_NICE > 0) logger.info({ nice: lowerProcessPriority(config.ORCHESTRATOR_NICE) }, 'running at a lower CPU priority (ORCHESTRATOR_NICE)');
    if (!config.SECRETS_KEY) throw Object.assign(new Error('SECRETS_KEY is required: the orchestrator opens agents\' sealed secrets'), { code: 'CONFIG_INVALID' });
    const applied = await migrate({ databaseUrl: config.DATABASE_URL });
    if (applied.length) logger.info({ applied }, 'applied migrations');
    const db = createServicePool({ url: config.DATABASE_URL, max: Math.min(50, 4 + Math.ceil(config.WORKER_CONCURRENCY / 4)), applicationName: 'cr8-orchestrator', logger });
    service.onShutdown('database', () => db.end());
    service.addReadinessCheck('database', async () => void (await db.query('SELECT 1')));
    const redis = await connectRedis(config.REDIS_URL, logger);
    service.onShutdown('redis', async () => void (await redis.quit()));
    service.addReadinessCheck('redis', async () => void (await redis.ping()));
    const status = await serveStatus(service, { host: config.ORCHESTRATOR_STATUS_HOST, port: config.ORCHESTRATOR_STATUS_PORT });
    service.onShutdown('status server', status.close);

    const account = privateKeyToAccount(config.ORCHESTRATOR_PRIVATE_KEY);
    const orchestrator = account.address.toLowerCase() as `0x${string}`;
    const chain = { id: config.CHAIN_ID, name: 'CR8 L3', nativeCurrency: { name: 'CR8', symbol: 'CR8', decimals: 18 }, rpcUrls: { default: { http: [config.CHAIN_RPC_URL] } } } as const satisfies Chain;
    const publicClient = createPublicClient({ chain, transport: http(config.CHAIN_RPC_URL) }) as PublicClient;
    const walletClient = createWalletClient({ chain, transport: http(config.CHAIN_RPC_URL), account });
    const chainId = await publicClient.getChainId();
    if (chainId !== config.CHAIN_ID) throw Object.assign(new Error(`CHAIN_RPC_URL serves chain ${chainId}, CHAIN_ID says ${config.CHAIN_ID}`), { code: 'CONFIG_INVALID' });

    const drivers = await createDrivers(config, logger);
    service.onShutdown('drivers', async () => void (await Promise.all(Object.values(drivers).map((driver) => driver.close()))));
    const { gpu, maxGpuCostWei } = await createGpu(config, redis, logger);

    // The updates of the runs in flight go to Redis together (one pipeline per group).
    const publishUpdate = groupCommit({
      run: async (executionIds: string[]) => {
        await publishExecutionUpdates(redis, executionIds, { prefix: config.EXECUTION_QUEUE_PREFIX });
        return executionIds.map(() => undefined);
      },
    });
    const worker = await startExecutionWorker({
      connection: redis,
      prefix: config.EXECUTION_QUEUE_PREFIX,
      concurrency: config.WORKER_CONCURRENCY,
      maxConcurrentPerUser: config.WORKER_MAX_CONCURRENT_PER_USER,
      db,
      drivers,
      gpu,
      maxGpuCostWei,
      secretsKey: [config.SECRETS_KEY, ...config.SECRETS_PREVIOUS_KEYS],
      orchestrator,
      logger,
      onUpdate: publishUpdate,
    });
    // PostgreSQL is the record, Redis only delivers: executions whose job Redis lost (a restart without
    // persistence, an API that died between saving and enqueueing) are enqueued again.
    const queue = createBullmqExecutionQueue({ connection: redis, prefix: config.EXECUTION_QUEUE_PREFIX });
    queue.queue.on('error', (error) => logger.warn({ err: error }, 'execution queue: Redis error'));
    service.onShutdown('execution queue', () => queue.close());
    const reconciler = startExecutionReconciler({ db, queue, logger, orchestrator, metrics: service.metrics });
    service.onShutdown('reconciler', () => reconciler.stop());
    const poster = createReceiptsPoster({
      db,
      publicClient,
      walletClient,
      executionReceipts: config.EXECUTION_RECEIPTS_ADDRESS,
      creditVault: config.CREDIT_VAULT_ADDRESS,
      maxReceipts: config.POSTER_MAX_RECEIPTS,
      intervalMs: config.POSTER_INTERVAL_MS,
      logger,
      metrics: service.metrics,
    });
    await poster.start();
    // Shutdown runs last-registered first: stop taking jobs and let runs record, then post what is due.
    service.onShutdown('receipts poster', () => poster.stop());
    service.onShutdown('execution worker', () => worker.close());
    const up = new Gauge({ name: 'cr8_orchestrator_up', help: 'The orchestrator runs (1) with its drivers', labelNames: ['driver'], registers: [service.metrics] });
    for (const runtime of Object.keys(drivers)) up.set({ driver: runtime }, 1);

    logger.info(
      { orchestrator, chainId, rpc: new URL(config.CHAIN_RPC_URL).origin, database: redactUrl(config.DATABASE_URL), redis: redactRedisUrl(config.REDIS_URL), drivers: Object.keys(drivers), gpus: config.GPU_INVENTORY_FILE ? 'inventory' : 'none', status: status.url },
      'orchestrator started',
    );
    return { service, config, orchestrator, worker, poster, status };
  } catch (error) {
    await service.shutdown('start failed');
    throw error;
  }
}

/** The worker's Redis: unlike the API's (which must never make a request wait), commands wait through a
 *  reconnect (the queue, leases and limits are the work itself). Startup waits for the first connection,
 *  so a wrong REDIS_URL stops the process instead of leaving it idle. */
async function connectRedis(url: string, logger: ReturnType<typeof createLogger>): Promise<Redis> {
  const redis = new Redis(url, { maxRetriesPerRequest: 3, connectTimeout: 5_000, retryStrategy: (attempt) => Math.min(attempt * 100, 2_000) });
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) logger.warn({ err: error, redis: redactRedisUrl(url) }, 'Redis connection failed; retrying');
    down = true;
  });
  redis.on('ready', () => (down = false));
  const timeout = AbortSignal.timeout(10_000);
  try {
    await once(redis, 'ready', { signal: timeout });
  } catch {
    redis.disconnect();
    throw Object.assign(new Error(`Redis at ${redactRedisUrl(url)} did not answer within 10 s`), { code: 'REDIS_UNAVAILABLE' });
  }
  return redis;
}

/** The GPU manager over the configured inventory; without one, GPU agents fail with a clear, permanent error. */
async function createGpu(config: OrchestratorConfig, redis: Redis, logger: ReturnType<typeof createLogger>): Promise<{ gpu: GpuAllocator; maxGpuCostWei: (requirement: GpuRequirement, ms: number) => bigint }> {
  const inventory: GpuInventory | undefined = config.GPU_INVENTORY_FILE;
  if (!inventory) {
    return {
      gpu: { acquire: async () => Promise.reject(Object.assign(new Error('this orchestrator has no GPUs (GPU_INVENTORY_FILE is not set)'), { code: 'UNSATISFIABLE_REQUIREMENT' })) },
      maxGpuCostWei: () => 0n,
    };
  }
  const prefix = `${config.EXECUTION_QUEUE_PREFIX}:gpu`;
  await registerInventory(redis, prefix, inventory);
  const manager = createGpuManager({ redis, prefix, leaseMs: 30_000, heartbeatMs: 10_000, logger });
  const highestPrice = inventory.nodes.reduce((max, node) => (node.pricePerGpuSecondWei > max ? node.pricePerGpuSecondWei : max), 0n);
  return {
    gpu: { acquire: (executionId, requirement, priority, signal) => manager.acquire(executionId, requirement, priority, signal) },
    maxGpuCostWei: (requirement, ms) => gpuCostWei(ms * requirement.count, highestPrice),
  };
}
