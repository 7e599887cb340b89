import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import type { Nodes, RootContent } from 'mdast';
import YAML from 'yaml';
import { cleanParagraphs } from './clean.ts';
import { splitWall } from './structure.ts';
import { describeIssues, FrontMatterSchema } from './metadata.ts';
import { ArticleReadError, type ReadArticle } from './reader.ts';

/**
 * A markdown article, read with a CommonMark parser (micromark/mdast): YAML front matter is metadata
 * (title, date, outlet, url), the first `#` heading is the title when the front matter has none, every paragraph,
 * list item, quote and other heading is text, and inline syntax (emphasis, links, code) becomes plain words.
 * Code blocks and raw HTML are not article text.
 */
export function readMarkdown(source: string): ReadArticle {
  const tree = fromMarkdown(source, { extensions: [frontmatter(['yaml'])], mdastExtensions: [frontmatterFromMarkdown(['yaml'])] });
  const warnings: string[] = [];
  let meta: Partial<Record<'title' | 'outlet' | 'date' | 'url', string | null>> = {};
  let heading: string | undefined;
  const blocks: string[] = [];

  const plain = (node: Nodes) => toString(node, { includeImageAlt: false }).replace(/\s+/g, ' ').trim();
  const visit = (node: RootContent) => {
    switch (node.type) {
      case 'yaml': {
        let data: unknown;
        try {
          data = YAML.parse(node.value);
        } catch (error) {
          throw new ArticleReadError(`its front matter is not valid YAML (${(error as Error).message.split('\n')[0]})`);
        }
        if (data === null || data === undefined) break;
        const parsed = FrontMatterSchema.safeParse(data);
        if (parsed.success) meta = parsed.data;
        else warnings.push(`its front matter was ignored: ${describeIssues(parsed.error)}`);
        break;
      }
      case 'heading': {
        const text = plain(node);
        if (node.depth === 1 && heading === undefined) heading = text;
        else if (text) blocks.push(text);
        break;
      }
      case 'paragraph':
        if (plain(node)) blocks.push(plain(node));
        break;
      case 'blockquote':
      case 'list':
      case 'listItem':
        node.children.forEach((child) => visit(child as RootContent));
        break;
      default:
        // code, html, thematic breaks, definitions: not the article's words
        break;
    }
  };
  tree.children.forEach(visit);

  const title = meta.title ?? heading ?? '';
  const cleaned = cleanParagraphs(blocks.flatMap(splitWall), { title });
  return {
    title: cleaned.title || null,
    date: meta.date ?? cleaned.date,
    outlet: meta.outlet ?? null,
    url: meta.url ?? null,
    paragraphs: cleaned.paragraphs,
    warnings,
  };
}
