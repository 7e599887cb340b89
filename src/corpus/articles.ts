import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { joinParagraphs } from './passages.ts';
import { decodeText } from './decode.ts';
import { parseSidecar, type Metadata } from './metadata.ts';
import { readMarkdown } from './markdown.ts';
import { ArticleReadError, readPlainText, type ArticleReader } from './reader.ts';
import { FriendlyError } from '../errors.ts';
import { isHtmlFile, readHtmlArticle } from './html-article.ts';
import { MAX_HTML_BYTES } from './html.ts';

export interface ArticleMeta {
  /** The file name, extension included: `story.txt` and `story.md` are two articles. */
  id: string;
  title: string;
  outlet: string | null;
  date: string | null;
  url: string | null;
}

export interface Article extends ArticleMeta {
  file: string;
  paragraphs: string[];
  /** The cleaned text that passages and quotes are cut from. */
  text: string;
}

/** The citation fields of an article. */
export function metaOf({ id, title, outlet, date, url }: ArticleMeta): ArticleMeta {
  return { id, title, outlet, date, url };
}

/** Optional sidecar in the seeds folder: `{ "<file name>": { title?, outlet?, date?, url?, note? } }`. */
export const METADATA_FILE = 'articles.json';

/** One reader per file type (by extension, lower case). A new type plugs in with one line. */
export const READERS: Readonly<Record<string, ArticleReader>> = {
  '.txt': readPlainText,
  '.md': readMarkdown,
  '.markdown': readMarkdown,
  '.html': readHtmlArticle,
  '.htm': readHtmlArticle,
};

/** Larger files are skipped with a warning (MAX_ARTICLE_KB): a book-sized "article" would take hours to embed. */
export const DEFAULT_MAX_ARTICLE_BYTES = 1024 * 1024;

export interface CorpusOptions {
  maxArticleBytes?: number;
}

export class CorpusError extends FriendlyError {
  override name = 'CorpusError';
}

/** A candidate article file: its bytes, or why it can't be used. */
export interface ArticleFile {
  name: string;
  bytes?: Buffer;
  problem?: string;
}

const readerFor = (name: string): ArticleReader | undefined => {
  const ext = path.extname(name).toLowerCase();
  return Object.hasOwn(READERS, ext) ? READERS[ext] : undefined;
};
/** Not articles, never warned about: hidden files, the sidecar, a README. */
const isHousekeeping = (name: string) => name.startsWith('.') || name === METADATA_FILE || /^readme(\.|$)/i.test(name);
const isCandidate = (name: string) => readerFor(name) !== undefined && !isHousekeeping(name);
/** Another kind of document (story.pdf, notes.docx): not read, but worth a warning, since it looks meant as one. */
const isOtherDocument = (entry: fs.Dirent) =>
  !entry.isDirectory() && !isHousekeeping(entry.name) && path.extname(entry.name) !== '' && !isCandidate(entry.name);
const supported = () => Object.keys(READERS).join(', ');

function kilobytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function ioProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ELOOP') return 'it is a symbolic link loop';
  if (code === 'ENOENT') return 'it is a broken link (its target does not exist)';
  if (code === 'EACCES' || code === 'EPERM') return 'it cannot be read (permission denied)';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  return `it cannot be read (${code ?? (error as Error)?.message ?? String(error)})`;
}

function listFolder(seedsDir: string): fs.Dirent[] {
  try {
    if (!fs.statSync(seedsDir).isDirectory())
      throw new CorpusError(`SEEDS_DIR ${seedsDir} is a file, not a folder of articles.`);
    return fs.readdirSync(seedsDir, { withFileTypes: true });
  } catch (error) {
    if (error instanceof CorpusError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new CorpusError(
        `The articles folder ${seedsDir} does not exist. Set SEEDS_DIR or create it and add .txt or .md articles.`,
      );
    }
    throw new CorpusError(`The articles folder ${seedsDir} cannot be read: ${ioProblem(error).replace(/^it /, '')}.`);
  }
}

