import type { Span } from '../corpus/sentences.ts';

/** Longest excerpt (in words) that is still "a sentence or two". */
export const MAX_EXCERPT_WORDS = 70;

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

export interface ScoredSpan extends Span {
  score: number;
}

/**
 * Picks the best sentence of a passage and, when it fits and earns it, one neighbour.
 * Pure: returns offsets into the passage text plus whether the passage was cut at either end.
 */
export function chooseSentences(passageText: string, sentences: ScoredSpan[], maxWords = MAX_EXCERPT_WORDS): { start: number; end: number } {
  if (sentences.length === 0) return { start: 0, end: passageText.length };
  if (sentences.length <= 2 && words(passageText) <= maxWords) return { start: 0, end: passageText.length };
  let best = 0;
  sentences.forEach((s, i) => {
    if (s.score > sentences[best]!.score) best = i;
  });
  let { start, end } = sentences[best]!;
  const neighbours = [sentences[best - 1], sentences[best + 1]].filter((s): s is ScoredSpan => s !== undefined).sort((a, b) => b.score - a.score);
  const partner = neighbours[0];
  // A neighbour is added when it is nearly as relevant (it often carries the subject or the answer).
  if (partner && partner.score >= 0.75 * sentences[best]!.score && words(passageText.slice(Math.min(start, partner.start), Math.max(end, partner.end))) <= maxWords) {
    start = Math.min(start, partner.start);
    end = Math.max(end, partner.end);
  }
  return { start, end };
}

/** The exact words between the offsets, with an ellipsis on each side where the paragraph goes on. */
export function quoteOf(paragraphText: string, start: number, end: number): string {
  const text = paragraphText.slice(start, end).trim();
  return `${start > 0 ? '… ' : ''}${text}${end < paragraphText.trimEnd().length ? ' …' : ''}`;
}

const ATTRIBUTION = /\b(said|says|say|told|tells|added|adds|wrote|writes|tweeted|according|asked|insisted|warned|stated|explained|argued)\b/i;

/**
 * A paragraph that is only a quotation, with no one named as saying it: the speaker is in the
 * paragraph before ("…told The Times: ‘Our message is ‘surrender’." then "‘We don’t want to kill you…’").
 */
export function isQuoteContinuation(paragraph: string): boolean {
  return /^[‘“"']/.test(paragraph.trim()) && !ATTRIBUTION.test(paragraph);
}
