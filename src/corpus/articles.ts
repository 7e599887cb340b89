import fs from 'node:fs';
import path from 'node:path';
import { joinParagraphs } from './passages.ts';
import { withTweetSignatures } from './clean.ts';
import { decodeText } from './decode.ts';
import { parseSidecar, type Metadata } from './metadata.ts';
import { readMarkdown } from './markdown.ts';
import { ArticleReadError, readPlainText, type ArticleReader } from './reader.ts';
import { readHtmlArticle } from './html-article.ts';
import type { Article } from './article.ts';
import {
  articleExtension,
  CorpusError,
  ioProblem,
  METADATA_FILE,
  scanArticleFiles,
  type ArticleExtension,
  type CorpusOptions,
} from './files.ts';

/** One reader per file type (`ARTICLE_EXTENSIONS` in files.ts). A new type plugs in with one line there and here. */
export const READERS: Readonly<Record<ArticleExtension, ArticleReader>> = {
  '.txt': readPlainText,
  '.md': readMarkdown,
  '.markdown': readMarkdown,
  '.html': readHtmlArticle,
  '.htm': readHtmlArticle,
};

function readSidecar(seedsDir: string, names: Set<string>): { entries: Record<string, Metadata>; warnings: string[] } {
  const file = path.join(seedsDir, METADATA_FILE);
  let raw: string;
  try {
    const decoded = decodeText(fs.readFileSync(file));
    if ('problem' in decoded) return { entries: {}, warnings: [`${METADATA_FILE} was ignored: ${decoded.problem}`] };
    raw = decoded.text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: {}, warnings: [] };
    return { entries: {}, warnings: [`${METADATA_FILE} was ignored: ${ioProblem(error)}`] };
  }
  let content: unknown;
  try {
    content = JSON.parse(raw);
  } catch (error) {
    return {
      entries: {},
      warnings: [`${METADATA_FILE} was ignored: it is not valid JSON (${(error as Error).message})`],
    };
  }
  const { entries, problems } = parseSidecar(content);
  const warnings = problems.length
    ? [
        `${METADATA_FILE}: ${problems.length === 1 && !problems[0]!.startsWith('"') ? `was ignored: ${problems[0]}` : `entries ignored: ${problems.join(' | ')}`}`,
      ]
    : [];
  const unknown = Object.keys(entries).filter((name) => !names.has(name));
  if (unknown.length)
    warnings.push(
      `${METADATA_FILE} names files that are not articles here: ${unknown.map((n) => `"${n}"`).join(', ')}`,
    );
  return { entries, warnings };
}

/** Pure: one article file's bytes plus optional metadata into a cleaned article, or the reason it can't be used. */
export function buildArticle(
  file: string,
  content: string | Uint8Array,
  meta: Metadata = {},
): { article?: Article; warnings: string[] } {
  const warnings: string[] = [];
  const ext = articleExtension(file);
  const reader = ext ? READERS[ext] : readPlainText;
  let text: string;
  if (typeof content === 'string') text = content;
  else {
    const decoded = decodeText(content);
    if ('problem' in decoded) return { warnings: [`Skipped ${file}: ${decoded.problem}.`] };
    if (decoded.note && (!decoded.damaged || lostWords(reader, decoded.damaged)))
      warnings.push(`${file}: ${decoded.note}.`);
    text = decoded.text;
  }
  let read;
  try {
    read = reader(text);
  } catch (error) {
    if (!(error instanceof ArticleReadError)) throw error;
    return { warnings: [`Skipped ${file}: ${error.message}.`] };
  }
  warnings.push(...(read.warnings ?? []).map((w) => `${file}: ${w}.`));
  const { paragraphs, listItems } = withTweetSignatures(read.paragraphs, read.listItems);
  if (paragraphs.length === 0)
    return {
      warnings: [...warnings, `Skipped ${file}: it has no article text (only a title, page furniture or markup).`],
    };
  const article: Article = {
    id: file,
    file,
    title: meta.title ?? read.title ?? path.basename(file, path.extname(file)),
    outlet: meta.outlet !== undefined ? meta.outlet : (read.outlet ?? null),
    date: meta.date !== undefined ? meta.date : read.date,
    url: meta.url !== undefined ? meta.url : (read.url ?? null),
    paragraphs,
    ...(listItems.length ? { listItems } : {}),
    text: joinParagraphs(paragraphs),
  };
  return { article, warnings };
}

/**
 * Whether replacement characters stand in what is read as the article or its outlet: in a page's scripts (CNN's
 * entity table) they cost no words, and the reader drops them with the scripts.
 */
function lostWords(reader: ArticleReader, damaged: string): boolean {
  try {
    const read = reader(damaged);
    return [read.title ?? '', read.outlet ?? '', ...read.paragraphs].some((text) => text.includes('\ufffd'));
  } catch {
    return true;
  }
}

export interface Corpus {
  articles: Article[];
  /** One line per file or metadata problem: what was skipped or ignored, and why. */
  warnings: string[];
}

/**
 * Every usable article in the folder. Unusable files and bad metadata are skipped with a warning each (returned,
 * not thrown); only a folder with no usable article at all is an error.
 */
export function readCorpus(seedsDir: string, options: CorpusOptions = {}): Corpus {
  const files = scanArticleFiles(seedsDir, options);
  const sidecar = readSidecar(seedsDir, new Set(files.map((f) => f.name)));
  const warnings = [...sidecar.warnings];
  const articles: Article[] = [];
  for (const { name, bytes, problem } of files) {
    if (problem) {
      warnings.push(`Skipped ${name}: ${problem}.`);
      continue;
    }
    const built = buildArticle(name, bytes!, sidecar.entries[name]);
    warnings.push(...built.warnings);
    if (built.article) articles.push(built.article);
  }
  if (articles.length === 0)
    throw new CorpusError(`No usable articles in ${seedsDir}:\n${warnings.map((w) => `  - ${w}`).join('\n')}`);
  return { articles, warnings };
}

export function loadArticles(seedsDir: string, options: CorpusOptions = {}): Article[] {
  return readCorpus(seedsDir, options).articles;
}
