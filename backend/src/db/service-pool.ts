// The PostgreSQL pool of a long-running service (API, orchestrator, indexer): named, so its sessions can
// be told apart in pg_stat_activity, and keeping its connections open between bursts. node-postgres
// closes a connection after 10 s idle by default; a service whose load comes in bursts then opens them
// again for each burst (a backend process forked, its caches warmed, each named statement parsed and
// planned anew) exactly when it is busiest. bench-e2e measured the churn: the connections a burst opened
// were closed 10 s later and opened again, and every submit of those moments waited 80-180 ms.
import pg from 'pg';
import type { Logger } from '../service/logger.ts';

/** How long an idle connection is kept: long enough to span the lulls between bursts. */
export const SERVICE_POOL_IDLE_MS = 5 * 60_000;

export function createServicePool(parameters: { url: string; max: number; applicationName: string; logger: Logger }): pg.Pool {
  const pool = new pg.Pool({ connectionString: parameters.url, max: parameters.max, application_name: parameters.applicationName, idleTimeoutMillis: SERVICE_POOL_IDLE_MS });
  pool.on('error', (error) => parameters.logger.error({ err: error }, 'idle PostgreSQL connection failed'));
  return pool;
}
