// What the KYC tests share: a fresh migrated database, the real API server on loopback with a test
// authenticator (header x-test-user: <user id>), a CR8 L3 anvil started from the repo's genesis.json, and
// a JSON-RPC proxy in front of it that the tests can take down to play "the chain is unreachable".
import { join } from 'node:path';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Writable } from 'node:stream';
import { type Anvil, startAnvil } from '@cr8/chain/anvil';
import { repoRoot } from '@cr8/contracts/toolchain';
import pg from 'pg';
import { API_KEY_SCOPES, type ApiKeyScope, type ApiModule, type Principal } from '../api/route.ts';
import { scalarsModule } from '../api/scalars.ts';
import { type ApiServer, startApiServer } from '../api/server.ts';
import { migrate } from '../db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { createLogger } from '../service/logger.ts';
import { createService } from '../service/service.ts';

export type TestApi = { database: TestDatabase; db: pg.Pool; api: ApiServer; close: () => Promise<void> };

export async function startTestDatabase(): Promise<{ database: TestDatabase; db: pg.Pool }> {
  const database = await createTestDatabase('cr8_kyc_test');
  await migrate({ databaseUrl: database.url });
  const db = new pg.Pool({ connectionString: database.url });
  // Dropping the database at the end terminates idle connections; that is expected, not a failure.
  db.on('error', () => {});
  return { database, db };
}

export async function startTestApi(modules: (db: pg.Pool) => ApiModule[], existing?: { database: TestDatabase; db: pg.Pool }): Promise<TestApi> {
  const { database, db } = existing ?? (await startTestDatabase());
  const silent = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  const service = createService({ name: 'kyc-test', logger: createLogger({ service: 'kyc-test', destination: silent }), defaultMetrics: false });
  const api = await startApiServer({
    db,
    service,
    host: '127.0.0.1',
    port: 0,
    modules: [scalarsModule, ...modules(db)],
    authenticate: async ({ headers }) => {
      const userId = headers['x-test-user'];
      if (typeof userId !== 'string') return null;
      const { rows } = await db.query<{ wallet_address: `0x${string}` }>('SELECT wallet_address FROM users WHERE id = $1', [userId]);
      const scopes = typeof headers['x-test-scopes'] === 'string' ? (headers['x-test-scopes'].split(',').filter(Boolean) as ApiKeyScope[]) : [...API_KEY_SCOPES];
      return { kind: headers['x-test-scopes'] === undefined ? 'session' : 'api_key', userId, wallet: rows[0]!.wallet_address, credentialId: 'test', scopes } satisfies Principal;
    },
  });
  return {
    database,
    db,
    api,
    close: async () => {
      await api.close();
      await db.end();
      await database.drop();
    },
  };
}

export async function createUser(db: pg.Pool, wallet: `0x${string}`): Promise<string> {
  const { rows } = await db.query<{ id: string }>('INSERT INTO users (wallet_address) VALUES ($1) RETURNING id', [wallet.toLowerCase()]);
  return rows[0]!.id;
}

/** A JSON request to the API; `user` signs in as that user id. */
export async function call(api: ApiServer, method: string, path: string, options: { user?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.user ? { 'x-test-user': options.user } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as any };
}

export async function graphql(api: ApiServer, user: string | null, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(user ? { 'x-test-user': user } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

export const GENESIS_FILE = join(repoRoot, 'genesis.json');

/** The CR8 L3 as the devnet starts it: anvil in OP Stack mode from genesis.json (KycRegistry predeployed,
 *  dev account #3 holding ATTESTER_ROLE). */
export function startL3(): Promise<Anvil> {
  return startAnvil({ optimism: true, genesisFile: GENESIS_FILE, chainId: 888008 });
}

export type RpcProxy = {
  url: string;
  /** `down`: every connection is cut; `up`: forwarded. */
  mode: 'up' | 'down';
  /** Goes down right after forwarding the first request with this JSON-RPC method. */
  downAfter: string | null;
  /** JSON-RPC methods forwarded, in order. */
  forwarded: string[];
  close: () => Promise<void>;
};

export async function startRpcProxy(target: string): Promise<RpcProxy> {
  const proxy: Omit<RpcProxy, 'url' | 'close'> = { mode: 'up', downAfter: null, forwarded: [] };
  const server: Server = createServer(async (request: IncomingMessage, response) => {
    if (proxy.mode === 'down') return void request.socket.destroy();
    const chunks: Buffer[] = [];
    for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    const methods = ([] as Array<{ method?: string }>).concat(JSON.parse(body.toString('utf8'))).map((call) => String(call.method));
    try {
      const upstream = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await upstream.text();
      proxy.forwarded.push(...methods);
      if (proxy.downAfter && methods.includes(proxy.downAfter)) {
        // The node has the request; the caller never hears back.
        proxy.mode = 'down';
        proxy.downAfter = null;
        return void request.socket.destroy();
      }
      response.writeHead(upstream.status, { 'content-type': 'application/json' });
      response.end(text);
    } catch {
      request.socket.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return Object.assign(proxy, {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}
