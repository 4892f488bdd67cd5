// The API over real HTTP on loopback, against a fresh migrated PostgreSQL database.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { migrate } from '../db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { createLogger } from '../service/logger.ts';
import { createService } from '../service/service.ts';
import { agentsModule } from '../agents/agents-module.ts';
import { scalarsModule } from './scalars.ts';
import type { ApiModule } from './route.ts';

/** A field taking a Wei argument (no module has one yet), to see how the API refuses a bad one. */
const echoWeiModule: ApiModule = { name: 'echo-wei', typeDefs: 'extend type Query { echoWei(value: Wei!): Wei! }', resolvers: { Query: { echoWei: (_: unknown, args: { value: string }) => args.value } } };
import { type ApiServer, startApiServer } from './server.ts';

let database: TestDatabase;
let db: pg.Pool;
let api: ApiServer;
const CREATOR = `0x${'ab'.repeat(20)}`;
const OTHER = `0x${'cd'.repeat(20)}`;

before(async () => {
  database = await createTestDatabase();
  await migrate({ databaseUrl: database.url });
  db = new pg.Pool({ connectionString: database.url });
  const user = await db.query<{ id: string }>('INSERT INTO users (wallet_address) VALUES ($1) RETURNING id', [CREATOR]);
  // 25 agents, one second apart; every 5th registered on-chain, every 4th by another creator.
  for (let i = 1; i <= 25; i++)
    await db.query(
      `INSERT INTO agents (creator_user_id, creator_address, name, status, onchain_id, fee_per_execution, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, timestamptz '2026-11-01T00:00:00Z' + make_interval(secs => $7))`,
      [user.rows[0]!.id, i % 4 === 0 ? OTHER : CREATOR, `agent ${i}`, i % 5 === 0 ? 'registered' : 'draft', i % 5 === 0 ? i : null, (10n ** 30n + BigInt(i)).toString(), i],
    );
  const silent = new Writable({ write: (_c, _e, callback) => callback() });
  const service = createService({ name: 'api-test', logger: createLogger({ service: 'api-test', destination: silent }), defaultMetrics: false });
  service.addReadinessCheck('database', async () => void (await db.query('SELECT 1')));
  api = await startApiServer({ db, service, host: '127.0.0.1', port: 0, modules: [scalarsModule, agentsModule(), echoWeiModule] });
});

after(async () => {
  await api?.close();
  await db?.end();
  await database?.drop();
});

async function get(path: string) {
  const response = await fetch(`${api.url}${path}`);
  return { status: response.status, body: (await response.json()) as any };
}

async function graphql(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: (await response.json()) as any };
}

test('GET /api/agents pages newest first with cursors until the last page', async () => {
  const seen: string[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const { status, body } = await get(`/api/agents?first=10${after ? `&after=${after}` : ''}`);
    assert.equal(status, 200);
    seen.push(...body.agents.map((agent: { name: string }) => agent.name));
    after = body.hasNextPage ? body.endCursor : null;
    pages++;
  } while (after);
  assert.equal(pages, 3);
  assert.deepEqual(seen, Array.from({ length: 25 }, (_, i) => `agent ${25 - i}`));
});

test('filters by status and creator; wei comes back exact', async () => {
  const registered = await get('/api/agents?status=registered');
  assert.deepEqual(registered.body.agents.map((a: { name: string }) => a.name), ['agent 25', 'agent 20', 'agent 15', 'agent 10', 'agent 5']);
  assert.equal(registered.body.agents[0].feePerExecution, (10n ** 30n + 25n).toString());
  const byOther = await get(`/api/agents?creator=${OTHER.toUpperCase().replace('0X', '0x')}&first=100`);
  assert.equal(byOther.body.agents.length, 6);
  assert.ok(byOther.body.agents.every((a: { creatorAddress: string }) => a.creatorAddress === OTHER));
});

test('GET /api/agents/:id by UUID and by on-chain id; unknown and malformed ids are 404 and 400', async () => {
  const { body: list } = await get('/api/agents?first=1');
  const byUuid = await get(`/api/agents/${list.agents[0].id}`);
  assert.equal(byUuid.status, 200);
  assert.equal(byUuid.body.name, 'agent 25');
  assert.equal((await get('/api/agents/20')).body.name, 'agent 20');
  assert.deepEqual(await get('/api/agents/999'), { status: 404, body: { error: { code: 'NOT_FOUND', message: 'no agent 999' } } });
  for (const bad of ['not-an-id', '0', '-1', "1'; DROP TABLE agents;--"])
    assert.equal((await get(`/api/agents/${encodeURIComponent(bad)}`)).body.error.code, 'INVALID_ARGUMENT', bad);
});