/**
 * The article files in the folder, each read once (links followed): its bytes, or the reason it is unusable.
 * Only regular files are opened, so a folder, pipe or device named like an article never blocks or crashes.
 */
export function scanArticleFiles(
  seedsDir: string,
  { maxArticleBytes = DEFAULT_MAX_ARTICLE_BYTES }: CorpusOptions = {},
): ArticleFile[] {
  const entries = listFolder(seedsDir);
  const names = entries
    .map((e) => e.name)
    .filter(isCandidate)
    .sort();
  const others = entries
    .filter(isOtherDocument)
    .map((e) => e.name)
    .sort();
  if (names.length === 0) {
    const found = others.length
      ? ` (only ${others.slice(0, 5).join(', ')}${others.length > 5 ? ', …' : ''}: save articles as text)`
      : '';
    throw new CorpusError(
      `No articles (${supported()} files) in ${seedsDir}${found}. Add some and run \`npm run ingest\`.`,
    );
  }
  const unsupported = others.map((name): ArticleFile => ({
    name,
    problem: `${path.extname(name)} files are not read (only ${supported()}); save it as text to include it`,
  }));
  return [
    ...unsupported,
    ...names.map((name): ArticleFile => {
      const file = path.join(seedsDir, name);
      try {
        const stat = fs.statSync(file);
        if (stat.isDirectory()) return { name, problem: 'it is a folder, not a file' };
        if (!stat.isFile()) return { name, problem: 'it is not a regular file (a device, pipe or socket)' };
        // A saved page is mostly markup: its own limit applies, and its text is far smaller.
        const limit = isHtmlFile(name) ? Math.max(maxArticleBytes, MAX_HTML_BYTES) : maxArticleBytes;
        const tooLarge = (size: number) => ({
          name,
          problem: `it is ${kilobytes(size)}, over the ${kilobytes(limit)} limit for one article (MAX_ARTICLE_KB); split it or raise the limit`,
        });
        if (stat.size > limit) return tooLarge(stat.size);
        const bytes = fs.readFileSync(file);
        return bytes.length > limit ? tooLarge(bytes.length) : { name, bytes };
      } catch (error) {
        return { name, problem: ioProblem(error) };
      }
    }),
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

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
  let text: string;
  if (typeof content === 'string') text = content;
  else {
    const decoded = decodeText(content);
    if ('problem' in decoded) return { warnings: [`Skipped ${file}: ${decoded.problem}.`] };
    if (decoded.note) warnings.push(`${file}: ${decoded.note}.`);
    text = decoded.text;
  }
  const reader = readerFor(file) ?? readPlainText;
  let read;
  try {
    read = reader(text);
  } catch (error) {
    if (!(error instanceof ArticleReadError)) throw error;
    return { warnings: [`Skipped ${file}: ${error.message}.`] };
  }
  warnings.push(...(read.warnings ?? []).map((w) => `${file}: ${w}.`));
  if (read.paragraphs.length === 0)
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
    paragraphs: read.paragraphs,
    text: joinParagraphs(read.paragraphs),
  };
  return { article, warnings };
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

/** Changes whenever an article, the sidecar, the size limit or the text pipeline changes: the index is then stale. */
export function corpusFingerprint(seedsDir: string, pipelineVersion: string, options: CorpusOptions = {}): string {
  const hash = crypto
    .createHash('sha256')
    .update(pipelineVersion)
    .update(`\0${options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES}`);
  for (const { name, bytes, problem } of scanArticleFiles(seedsDir, options))
    hash.update(`\0${name}\0`).update(bytes ?? `\0unusable: ${problem}`);
  try {
    hash.update(`\0${METADATA_FILE}\0`).update(fs.readFileSync(path.join(seedsDir, METADATA_FILE)));
  } catch {
    // no (readable) sidecar: nothing more to hash
  }
  return hash.digest('hex').slice(0, 16);
}
