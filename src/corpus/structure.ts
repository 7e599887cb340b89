import { splitSentences, type Span } from '../text/sentences.ts';

/**
 * Paragraphs from the layout of plain text. Pure.
 *
 * - Lines of a saved web page are paragraphs already (one per line, blank lines or not).
 * - Hard-wrapped text (lines cut at a fixed width, e.g. 72 columns) is joined back: a line ends a paragraph only
 *   where the next line's first word would have fitted on it (the rule a greedy wrapper like `fmt` follows).
 * - A "wall" (one huge line, e.g. a whole article on one line) is cut into paragraphs of whole sentences.
 */

/** Hard wrapping is at most this wide; unwrapped prose lines are far longer and vary widely. */
const MAX_WRAP_WIDTH = 120;
/** Paragraphs longer than this (in words) have lost their structure; news paragraphs are rarely over 100. */
export const WALL_WORDS = 300;
/** Size of the sentence-based paragraphs a wall is cut into. */
const WALL_PARAGRAPH_WORDS = 80;

/** A list item or a rule line never continues the line before it; a rule is never continued either. */
const RULE = /^[-=_*~]{3,}$/;
/** The mark of an item of a list at a line's start: "- ", "• ", "2) ". */
export const LIST_MARKER = /^(?:[-*•▪◦‣]|\d{1,3}[.)])\s+/;
const BLOCK_START = new RegExp(`${LIST_MARKER.source}|^[-=_*~]{3,}$`);

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** The wrap width when the lines look hard-wrapped, else null. */
export function wrapWidth(lines: string[]): number | null {
  const lengths = lines.map((l) => l.trimEnd().length).filter((n) => n > 0);
  if (lengths.length < 3) return null;
  const sorted = [...lengths].sort((a, b) => a - b);
  // The 90th percentile, so that one long URL or table row does not hide the width.
  const width = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))]!;
  if (width > MAX_WRAP_WIDTH) return null;
  const full = lengths.filter((n) => n >= width * 0.75).length;
  // Wrapped paragraphs fill most of their lines; a few lines are too little to tell.
  return full >= 3 && full / lengths.length >= 0.4 && width >= 40 ? width : null;
}

/** Raw paragraphs (whitespace-normalised later by the cleaner) from plain text. */
export function textParagraphs(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const width = wrapWidth(lines);
  // Hard-wrapped text with blank lines between its paragraphs breaks a paragraph's lines only to wrap them, however
  // ragged (a hand-wrapped "HARLOW (April 8, 2024) — The Route 9 bridge over the Harlow River" goes on below).
  const blankSeparated = width !== null && lines.some((l) => !l.trim());
  const paragraphs: string[] = [];
  let current: string[] = [];
  const flush = () => {
    // Wrappers break after a hyphen that is already there ("anti-|Taliban"): join those lines without a space.
    if (current.length)
      paragraphs.push(
        // (Each line's end is read, not the joined text's: reading that again at each line was quadratic.)
        current.map((line, k) => (k === 0 || /\p{L}-$/u.test(current[k - 1]!) ? line : ` ${line}`)).join(''),
      );
    current = [];
  };
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return flush();
    current.push(line);
    const next = lines[i + 1]?.trim();
    const nextWord = next?.split(/\s+/)[0] ?? '';
    // Unwrapped text: every line is a paragraph. Wrapped: the line was full, so the paragraph goes on.
    // An indented next line (deeper than this one) starts a new paragraph, as in typewritten text.
    const indent = (l: string) => l.length - l.trimStart().length;
    const startsParagraph =
      next !== undefined && (indent(lines[i + 1]!) > indent(raw) || BLOCK_START.test(next) || RULE.test(line));
    const wrapped =
      width !== null &&
      !!next &&
      !startsParagraph &&
      (blankSeparated || raw.trimEnd().length + 1 + nextWord.length > width);
    if (!wrapped) flush();
  });
  flush();
  return paragraphs.flatMap(splitWall);
}

/** A paragraph, or (when it is a wall of text) paragraphs of whole sentences. */
export function splitWall(paragraph: string): string[] {
  if (wordCount(paragraph) <= WALL_WORDS) return [paragraph];
  const out: string[] = [];
  let current: { start: number; end: number; words: number } | null = null;
  for (const s of splitSentences(paragraph).flatMap((span) => wordChunks(paragraph, span))) {
    const n = wordCount(s.text);
    if (current && current.words + n > WALL_PARAGRAPH_WORDS) {
      out.push(paragraph.slice(current.start, current.end));
      current = null;
    }
    if (current) {
      current.end = s.end;
      current.words += n;
    } else current = { start: s.start, end: s.end, words: n };
  }
  if (current) out.push(paragraph.slice(current.start, current.end));
  return out.length ? out : [paragraph];
}

/**
 * A "sentence" of hundreds of words (text without full stops) in pieces of WALL_PARAGRAPH_WORDS words, cut between
 * words: each piece is still the article's exact text, and short enough to quote.
 */
function wordChunks(text: string, span: Span): Span[] {
  if (wordCount(span.text) <= 2 * WALL_PARAGRAPH_WORDS) return [span];
  const words = [...span.text.matchAll(/\S+/g)];
  const chunks: Span[] = [];
  for (let i = 0; i < words.length; i += WALL_PARAGRAPH_WORDS) {
    const first = words[i]!;
    const last = words[Math.min(words.length, i + WALL_PARAGRAPH_WORDS) - 1]!;
    const start = span.start + first.index!;
    const end = span.start + last.index! + last[0].length;
    chunks.push({ start, end, text: text.slice(start, end) });
  }
  return chunks;
}
