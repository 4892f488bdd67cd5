// A fresh PostgreSQL database per test file, on the machine's server (TEST_DATABASE_URL, default the
// local postgres superuser over TCP), dropped afterwards. Tests never share or reuse state.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestDatabase = { url: string; name: string; drop: () => Promise<void> };

/** `adminUrl` (default TEST_DATABASE_URL, else DEFAULT_TEST_DATABASE_URL): the server and the database to
 *  create the new one from; the URL returned is the same with the new database's name. */
export async function createTestDatabase(prefix = 'cr8_test', options: { adminUrl?: string } = {}): Promise<TestDatabase> {
  const adminUrl = options.adminUrl ?? process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        // pg's Pool.end() resolves before each connection's goodbye reaches the server; forcing the drop
        // while one is still closing makes that client emit an 'error' in the test process. Wait for the
        // test's connections to leave (briefly), then force out any that were really left open.
        for (let attempt = 0; attempt < 40; attempt++) {
          const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
          if (rows[0]!.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
