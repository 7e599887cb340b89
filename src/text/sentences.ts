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
    .map((node) => {
      const [start, end] = node.range;
      const raw = text.slice(start, end);
      const trimmedStart = start + (raw.length - raw.trimStart().length);
      const trimmedEnd = end - (raw.length - raw.trimEnd().length);
      return { start: trimmedStart, end: trimmedEnd, text: text.slice(trimmedStart, trimmedEnd) };
    })
    .filter((s) => s.text.length > 0);
}
