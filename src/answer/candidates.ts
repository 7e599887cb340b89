import { quotable } from '../corpus/quotable.ts';
import type { SentenceTags } from '../corpus/sentence-tags.ts';
import { memoTerms } from '../text/analyze.ts';
import { ATTRIBUTION, opensMidSentence } from '../corpus/continuation.ts';
import { TWEET_SIGNATURE } from '../corpus/clean.ts';

/**
 * Candidate windows for ONE question, from plain data the caller has already computed (no index, no model):
 * the candidate passages with their dense and BM25 scores, and each passage's sentences in order with their
 * cosine to the question and the tags/terms precomputed at ingest.
 */
export interface CandidateSentence {
  text: string;
  /** Cosine between the question and this sentence. */
  cos: number;
  /** Cosine between the question's focus (the question without its names: Embedder.embedQuestion) and this sentence. */
  focusCos: number;
  tags: SentenceTags;
  /** The sentence's analysed terms in order (`sentenceTerms`). */
  terms: string[];
}

export interface CandidatePassage {
  passageId: string | number;
  /** The paragraph before's last sentence, when this passage opens by referring to it (a pronoun, "he said"). */
  before?: CandidateSentence;
  /** Cosine between the question and the whole passage. */
  passageCos: number;
  /** Raw BM25 score of the passage for the question (0 when BM25 did not return it). */
  bm25: number;
  sentences: CandidateSentence[];
  /** The term families of the passage's whole article (`familySet`), when the caller knows them. */
  articleTerms?: ReadonlySet<string>;
  /** The terms of the outlet that published the article: its own words ("our survey") are the outlet's. */
  outletTerms?: readonly string[];
}

export interface Window {
  passageId: string | number;
  /** Sentence indices in the passage, inclusive. */
  first: number;
  last: number;
  /** The sentence the window is built around (the others are context it needs). */
  anchor: number;
  text: string;
  /** The anchor sentence's cosine, and the best cosine of any sentence in the window. */
  cos: number;
  maxCos: number;
  /** The best focus cosine of any sentence in the window (CandidateSentence.focusCos). */
  maxFocusCos: number;
  passageCos: number;
  bm25: number;
  /** Every term of the passage (for passage-level coverage). */
  passageTerms: readonly string[];
  /** The term families of the passage's article (CandidatePassage.articleTerms). */
  articleTerms?: ReadonlySet<string>;
  /** The sentences' terms in order, and the window's tags (anchor's flags; entity/type tags of all its sentences). */
  terms: string[];
  /**
   * Terms of the names the window stands for without writing them: the full names its bare surnames stand for
   * (tags.refers: "Massoud said" is Wali's here) and the outlet whose article it is.
   */
  referTerms: string[];
  /** The full names its bare surnames stand for (tags.refers): "Milley said" names Mark Milley. */
  refers: string[];
  anchorTags: SentenceTags;
  people: string[];
  places: string[];
  /** Countries named in the window's sentences (tags.countries). */
  countries: string[];
  orgs: string[];
  date: boolean;
  number: boolean;
  years: number[];
  proper: boolean;
  /** The window had to take the sentence before (pronoun or quote continuation). */
  extended: boolean;
  /** The paragraph before's last sentence, when the window's excerpt quotes it (see quoteSpan). */
  lead?: string;
  /** Position of the anchor sentence in its passage (0 = first). */
  position: number;
}

/** Longest window, in words, that is still "a sentence or two". */
export const MAX_WINDOW_WORDS = 90;

/**
 * One window per quotable sentence: the sentence, plus the one before when it opens with a pronoun, a quote continuation
 * or in the middle of a sentence.
 */
