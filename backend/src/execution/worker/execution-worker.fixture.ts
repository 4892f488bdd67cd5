// A worker in its own process, for the test that SIGKILLs one mid-run (execution-worker-kill.test.ts).
// Its settings come as one JSON argument; it prints `ready` once it takes jobs, and runs until killed.
import { Redis } from 'ioredis';
import pg from 'pg';
import { SecretsKey } from '../../secrets/secrets-key.ts';
import { createLogger } from '../../service/logger.ts';
import { createLocalDriver } from '../gpu/local/local-driver.ts';
import { startExecutionWorker } from './execution-worker.ts';

type FixtureSettings = { databaseUrl: string; redisUrl: string; prefix: string; queueName: string; workDir: string; orchestrator: `0x${string}`; lockDurationMs: number; secretsKeyHex: string };

const settings = JSON.parse(process.argv[2] ?? '{}') as FixtureSettings;
const logger = createLogger({ service: 'execution-worker-fixture', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
await startExecutionWorker({
  connection: new Redis(settings.redisUrl),
  prefix: settings.prefix,
  queueName: settings.queueName,
  concurrency: 4,
  lockDurationMs: settings.lockDurationMs,
  db: new pg.Pool({ connectionString: settings.databaseUrl }),
  drivers: { local: createLocalDriver({ workDir: settings.workDir, persistent: true, logger }) },
  gpu: {
    acquire: async () => {
      throw new Error('this worker has no GPUs');
    },
  },
  maxGpuCostWei: () => 0n,
  secretsKey: new SecretsKey(Buffer.from(settings.secretsKeyHex, 'hex')),
  orchestrator: settings.orchestrator,
  logger,
});
process.stdout.write('ready\n');
