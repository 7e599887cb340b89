import { NotAnArticleError, readHtml, savedFromUrl } from './html.ts';
import { ArticleReadError, type ReadArticle } from './reader.ts';

/** Saved web pages in the articles folder. (No import from articles.ts: it imports this module.) */
export const HTML_EXTENSIONS = ['.html', '.htm'];

export function isHtmlFile(file: string): boolean {
  return HTML_EXTENSIONS.some((ext) => file.toLowerCase().endsWith(ext));
}

/** The reader for `.html` files: Readability's article, the page's own metadata, or the reason it is no article. */
export function readHtmlArticle(html: string): ReadArticle {
  try {
    const page = readHtml(html, savedFromUrl(html) ?? undefined);
    return { title: page.title, date: page.date, outlet: page.outlet, url: page.url, paragraphs: page.paragraphs };
  } catch (error) {
    if (error instanceof NotAnArticleError) throw new ArticleReadError(error.message);
    throw error;
  }
}
