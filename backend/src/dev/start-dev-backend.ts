// The backend half of `cr8 dev`: PostgreSQL (the machine's via DATABASE_URL, else an embedded one),
// then the API and the chain indexer as in production (in this process), each with its own validated config built from
// the environment plus the devnet's addresses. Everything listens on 127.0.0.1.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '@cr8/contracts/toolchain';
import pg from 'pg';
import { privateKeyToAccount } from 'viem/accounts';
import { runApi } from '../api/run-api.ts';
import { redactUrl } from '../config/database-url.ts';
import { startEmbeddedPostgres } from '../db/embedded-postgres.ts';
import { runOrchestrator } from '../execution/orchestrator/run-orchestrator.ts';
import { runIndexer } from '../indexer/run-indexer.ts';
import { DEVNET_KYC_ATTESTER_PRIVATE_KEY } from '../kyc/config.ts';
import {
  DEFAULT_BACKEND_DIR,
  DEFAULT_EMBEDDED_POSTGRES_PORT,
  DEFAULT_INDEXER_STATUS_PORT,
  DEFAULT_ORCHESTRATOR_STATUS_PORT,
  DEVNET_EXAMPLE_CREATOR_PRIVATE_KEY,
  DEVNET_ORCHESTRATOR_PRIVATE_KEY,
  DEVNET_PAYER_PRIVATE_KEY,
  DEVNET_REGISTRATION_RELAYER_PRIVATE_KEY,
} from './dev-defaults.ts';
import { type DevExecutionSeed, seedDevExecution } from './seed-dev-execution.ts';

// The defaults live apart so the CLI can read them without loading the backend; they stay exported here too.
export * from './dev-defaults.ts';

export type StartDevBackendParameters = {
  /** Where the embedded PostgreSQL (and other backend data) lives. */
  directory?: string;
  postgresPort?: number;
  apiPort: number;
  indexerStatusPort?: number;
  orchestratorStatusPort?: number;
  /** The L3 RPC the backend reads and writes. */
  chainRpcUrl: string;
  /** Keep the data of the previous run (else the embedded database starts empty, like the chains). */
  persist: boolean;
  /** The environment the processes' configs are read from (DATABASE_URL here skips the embedded server). */
  env?: NodeJS.ProcessEnv;
  onProgress?: (message: string) => void;
};

export type DevBackend = {
  apiUrl: string;
  /** The indexer's /health, /ready and /metrics. */
  indexerStatusUrl: string;
  ipfsDir: string;
  /** The orchestrator's /health, /ready and /metrics. */
  orchestratorStatusUrl: string;
  /** The example agents, the dev payer and its API key. */
  execution: DevExecutionSeed;
  /** Printable database location (password redacted). */
  database: string;
  embeddedPostgres: boolean;
  stop: () => Promise<void>;
};

