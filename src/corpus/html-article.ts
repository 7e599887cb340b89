import { NotAnArticleError, readHtml } from './html.ts';

/** Saved web pages in the articles folder. (No import from articles.ts: it imports this module.) */
export const HTML_EXTENSIONS = ['.html', '.htm'];

export function isHtmlFile(file: string): boolean {
  return HTML_EXTENSIONS.some((ext) => file.toLowerCase().endsWith(ext));
}

/** Citation fields and paragraphs of a saved page; the sidecar (`articles.json`) overrides what the page states. */
export function htmlArticleFields(
  file: string,
  raw: string,
  meta: { title?: string; outlet?: string | null; date?: string | null; url?: string | null },
  fallbackTitle: string,
) {
  let page;
  try {
    page = readHtml(raw);
  } catch (error) {
    if (error instanceof NotAnArticleError) throw new NotAnArticleError(`${file}: ${error.message}`, error.kind);
    throw error;
  }
  return {
    title: meta.title ?? page.title ?? fallbackTitle,
    outlet: meta.outlet ?? page.outlet,
    date: meta.date ?? page.date,
    url: meta.url ?? page.url,
    paragraphs: page.paragraphs,
  };
}
