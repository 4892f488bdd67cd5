import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { canonicalOutput, MAX_OUTPUT_DEPTH, storableText } from './output-hash.ts';

test('one text and hash per value, whatever the key order', () => {
  const a = canonicalOutput({ b: [1, 'two', { d: null, c: true }], a: 1.5 });
  const b = canonicalOutput({ a: 1.5, b: [1, 'two', { c: true, d: null }] });
  assert.ok(a.ok && b.ok);
  assert.equal(a.json, '{"a":1.5,"b":[1,"two",{"c":true,"d":null}]}');
  assert.equal(a.outputHash, `0x${createHash('sha256').update(a.json).digest('hex')}`);
  assert.equal(b.outputHash, a.outputHash);
  const scalar = canonicalOutput('hi');
  assert.ok(scalar.ok);
  assert.equal(scalar.json, '"hi"');
});

test('output PostgreSQL cannot store is refused with a reason', () => {
  for (const [output, reason] of [
    [{ text: 'a\0b' }, /NUL/],
    [{ ['k\0']: 1 }, /NUL/],
    ['\ud800', /unpaired surrogate/],
    [Number.POSITIVE_INFINITY, /not a JSON number/],
    [JSON.parse('['.repeat(MAX_OUTPUT_DEPTH + 1) + ']'.repeat(MAX_OUTPUT_DEPTH + 1)), /deeper/],
  ] as const) {
    const result = canonicalOutput(output);
    assert.ok(!result.ok);
    assert.match(result.message, reason);
  }
  assert.equal(storableText('a\0b\ud800'), 'ab\ufffd');
});