test('bad list input is a 400 with a code, never a 500', async () => {
  for (const [query, code] of [
    ['first=0', 'INVALID_ARGUMENT'],
    ['first=101', 'INVALID_ARGUMENT'],
    ['first=ten', 'INVALID_ARGUMENT'],
    ['status=deleted', 'INVALID_ARGUMENT'],
    ['creator=0x1234', 'INVALID_ARGUMENT'],
    ['after=garbage', 'INVALID_CURSOR'],
    [`after=${Buffer.from('["x","y"]').toString('base64url')}`, 'INVALID_CURSOR'],
    ['sort=name', 'INVALID_ARGUMENT'],
  ] as const) {
    const { status, body } = await get(`/api/agents?${query}`);
    assert.equal(status, 400, query);
    assert.equal(body.error.code, code, query);
  }
  assert.equal((await get('/api/nothing')).body.error.code, 'NOT_FOUND');
  const post = await fetch(`${api.url}/api/agents`, { method: 'POST' });
  assert.equal(post.status, 405);
});

test('GraphQL agents and agent resolve through the same operations, with coded errors', async () => {
  const page = await graphql('query($first: Int) { agents(first: $first, status: registered) { edges { node { name onchainId feePerExecution } cursor } pageInfo { hasNextPage endCursor } } }', { first: 2 });
  assert.equal(page.status, 200);
  assert.deepEqual(page.body.data.agents.edges.map((edge: { node: { name: string } }) => edge.node.name), ['agent 25', 'agent 20']);
  assert.equal(page.body.data.agents.pageInfo.hasNextPage, true);
  const next = await graphql('query($after: String) { agents(first: 10, status: registered, after: $after) { edges { node { name } } } }', { after: page.body.data.agents.pageInfo.endCursor });
  assert.deepEqual(next.body.data.agents.edges.map((edge: { node: { name: string } }) => edge.node.name), ['agent 15', 'agent 10', 'agent 5']);

  const missing = await graphql('{ agent(id: "424242") { name } }');
  assert.equal(missing.body.errors[0].extensions.code, 'NOT_FOUND');
  const badCursor = await graphql('{ agents(after: "nope") { pageInfo { hasNextPage } } }');
  assert.equal(badCursor.body.errors[0].extensions.code, 'INVALID_CURSOR');
  const invalid = await graphql('{ agents { nope } }');
  assert.equal(invalid.status, 400);
  assert.equal(invalid.body.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
  // A variable its scalar refuses (a float for Wei) is the caller's mistake: 400 with the scalar's reason.
  for (const value of [1.5, '-1', '0x10', 'ten']) {
    const badWei = await graphql('query($wei: Wei!) { echoWei(value: $wei) }', { wei: value });
    assert.equal(badWei.status, 400, JSON.stringify(badWei.body));
    assert.equal(badWei.body.errors[0].extensions.code, 'INVALID_ARGUMENT');
    assert.match(badWei.body.errors[0].message, /Wei must be a decimal integer string/);
  }
  assert.deepEqual((await graphql('query($wei: Wei!) { echoWei(value: $wei) }', { wei: '1000' })).body, { data: { echoWei: '1000' } });
  const badLiteral = await graphql('{ echoWei(value: "1e18") }');
  assert.equal(badLiteral.status, 400);
  assert.match(badLiteral.body.errors[0].message, /Wei must be a decimal integer string/);
});

test('GraphQL reads only the fields a query asks for, and its cursors page in every order', async () => {
  const { AGENT_ORDERS } = await import('../agents/list-agents.ts');
  for (const orderBy of AGENT_ORDERS) {
    const names: string[] = [];
    let after: string | null = null;
    do {
      // Neither createdAt nor feePerExecution is asked for: the cursor still needs (and gets) them.
      const { body } = await graphql('query($after: String, $orderBy: AgentOrder) { agents(first: 10, after: $after, orderBy: $orderBy) { edges { node { name } } pageInfo { hasNextPage endCursor } } }', { after, orderBy });
      assert.equal(body.errors, undefined, JSON.stringify(body.errors));
      names.push(...body.data.agents.edges.map((edge: { node: { name: string } }) => edge.node.name));
      after = body.data.agents.pageInfo.hasNextPage ? body.data.agents.pageInfo.endCursor : null;
    } while (after);
    const expected = Array.from({ length: 25 }, (_, i) => `agent ${i + 1}`);
    assert.deepEqual(names, orderBy === 'NEWEST' || orderBy === 'FEE_DESC' ? expected.reverse() : expected, orderBy);
  }
  // Fields through a fragment, an inline fragment and an alias come back filled in.
  const { body } = await graphql('{ agents(first: 1) { edges { cursor node { ...Card ... on Agent { status } label: description } } } } fragment Card on Agent { name capabilities creatorAddress feePerExecution onchainId }');
  assert.deepEqual(body.data.agents.edges[0].node, { name: 'agent 25', capabilities: [], creatorAddress: CREATOR, feePerExecution: (10n ** 30n + 25n).toString(), onchainId: '25', status: 'registered', label: '' });
  const cursorPage = await graphql(`{ agents(first: 1, after: "${body.data.agents.edges[0].cursor}") { edges { node { name } } } }`);
  assert.equal(cursorPage.body.data.agents.edges[0].node.name, 'agent 24');
});

test('GraphQL bodies: over 64 KiB is 413 before a byte of it is sent, chunked is 411', async () => {
  const { request } = await import('node:http');
  /** Sends the headers, then the body (or, when `body` is null, nothing: the answer must come without it). */
  const send = (headers: Record<string, string>, body: string | null) =>
    new Promise<{ status: number; code: string }>((resolve, reject) => {
      const outgoing = request(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk)).on('end', () => resolve({ status: response.statusCode!, code: JSON.parse(text).error?.code }));
      });
      outgoing.on('error', reject);
      if (body === null) outgoing.flushHeaders();
      else outgoing.end(body);
    });
  const query = JSON.stringify({ query: '{ agents(first: 1) { edges { node { id } } } }' });
  assert.deepEqual(await send({ 'content-length': String(64 * 1024 + 1) }, null), { status: 413, code: 'PAYLOAD_TOO_LARGE' });
  assert.deepEqual(await send({ 'transfer-encoding': 'chunked' }, query), { status: 411, code: 'LENGTH_REQUIRED' });
  // Just under the limit (padding a valid query with whitespace) is served.
  const padded = query.replace('{', `{${' '.repeat(64 * 1024 - query.length)}`);
  assert.equal(Buffer.byteLength(padded), 64 * 1024);
  assert.equal((await send({ 'content-length': String(Buffer.byteLength(padded)) }, padded)).status, 200);
});

