import fs from 'node:fs';
import path from 'node:path';
import { buildArticle, loadArticles } from '../corpus/articles.ts';
import { decodeText } from '../corpus/decode.ts';
import type { Article } from '../corpus/article.ts';
import { CorpusError, isHtmlFile, MAX_HTML_BYTES } from '../corpus/files.ts';
import { decodeHtml, looksLikeHtml, markSavedFrom, NotAnArticleError, readHtml } from '../corpus/html.ts';
import { FriendlyError } from '../errors.ts';
import { fetchPage, type FetchOptions } from './fetch-page.ts';

/**
 * `npm run add -- PATH_OR_URL…`: puts a page (a saved file or a URL) into the articles folder, keeping the original
 * HTML so a rebuild never needs the network. A page is refused, and nothing is written, when it holds no article,
 * is too large or not HTML, or duplicates an article already there (same canonical URL or same text).
 */
export type AddOutcome =
  | { status: 'added'; input: string; file: string; article: Article }
  | { status: 'duplicate' | 'refused'; input: string; message: string };

const TEXT_EXTENSIONS = ['.txt', '.md'];

export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/** A URL as compared for duplicates: no fragment, no "www.", no trailing slash, either scheme. */
export function urlKey(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname.replace(/^www\./, '').toLowerCase()}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  } catch {
    return url;
  }
}

/** Text as compared for duplicates: case and spacing ignored. */
function textKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A file name from the title: lower-case ASCII words, at most 60 characters, cut at a word. */
export function slugOf(title: string): string {
  let slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length > 60) slug = slug.slice(0, 60).replace(/-[^-]*$/, '');
  return slug || 'article';
}

/** A name no article in the folder has, whatever its extension (article ids may ignore the extension). */
function freeName(seedsDir: string, slug: string, ext: string): string {
  const taken = new Set(
    fs.existsSync(seedsDir) ? fs.readdirSync(seedsDir).map((f) => path.basename(f, path.extname(f)).toLowerCase()) : [],
  );
  for (let n = 1; ; n++) {
    const base = `${slug}${n === 1 ? '' : `-${n}`}`;
    if (!taken.has(base)) return `${base}${ext}`;
  }
}

/** The articles already in the folder (none when it is missing or empty). */
function existingArticles(seedsDir: string): Article[] {
  try {
    return loadArticles(seedsDir);
  } catch (error) {
    if (error instanceof CorpusError) return [];
    throw error;
  }
}

/** Reads the input: a page fetched from the web, or a local file. Throws FriendlyErrors. */
async function readInput(
  input: string,
  fetchOptions: FetchOptions,
): Promise<{ content: string; ext: string; sourceUrl?: string; name: string }> {
  if (isUrl(input)) {
    const page = await fetchPage(input, fetchOptions);
    return { content: markSavedFrom(page.html, page.url), ext: '.html', sourceUrl: page.url, name: page.url };
  }
  if (!fs.existsSync(input) || !fs.statSync(input).isFile())
    throw new FriendlyError(`${input}: no such file (give a file path or an http(s) URL)`);
  const size = fs.statSync(input).size;
  if (fs.readFileSync(input, 'utf8').trim() === '')
    throw new NotAnArticleError(`${input}: the file is empty`, 'too-short');
  if (size > MAX_HTML_BYTES)
    throw new NotAnArticleError(
      `${input}: the file is too large (${(size / 1e6).toFixed(1)} MB; the limit is ${MAX_HTML_BYTES / 1e6} MB)`,
      'too-large',
    );
  const bytes = fs.readFileSync(input);
  const content = bytes.toString('utf8');
  const ext = path.extname(input).toLowerCase();
  // Pages are stored as UTF-8 (the folder is read as UTF-8), decoded from the charset they declare.
  if (isHtmlFile(input) || (!TEXT_EXTENSIONS.includes(ext) && looksLikeHtml(content)))
    return { content: decodeHtml(bytes), ext: '.html', name: input };
  if (TEXT_EXTENSIONS.includes(ext)) {
    // Decoded as the index reads it: binary data or an unknown encoding is refused here, not copied in.
    const decoded = decodeText(bytes);
    if ('problem' in decoded) throw new FriendlyError(`${input}: ${decoded.problem}`);
    return { content: decoded.text, ext, name: input };
  }
  throw new NotAnArticleError(`${input}: not an HTML page or a .txt/.md article`, 'not-html');
}

export class ArticleAdder {
  private articles: Article[] | null = null;

  constructor(
    readonly seedsDir: string,
    private readonly fetchOptions: FetchOptions = {},
  ) {}

  /** Adds one page; never throws for a page's own problems (they are outcomes), only for I/O failures. */
  async add(input: string): Promise<AddOutcome> {
    if (isUrl(input)) {
      // Known already: say so without going to the network.
      const known = (this.articles ??= existingArticles(this.seedsDir)).find(
        (a) => a.url && urlKey(a.url) === urlKey(input),
      );
      if (known)
        return {
          status: 'duplicate',
          input,
          message: `${input}: already in the articles as ${known.file} (same URL); nothing added`,
        };
    }
    let source;
    try {
      source = await readInput(input, this.fetchOptions);
      if (source.ext === '.html') readHtml(source.content, source.sourceUrl); // refuses non-articles with their own message
    } catch (error) {
      if (error instanceof FriendlyError)
        return {
          status: 'refused',
          input,
          message: error.message.startsWith(input) ? error.message : `${input}: ${error.message}`,
        };
      throw error;
    }
    const probe = buildArticle(`new${source.ext}`, source.content).article;
    if (!probe)
      return { status: 'refused', input, message: `${input}: no article text in it (only a title, or nothing)` };
    const existing = (this.articles ??= existingArticles(this.seedsDir));
    const sameUrl = probe.url ? existing.find((a) => a.url && urlKey(a.url) === urlKey(probe.url!)) : undefined;
    if (sameUrl)
      return {
        status: 'duplicate',
        input,
        message: `${input}: already in the articles as ${sameUrl.file} (same URL ${probe.url}); nothing added`,
      };
    const sameText = existing.find((a) => textKey(a.text) === textKey(probe.text));
    if (sameText)
      return {
        status: 'duplicate',
        input,
        message: `${input}: already in the articles as ${sameText.file} (same text); nothing added`,
      };

    fs.mkdirSync(this.seedsDir, { recursive: true });
    const file = freeName(this.seedsDir, slugOf(probe.title), source.ext);
    const target = path.join(this.seedsDir, file);
    const temp = path.join(this.seedsDir, `.${file}.${process.pid}.tmp`);
    fs.writeFileSync(temp, source.content, { flag: 'wx' });
    fs.renameSync(temp, target);
    const article = buildArticle(file, source.content).article!;
    existing.push(article);
    return { status: 'added', input, file, article };
  }
}
