// A worker SIGKILLed in the middle of a run: its job lock expires, another worker takes the job over,
// and the execution completes with exactly one receipt and its fee charged once (the dead attempt's
// reservation released, not leaked). The first worker is a child process (execution-worker.fixture.ts).
// The job is a group, as the API adds them: the execution of it that had finished is not run again.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type ExecutionWorker, startExecutionWorker } from './execution-worker.ts';
import { createExecutionTestSetup, type ExecutionTestSetup, ORCHESTRATOR, TEST_REDIS_URL } from './test-execution-setup.ts';

const LOCK_DURATION_MS = 1_000;
let t: ExecutionTestSetup;
let child: ChildProcess | undefined;
let survivor: ExecutionWorker | undefined;

before(async () => {
  t = await createExecutionTestSetup();
});
after(async () => {
  child?.kill('SIGKILL');
  await survivor?.close();
  await t?.close();
});

async function startChildWorker(): Promise<ChildProcess> {
  const settings = {
    databaseUrl: t.database.url,
    redisUrl: TEST_REDIS_URL,
    prefix: t.prefix,
    queueName: t.queueName,
    workDir: join(t.root, 'child-work'),
    orchestrator: ORCHESTRATOR,
    lockDurationMs: LOCK_DURATION_MS,
    secretsKeyHex: t.secretsKey.bytes().toString('hex'),
  };
  const process_ = spawn(process.execPath, [fileURLToPath(new URL('./execution-worker.fixture.ts', import.meta.url)), JSON.stringify(settings)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  process_.stdout!.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    process_.stdout!.on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('ready\n')) resolve();
    });
    process_.once('exit', (code) => reject(new Error(`the worker process exited (${code}) before it was ready`)));
  });
  return process_;
}

test('a worker killed mid-run: another takes the group job over after the lock expires; the finished execution is skipped, the killed one runs again; one receipt, one fee each', async () => {
  const payer = await t.user();
  await t.authorize(payer.wallet, 10_000n);
  const agent = await t.agent({ feeWei: 1_000n });
  child = await startChildWorker();
  const {
    executionIds: [finished, executionId],
  } = await t.submitGroup([
    { agentId: agent, userId: payer.id, input: { sleepMs: 0 } },
    { agentId: agent, userId: payer.id, input: { sleepMs: 1_500 } },
  ]);
  await t.waitForStatus(finished!, ['succeeded']);
  const running = await t.waitForStatus(executionId!, ['running']);
  assert.equal(running.attempts, 1);
  assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '1000', reserved_wei: '1000' });

  child.kill('SIGKILL');
  await once(child, 'exit');
  child = undefined;
  survivor = await startExecutionWorker({
    connection: t.redis,
    prefix: t.prefix,
    queueName: t.queueName,
    concurrency: 2,
    lockDurationMs: LOCK_DURATION_MS,
    stalledIntervalMs: 250,
    db: t.db,
    drivers: { local: t.driver },
    gpu: { acquire: async () => Promise.reject(new Error('no GPUs')) },
    maxGpuCostWei: () => 0n,
    secretsKey: t.secretsKey,
    orchestrator: ORCHESTRATOR,
    logger: t.logger,
  });

  const row = await t.waitForStatus(executionId!, ['succeeded', 'failed'], 10_000);
  assert.equal(row.status, 'succeeded');
  assert.equal(row.attempts, 2, 'the second worker ran it as a new attempt');
  assert.equal(t.driver.runs.get(executionId!), 1, 'run once here (and once in the killed worker)');
  assert.equal(t.driver.runs.get(finished!), undefined, 'found finished: not run again');
  assert.equal((await t.row(finished!)).attempts, 1);
  const receipts = await t.receipts(executionId!);
  assert.equal(receipts.length, 1);
  assert.equal(receipts[0]!.payer_cumulative_wei, '2000');
  assert.equal((await t.receipts(finished!)).length, 1);
  assert.deepEqual(await t.channel(payer.wallet), { charged_wei: '2000', reserved_wei: '0' });
});
