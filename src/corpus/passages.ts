import { splitSentences } from '../text/sentences.ts';
import { isCaption } from './clean.ts';

/** A retrievable unit: one paragraph, or a sentence-aligned piece of a long one. */
export interface Passage {
  /** Stable across runs for the same article text: `<articleId>#<paragraph>.<piece>`. */
  id: string;
  articleId: string;
  /** 1-based paragraph number in the cleaned article. */
  paragraph: number;
  /** Character offsets into the cleaned article text (paragraphs joined by blank lines). */
  start: number;
  end: number;
  text: string;
  /** From a photo caption: captions name everyone in the picture and match many questions. */
  caption: boolean;
}

export const PARAGRAPH_SEPARATOR = '\n\n';
/** News paragraphs are short; only unusually long ones are cut, at sentence ends. */
export const MAX_PASSAGE_WORDS = 90;

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

export function joinParagraphs(paragraphs: string[]): string {
  return paragraphs.join(PARAGRAPH_SEPARATOR);
}

/** Where each paragraph starts in the joined article text. */
export function paragraphStarts(paragraphs: string[]): number[] {
  let offset = 0;
  return paragraphs.map((p) => {
    const start = offset;
    offset += p.length + PARAGRAPH_SEPARATOR.length;
    return start;
  });
}

export function toPassages(articleId: string, paragraphs: string[], maxWords = MAX_PASSAGE_WORDS): Passage[] {
  const passages: Passage[] = [];
  const starts = paragraphStarts(paragraphs);
  paragraphs.forEach((paragraph, index) => {
    const offset = starts[index]!;
    const caption = isCaption(paragraph);
    const pieces =
      words(paragraph) <= maxWords ? [{ start: 0, end: paragraph.length }] : sentencePieces(paragraph, maxWords);
    pieces.forEach((piece, k) => {
      passages.push({
        id: `${articleId}#${index + 1}.${k + 1}`,
        articleId,
        paragraph: index + 1,
        start: offset + piece.start,
        end: offset + piece.end,
        text: paragraph.slice(piece.start, piece.end),
        caption,
      });
    });
  });
  return passages;
}

/** Greedy packing of whole sentences; a single over-long sentence stays whole rather than being cut mid-way. */
function sentencePieces(paragraph: string, maxWords: number): Array<{ start: number; end: number }> {
  const pieces: Array<{ start: number; end: number }> = [];
  let current: { start: number; end: number; words: number } | null = null;
  for (const sentence of splitSentences(paragraph)) {
    const n = words(sentence.text);
    if (current && current.words + n > maxWords) {
      pieces.push({ start: current.start, end: current.end });
      current = null;
    }
    if (current) {
      current.end = sentence.end;
      current.words += n;
    } else current = { start: sentence.start, end: sentence.end, words: n };
  }
  if (current) pieces.push({ start: current.start, end: current.end });
  return pieces;
}
