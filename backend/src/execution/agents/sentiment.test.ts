import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sentiment } from './sentiment.ts';
import { BadInputError } from './serve-agent.ts';

test('scores lexicon words, boosted, dampened and negated, per sentence and overall', () => {
  const result = sentiment({ text: 'I really love this. It isn’t bad, just slightly annoying. Support was terrible.' });
  assert.deepEqual(result.sentences, [
    { text: 'I really love this.', score: 4.5, label: 'positive' },
    { text: 'It isn’t bad, just slightly annoying.', score: 0.5, label: 'neutral' },
    { text: 'Support was terrible.', score: -3, label: 'negative' },
  ]);
  assert.equal(result.score, 2);
  assert.equal(result.words, 13);
  assert.equal(result.comparative, 0.1538);
  assert.equal(result.label, 'positive');
  assert.deepEqual(result.positive, ['love', 'not bad']);
  assert.deepEqual(result.negative, ['annoying', 'terrible']);
});

test('a text without lexicon words is neutral', () => {
  assert.deepEqual(sentiment({ text: 'The meeting is at noon.' }), {
    score: 0,
    comparative: 0,
    label: 'neutral',
    words: 5,
    positive: [],
    negative: [],
    sentences: [{ text: 'The meeting is at noon.', score: 0, label: 'neutral' }],
  });
});

test('rejects input without a text', () => {
  assert.throws(() => sentiment({ txt: 'hi' }), BadInputError);
  assert.throws(() => sentiment({ text: 3 }), /text must be a string/);
});
