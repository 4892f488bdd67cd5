// Runs the API process: validated config, migrations, PostgreSQL pool, HTTP server, orderly shutdown.
import pg from 'pg';
import { redactUrl } from '../config/database-url.ts';
import { migrate } from '../db/migrate.ts';
import { loadConfig } from '../service/config.ts';
import { createLogger } from '../service/logger.ts';
import { createService, type Service } from '../service/service.ts';
import { type ApiConfig, apiConfigSchema } from './config.ts';
import { agentsModule } from '../agents/agents-module.ts';
import { analyticsModule } from '../analytics/analytics-module.ts';
import { databaseExecutionQueue } from '../executions/execution-queue.ts';
import { executionsModule } from '../executions/executions-module.ts';
import { scalarsModule } from './scalars.ts';
import { type ApiServer, startApiServer } from './server.ts';

export async function runApi(env: NodeJS.ProcessEnv = process.env): Promise<{ service: Service; api: ApiServer; config: ApiConfig }> {
  const config = loadConfig('cr8 api', apiConfigSchema, env);
  const logger = createLogger({ service: 'cr8-api', level: config.LOG_LEVEL });
  const service = createService({ name: 'cr8-api', logger });
  try {
    const applied = await migrate({ databaseUrl: config.DATABASE_URL });
    if (applied.length) logger.info({ applied }, 'applied migrations');
    const db = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE });
    db.on('error', (error) => logger.error({ err: error }, 'idle PostgreSQL connection failed'));
    service.onShutdown('database', () => db.end());
    service.addReadinessCheck('database', async () => void (await db.query('SELECT 1')));
    const api = await startApiServer({ db, service, host: config.API_HOST, port: config.API_PORT, modules: [scalarsModule, agentsModule(), executionsModule({ queue: databaseExecutionQueue }), analyticsModule({ chainId: config.CHAIN_ID })],
    });
    logger.info({ url: api.url, database: redactUrl(config.DATABASE_URL) }, 'API listening');
    return { service, api, config };
  } catch (error) {
    // Whatever started (the pool) is closed, so a failed start exits instead of hanging.
    await service.shutdown('start failed');
    throw error;
  }
}
