import { cleanText } from './clean.ts';

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
  const cleaned = cleanText(text);
  return { title: cleaned.title || null, date: cleaned.date, paragraphs: cleaned.paragraphs };
}
