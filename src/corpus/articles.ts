import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { cleanText } from './clean.ts';
import { joinParagraphs } from './passages.ts';
import { FriendlyError } from '../errors.ts';
import { HTML_EXTENSIONS, htmlArticleFields, isHtmlFile } from './html-article.ts';

export interface ArticleMeta {
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

/** Optional sidecar in the seeds folder: `{ "<file name>": { title?, outlet?, date?, url? } }`. */
export const METADATA_FILE = 'articles.json';
const ARTICLE_EXTENSIONS = new Set(['.txt', '.md', ...HTML_EXTENSIONS]);

type Sidecar = Record<string, Partial<Omit<ArticleMeta, 'id'>>>;

export class CorpusError extends FriendlyError {
  override name = 'CorpusError';
}

export function listArticleFiles(seedsDir: string): string[] {
  if (!fs.existsSync(seedsDir)) throw new CorpusError(`The articles folder ${seedsDir} does not exist. Set SEEDS_DIR or create it and add .txt, .md or .html articles.`);
  const files = fs
    .readdirSync(seedsDir)
    .filter((f) => ARTICLE_EXTENSIONS.has(path.extname(f).toLowerCase()) && !f.startsWith('.') && f.toLowerCase() !== 'readme.md')
    .sort();
  if (files.length === 0) throw new CorpusError(`No articles (.txt, .md or .html files) in ${seedsDir}. Add some and run \`npm run ingest\`.`);
  return files;
}

function readSidecar(seedsDir: string): Sidecar {
  const file = path.join(seedsDir, METADATA_FILE);
  if (!fs.existsSync(file)) return {};
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Sidecar;
  } catch (error) {
    throw new CorpusError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Pure: one raw article plus optional metadata into a cleaned article. */
export function buildArticle(file: string, raw: string, meta: Sidecar[string] = {}): Article {
  const id = path.basename(file, path.extname(file));
  if (isHtmlFile(file)) {
    const html = htmlArticleFields(file, raw, meta, id);
    return { id, file, ...html, text: joinParagraphs(html.paragraphs) };
  }
  const cleaned = cleanText(raw);
  return {
    id,
    file,
    title: meta.title ?? (cleaned.title || id),
    outlet: meta.outlet ?? null,
    date: meta.date ?? cleaned.date,
    url: meta.url ?? null,
    paragraphs: cleaned.paragraphs,
    text: joinParagraphs(cleaned.paragraphs),
  };
}

export function loadArticles(seedsDir: string): Article[] {
  const sidecar = readSidecar(seedsDir);
  return listArticleFiles(seedsDir).map((file) => buildArticle(file, fs.readFileSync(path.join(seedsDir, file), 'utf8'), sidecar[file]));
}

/** Changes whenever an article, the sidecar or the text pipeline changes: the index is then stale. */
export function corpusFingerprint(seedsDir: string, pipelineVersion: string): string {
  const hash = crypto.createHash('sha256').update(pipelineVersion);
  const names = [...listArticleFiles(seedsDir), ...(fs.existsSync(path.join(seedsDir, METADATA_FILE)) ? [METADATA_FILE] : [])];
  for (const name of names) hash.update(`\0${name}\0`).update(fs.readFileSync(path.join(seedsDir, name)));
  return hash.digest('hex').slice(0, 16);
}