test('/health, /ready and /metrics', async () => {
  assert.deepEqual(await get('/health'), { status: 200, body: { status: 'ok' } });
  assert.deepEqual(await get('/ready'), { status: 200, body: { ready: true, checks: { database: { ok: true } } } });
  const metrics = await (await fetch(`${api.url}/metrics`)).text();
  assert.match(metrics, /cr8_api_requests_total\{route="\/api\/agents",status="200",service="api-test"\} \d+/);
  assert.match(metrics, /cr8_api_requests_total\{route="\/api\/agents",status="400",service="api-test"\} 8/);
});

test('GraphQL rejects queries over the depth and alias limits before running them: 400 QUERY_TOO_COMPLEX', async () => {
  const post = async (query: string) => {
    const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> } };
  };
  // Introspection lets a query nest as deep as it likes: 30 levels of ofType is over the depth limit (25).
  const deep = `{ __schema { types { ${'ofType { '.repeat(30)}name${' }'.repeat(30)} } } }`;
  const aliases = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: agents(first: 1) { pageInfo { hasNextPage } }`).join(' ')} }`;
  for (const query of [deep, aliases]) {
    const { status, body } = await post(query);
    assert.ok(status >= 400 && status < 500, `status ${status}`);
    assert.equal(body.data, undefined);
    assert.ok(body.errors?.some((error) => error.extensions?.code === 'QUERY_TOO_COMPLEX'), JSON.stringify(body));
  }
  const fine = await post('{ agents(first: 2) { edges { node { id } } } }');
  assert.equal(fine.status, 200);
  // The introspection query tools send still passes.
  const { getIntrospectionQuery } = await import('graphql');
  const introspection = await post(getIntrospectionQuery());
  assert.equal(introspection.status, 200, JSON.stringify(introspection.body.errors));
});

test('every agent list order and filter reads an index, never the whole table; unfiltered pages are not sorted', async () => {
  const { listAgentsQuery, AGENT_ORDERS } = await import('../agents/list-agents.ts');
  // Enough rows that PostgreSQL prefers the index when it can use it.
  await db.query(
    `INSERT INTO agents (creator_user_id, creator_address, name, fee_per_execution, created_at)
     SELECT (SELECT id FROM users LIMIT 1), $1, 'bulk ' || i, i, timestamptz '2025-01-01' + make_interval(secs => i) FROM generate_series(1, 5000) i`,
    [CREATOR],
  );
  await db.query('ANALYZE agents');
  try {
    for (const orderBy of AGENT_ORDERS)
      for (const [input, fields] of [[{ orderBy }, undefined], [{ orderBy, status: 'registered' as const }, undefined], [{ orderBy, creator: OTHER }, undefined], [{ orderBy }, ['name' as const]]] as const) {
        const query = listAgentsQuery(input, fields);
        const { rows } = await db.query(`EXPLAIN (FORMAT JSON) ${query.text}`, query.values);
        const plan = JSON.stringify(rows[0]['QUERY PLAN']);
        assert.match(plan, /Index Scan|Index Only Scan/, `${JSON.stringify(input)}: ${plan}`);
        assert.doesNotMatch(plan, /"Node Type":"Seq Scan"/, `${JSON.stringify(input)} scans the table: ${plan}`);
        // Unfiltered pages come straight off an index. With a selective filter the planner may instead take
        // the few matching rows from the filter's index and sort just those, which is fine.
        if (!input.creator && !input.status) assert.doesNotMatch(plan, /"Node Type":"Sort"/, `${JSON.stringify(input)} sorts: ${plan}`);
      }
  } finally {
    await db.query(`DELETE FROM agents WHERE name LIKE 'bulk %'`);
  }
});
