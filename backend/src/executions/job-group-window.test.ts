// The job group window on its own: which group a statement joins, and that a group goes to the queue
// once, whole, after its window and its last statement.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { createJobGroupWindow } from './job-group-window.ts';

function recording(options: { windowMs?: number; maxExecutions?: number } = {}) {
  const flushed: { groupId: string; executions: string[] }[] = [];
  let sequence = 0;
  const window = createJobGroupWindow<string>({ ...options, flush: (group) => flushed.push(group), newId: () => `g${++sequence}` });
  return { window, flushed };
}

test('statements within the window share a group, which goes once, whole, after the window and its last statement', async () => {
  const { window, flushed } = recording({ windowMs: 30 });
  const first = window.join(2);
  const second = window.join(1);
  assert.equal(first.groupId, 'g1');
  assert.equal(second.groupId, 'g1');
  first.add(['a', 'b']);
  first.leave();
  await sleep(60);
  assert.equal(flushed.length, 0, 'a statement of the group is still in flight');
  // Past the window: a new statement opens a new group.
  const third = window.join(1);
  assert.equal(third.groupId, 'g2');
  second.add(['c']);
  second.leave();
  second.leave(); // twice is once
  assert.deepEqual(flushed, [{ groupId: 'g1', executions: ['a', 'b', 'c'] }]);
  third.add(['d']);
  third.leave();
  await sleep(60);
  assert.deepEqual(flushed.map((group) => group.groupId), ['g1', 'g2']);
});

test('maxExecutions: a statement that would pass it opens a new group; a full group goes without waiting for its window', () => {
  const { window, flushed } = recording({ windowMs: 60_000, maxExecutions: 5 });
  const first = window.join(3);
  const second = window.join(3); // 6 > 5: a group of its own
  assert.deepEqual([first.groupId, second.groupId], ['g1', 'g2']);
  const third = window.join(2); // 5: g2 is full, and stops taking statements
  assert.equal(third.groupId, 'g2');
  assert.equal(window.join(1).groupId, 'g3');
  first.add(['a']);
  first.leave();
  assert.deepEqual(flushed, [{ groupId: 'g1', executions: ['a'] }]);
  second.add(['b', 'c', 'd']);
  second.leave();
  third.add(['e', 'f']);
  third.leave();
  assert.deepEqual(flushed[1], { groupId: 'g2', executions: ['b', 'c', 'd', 'e', 'f'] });
  window.close();
});

test('a statement larger than maxExecutions still gets a group, of its own', () => {
  const { window, flushed } = recording({ windowMs: 60_000, maxExecutions: 2 });
  const big = window.join(7);
  big.add(['a', 'b', 'c']);
  big.leave();
  assert.deepEqual(flushed, [{ groupId: 'g1', executions: ['a', 'b', 'c'] }]);
});

test('a group none of whose statements wrote anything does not go to the queue; close() sends the open group', async () => {
  const { window, flushed } = recording({ windowMs: 10 });
  const nothing = window.join(2);
  nothing.add([]);
  nothing.leave();
  await sleep(30);
  assert.equal(flushed.length, 0);
  const some = window.join(1);
  some.add(['x']);
  some.leave();
  window.close();
  assert.deepEqual(flushed, [{ groupId: 'g2', executions: ['x'] }]);
});

test('bad options are refused', () => {
  assert.throws(() => createJobGroupWindow({ windowMs: -1, flush: () => {} }), /windowMs must be at least 0/);
  assert.throws(() => createJobGroupWindow({ maxExecutions: 0, flush: () => {} }), /maxExecutions must be a positive integer/);
});
