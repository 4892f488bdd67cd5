// Counts and reading time of a text: characters (user-perceived, so "é" and "👍🏽" count once), words,
// unique words, sentences, paragraphs, averages, the longest word, and the most frequent words (common
// English words left out unless asked). Words and sentences come from Intl.Segmenter (Unicode rules),
// so any script works; results are deterministic for a given Node (ICU) version.
//   input   {"text": string, "top"?: 0..100 (10), "wordsPerMinute"?: 50..1000 (238), "includeStopWords"?: boolean (false)}
//   output  {characters, charactersExcludingSpaces, words, uniqueWords, sentences, paragraphs,
//            averageWordLength, averageWordsPerSentence, longestWord, readingTimeSeconds, topWords: [{word, count}]}
import { readBoolean, readInteger, readObject, readText } from './read-input.ts';
import { serveAgent } from './serve-agent.ts';

export type TextStats = {
  characters: number;
  charactersExcludingSpaces: number;
  words: number;
  uniqueWords: number;
  sentences: number;
  paragraphs: number;
  /** Characters per word, 2 decimals. */
  averageWordLength: number;
  /** 2 decimals. */
  averageWordsPerSentence: number;
  /** The first of the longest words, lowercased; null without words. */
  longestWord: string | null;
  readingTimeSeconds: number;
  /** Most frequent first, ties alphabetical. */
  topWords: { word: string; count: number }[];
};

/** The average adult silent reading speed for English non-fiction (Brysbaert, 2019). */
const DEFAULT_WORDS_PER_MINUTE = 238;

// Frequent English function words: they top every count and say nothing about a text.
const STOP_WORDS: ReadonlySet<string> = new Set(
  ("a about above after again against all am an and any are aren't as at be because been before being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own same shan't she she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves then there there's these they they'd they'll they're they've this those through to too under until up very was wasn't we we'd we'll we're we've were weren't what what's when when's where where's which while who who's whom why why's will with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves").split(' '),
);

const words = new Intl.Segmenter('en', { granularity: 'word' });
const sentenceSegments = new Intl.Segmenter('en', { granularity: 'sentence' });
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export function textStats(input: unknown): TextStats {
  const object = readObject(input, ['text', 'top', 'wordsPerMinute', 'includeStopWords']);
  const text = readText(object, 'text');
  const top = readInteger(object, 'top', { min: 0, max: 100, default: 10 });
  const wordsPerMinute = readInteger(object, 'wordsPerMinute', { min: 50, max: 1000, default: DEFAULT_WORDS_PER_MINUTE });
  const includeStopWords = readBoolean(object, 'includeStopWords', false);

  let characters = 0;
  let charactersExcludingSpaces = 0;
  for (const { segment } of graphemes.segment(text)) {
    characters += 1;
    if (!/^\s+$/u.test(segment)) charactersExcludingSpaces += 1;
  }

  const counts = new Map<string, number>();
  let wordCount = 0;
  let wordCharacters = 0;
  let longestWord: string | null = null;
  let longestLength = 0;
  for (const { segment, isWordLike } of words.segment(text)) {
    if (!isWordLike) continue;
    // One apostrophe, so "don't" and "don’t" are the same word.
    const word = segment.toLowerCase().replaceAll('\u2019', "'");
    const length = [...graphemes.segment(word)].length;
    wordCount += 1;
    wordCharacters += length;
    if (length > longestLength) {
      longestLength = length;
      longestWord = word;
    }
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }

  let sentences = 0;
  for (const { segment } of sentenceSegments.segment(text)) if (HAS_LETTER_OR_DIGIT.test(segment)) sentences += 1;
  const paragraphs = text.split(/\n[^\S\n]*\n/).filter((paragraph) => HAS_LETTER_OR_DIGIT.test(paragraph)).length;

  const topWords = [...counts]
    .filter(([word]) => includeStopWords || !STOP_WORDS.has(word))
    .sort(([wordA, countA], [wordB, countB]) => countB - countA || (wordA < wordB ? -1 : wordA > wordB ? 1 : 0))
    .slice(0, top)
    .map(([word, count]) => ({ word, count }));

  return {
    characters,
    charactersExcludingSpaces,
    words: wordCount,
    uniqueWords: counts.size,
    sentences,
    paragraphs,
    averageWordLength: round(wordCount === 0 ? 0 : wordCharacters / wordCount, 2),
    averageWordsPerSentence: round(sentences === 0 ? 0 : wordCount / sentences, 2),
    longestWord,
    readingTimeSeconds: Math.ceil((wordCount / wordsPerMinute) * 60),
    topWords,
  };
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

if (import.meta.main) serveAgent(textStats);