export async function startDevBackend(parameters: StartDevBackendParameters): Promise<DevBackend> {
  const env = parameters.env ?? process.env;
  const directory = parameters.directory ?? DEFAULT_BACKEND_DIR;
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };
  try {
    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      const postgres = await startEmbeddedPostgres({
        directory: join(directory, 'postgres'),
        port: parameters.postgresPort ?? DEFAULT_EMBEDDED_POSTGRES_PORT,
        fresh: !parameters.persist,
        ...(parameters.onProgress ? { onProgress: parameters.onProgress } : {}),
      });
      stops.push(postgres.stop);
      databaseUrl = postgres.url;
    }
    const ipfsDir = join(directory, 'ipfs');
    if (!parameters.persist) await rm(ipfsDir, { recursive: true, force: true });
    const processEnv: NodeJS.ProcessEnv = {
      // Devnet defaults (public dev keys, never for real funds); the environment overrides each.
      KYC_ATTESTER_PRIVATE_KEY: DEVNET_KYC_ATTESTER_PRIVATE_KEY,
      REGISTRATION_RELAYER_PRIVATE_KEY: DEVNET_REGISTRATION_RELAYER_PRIVATE_KEY,
      SECRETS_KEY: await devSecretsKey(directory),
      IPFS_DIR: ipfsDir,
      ...env,
      DATABASE_URL: databaseUrl,
      API_HOST: '127.0.0.1',
      API_PORT: String(parameters.apiPort),
      CHAIN_RPC_URL: parameters.chainRpcUrl,
      LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
      // Executions go through the BullMQ queue to the dev orchestrator, under a prefix of their own.
      EXECUTION_QUEUE: env.EXECUTION_QUEUE ?? 'bullmq',
      EXECUTION_QUEUE_PREFIX: env.EXECUTION_QUEUE_PREFIX ?? 'cr8-dev',
      ORCHESTRATOR_PRIVATE_KEY: env.ORCHESTRATOR_PRIVATE_KEY ?? DEVNET_ORCHESTRATOR_PRIVATE_KEY,
      ORCHESTRATOR_ADDRESS: env.ORCHESTRATOR_ADDRESS ?? privateKeyToAccount((env.ORCHESTRATOR_PRIVATE_KEY ?? DEVNET_ORCHESTRATOR_PRIVATE_KEY) as `0x${string}`).address.toLowerCase(),
    };
    parameters.onProgress?.(`starting the API on 127.0.0.1:${parameters.apiPort}`);
    const api = await runApi(processEnv);
    stops.push(() => api.service.shutdown('cr8 dev stopping'));
    parameters.onProgress?.(`starting the indexer (status on 127.0.0.1:${parameters.indexerStatusPort ?? DEFAULT_INDEXER_STATUS_PORT})`);
    const indexer = await runIndexer({
      ...processEnv,
      INDEXER_RPC_URL: parameters.chainRpcUrl,
      INDEXER_STATUS_HOST: '127.0.0.1',
      INDEXER_STATUS_PORT: String(parameters.indexerStatusPort ?? DEFAULT_INDEXER_STATUS_PORT),
      INDEXER_POLL_MS: env.INDEXER_POLL_MS ?? '500',
    });
    // An indexer that stops on an error it cannot retry is reported; the rest of the system keeps running.
    indexer.done.catch((error: unknown) => parameters.onProgress?.(`the indexer stopped: ${(error as Error).message}`));
    stops.push(() => indexer.service.shutdown('cr8 dev stopping'));
    parameters.onProgress?.(`starting the orchestrator (status on 127.0.0.1:${parameters.orchestratorStatusPort ?? DEFAULT_ORCHESTRATOR_STATUS_PORT})`);
    const seedDb = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    stops.push(() => seedDb.end());
    // Bonded before the orchestrator starts: its poster posts only for an active orchestrator.
    const execution = await seedDevExecution({
      db: seedDb,
      apiUrl: api.api.url,
      chainRpcUrl: parameters.chainRpcUrl,
      chainId: Number(processEnv.CHAIN_ID ?? 888008),
      orchestratorPrivateKey: processEnv.ORCHESTRATOR_PRIVATE_KEY as `0x${string}`,
      creatorPrivateKey: DEVNET_EXAMPLE_CREATOR_PRIVATE_KEY,
      payerPrivateKey: DEVNET_PAYER_PRIVATE_KEY,
      ...(parameters.onProgress ? { onProgress: parameters.onProgress } : {}),
    });
    const orchestrator = await runOrchestrator({
      ...processEnv,
      ORCHESTRATOR_STATUS_HOST: '127.0.0.1',
      ORCHESTRATOR_STATUS_PORT: String(parameters.orchestratorStatusPort ?? DEFAULT_ORCHESTRATOR_STATUS_PORT),
      POSTER_INTERVAL_MS: env.POSTER_INTERVAL_MS ?? '2000',
      LOCAL_DRIVER_WORK_DIR: env.LOCAL_DRIVER_WORK_DIR ?? join(directory, 'runs'),
      // The example agents answer JSON lines: one process each, kept between runs.
      LOCAL_DRIVER_PERSISTENT: env.LOCAL_DRIVER_PERSISTENT ?? 'true',
    });
    stops.push(() => orchestrator.service.shutdown('cr8 dev stopping'));
    return {
      apiUrl: api.api.url,
      indexerStatusUrl: indexer.status.url,
      orchestratorStatusUrl: orchestrator.status.url,
      execution,
      ipfsDir: processEnv.IPFS_DIR!,
      database: redactUrl(databaseUrl),
      embeddedPostgres: !env.DATABASE_URL,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The devnet's SECRETS_KEY: random, made once and kept (mode 0600) beside the embedded database. */
async function devSecretsKey(directory: string): Promise<string> {
  const file = join(directory, 'secrets-key');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(directory, { recursive: true });
    const key = randomBytes(32).toString('hex');
    await writeFile(file, `${key}\n`, { mode: 0o600 });
    return key;
  }
}
