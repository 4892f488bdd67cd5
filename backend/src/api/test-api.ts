// A real API server on 127.0.0.1 for module tests, on a fresh migrated database. Callers are named by
// an `x-test-user` header (a user id) and `x-test-scopes`, so a module's tests need no sign-in; the
// real authenticator (SIWE sessions, API keys) has its own tests.
import { Writable } from 'node:stream';
import pg from 'pg';
import { migrate } from '../db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { createLogger } from '../service/logger.ts';
import { createService } from '../service/service.ts';
import { API_KEY_SCOPES, type ApiKeyScope, type ApiModule, type Principal } from './route.ts';
import { scalarsModule } from './scalars.ts';
import { type ApiServer, type ApiServerParameters, startApiServer } from './server.ts';

export type TestApi = { url: string; db: pg.Pool; database: TestDatabase; api: ApiServer; close: () => Promise<void> };

export async function startTestApi(modules: ApiModule[], options: Partial<Pick<ApiServerParameters, 'authenticate' | 'rateLimit'>> = {}): Promise<TestApi> {
  const database = await createTestDatabase();
  await migrate({ databaseUrl: database.url });
  const db = new pg.Pool({ connectionString: database.url });
  const silent = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  const service = createService({ name: 'api-test', logger: createLogger({ service: 'api-test', destination: silent }), defaultMetrics: false });
  const api = await startApiServer({
    db,
    service,
    host: '127.0.0.1',
    port: 0,
    modules: [scalarsModule, ...modules],
    authenticate:
      options.authenticate ??
      (async ({ headers }) => {
        const userId = headers['x-test-user'];
        if (typeof userId !== 'string') return null;
        const { rows } = await db.query<{ wallet_address: `0x${string}` }>('SELECT wallet_address FROM users WHERE id = $1', [userId]);
        if (!rows[0]) return null;
        const scopes = typeof headers['x-test-scopes'] === 'string' ? (headers['x-test-scopes'].split(',') as ApiKeyScope[]) : [...API_KEY_SCOPES];
        return { kind: 'session', userId, wallet: rows[0].wallet_address, credentialId: '00000000-0000-4000-8000-000000000000', scopes } satisfies Principal;
      }),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  });
  return {
    url: api.url,
    db,
    database,
    api,
    close: async () => {
      await api.close();
      await db.end();
      await database.drop();
    },
  };
}
