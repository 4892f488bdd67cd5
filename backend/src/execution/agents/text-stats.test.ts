import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BadInputError } from './serve-agent.ts';
import { textStats } from './text-stats.ts';

test('counts characters as people see them, words, sentences and paragraphs', () => {
  const stats = textStats({ text: 'Déjà vu 👍🏽. It is the cat’s hat!\n\n  \nThe end?', top: 3 });
  assert.equal(stats.characters, 44);
  assert.equal(stats.words, 9);
  assert.equal(stats.charactersExcludingSpaces, 31);
  assert.equal(stats.sentences, 3);
  assert.equal(stats.paragraphs, 2);
  assert.equal(stats.longestWord, "cat's");
  assert.deepEqual(stats.topWords, [
    { word: "cat's", count: 1 },
    { word: 'déjà', count: 1 },
    { word: 'end', count: 1 },
  ]);
});

test('reading time follows the words-per-minute rate; stop words can be kept', () => {
  const text = Array.from({ length: 120 }, () => 'the word').join(' ');
  assert.equal(textStats({ text }).readingTimeSeconds, 61);
  assert.equal(textStats({ text, wordsPerMinute: 240 }).readingTimeSeconds, 60);
  assert.deepEqual(textStats({ text, top: 1, includeStopWords: true }).topWords, [{ word: 'the', count: 120 }]);
  assert.deepEqual(textStats({ text, top: 1 }).topWords, [{ word: 'word', count: 120 }]);
});

test('rejects input it cannot use, naming the field', () => {
  for (const [input, message] of [
    ['just a string', /expected an object/],
    [{ text: '' }, /text is empty/],
    [{ text: 'x', top: 1.5 }, /top must be an integer/],
    [{ text: 'x', extra: true }, /unknown field extra/],
  ] as const) {
    assert.throws(() => textStats(input), (error: unknown) => error instanceof BadInputError && message.test(error.message));
  }
});