export function buildWindows(passages: readonly CandidatePassage[]): Window[] {
  const windows: Window[] = [];
  for (const p of passages) {
    const passageTerms = p.sentences.flatMap((x) => x.terms);
    p.sentences.forEach((s, i) => {
      if (!quotable(s.tags)) return;
      // A quotation left open runs on to the sentence that closes it and names the speaker ("“Afghanistan is made up
      // of almost 30 ethnicities … / … with an international community,” Massoud said."): read forward then.
      const last = speakerAfter(p.sentences, i);
      let words = s.tags.words;
      for (let j = i + 1; j <= last; j++) words += p.sentences[j]!.tags.words;
      // Otherwise back to the sentence that names the speaker or subject: "“A guy who gets high …” / It was a big
      // stretch,” he said" goes back to "“It was a difficult part,” quipped Pitt", within MAX_WINDOW_WORDS.
      let first = i;
      while (
        last === i &&
        first > 0 &&
        (p.sentences[first]!.tags.continuation || opensMidSentence(p.sentences[first]!.text)) &&
        words + p.sentences[first - 1]!.tags.words <= MAX_WINDOW_WORDS
      )
        words += p.sentences[--first]!.tags.words;
      const extend = first < i || last > i;
      // The paragraph before's last sentence is read as the window's context whenever the excerpt quotes it (`lead`,
      // below: from a paragraph's start that leans on it), but the window's own sentences stay in this passage.
      const readsBefore = first === 0 && last === i && p.sentences[0]!.tags.continuation && p.before !== undefined;
      const context = readsBefore ? [p.before!] : [];
      const parts = p.sentences.slice(first, last + 1);
      const read = [...context, ...parts];
      const refers = uniq(read.flatMap((x) => x.tags.refers ?? []));
      windows.push({
        passageId: p.passageId,
        first,
        last,
        anchor: i,
        text: parts.map((x) => x.text).join(' '),
        cos: s.cos,
        maxCos: Math.max(...read.map((x) => x.cos)),
        maxFocusCos: Math.max(...read.map((x) => x.focusCos)),
        passageCos: p.passageCos,
        bm25: p.bm25,
        passageTerms,
        ...(p.articleTerms ? { articleTerms: p.articleTerms } : {}),
        terms: read.flatMap((x) => x.terms),
        referTerms: uniq([...refers.flatMap(memoTerms), ...(p.outletTerms ?? [])]),
        refers,
        anchorTags: s.tags,
        people: uniq(read.flatMap((x) => x.tags.people)),
        places: uniq(read.flatMap((x) => x.tags.places)),
        countries: uniq(read.flatMap((x) => x.tags.countries ?? [])),
        orgs: uniq(read.flatMap((x) => x.tags.orgs)),
        date: read.some((x) => x.tags.date),
        number: read.some((x) => x.tags.number),
        years: uniq(read.flatMap((x) => x.tags.years)),
        proper: read.some((x) => x.tags.proper),
        extended: extend || context.length > 0,
        // What the excerpt will quote before the window (quoteSpan does so for any quote from a paragraph's start).
        ...(readsBefore ? { lead: p.before!.text } : {}),
        position: i,
      });
    });
  }
  return windows;
}

/** Opening minus closing quotation marks: above 0, the text leaves a quotation open; below 0, it closes one it never opened. */
export function openQuotes(text: string): number {
  if (!text.includes('“') && !text.includes('”') && !text.includes('"')) return 0;
  let open = 0;
  let straight = 0;
  for (const c of text) {
    if (c === '“') open++;
    else if (c === '”') open--;
    else if (c === '"') straight ^= 1;
  }
  return open + straight;
}

/**
 * The sentence that closes the quotation sentence `i` leaves open, when it names who said it, or a tweet's signature
 * right after it, and the whole stays within MAX_WINDOW_WORDS; otherwise `i` itself.
 */
function speakerAfter(sentences: readonly CandidateSentence[], i: number): number {
  let open = openQuotes(sentences[i]!.text);
  let words = sentences[i]!.tags.words;
  // An embedded tweet is quoted with the signature under it: "— Josh Rogin (@joshrogin) December 9, 2016".
  const signed = sentences[i + 1];
  if (signed && TWEET_SIGNATURE.test(signed.text) && words + signed.tags.words <= MAX_WINDOW_WORDS) return i + 1;
  for (let j = i + 1; open > 0 && j < sentences.length; j++) {
    const next = sentences[j]!;
    words += next.tags.words;
    if (words > MAX_WINDOW_WORDS) break;
    open -= Math.abs(openQuotes(next.text));
    if (open <= 0) return ATTRIBUTION.test(next.text) ? j : i;
  }
  return i;
}

/**
 * Two adjacent windows of one passage as one (`a` before `b`): one excerpt, reading the words, names, dates and numbers
 * of both; `a`'s context (its lead) comes first.
 */
export function joinWindows(a: Window, b: Window): Window {
  return {
    ...a,
    last: b.last,
    text: `${a.text} ${b.text}`,
    maxCos: Math.max(a.maxCos, b.maxCos),
    maxFocusCos: Math.max(a.maxFocusCos, b.maxFocusCos),
    terms: [...a.terms, ...b.terms],
    referTerms: uniq([...a.referTerms, ...b.referTerms]),
    refers: uniq([...a.refers, ...b.refers]),
    people: uniq([...a.people, ...b.people]),
    places: uniq([...a.places, ...b.places]),
    countries: uniq([...a.countries, ...b.countries]),
    orgs: uniq([...a.orgs, ...b.orgs]),
    date: a.date || b.date,
    number: a.number || b.number,
    years: uniq([...a.years, ...b.years]),
    proper: a.proper || b.proper,
  };
}

function uniq<T>(values: T[]): T[] {
  return [...new Set(values)];
}
