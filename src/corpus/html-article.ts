import { NotAnArticleError, readHtml, savedFromUrl } from './html.ts';
import { ArticleReadError, type ReadArticle } from './reader.ts';

/** The reader for `.html` files: Readability's article, the page's own metadata, or the reason it is no article. */
export function readHtmlArticle(html: string): ReadArticle {
  try {
    const page = readHtml(html, savedFromUrl(html) ?? undefined);
    const { title, date, outlet, url, paragraphs, listItems } = page;
    return { title, date, outlet, url, paragraphs, listItems };
  } catch (error) {
    if (error instanceof NotAnArticleError) throw new ArticleReadError(error.message);
    throw error;
  }
}
