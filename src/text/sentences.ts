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
export function splitSentences(text: string): Span[] {
  return split(text)
    .filter((node) => node.type === SentenceSplitterSyntax.Sentence)
    .flatMap((node) => runTogether(text, node.range[0], node.range[1]))
    .map(([start, end]) => {
      const raw = text.slice(start, end);
      const trimmedStart = start + (raw.length - raw.trimStart().length);
      const trimmedEnd = end - (raw.length - raw.trimEnd().length);
      return { start: trimmedStart, end: trimmedEnd, text: text.slice(trimmedStart, trimmedEnd) };
    })
    .filter((s) => s.text.length > 0);
}

/**
 * Where a page ran list items or headings together without a space ("offered peace talksBut the Taliban warned",
 * "from 1996-2001Former vice-president"): a word of three or more lower-case letters, or a year, followed at once by
 * a capitalised word. Brand names start with a capital or a single letter ("LinkedIn", "iPhone"), handles with @ or
 * #, and a unit follows a number that is no year ("2.3Ghz"), so they are left whole.
 */
const RUN_TOGETHER = /(?<=(?:^|[\s(“"‘'])(?:[a-z]{3,}|(?:\d{4}[–-])?\d{4}))(?=[A-Z][a-z]{2,})/g;

/** The sentence [start, end) cut at each run-together junction (offsets into `text`). */
function runTogether(text: string, start: number, end: number): Array<[number, number]> {
  const cuts = [...text.slice(start, end).matchAll(RUN_TOGETHER)].map((m) => start + m.index);
  const bounds = [start, ...cuts, end];
  return bounds.slice(1).map((b, i) => [bounds[i]!, b]);
}
