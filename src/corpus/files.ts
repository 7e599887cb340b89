/**
 * Which files in the articles folder are articles, their bytes, and the corpus fingerprint. Nothing here parses an
 * article, so a warm start can check whether the index is stale without loading the readers (HTML, Markdown).
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { FriendlyError } from '../errors.ts';

/** Optional sidecar in the seeds folder: `{ "<file name>": { title?, outlet?, date?, url?, note? } }`. */
export const METADATA_FILE = 'articles.json';

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

/** The file types read as articles; `READERS` in articles.ts has one reader for each. */
export const ARTICLE_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm'] as const;
export type ArticleExtension = (typeof ARTICLE_EXTENSIONS)[number];

/** The article type of a file name, by its extension (any case), or undefined when it is no article type. */
export function articleExtension(name: string): ArticleExtension | undefined {
  const ext = path.extname(name).toLowerCase();
  return (ARTICLE_EXTENSIONS as readonly string[]).includes(ext) ? (ext as ArticleExtension) : undefined;
}

const HTML_EXTENSIONS: readonly ArticleExtension[] = ['.html', '.htm'];
export const isHtmlFile = (name: string): boolean => HTML_EXTENSIONS.includes(articleExtension(name)!);

/** Pages above this size are refused before parsing (real article pages are well under 3 MB). */
export const MAX_HTML_BYTES = 5_000_000;
/** Not articles, never warned about: hidden files, the sidecar, a README. */
const isHousekeeping = (name: string) => name.startsWith('.') || name === METADATA_FILE || /^readme(\.|$)/i.test(name);
const isCandidate = (name: string) => articleExtension(name) !== undefined && !isHousekeeping(name);
/** The article files directly in a folder, by name (what `npm run add -- FOLDER` adds). */
export function articleFilesIn(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && isCandidate(entry.name))
    .map((entry) => path.join(dir, entry.name))
    .sort();
}

/** Another kind of document (story.pdf, notes.docx): not read, but worth a warning, since it looks meant as one. */
const isOtherDocument = (entry: fs.Dirent) =>
  !entry.isDirectory() && !isHousekeeping(entry.name) && path.extname(entry.name) !== '' && !isCandidate(entry.name);
const supported = () => ARTICLE_EXTENSIONS.join(', ');

function kilobytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export function ioProblem(error: unknown): string {
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
      `No articles (${supported()} files) in ${seedsDir}${found}. Add some with \`npm run add -- FILE_OR_URL\`.`,
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
