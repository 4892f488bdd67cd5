// `cr8 db migrate`: apply (or roll back) the backend's schema migrations.
import { Command, InvalidArgumentError } from 'commander';
import { databaseUrl, redactUrl } from './config/database-url.ts';
import { migrate } from './db/migrate.ts';

function parseDatabaseUrl(value: string): string {
  const result = databaseUrl.safeParse(value);
  if (!result.success) throw new InvalidArgumentError(result.error.issues[0]!.message);
  return value;
}

function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new InvalidArgumentError('must be a positive whole number');
  return count;
}

export function dbCommand(): Command {
  const db = new Command('db').summary('the backend database (PostgreSQL)').description('Manage the CR8 backend\'s PostgreSQL schema.');
  db.command('migrate')
    .summary('apply pending schema migrations (or roll back with --down)')
    .description(
      'Applies the SQL migrations in backend/migrations under an advisory lock, one transaction each. ' +
        'The database comes from --database-url or DATABASE_URL.',
    )
    .option('--database-url <url>', 'postgres:// URL (default: $DATABASE_URL)', parseDatabaseUrl)
    .option('--down <count>', 'roll back this many migrations instead', parseCount)
    .action(async (options: { databaseUrl?: string; down?: number }) => {
      const url = options.databaseUrl ?? process.env.DATABASE_URL;
      if (!url || !databaseUrl.safeParse(url).success) {
        console.error('error [INVALID_DATABASE_URL]: give --database-url or set DATABASE_URL to a postgres:// URL');
        process.exitCode = 1;
        return;
      }
      try {
        const applied = await migrate({
          databaseUrl: url,
          ...(options.down ? { direction: 'down' as const, count: options.down } : {}),
        });
        const verb = options.down ? 'rolled back' : 'applied';
        console.log(applied.length ? `${verb} ${applied.join(', ')} on ${redactUrl(url)}` : `${redactUrl(url)} is up to date`);
      } catch (error) {
        // pg errors can quote the connection string; print the redacted URL and the error's own message.
        console.error(`error [MIGRATION_FAILED]: ${redactUrl(url)}: ${(error as Error).message.replaceAll(url, redactUrl(url))}`);
        process.exitCode = 1;
      }
    });
  return db;
}

export function apiCommand(): Command {
  return new Command('api')
    .summary('run the CR8 API (GraphQL + REST) until Ctrl-C')
    .description(
      'Serves GraphQL at /graphql, the REST routes under /api, and /health, /ready, /metrics, on API_HOST:API_PORT ' +
        '(default 127.0.0.1:4000). Applies pending migrations first. Configuration comes from the environment: ' +
        'DATABASE_URL (required), API_HOST, API_PORT, LOG_LEVEL, DATABASE_POOL_SIZE.',
    )
    .action(async () => {
      const { runApi } = await import('./api/run-api.ts');
      try {
        const { service } = await runApi();
        service.handleSignals();
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'START_FAILED';
        const message = (error as Error).message;
        const url = process.env.DATABASE_URL;
        console.error(`error [${code}]: ${url ? message.replaceAll(url, redactUrl(url)) : message}`);
        process.exitCode = 1;
      }
    });
}

export function indexerCommand(): Command {
  return new Command('indexer')
    .summary('index every CR8 contract event into PostgreSQL, then follow the chain until Ctrl-C')
    .description(
      'Backfills the events of the CR8 predeploys (0xC800…0001-0008) and of every agent token into chain_events, ' +
        'range by range from a resumable cursor, then follows the head; a reorg is rolled back to the fork point and ' +
        're-indexed. Applies pending migrations first and serves /health, /ready, /metrics on ' +
        'INDEXER_STATUS_HOST:INDEXER_STATUS_PORT (default 127.0.0.1:9464). Configuration comes from the environment: ' +
        'DATABASE_URL (required), INDEXER_RPC_URL (default http://127.0.0.1:9545, the devnet L3), INDEXER_START_BLOCK (0), ' +
        'INDEXER_BATCH_BLOCKS (2000), INDEXER_POLL_MS (1000), INDEXER_CONFIRMATIONS (0), LOG_LEVEL (info). ' +
        'On SIGINT/SIGTERM the current range is finished before the process exits.',
    )
    .action(async () => {
      const { runIndexer } = await import('./indexer/run-indexer.ts');
      // Errors can quote either URL (a hosted RPC URL may carry an API key): print neither in full.
      const redact = (message: string) => {
        let text = message;
        const database = process.env.DATABASE_URL;
        if (database) text = text.replaceAll(database, redactUrl(database));
        const rpc = process.env.INDEXER_RPC_URL;
        if (rpc) {
          try {
            text = text.replaceAll(rpc, new URL(rpc).origin);
          } catch {
            // not a URL: config validation reports it without echoing the value
          }
        }
        return text;
      };
      try {
        const { service, done } = await runIndexer();
        service.handleSignals();
        await done;
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'START_FAILED';
        console.error(`error [${code}]: ${redact((error as Error).message)}`);
        process.exitCode = 1;
      }
    });
}

export function orchestratorCommand(): Command {
  return new Command('orchestrator')
    .summary('run agent executions (worker, GPU drivers) and post their receipts to the L3 until Ctrl-C')
    .description(
      'The sequencer-adjacent orchestrator: takes executions from the BullMQ queue the API fills (Redis), runs them ' +
        'with the local driver (and the inference and kubernetes drivers when configured), leases GPUs from ' +
        'GPU_INVENTORY_FILE, records results and one receipt per paid execution in PostgreSQL, and posts receipt ' +
        'batches to ExecutionReceipts every POSTER_INTERVAL_MS or POSTER_MAX_RECEIPTS receipts. Applies pending ' +
        'migrations first; /health, /ready, /metrics on ORCHESTRATOR_STATUS_HOST:ORCHESTRATOR_STATUS_PORT (default ' +
        '127.0.0.1:9465). Required: DATABASE_URL, ORCHESTRATOR_PRIVATE_KEY (a key bonded in the OrchestratorRegistry), ' +
        'SECRETS_KEY. Every other variable is listed in the README.',
    )
    .action(async () => {
      const { runOrchestrator } = await import('./execution/orchestrator/run-orchestrator.ts');
      try {
        const { service } = await runOrchestrator();
        service.handleSignals();
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'START_FAILED';
        const url = process.env.DATABASE_URL;
        const message = (error as Error).message;
        console.error(`error [${code}]: ${url ? message.replaceAll(url, redactUrl(url)) : message}`);
        process.exitCode = 1;
      }
    });
}
