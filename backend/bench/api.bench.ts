// `make bench-api`: the API under load on loopback -> bench/results/api.json.
// The API runs as its own process (`cr8 api`, as in production) against a fresh PostgreSQL database
// seeded with 10,000 agents; autocannon drives it from this process. Nothing caches responses: each
// request is a database query.
//   agentsQueryRps / agentsQueryP99Ms   GraphQL agents(first: 20) (newest first, with a status filter on
//                                       half the requests, a cursor page on a quarter), for 10 s
//   agentDetailP99Ms                    GET /api/agents/:id for random on-chain ids, for 5 s
//   indexerEventsPerSecond              null until the indexer exists (issue 4, section 7)
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@cr8/chain/anvil';
import autocannon from 'autocannon';
import pg from 'pg';
import { migrate } from '../src/db/migrate.ts';
import { measureIndexerBackfill } from './indexer-bench.ts';
import { createTestDatabase } from '../src/db/test-database.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const AGENTS = 10_000;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
/** The steady load at which list latency is measured (the goal: p99 ≤ 25 ms while serving ≥ 1,000 req/s). */
const TARGET_RPS = Number(process.env.BENCH_TARGET_RPS ?? 1100);

// The indexer's backfill first, alone (it starts its own anvil chain and database).
console.log('indexer backfill: generating 20,000 agent-token transfers on anvil, then indexing them…');
const indexer = await measureIndexerBackfill({ onProgress: (message) => console.log(`  ${message}`) });
console.log(`indexer backfill: ${indexer.events} events in ${indexer.seconds.toFixed(2)} s = ${Math.round(indexer.eventsPerSecond)} events/s`);

const port = await freePort();
const ipfsDir = await mkdtemp(join(tmpdir(), 'cr8-bench-ipfs-'));

const database = await createTestDatabase('cr8_bench');
await migrate({ databaseUrl: database.url });
const db = new pg.Pool({ connectionString: database.url });
await db.query(
  `WITH creator AS (INSERT INTO users (wallet_address) VALUES ('0x' || repeat('ab', 20)) RETURNING id)
   INSERT INTO agents (creator_user_id, creator_address, name, description, status, onchain_id, fee_per_execution, capabilities, created_at)
   SELECT creator.id, '0x' || lpad(to_hex(i % 500), 40, '0'), 'agent ' || i, 'a benchmark agent', 
          (ARRAY['draft','registered','registered','paused']::agent_status[])[1 + i % 4], i, (i::numeric * 1000000000000000), ARRAY['chat','code'],
          timestamptz '2026-01-01' + make_interval(secs => i)
   FROM creator, generate_series(1, $1) AS i`,
  [AGENTS],
);
await db.query('ANALYZE agents');
const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM agents');
console.log(`seeded ${rows[0]!.n} agents`);
const cursor = Buffer.from(JSON.stringify(['NEWEST', '2026-01-01T01:00:00.000000Z', '00000000-0000-4000-8000-000000000000'])).toString('base64url');

const api = spawn(join(repoRoot, 'bin', 'cr8'), ['api'], {
  env: {
    ...process.env,
    DATABASE_URL: database.url,
    API_PORT: String(port),
    LOG_LEVEL: 'warn',
    IPFS_DIR: ipfsDir,
    IPFS_LISTEN: '/ip4/127.0.0.1/tcp/0',
    // The rate limiter stays on (its Redis round trip is part of every request's cost), with budgets
    // above what one load generator on one address sends.
    RATE_LIMIT_PREFIX: `cr8:bench:${port}`,
    RATE_LIMIT_IP: '100000000/60',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const url = `http://127.0.0.1:${port}`;
try {
  const deadline = Date.now() + 30_000;
  while (!(await fetch(`${url}/ready`).then((r) => r.ok).catch(() => false))) {
    if (Date.now() > deadline || api.exitCode !== null) throw new Error('cr8 api did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const graphqlBodies = [
    { query: '{ agents(first: 20) { edges { node { id name status feePerExecution createdAt } } pageInfo { endCursor hasNextPage } } }' },
    { query: '{ agents(first: 20, status: registered) { edges { node { id name status feePerExecution createdAt } } pageInfo { endCursor hasNextPage } } }' },
    { query: '{ agents(first: 20, status: registered) { edges { node { id name } } pageInfo { endCursor hasNextPage } } }' },
    { query: `{ agents(first: 20, after: "${cursor}") { edges { node { id name } } pageInfo { endCursor hasNextPage } } }` },
  ].map((body) => JSON.stringify(body));
  let next = 0;
  // A short warm-up so JIT and connection setup don't count.
  await autocannon({ url: `${url}/graphql`, connections: CONNECTIONS, duration: 2, method: 'POST', headers: { 'content-type': 'application/json' }, body: graphqlBodies[0] });
  // 1. Capacity: as many requests as 16 connections get through (closed loop).
  const capacity = await autocannon({
    url: `${url}/graphql`,
    connections: CONNECTIONS,
    duration: 10,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (request) => ({ ...request, body: graphqlBodies[next++ % graphqlBodies.length] }) }],
  });
  // 2. The goal's condition: latency while serving a steady TARGET_RPS (at least 1,000 requests/s).
  const list = await autocannon({
    url: `${url}/graphql`,
    connections: CONNECTIONS,
    duration: 15,
    overallRate: TARGET_RPS,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (request) => ({ ...request, body: graphqlBodies[next++ % graphqlBodies.length] }) }],
  });
  const detail = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: 5,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/api/agents/${1 + Math.floor(Math.random() * AGENTS)}` }) }],
  });
  for (const [name, result] of [['agents list at capacity', capacity], [`agents list at ${TARGET_RPS} req/s`, list], ['agent detail', detail]] as const) {
    if (result.non2xx || result.errors) throw new Error(`${name}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
    console.log(`${name}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
  }
  const output = {
    agentsQueryRps: Math.round(list.requests.average),
    agentsQueryP99Ms: list.latency.p99,
    agentDetailP99Ms: detail.latency.p99,
    indexerEventsPerSecond: Math.round(indexer.eventsPerSecond),
    agents: AGENTS,
    connections: CONNECTIONS,
    details: {
      method: `agentsQueryRps and agentsQueryP99Ms: GraphQL agents list at a steady ${TARGET_RPS} req/s offered over ${CONNECTIONS} connections for 15 s (autocannon overallRate); capacity: the same queries closed-loop for 10 s`,
      agentsQueryP50Ms: list.latency.p50,
      agentsQueryCapacityRps: Math.round(capacity.requests.average),
      agentsQueryCapacityP99Ms: capacity.latency.p99,
      agentDetailRps: Math.round(detail.requests.average),
      agentDetailP50Ms: detail.latency.p50,
      indexerEvents: indexer.events,
      indexerSeconds: indexer.seconds,
    },
    goals: { agentsQueryP99Ms: 25, agentsQueryRps: 1000, indexerEventsPerSecond: 10000 },
    measuredAt: new Date().toISOString(),
  };
  await mkdir(join(repoRoot, 'bench', 'results'), { recursive: true });
  await writeFile(join(repoRoot, 'bench', 'results', 'api.json'), `${JSON.stringify(output, null, 2)}\n`);
  console.log(JSON.stringify(output, null, 2));
} finally {
  api.kill('SIGTERM');
  await new Promise((resolve) => api.once('exit', resolve));
  await db.end();
  await database.drop();
  await rm(ipfsDir, { recursive: true, force: true });
}
