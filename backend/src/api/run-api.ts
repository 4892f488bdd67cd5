// Runs the API process: validated config, migrations, PostgreSQL pool, Redis (rate limits), the IPFS
// node, KYC (provider, attestation worker), registration (relayer), executions (BullMQ queue, update
// subscriptions), payments, then the HTTP server; shutdown runs in reverse (subscriptions ended, HTTP,
// ..., the database pool last).
import { createServicePool } from '../db/service-pool.ts';
import { createAuth } from '../auth/create-auth.ts';
import { authOptionsFromConfig } from '../auth/config.ts';
import { createRedisClient } from '../auth/redis-client.ts';
import { redactUrl } from '../config/database-url.ts';
import { migrate } from '../db/migrate.ts';
import { createExecutions } from '../executions/create-executions.ts';
import { addCard } from '../ipfs/add-card.ts';
import { createKyc } from '../kyc/create-kyc.ts';
import { startKycWorker } from '../kyc/kyc-worker.ts';
import { requireVerifiedKyc } from '../kyc/require-verified-kyc.ts';
import { linkRegisteredAgents } from '../registration/link-registered-agents.ts';
import { createRegistrationChain } from '../registration/registration-chain.ts';
import { secretsKeyring } from '../secrets/config.ts';
import { encryptSecrets } from '../secrets/encrypt-secrets.ts';
import { loadConfig } from '../service/config.ts';
import { createLogger } from '../service/logger.ts';
import { createService, type Service } from '../service/service.ts';
import { ApiError } from './api-error.ts';
import { createApiModules } from './api-modules.ts';
import { type ApiConfig, apiConfigSchema } from './config.ts';
import { type ApiServer, startApiServer } from './server.ts';

/** How often registrations sent from creators' wallets are matched to indexed AgentRegistered events. */
const LINK_INTERVAL_MS = 2_000;

export async function runApi(env: NodeJS.ProcessEnv = process.env): Promise<{ service: Service; api: ApiServer; config: ApiConfig }> {
  const config = loadConfig('cr8 api', apiConfigSchema, env);
  const logger = createLogger({ service: 'cr8-api', level: config.LOG_LEVEL });
  const service = createService({ name: 'cr8-api', logger });
  try {
    const applied = await migrate({ databaseUrl: config.DATABASE_URL });
    if (applied.length) logger.info({ applied }, 'applied migrations');
    const db = createServicePool({ url: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE, applicationName: 'cr8-api', logger });
    service.onShutdown('database', () => db.end());
    service.addReadinessCheck('database', async () => void (await db.query('SELECT 1')));

    const authOptions = authOptionsFromConfig(config);
    const redis = authOptions.rateLimits ? createRedisClient(authOptions.redisUrl, logger) : null;
    if (redis) service.onShutdown('redis', async () => void redis.disconnect());
    const auth = createAuth({ db, redis, logger, options: authOptions });
    service.onShutdown('auth', auth.stop);

    // Helia is imported only here: it takes a second to load, which other commands should not pay.
    const { startIpfsNode } = await import('../ipfs/start-ipfs-node.ts');
    const ipfs = await startIpfsNode({ directory: config.IPFS_DIR, listen: config.IPFS_LISTEN, bootstrap: config.IPFS_BOOTSTRAP, logger });
    service.onShutdown('ipfs', () => ipfs.stop());
    service.addReadinessCheck('ipfs', async () => {
      if (ipfs.helia.status !== 'started') throw new Error(`the IPFS node is ${ipfs.helia.status}`);
    });

    const kyc = createKyc(config, { db });
    const kycWorker = startKycWorker({ db, attester: kyc.attester, logger, intervalMs: kyc.workerIntervalMs, metrics: service.metrics });
    service.onShutdown('kyc worker', kycWorker.stop);

    const keyring = secretsKeyring(config);
    const chain = createRegistrationChain({ rpcUrl: config.CHAIN_RPC_URL, chainId: config.CHAIN_ID, ...(config.REGISTRATION_RELAYER_PRIVATE_KEY ? { relayerPrivateKey: config.REGISTRATION_RELAYER_PRIVATE_KEY } : {}) });
    const link = setInterval(() => {
      linkRegisteredAgents(db, { chainId: config.CHAIN_ID, registry: chain.registry }).catch((error: unknown) => logger.warn({ err: error }, 'linking wallet-sent registrations failed'));
    }, LINK_INTERVAL_MS);
    link.unref();
    service.onShutdown('registration linker', async () => clearInterval(link));

    const executions = createExecutions(config, logger);
    service.onShutdown('executions', executions.close);

    const modules = createApiModules({
      chainId: config.CHAIN_ID,
      executions: executions.deps,
      payments: {
        chainId: config.CHAIN_ID,
        creditVault: config.CREDIT_VAULT_ADDRESS,
        publicClient: chain.publicClient,
        ...(config.ORCHESTRATOR_ADDRESS ? { defaultOrchestrator: config.ORCHESTRATOR_ADDRESS } : {}),
      },
      authModules: auth.modules,
      kyc: { provider: kyc.provider, level: kyc.level, validityDays: kyc.validityDays },
      ipfs: { node: ipfs, maxObjectBytes: config.IPFS_MAX_OBJECT_BYTES, getTimeoutMs: config.IPFS_GET_TIMEOUT_MS },
      registration: {
        cards: { addCard: (card) => addCard(ipfs, card, { maxBytes: config.IPFS_MAX_CARD_BYTES }) },
        chain,
        ...(config.REGISTRATION_REQUIRES_KYC ? { requireKyc: (userId: string) => requireVerifiedKyc(db, userId) } : {}),
        encryptSecrets: (agentId, secrets) => {
          if (!keyring) throw new ApiError(503, 'UPSTREAM_UNAVAILABLE', 'this API has no SECRETS_KEY configured, so it cannot store agent secrets');
          return encryptSecrets(keyring.current, agentId, secrets);
        },
      },
    });
    const api = await startApiServer({
      db,
      service,
      host: config.API_HOST,
      port: config.API_PORT,
      modules,
      authenticate: auth.authenticate,
      ...(auth.rateLimit ? { rateLimit: auth.rateLimit } : {}),
    });
    // Registered after the HTTP server's hook, so it runs first: open subscription streams end, and the
    // server's close does not wait for them.
    service.onShutdown('execution subscriptions', async () => executions.endSubscriptions());
    logger.info({ url: api.url, executionQueue: config.EXECUTION_QUEUE, database: redactUrl(config.DATABASE_URL), ipfs: ipfs.multiaddrs(), relayer: chain.relayer?.account.address ?? null }, 'API listening');
    return { service, api, config };
  } catch (error) {
    // Whatever started (pool, Redis, IPFS, workers) is closed, so a failed start exits instead of hanging.
    await service.shutdown('start failed');
    throw error;
  }
}
