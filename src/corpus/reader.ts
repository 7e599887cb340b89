import YAML from 'yaml';
import { cleanText } from './clean.ts';
import { parseFrontMatter, type FrontMatter } from './metadata.ts';

/**
 * What a reader makes of one article file's decoded text. Fields left null are filled from `articles.json`
 * or the file name; `warnings` are about this file (it is still used).
 */
export interface ReadArticle {
  title: string | null;
  date: string | null;
  outlet?: string | null;
  url?: string | null;
  paragraphs: string[];
  /** The paragraphs that are items of a list (indices into `paragraphs`), when the format says. */
  listItems?: number[];
  warnings?: string[];
}

/** Reads one type of article file (plain text, markdown, HTML…): decoded text in, title, metadata and paragraphs out. */
export type ArticleReader = (text: string) => ReadArticle;

/** The file can't be used; the message says why ("its front matter is not valid YAML"). */
export class ArticleReadError extends Error {
  override name = 'ArticleReadError';
}

/** A plain-text article: paragraphs from its layout, the first line as title, a dateline near the top as date. */
export function readPlainText(text: string): ReadArticle {
  const { meta, problems, body } = plainFrontMatter(text);
  const cleaned = cleanText(body);
  return {
    title: meta.title ?? (cleaned.title || null),
    date: meta.date !== undefined ? meta.date : cleaned.date,
    outlet: meta.outlet ?? null,
    url: meta.url ?? null,
    paragraphs: cleaned.paragraphs,
    ...(cleaned.listItems.length ? { listItems: cleaned.listItems } : {}),
    warnings: problems.length
      ? [`front matter field${problems.length > 1 ? 's' : ''} ignored: ${problems.join('; ')}`]
      : [],
  };
}

/**
 * YAML front matter at the top of a plain-text file (`---` lines around `key: value` lines), as static site
 * generators and note apps write it. Only a block that parses as a mapping counts; anything else stays text.
 */
function plainFrontMatter(text: string): { meta: FrontMatter; problems: string[]; body: string } {
  const block = /^\ufeff?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!block) return { meta: {}, problems: [], body: text };
  let data: unknown;
  try {
    data = YAML.parse(block[1]!);
  } catch {
    return { meta: {}, problems: [], body: text };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { meta: {}, problems: [], body: text };
  return { ...parseFrontMatter(data), body: text.slice(block[0].length) };
}
