// The bad-input guarantee, checked by fuzzing (fast-check) the API with every module mounted: no 5xx
// from any REST route or GraphQL field, every refusal coded, and no rows written by a refused request.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { agentsModule } from '../agents/agents-module.ts';
import { analyticsModule } from '../analytics/analytics-module.ts';
import { databaseExecutionQueue } from '../executions/execution-queue.ts';
import { executionsModule } from '../executions/executions-module.ts';
import { fuzzGraphql, fuzzRest, type FuzzTarget } from './fuzz-api.ts';
import { startTestApi, type TestApi } from './test-api.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
let api: TestApi;
let target: FuzzTarget;

before(async () => {
  api = await startTestApi([agentsModule(), executionsModule({ queue: databaseExecutionQueue }), analyticsModule({ chainId: 888008 })]);
  const user = (await api.db.query<{ id: string }>(`INSERT INTO users (wallet_address) VALUES ('0x${'5a'.repeat(20)}') RETURNING id`)).rows[0]!.id;
  const agents = await api.db.query<{ id: string }>(
    `INSERT INTO agents (creator_user_id, creator_address, name, status, onchain_id) VALUES ($1, '0x${'5a'.repeat(20)}', 'fuzzed', 'registered', 1), ($1, '0x${'5a'.repeat(20)}', 'draft', 'draft', NULL) RETURNING id`,
    [user],
  );
  target = { url: api.url, db: api.db, knownIds: [...agents.rows.map((row) => row.id), '1', user], credentials: [], headers: { 'x-test-user': user } };
});

after(() => api?.close());

test(`${RUNS} fuzzed REST requests: no 5xx, every refusal coded, nothing written on refusal`, async () => {
  assert.equal(await fuzzRest(target, RUNS), RUNS);
});

test(`${RUNS} fuzzed GraphQL operations: no 5xx or INTERNAL, failed mutations write nothing`, async () => {
  assert.equal(await fuzzGraphql(target, RUNS), RUNS);
});
