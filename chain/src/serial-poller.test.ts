import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSerialPoller } from './serial-poller.ts';

test('runs never overlap: runNow queues behind the run in progress', async () => {
  let active = 0;
  let maxActive = 0;
  let runs = 0;
  const poller = startSerialPoller(
    async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise((resolve) => setTimeout(resolve, 20));
      active--;
      return ++runs;
    },
    { intervalMs: 5 },
  );
  const results = await Promise.all([poller.runNow(), poller.runNow(), poller.runNow()]);
  await poller.stop();
  assert.equal(maxActive, 1);
  assert.deepEqual(results, [...results].sort((a, b) => a - b));
  assert.equal(new Set(results).size, 3);
});

test('a failing run is reported and the loop keeps going; stop ends it', async () => {
  const errors: string[] = [];
  let calls = 0;
  const poller = startSerialPoller(
    async () => {
      calls++;
      if (calls === 1) throw new Error('first run fails');
      return calls;
    },
    { intervalMs: 5, onError: (error) => errors.push(error.message) },
  );
  while (calls < 3) await new Promise((resolve) => setTimeout(resolve, 5));
  await poller.stop();
  const after = calls;
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.deepEqual(errors, ['first run fails']);
  assert.equal(calls, after, 'the task ran after stop()');
});
