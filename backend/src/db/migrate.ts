// Versioned schema migrations: the SQL files in backend/migrations (each with `-- Up Migration` and
// `-- Down Migration` sections), applied by node-pg-migrate under a PostgreSQL advisory lock, one
// transaction per migration, so two processes starting together never both migrate and a failed
// migration leaves nothing half-applied.
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));
export const MIGRATIONS_TABLE = 'schema_migrations';

export type MigrateParameters = {
  databaseUrl: string;
  direction?: 'up' | 'down';
  /** How many migrations to apply (up: all pending by default; down: 1 by default). */
  count?: number;
  onLog?: (message: string) => void;
};

/** Applies migrations and returns the names of those it ran (empty when already up to date). */
export async function migrate(parameters: MigrateParameters): Promise<string[]> {
  const direction = parameters.direction ?? 'up';
  const applied = await runner({
    databaseUrl: parameters.databaseUrl,
    dir: MIGRATIONS_DIR,
    migrationsTable: MIGRATIONS_TABLE,
    direction,
    count: parameters.count ?? (direction === 'up' ? Number.POSITIVE_INFINITY : 1),
    checkOrder: true,
    advisoryLockMode: 'wait',
    log: parameters.onLog ?? (() => {}),
    logger: { debug: () => {}, info: parameters.onLog ?? (() => {}), warn: parameters.onLog ?? (() => {}), error: parameters.onLog ?? (() => {}) },
  });
  return applied.map((migration) => migration.name);
}
