import { metaOf, type Article } from '../corpus/article.ts';
import { endsWithCredit } from '../corpus/clean.ts';
import { ATTRIBUTION, isContinuation, isHeading } from '../corpus/continuation.ts';
import { paragraphStarts, type Passage } from '../corpus/passages.ts';
import { splitSentences, type Span } from '../text/sentences.ts';
import { openQuotes } from './candidates.ts';
import { dot } from '../text/vectors.ts';
import type { SentenceRecord } from '../store/store.ts';
import { lexicalCoverage, type TermStats } from './abstain.ts';
import type { Excerpt } from './types.ts';

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
export function chooseSentences(
  passageText: string,
  sentences: ScoredSpan[],
  maxWords = MAX_EXCERPT_WORDS,
): { start: number; end: number } {
  if (sentences.length === 0) return { start: 0, end: passageText.length };
  if (sentences.length <= 2 && words(passageText) <= maxWords) return { start: 0, end: passageText.length };
  let best = 0;
  sentences.forEach((s, i) => {
    if (s.score > sentences[best]!.score) best = i;
  });
  let { start, end } = sentences[best]!;
  const neighbours = [sentences[best - 1], sentences[best + 1]]
    .filter((s): s is ScoredSpan => s !== undefined)
    .sort((a, b) => b.score - a.score);
  const partner = neighbours[0];
  // A neighbour is added when it is nearly as relevant (it often carries the subject or the answer).
  if (
    partner &&
    partner.score >= 0.75 * sentences[best]!.score &&
    words(passageText.slice(Math.min(start, partner.start), Math.max(end, partner.end))) <= maxWords
  ) {
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

/**
 * A paragraph that is only a quotation, with no one named as saying it: the speaker is in the
 * paragraph before ("…told The Times: ‘Our message is ‘surrender’." then "‘We don’t want to kill you…’").
 */
export function isQuoteContinuation(paragraph: string): boolean {
  return /^[‘“"']/.test(paragraph.trim()) && !ATTRIBUTION.test(paragraph);
}

/** Weight of lexical overlap next to cosine when picking the sentence to quote. */
const SENTENCE_LEXICAL_WEIGHT = 0.5;

export interface ExcerptInput {
  passage: Passage;
  /** The passage's sentences, in order, with their vectors. */
  sentences: SentenceRecord[];
  article: Article;
  /** The passage's relevance, reported with the excerpt. */
  score: number;
}

/**
 * The words to quote from a passage: its best sentence(s) for the question (cosine plus lexical overlap), or
 * its opening ('lead', the baseline), cut from the article's paragraph with ellipses, and kept with the speaker
 * of a quotation that runs across paragraphs.
 */
export function excerptOf(
  input: ExcerptInput,
  query: Float32Array,
  asked: readonly string[],
  stats: TermStats,
  selection: 'best' | 'lead' = 'best',
): Excerpt {
  const { passage } = input;
  const spans: ScoredSpan[] = input.sentences.map((s, i) => {
    const text = passage.text.slice(s.start, s.end);
    const score =
      selection === 'lead'
        ? i === 0
          ? 1
          : 0
        : dot(query, s.vector) + SENTENCE_LEXICAL_WEIGHT * lexicalCoverage(asked, text, stats);
    return { start: s.start, end: s.end, text, score };
  });
  return quoteSpan(input, chooseSentences(passage.text, spans));
}

/**
 * The exact words of a span of a passage, cut from the article's paragraph with an ellipsis where it goes on, and
 * kept with the speaker of a quotation that runs across paragraphs.
 */
export function quoteSpan(input: Omit<ExcerptInput, 'sentences'>, cut: { start: number; end: number }): Excerpt {
  const { passage, article } = input;
  const paragraphs = article.paragraphs;
  const offset = passage.start - paragraphStarts(paragraphs)[passage.paragraph - 1]!;
  const here = paragraphs[passage.paragraph - 1]!;
  let start = offset + cut.start;
  const end = offset + cut.end;
  const sentences = splitSentences(here);
  let at = sentences.findIndex((x) => x.end > start);
  // An excerpt that starts inside a quotation (it closes a quote it never opens) starts where the quotation opens in
  // its paragraph, up to two sentences back: "“In the white market, they have quality control. In the dark market, it
  // should be the same,” Cristina Gil Lladanosa says", not "… In the dark market, it should be the same,” …".
  for (let back = 0; back < 2 && at > 0 && openQuotes(here.slice(start, end)) < 0; back++)
    start = sentences[--at]!.start;
  // An excerpt that opens with a pronoun or a quotation said by no one named ("…,” he said.") takes the sentence
  // before, where its subject or speaker is (the ranker read it as the window's context): the paragraph's own when
  // its passage was cut from the middle of a long paragraph ("It limits …" after "The most privacy-preserving modern
  // browser is the Tor Browser, …"), else the paragraph before's last. A quotation whose speaker the excerpt itself
  // names further on ("“… Uzbek. So we need …,” Massoud said.") does not.
  const opening = sentences[at];
  const leans = opening !== undefined && isContinuation(here.slice(opening.start, Math.max(opening.end, end)));
  let lead: string | undefined;
  // A photo's caption between two paragraphs is no one's antecedent: "He said he was angry …" leans on the paragraph
  // before the picture, not on "(Getty Images)" (as in `previousPassages`, src/dossier.ts).
  let previousAt = passage.paragraph - 2;
  while (previousAt >= 0 && endsWithCredit(paragraphs[previousAt]!)) previousAt--;
  const previous = paragraphs[previousAt];
  if (leans && at > 0 && cut.start === 0) start = sentences[at - 1]!.start;
  else if (leans && start === 0 && previous !== undefined) {
    const before = splitSentences(previous).at(-1)!;
    // A subheading is no one's antecedent ("Understand How Your Own Brain Works Against You"); a list item can be.
    const subheading = isHeading(before.text) && !article.listItems?.includes(previousAt);
    if (!subheading) lead = quoteOf(previous, before.start, before.end);
  }
  const parts = [...(lead ? [lead] : []), quoteOf(here, start, end)];
  const first = lead ? previousAt + 1 : passage.paragraph;
  let last = passage.paragraph;
  // Keep a quotation with its speaker: pull in an unattributed quote that follows.
  const next = paragraphs[last];
  if (next !== undefined && end >= here.trimEnd().length && isQuoteContinuation(next)) {
    parts.push(next);
    last++;
  }
  return {
    quote: parts.join('\n'),
    score: Math.round(input.score * 1000) / 1000,
    paragraph: first,
    ...(last > first ? { lastParagraph: last } : {}),
    article: metaOf(article),
    passageId: passage.id,
  };
}
