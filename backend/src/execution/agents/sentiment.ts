// Lexicon-based sentiment of an English text, per sentence and overall. Each word found in the lexicon
// scores from -4 to +4; a booster right before it ("very good") scales it by 1.5, a dampener ("slightly
// annoying") by 0.5; a negation among the three words before it ("not good", "isn't really bad")
// reverses it at 0.75 of its strength, since "not bad" is milder than "good". Simple on purpose: no
// sarcasm, no context, English only, but transparent (every scored word is listed) and deterministic.
//   input   {"text": string}
//   output  {score, comparative, label, words, positive: [word], negative: [word],
//            sentences: [{text, score, label}]}
// `score` is the sum; `comparative` is score per word (comparable across lengths); `label` is positive
// above +0.5, negative below -0.5, neutral in between.
import { readObject, readText } from './read-input.ts';
import { serveAgent } from './serve-agent.ts';

export type SentimentLabel = 'positive' | 'negative' | 'neutral';

export type Sentiment = {
  score: number;
  comparative: number;
  label: SentimentLabel;
  words: number;
  /** Words that scored positive, in order of first appearance; a negated word appears as `not <word>`. */
  positive: string[];
  negative: string[];
  sentences: { text: string; score: number; label: SentimentLabel }[];
};

const LEXICON: ReadonlyMap<string, number> = new Map(
  Object.entries({
    excellent: 4, amazing: 4, awesome: 4, wonderful: 4, fantastic: 4, outstanding: 4, superb: 4, brilliant: 4, incredible: 4,
    great: 3, perfect: 3, love: 3, loved: 3, loves: 3, lovely: 3, happy: 3, delighted: 3, best: 3, beautiful: 3, impressive: 3,
    impressed: 3, grateful: 3, exciting: 3, excited: 3, fabulous: 3, flawless: 3,
    good: 2, like: 2, liked: 2, likes: 2, enjoy: 2, enjoyed: 2, glad: 2, pleased: 2, nice: 2, fun: 2, better: 2, helpful: 2,
    useful: 2, reliable: 2, recommend: 2, recommended: 2, satisfied: 2, success: 2, successful: 2, thanks: 2, thank: 2, worth: 2,
    friendly: 2, kind: 2, comfortable: 2, favorite: 2, elegant: 2, intuitive: 2, powerful: 2, efficient: 2, win: 2, won: 2,
    fine: 1, decent: 1, ok: 1, okay: 1, clean: 1, clear: 1, easy: 1, fast: 1, smooth: 1, cool: 1, solid: 1, stable: 1, fixed: 1,
    affordable: 1, works: 1, improved: 1,
    problem: -1, problems: -1, issue: -1, issues: -1, error: -1, errors: -1, bug: -1, bugs: -1, slow: -1, expensive: -1,
    difficult: -1, sorry: -1, unfortunately: -1, lost: -1, loss: -1, avoid: -1, complaint: -1, meh: -1, mediocre: -1,
    bad: -2, worse: -2, poor: -2, dislike: -2, sad: -2, annoying: -2, annoyed: -2, disappointed: -2, disappointing: -2,
    frustrating: -2, frustrated: -2, broken: -2, buggy: -2, crash: -2, crashed: -2, crashes: -2, fail: -2, failed: -2, fails: -2,
    failure: -2, ugly: -2, useless: -2, confusing: -2, wrong: -2, waste: -2, wasted: -2, boring: -2, rude: -2, unreliable: -2,
    unstable: -2, painful: -2, mess: -2, regret: -2, unhappy: -2, hated: -3,
    terrible: -3, awful: -3, horrible: -3, worst: -3, hate: -3, angry: -3, disaster: -3, scam: -3, fraud: -3, disgusting: -3,
    furious: -4, atrocious: -4,
  }),
);
const BOOSTERS: ReadonlySet<string> = new Set(['very', 'really', 'extremely', 'incredibly', 'so', 'super', 'absolutely', 'totally', 'truly', 'highly', 'remarkably', 'especially']);
const DAMPENERS: ReadonlySet<string> = new Set(['slightly', 'somewhat', 'fairly', 'rather', 'mildly', 'kinda', 'sorta', 'barely']);
const NEGATIONS: ReadonlySet<string> = new Set(['not', 'no', 'never', 'none', 'nobody', 'nothing', 'neither', 'nor', 'without', 'hardly', 'cannot']);
const NEGATION_REACH = 3;
const NEGATED_STRENGTH = -0.75;
const LABEL_THRESHOLD = 0.5;

const wordSegments = new Intl.Segmenter('en', { granularity: 'word' });
const sentenceSegments = new Intl.Segmenter('en', { granularity: 'sentence' });

export function sentiment(input: unknown): Sentiment {
  const text = readText(readObject(input, ['text']), 'text');
  const positive = new Set<string>();
  const negative = new Set<string>();
  const sentences: Sentiment['sentences'] = [];
  let score = 0;
  let words = 0;
  for (const { segment } of sentenceSegments.segment(text)) {
    const tokens = [...wordSegments.segment(segment)].filter((token) => token.isWordLike).map((token) => token.segment.toLowerCase().replaceAll('\u2019', "'"));
    if (tokens.length === 0) continue;
    let sentenceScore = 0;
    tokens.forEach((token, index) => {
      const base = LEXICON.get(token);
      if (base === undefined) return;
      const previous = tokens[index - 1] ?? '';
      let value = base * (BOOSTERS.has(previous) ? 1.5 : DAMPENERS.has(previous) ? 0.5 : 1);
      const negated = tokens.slice(Math.max(0, index - NEGATION_REACH), index).some(isNegation);
      if (negated) value *= NEGATED_STRENGTH;
      sentenceScore += value;
      (value > 0 ? positive : negative).add(negated ? `not ${token}` : token);
    });
    words += tokens.length;
    score += sentenceScore;
    sentences.push({ text: segment.trim(), score: round(sentenceScore, 2), label: label(sentenceScore) });
  }
  return {
    score: round(score, 2),
    comparative: round(words === 0 ? 0 : score / words, 4),
    label: label(score),
    words,
    positive: [...positive],
    negative: [...negative],
    sentences,
  };
}

function isNegation(token: string): boolean {
  return NEGATIONS.has(token) || token.endsWith("n't");
}

function label(score: number): SentimentLabel {
  return score > LABEL_THRESHOLD ? 'positive' : score < -LABEL_THRESHOLD ? 'negative' : 'neutral';
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  // + 0 turns -0 into 0, so a neutral text does not print "-0".
  return Math.round(value * factor) / factor + 0;
}

if (import.meta.main) serveAgent(sentiment);
