import { split, SentenceSplitterSyntax } from 'sentence-splitter';

export interface Span {
  start: number;
  end: number;
  text: string;
}

/**
 * Sentence spans with offsets. sentence-splitter (textlint) already keeps "U.S.", "Gen.", "Aug. 31",
 * decimals and closing quotes inside their sentence, which is why it is used rather than a regex.
 */
export function splitSentences(text: string): readonly Span[] {
  let spans = splitCache.get(text);
  if (!spans) {
    if (splitCache.size >= SPLIT_CACHE_SIZE) splitCache.clear();
    splitCache.set(text, (spans = parseSentences(text)));
  }
  return spans;
}

/**
 * Paragraphs split once: answering quotes from the same paragraphs question after question (the excerpt looks for
 * its paragraph's first sentence), and sentence-splitter's parse was an eighth of a question's time.
 */
const splitCache = new Map<string, readonly Span[]>();
const SPLIT_CACHE_SIZE = 5_000;

function parseSentences(text: string): Span[] {
  const spans = split(text)
    .filter((node) => node.type === SentenceSplitterSyntax.Sentence)
    .flatMap((node) => runTogether(text, node.range[0], node.range[1]))
    .map(([start, end]) => {
      const raw = text.slice(start, end);
      const trimmedStart = start + (raw.length - raw.trimStart().length);
      const trimmedEnd = end - (raw.length - raw.trimEnd().length);
      return { start: trimmedStart, end: trimmedEnd, text: text.slice(trimmedStart, trimmedEnd) };
    })
    .filter((s) => s.text.length > 0);
  return joinedAfterInitialisms(text, closingQuotesBack(text, spans));
}

/**
 * A sentence ending in an initialism written with dots ("… a veiled shot at U.S.", "… in the U.K.", "… at A.T. & T.") or
 * in a clock time's "a.m." or "p.m." ("… declared martial law around 10:30 p.m.", before "Tuesday").
 */
const ENDS_IN_INITIALISM = /(?:^|[\s(“"‘'])(?:(?:\p{Lu}\.){2,}|[ap]\.m\.|&\s?\p{Lu}\.)$/u;
/**
 * Words that open sentences rather than continue a name: after "U.S." a capitalised word is usually part of the
 * same phrase ("U.S. President Donald Trump", "U.K. Foreign Office"), unless it is one of these ("… to the U.S. The
 * next day …").
 */
const SENTENCE_OPENERS = new Set(
  `a an the he she it they we i you his her its their our my your this that these those there here but and or so yet
  in on at for with after before when while if as since though although because by from to of some many most one no
  not now then still however meanwhile also what who why how where which even only all both each every such other
  another`.split(/\s+/),
);

/**
 * sentence-splitter may put a closing quotation mark at the start of the next sentence ("… didn’t you?" and "” Aniston
 * laughed."): it goes back to the question it closes, with the rest when that goes on in lower case.
 */
function closingQuotesBack(text: string, spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    const previous = out.at(-1);
    const closing = previous && /^[”"’»)\]]+(?=\s|$)/.exec(span.text)?.[0];
    if (!previous || !closing) {
      out.push(span);
      continue;
    }
    // "… the “hey, Marco earned his status!” lot.": the sentence goes on after the quotation.
    const goesOn = /^\p{Ll}/u.test(span.text.slice(closing.length).trimStart());
    const end = goesOn ? span.end : span.start + closing.length;
    out[out.length - 1] = { start: previous.start, end, text: text.slice(previous.start, end) };
    const rest = text.slice(end, span.end);
    const start = end + (rest.length - rest.trimStart().length);
    if (start < span.end) out.push({ start, end: span.end, text: text.slice(start, span.end) });
  }
  return out;
}

/**
 * sentence-splitter ends a sentence after "U.S." or "p.m." when a capitalised word follows: joined again when that
 * word is no sentence opener ("… a veiled shot at U.S. President Donald Trump.", "… around 10:30 p.m. Tuesday to …",
 * "… from H.R. (Bum) Bright …").
 */
function joinedAfterInitialisms(text: string, spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    const previous = out.at(-1);
    // "… from H.R. (Bum) Bright for $151 million": a nickname in brackets after initials is still the name.
    const nextWord = span.text.match(/^\(?(\p{Lu}[\p{L}'’-]*)/u)?.[1];
    // "A.T. & T. Bell Laboratories": the ampersand goes on the name.
    const ampersand = span.text.startsWith('&');
    if (
      previous &&
      ENDS_IN_INITIALISM.test(previous.text) &&
      (ampersand || (nextWord && !SENTENCE_OPENERS.has(nextWord.toLowerCase())))
    ) {
      out[out.length - 1] = { start: previous.start, end: span.end, text: text.slice(previous.start, span.end) };
    } else out.push(span);
  }
  return out;
}

/**
 * Where a page ran list items or headings together without a space ("offered peace talksBut the Taliban warned",
 * "from 1996-2001Former vice-president"): a word of three or more lower-case letters, or a year, followed at once by
 * a capitalised word; or sentences run together at a full stop ("one vote each.Seven different people", "since the
 * 1800s.The fact", MSNBC). Brand names start with a capital or a single letter ("LinkedIn", "iPhone"), handles with @
 * or #, a unit follows a number that is no year ("2.3Ghz"), and initialisms and "a.m." have no word before their
 * dots, so they are left whole.
 */
const RUN_TOGETHER =
  /(?<=(?:^|[\s(“"‘'])(?:[a-z]{3,}|(?:\d{4}[–-])?\d{4})|(?:^|[\s(“"‘'])[\p{Ll}\d]*\p{Ll}[.!?]["”’)]?)(?=[A-Z][a-z]{2,})/gu;

/**
 * sentence-splitter reads the full stop after "No. 16" as part of the abbreviation and runs on into the next sentence
 * ("… their selection at No. 16. The next pick came …"): a number after "No." that ends in a full stop before a
 * capital ends its sentence.
 */
const NUMBERED_END = /(?<=\bNos?\.\s?\d+[a-z]?\.)\s+(?=["“‘']?\p{Lu})/gu;

/** The sentence [start, end) cut at each run-together junction (offsets into `text`). */
function runTogether(text: string, start: number, end: number): Array<[number, number]> {
  const sentence = text.slice(start, end);
  const cuts = [...sentence.matchAll(RUN_TOGETHER), ...sentence.matchAll(NUMBERED_END)]
    .map((m) => start + m.index)
    .sort((a, b) => a - b);
  const bounds = [start, ...cuts, end];
  return bounds.slice(1).map((b, i) => [bounds[i]!, b]);
}
