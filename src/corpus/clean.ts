import { findDate, isDateline } from './dates.ts';
import { LIST_MARKER, textParagraphs } from './structure.ts';

/**
 * Turns a saved news page into its journalism: a title and paragraphs.
 * Pure text work, no I/O. Rules are generic (page furniture looks alike across sites),
 * and each one is tested on the real seed articles.
 */

export interface CleanedText {
  title: string;
  /** Publication date (ISO) when the page states one in a dateline near the top. */
  date: string | null;
  paragraphs: string[];
  /** The paragraphs that are items of a list (indices into `paragraphs`), of those the caller said are. */
  listItems: number[];
}

/** Markers that start the page footer (comment forms, "read more" lists, sign-up walls). */
const FOOTER_START =
  /^(read more\b|more from\b|leave a (comment|reply)\b|related (articles|stories|coverage)\b|recommended\b|sign up for\b|subscribe to\b|share (this|on)\b|comments?\s*(\(\d+\))?$|you might also like\b)/i;

/** Furniture that can stand anywhere on a page. */
const FURNITURE_LINE: RegExp[] = [
  /^[·•|»]/, // byline/meta bullets: "·Producer, Reporter", "·5 min read"
  /^\d+\s*min(ute)?s?\s+read$/i,
  /^(search|image|menu|advertisement|share|print|email|close|skip to (main )?content|loading\.*)$/i,
  /^\d+\s*[-+x*×]\s*\d+\s*=/, // arithmetic captcha of comment forms: "1 + 1 ="
  /^(you('|’)re subscribed|already registered\b|register (for free|to continue)|sign in or register|log in to continue|or continue with|check your email)/i,
  /\b(by registering you agree|registering also lets you comment|your email address will not be published|we are temporarily suspending article commenting)\b/i,
  // How to cite the page and its rights: "Citation: … (2019, October 22) retrieved 20 January 2020 from https://…",
  // "© 2019 Science X Network", "This document is subject to copyright. …" (Phys.org), "Copyright 2019 The
  // Associated Press. All rights reserved."
  /^citation:.*\bretrieved\b.{0,40}\bfrom\s+https?:\/\//i,
  /^(?:©|copyright\s*©)|\ball rights reserved\.?$/i,
  /^this (?:document|article|material|content) is (?:subject to|protected by) copyright\b/i,
];

/** Sign-in / newsletter prompts are short lines that talk about accounts ("registered nurses" don't). */
const ACCOUNT_WORDS =
  /\b(sign(s)? (you )?in|log ?in|register(ing)?|already registered|subscribe(d)?|newsletter|notifications|e-?mail)\b/i;

const SENTENCE_END = /[.!?…"”’')\]]$/;

function wordCount(line: string): number {
  return line.split(/\s+/).filter(Boolean).length;
}

/** Script fragments and mangled HTML comments left in a copied page. */
export function isCodeLine(line: string): boolean {
  if (/^<!(--|–|—)/.test(line)) return true;
  if (/^<\/?[a-z][^>]*>$/i.test(line)) return true;
  if (/\bfunction\s*\(|\bdocument\.|\bwindow\.|=>\s*\{/.test(line)) return true;
  // Statements end in ; { or } and contain code punctuation; prose lines practically never do both.
  return (
    /[;{}]\s*$/.test(line) && /[=(){}]/.test(line) && !/\s[a-z]+\s[a-z]+\s[a-z]+\s/.test(line.replace(/\([^)]*\)/g, ''))
  );
}

/**
 * Page furniture: bylines, banners, sign-in walls, captchas, lone UI words. A headline may be as short as two
 * words ("Valley villagers return"), so the line that would be the title is judged less strictly, and an item of a
 * list in an article's body ("Tweezers" in what a how-to needs) is no UI word however short.
 */
export function isFurnitureLine(line: string, asTitle = false, listItem = false): boolean {
  if (FURNITURE_LINE.some((re) => re.test(line))) return true;
  const words = wordCount(line);
  if (words < 12 && ACCOUNT_WORDS.test(line)) return true;
  // Section banners such as "ISRAEL AT WAR - DAY 65": shouting, short, no sentence.
  if (words <= 8 && /[A-Z]{2}/.test(line) && !/[a-z]/.test(line) && !SENTENCE_END.test(line)) return true;
  // UI crumbs: a few words that are not a sentence ("Leave a Comment", "search").
  if (asTitle) return words < 2 || !/^[\p{Lu}\d“"‘']/u.test(line);
  return !listItem && words < 4 && !SENTENCE_END.test(line);
}

/**
 * Summary bullets copied without separators run together ("...offered peace talksBut the Taliban...").
 * Split only where it happens twice or more in one line, so names like "McDonald" or "YouTube" are safe.
 */
export function splitGluedBullets(line: string): string[] {
  const glue = /(?<=(?:^|[\s-])(?:[a-z]{3,}|\d{4}|[a-z]+[’']s))(?=[A-Z][a-z])/g;
  const cuts = [...line.matchAll(glue)].map((m) => m.index);
  if (cuts.length < 2) return [line];
  const parts: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    parts.push(line.slice(from, cut).trim());
    from = cut;
  }
  parts.push(line.slice(from).trim());
  return parts.filter(Boolean);
}

function normaliseLine(line: string): string {
  return line
    .replace(/[\u00a0\u2009\u200a\u202f]/g, ' ')
    .replace(/[\u200b\u200c\u200d\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Strips a trailing "– 25/08/2021 – World" dateline/section from a headline. */
export function tidyTitle(title: string): string {
  let tidy = title.replace(/\s+[–—-]\s+\d{1,2}\/\d{1,2}\/\d{4}(\s+[–—-]\s+[\w ]+)?$/, '').trim();
  // " | Author Name" / " | Outlet": a few capitalised words after the last bar are a byline, not the headline.
  for (let m; (m = tidy.match(BYLINE_SUFFIX)) && m.index! > 0;) tidy = tidy.slice(0, m.index).trim();
  return tidy;
}

const BYLINE_SUFFIX = /\s+\|\s+(?:[\p{Lu}\d][\p{L}\d.'’&-]*\s*){1,5}$/u;

/** A headline is a line, not a paragraph: a longer first paragraph is the story itself. */
const MAX_TITLE_WORDS = 40;

/** Comments and scripts left in a copied page can span lines, so they go before the text is split. */
export function stripMarkup(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .replace(/<!--[\s\S]*?-->/g, '\n')
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '\n');
}

/**
 * A plain-text article: paragraphs from its layout (see structure.ts), then cleaned, the first line as title. A
 * list's items (two or more marked lines in a row: "- Mini bars almost always lose money", "2) …") lose their
 * bullets or numbers (no words of the article) and are said to be items (`listItems`), so one without a full stop is
 * a sentence, not a subheading. A numbered line on its own ("1. Background") is a heading.
 */
export function cleanText(raw: string): CleanedText {
  const items = new Set<string>();
  const layout = textParagraphs(stripMarkup(raw));
  const marked = layout.map((paragraph) => LIST_MARKER.test(paragraph));
  const paragraphs = layout.map((paragraph, i) => {
    if (!marked[i] || !(marked[i - 1] || marked[i + 1])) return paragraph;
    const item = paragraph.replace(LIST_MARKER, '');
    items.add(normaliseLine(item));
    return item;
  });
  return cleanParagraphs(paragraphs, { listItems: items });
}

/**
 * An embedded tweet's signature joined to its text, in any format: "The rumor I heard was … — Josh Rogin (@joshrogin)
 * December 9, 2016" names who said it. The indices of list items move with the paragraphs.
 */
export function withTweetSignatures(
  paragraphs: readonly string[],
  listItems: readonly number[] = [],
): { paragraphs: string[]; listItems: number[] } {
  const out: string[] = [];
  const moved = new Map<number, number>();
  paragraphs.forEach((p, i) => {
    if (out.length && TWEET_SIGNATURE.test(p)) out[out.length - 1] = `${out.at(-1)} ${p}`;
    else moved.set(i, out.push(p) - 1);
  });
  return { paragraphs: out, listItems: listItems.flatMap((i) => (moved.has(i) ? [moved.get(i)!] : [])) };
}

/** The line that signs an embedded tweet: a dash, the author, the handle, the day. */
export const TWEET_SIGNATURE = /^[—–-]\s*[^()]{1,80}\(@\w{1,15}\)\s+\p{Lu}\p{Ll}+\.? \d{1,2}, \d{4}$/u;

/**
 * The reporter's bio that ends an article: "Nora Castellanos covers public safety for the Alderbridge Courier. Reach
 * her at …", "Marcus Avery is a staff writer for The State Tribune covering local government. He lives in …": a name,
 * then what the writer covers or is. The caller asks only of an article's last paragraphs: a story may well say who
 * is a reporter.
 */
export function isReporterBio(paragraph: string): boolean {
  return wordCount(paragraph) < 60 && REPORTER_BIO.test(paragraph);
}

const REPORTER_BIO = new RegExp(
  String.raw`^[*_]*\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3}\s+(?:covers|reports on|reports for|writes about|writes for|has (?:covered|reported)|is (?:a|an|the)\s+(?:[\p{L}-]+\s+){0,4}(?:reporter|writer|correspondent|editor|columnist|journalist|contributor|producer)s?\b)` +
    // Two writers: "Grierson & Leitch write about the movies regularly for the New Republic".
    String.raw`|^[*_]*\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+)?\s+(?:&|and)\s+\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+)?\s+(?:cover|report on|report for|write about|write for)\b`,
  'u',
);

/**
 * Removes furniture, footers and repeats from an article's paragraphs and finds its date. Without a known title
 * (plain text), the first paragraph that could be a headline is taken as the title. The known items of a list are
 * kept however short ("Tweezers" in what a how-to needs).
 */
export function cleanParagraphs(
  raw: string[],
  known: { title?: string; listItems?: ReadonlySet<string> } = {},
): CleanedText {
  const lines = raw.map(normaliseLine).filter(Boolean);
  const pickTitle = known.title === undefined;

  const footerAt = lines.findIndex((line, i) => i > 0 && i >= lines.length / 2 && FOOTER_START.test(line));
  const body = footerAt === -1 ? lines : lines.slice(0, footerAt);

  const seen = new Set<string>();
  const kept: string[] = [];
  for (const line of body) {
    // A short dateline near the top ("August 24, 2021") is kept for the date check below, not dropped as furniture.
    const dateline = kept.length < 4 && isDateline(line);
    // Only a line short enough to be a headline is judged as one: a long first line is the story itself.
    const asTitle = pickTitle && kept.length === 0 && wordCount(line) <= MAX_TITLE_WORDS;
    const listItem = known.listItems?.has(line) ?? false;
    if (isCodeLine(line) || (!dateline && isFurnitureLine(line, asTitle, listItem))) continue;
    const key = line.toLowerCase();
    if (seen.has(key)) continue; // captions are often printed twice
    seen.add(key);
    kept.push(line);
  }
  const rest = [...kept];
  // A text of one paragraph is all story, even when short: taking it as the title would leave nothing to quote.
  const title = pickTitle
    ? kept.length > 1 && wordCount(kept[0]!) <= MAX_TITLE_WORDS
      ? rest.shift()!
      : ''
    : known.title!;
  // A dateline ("August 24, 2021 - 13:41") is metadata, not a paragraph; the title may carry one too.
  const datelineAt = rest.slice(0, 3).findIndex(isDateline);
  const dateline = datelineAt === -1 ? undefined : rest.splice(datelineAt, 1)[0];
  const date = findDate(dateline ?? '') ?? findDate(title) ?? findDate(rest.slice(0, 2).join(' '));
  const paragraphs = rest.flatMap(splitGluedBullets);
  const listItems = paragraphs.flatMap((p, i) => (known.listItems?.has(p) ? [i] : []));
  return { title: tidyTitle(title), date, paragraphs, listItems };
}

/**
 * A paragraph that ends with a picture's credit ("… movement. (Getty Images)", "(Photo by … / AFP)"): a caption standing
 * between two paragraphs of the story, no one's antecedent. Stricter than isCaption: the story itself says "(pictured)".
 */
export function endsWithCredit(paragraph: string): boolean {
  const inner = ENDING_PARENTHESES.exec(paragraph)?.[1]?.trim();
  // A credit is a short label, not a sentence: "(The Grayzone has viewed UC Global's photo of the entry visa …)" is
  // reporting.
  return !!inner && CREDITED.test(inner) && !/[.!?]$/.test(inner) && inner.split(/\s+/).length <= 12;
}

/** Who credits a picture, in parentheses: a photo, an agency. One list for captions and the credits that end them. */
const PICTURE_SOURCES = String.raw`AFP|AP|Getty Images|Reuters`;
const ENDING_PARENTHESES = /\(([^()]+)\)\s*$/;
const CREDITED = new RegExp(String.raw`\b(?:Photo|${PICTURE_SOURCES})\b`, 'i');
const CAPTION = new RegExp(String.raw`\((?:Photo|[^)]*\b(?:${PICTURE_SOURCES})\b)(?!\)\s*[-–—])|\bpictured\b`, 'i');

/**
 * Photo captions: a credit in parentheses, or "pictured". They repeat the story stiffly; reporting reads better. A
 * wire dateline is no credit: "LOS ANGELES (Reuters) - South Korean thriller …" opens the story.
 */
export function isCaption(paragraph: string): boolean {
  return CAPTION.test(paragraph);
}
