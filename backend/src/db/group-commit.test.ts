import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupCommit } from './group-commit.ts';

/** A run that records each group it was given and answers each item doubled, after `delayMs`. */
function recorder(options: { delayMs?: number; fail?: (items: number[]) => boolean } = {}) {
  const groups: number[][] = [];
  const run = async (items: number[]) => {
    groups.push([...items]);
    await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));
    if (options.fail?.(items)) throw new Error(`refused ${items.join(',')}`);
    return items.map((item) => item * 2);
  };
  return { groups, run };
}

test('items asked for in the same turn go out in one group; each caller gets its own result', async () => {
  const { groups, run } = recorder();
  const ask = groupCommit({ run });
  assert.deepEqual(await Promise.all([1, 2, 3].map(ask)), [2, 4, 6]);
  assert.deepEqual(groups, [[1, 2, 3]]);
});

test('while a group runs, the next one forms and goes when it is done; maxItems caps a group', async () => {
  const { groups, run } = recorder({ delayMs: 20 });
  const ask = groupCommit({ run, maxItems: 2 });
  const first = ask(1);
  await new Promise((resolve) => setImmediate(resolve)); // group [1] is in flight
  const rest = [2, 3, 4, 5, 6].map(ask);
  assert.deepEqual(await Promise.all([first, ...rest]), [2, 4, 6, 8, 10, 12]);
  assert.deepEqual(groups, [[1], [2, 3], [4, 5], [6]]);
});

test('a failed group is retried item by item: only the bad item fails, with its own error', async () => {
  const { groups, run } = recorder({ fail: (items) => items.includes(13) });
  const ask = groupCommit({ run });
  const results = await Promise.allSettled([12, 13, 14].map(ask));
  assert.deepEqual(results[0], { status: 'fulfilled', value: 24 });
  assert.equal(results[1]!.status, 'rejected');
  assert.match(String((results[1] as PromiseRejectedResult).reason), /refused 13/);
  assert.deepEqual(results[2], { status: 'fulfilled', value: 28 });
  assert.deepEqual(groups, [[12, 13, 14], [12], [13], [14]]);
});

test('a run that answers the wrong number of results fails its callers (after each was tried alone)', async () => {
  const ask = groupCommit({ run: async (items: number[]) => (items.length > 1 ? [1] : []) });
  const results = await Promise.allSettled([1, 2].map(ask));
  assert.deepEqual(
    results.map((result) => result.status),
    ['rejected', 'rejected'],
  );
});

test('lingerMs: at rest an item goes at once; under load, items arriving within lingerMs share a group', async () => {
  const { groups, run } = recorder();
  const ask = groupCommit({ run, lingerMs: 60_000 });
  // At rest (nothing asked for within lingerMs before): no wait, or this test would time out.
  assert.equal(await ask(1), 2);
  // Under load: the next item came within lingerMs of the last, so its group waits for company,
  // and goes when it is full.
  const grouped = groupCommit({ run, lingerMs: 60_000, maxItems: 3 });
  await grouped(10);
  await new Promise((resolve) => setImmediate(resolve)); // [10]'s statement is over
  const late = [grouped(11)];
  await new Promise((resolve) => setImmediate(resolve));
  late.push(grouped(12));
  await new Promise((resolve) => setImmediate(resolve));
  late.push(grouped(13));
  assert.deepEqual(await Promise.all(late), [22, 24, 26]);
  assert.deepEqual(groups, [[1], [10], [11, 12, 13]]);
});

test('bad options are refused', () => {
  const run = async (items: number[]) => items;
  assert.throws(() => groupCommit({ run, maxItems: 0 }), RangeError);
  assert.throws(() => groupCommit({ run, maxInFlight: 1.5 }), RangeError);
  assert.throws(() => groupCommit({ run, lingerMs: -1 }), RangeError);
});

test('results may be undefined (a group that only writes): alone after a failed group, each still resolves', async () => {
  let calls = 0;
  const ask = groupCommit({
    run: async (items: number[]) => {
      calls++;
      if (items.length > 1) throw new Error('the group failed');
      return items.map(() => undefined);
    },
  });
  assert.deepEqual(await Promise.all([1, 2].map(ask)), [undefined, undefined]);
  assert.equal(calls, 3);
});
