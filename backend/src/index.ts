export { migrate, MIGRATIONS_DIR, MIGRATIONS_TABLE, type MigrateParameters } from './db/migrate.ts';
export { createTestDatabase, type TestDatabase } from './db/test-database.ts';
export { databaseUrl, redactUrl } from './config/database-url.ts';
export { ConfigError, loadConfig } from './service/config.ts';
export { createLogger, type Logger, REDACTED_PATHS } from './service/logger.ts';
export { createService, type Readiness, type ReadinessCheck, type Service } from './service/service.ts';
