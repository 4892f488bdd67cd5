import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { canonicalJson, MAX_JSON_DEPTH } from './canonical-json.ts';
import { IpfsError } from './errors.ts';

test('keys are sorted at every level and nothing is added between tokens', () => {
  const card = { name: 'Agent', b: [{ z: 1, a: null }], a: { y: true, x: 'é\u2028"' } };
  assert.equal(canonicalJson(card), '{"a":{"x":"é\u2028\\"","y":true},"b":[{"a":null,"z":1}],"name":"Agent"}');
});

test('matches the RFC 8785 (JCS) test vectors for numbers and key order', () => {
  // RFC 8785 §3.2.2.3 (numbers) and §3.2.3 (sorting by UTF-16 code units, not code points).
  assert.equal(canonicalJson([333333333.33333329, 1e30, 4.5, 0.002, 1e-27, -0]), '[333333333.3333333,1e+30,4.5,0.002,1e-27,0]');
  // U+FB33 sorts after U+1F600 here (0xFB33 > 0xD83D, its first UTF-16 unit), unlike code point order.
  const keys = { '\ufb33': 7, '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, '1': 4, '\u0080': 5, '\u00f6': 6 };
  assert.equal(canonicalJson(keys), '{"\\r":2,"1":4,"\u0080":5,"ö":6,"€":1,"😀":3,"\ufb33":7}');
});

test('the same value built in any key order gives the same text, and it parses back to the value', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const text = canonicalJson(value);
      assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
      assert.equal(canonicalJson(JSON.parse(text)), text);
      assert.equal(canonicalJson(reverseKeys(value)), text);
    }),
    { numRuns: 300 },
  );
});

test('values JSON cannot carry exactly are refused with INVALID_CARD, naming where', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  let deep: unknown = 'leaf';
  for (let i = 0; i <= MAX_JSON_DEPTH; i++) deep = [deep];
  const cases: Array<[unknown, RegExp]> = [
    [{ a: Number.NaN }, /\$\.a NaN/],
    [{ a: Infinity }, /\$\.a Infinity/],
    [{ a: undefined }, /\$\.a a undefined/],
    [{ a: () => 1 }, /function/],
    [{ a: 1n }, /bigint/],
    [{ a: Symbol('s') }, /symbol/],
    [{ a: new Date(0) }, /Date object/],
    [{ a: new Map() }, /Map object/],
    [{ a: new Uint8Array(1) }, /Uint8Array object/],
    [{ [Symbol('k')]: 1 }, /symbol keys/],
    [{ list: [1, , 3] }, /\$\.list\[1\] is a hole/],
    [cyclic, /\$\.self is a circular reference/],
    [deep, /nested deeper than/],
  ];
  for (const [value, message] of cases) {
    assert.throws(
      () => canonicalJson(value),
      (error: unknown) => error instanceof IpfsError && error.code === 'INVALID_CARD' && message.test(error.message),
    );
  }
});

test('a repeated (not circular) object is fine, and null-prototype objects are plain objects', () => {
  const shared = { k: 1 };
  assert.equal(canonicalJson({ a: shared, b: shared }), '{"a":{"k":1},"b":{"k":1}}');
  const bare = Object.assign(Object.create(null), { b: 2, a: 1 });
  assert.equal(canonicalJson(bare), '{"a":1,"b":2}');
});

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reverseKeys(item)]));
}
