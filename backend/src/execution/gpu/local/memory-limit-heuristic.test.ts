import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diedOfMemoryLimit } from './memory-limit-heuristic.ts';

test('signals that allocation failures end in count as memory deaths', () => {
  for (const signal of ['SIGABRT', 'SIGSEGV', 'SIGKILL'] as const) assert.equal(diedOfMemoryLimit({ code: null, signal, stderr: '' }), true, signal);
  assert.equal(diedOfMemoryLimit({ code: null, signal: 'SIGTERM', stderr: '' }), false);
});

test("runtimes' out-of-memory messages count, at the end of stderr only", () => {
  const messages = [
    'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
    'Out of memory!',
    'fatal error: runtime: out of memory',
    'MemoryError',
    'mmap: Cannot allocate memory',
    'memory allocation of 1073741824 bytes failed',
    "terminate called after throwing an instance of 'std::bad_alloc'",
  ];
  for (const stderr of messages) assert.equal(diedOfMemoryLimit({ code: 1, signal: null, stderr }), true, stderr);
  assert.equal(diedOfMemoryLimit({ code: 1, signal: null, stderr: `out of memory\n${'x'.repeat(10_000)}` }), false);
  assert.equal(diedOfMemoryLimit({ code: 1, signal: null, stderr: 'bad input: text must be a string' }), false);
});

test('a clean exit is never a memory death', () => {
  assert.equal(diedOfMemoryLimit({ code: 0, signal: null, stderr: 'out of memory' }), false);
});
