// The orchestrator's configuration: defaults, and clear refusals naming the variable.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../service/config.ts';
import { orchestratorConfigSchema } from './config.ts';

const required = { DATABASE_URL: 'postgres://cr8@127.0.0.1:5432/cr8', ORCHESTRATOR_PRIVATE_KEY: `0x${'11'.repeat(32)}`, SECRETS_KEY: randomBytes(32).toString('hex') };

test('defaults: 64 runs at once, 16 per user, a batch at 1,000 receipts or every 5 s, status on 127.0.0.1:9465', () => {
  const config = loadConfig('cr8 orchestrator', orchestratorConfigSchema, required);
  assert.deepEqual(
    [config.WORKER_CONCURRENCY, config.WORKER_MAX_CONCURRENT_PER_USER, config.POSTER_MAX_RECEIPTS, config.POSTER_INTERVAL_MS, config.ORCHESTRATOR_STATUS_HOST, config.ORCHESTRATOR_STATUS_PORT],
    [64, 16, 1_000, 5_000, '127.0.0.1', 9465],
  );
  assert.equal(loadConfig('cr8 orchestrator', orchestratorConfigSchema, { ...required, WORKER_MAX_CONCURRENT_PER_USER: '200' }).WORKER_MAX_CONCURRENT_PER_USER, 200);
  assert.equal(loadConfig('cr8 orchestrator', orchestratorConfigSchema, required).ORCHESTRATOR_NICE, 0, 'the normal priority unless asked');
  assert.equal(loadConfig('cr8 orchestrator', orchestratorConfigSchema, { ...required, ORCHESTRATOR_NICE: '10' }).ORCHESTRATOR_NICE, 10);
});

test('bad values are refused, each naming its variable', () => {
  for (const [variable, value] of [
    ['WORKER_MAX_CONCURRENT_PER_USER', '0'],
    ['WORKER_MAX_CONCURRENT_PER_USER', 'many'],
    ['WORKER_CONCURRENCY', '1.5'],
    ['ORCHESTRATOR_PRIVATE_KEY', '0x1234'],
    ['ORCHESTRATOR_NICE', '20'],
    ['ORCHESTRATOR_NICE', '-5'],
  ] as const) {
    assert.throws(
      () => loadConfig('cr8 orchestrator', orchestratorConfigSchema, { ...required, [variable]: value }),
      (error: unknown) => error instanceof ConfigError && error.issues.some((issue) => issue.variable === variable),
      `${variable}=${value}`,
    );
  }
});
