import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import type { Nodes, RootContent } from 'mdast';
import YAML from 'yaml';
import { cleanParagraphs } from './clean.ts';
import { splitWall } from './structure.ts';
import { parseFrontMatter, type FrontMatter } from './metadata.ts';
import { ArticleReadError, type ReadArticle } from './reader.ts';

/**
 * A markdown article, read with a CommonMark parser (micromark/mdast): YAML front matter is metadata
 * (title, date, outlet, url), the first `#` heading is the title when the front matter has none, every paragraph,
 * list item, quote and other heading is text, and inline syntax (emphasis, links, code) becomes plain words.
 * Code blocks and raw HTML are not article text.
 */
/** "Valley villagers return" or "**Valley villagers return**": a few words, no sentence end. */
function isHeadlineLike(block: string): boolean {
  const words = block.split(/\s+/).length;
  return words <= 15 && !/[.!?:;,…]["”’')]*$/.test(block);
}

export function readMarkdown(source: string): ReadArticle {
  const tree = fromMarkdown(source, { extensions: [frontmatter(['yaml', 'toml'])], mdastExtensions: [frontmatterFromMarkdown(['yaml', 'toml'])] });
  const warnings: string[] = [];
  let meta: FrontMatter = {};
  let heading: string | undefined;
  const blocks: string[] = [];

  const plain = (node: Nodes) => toString(node, { includeImageAlt: false }).replace(/\s+/g, ' ').trim();
  const visit = (node: RootContent) => {
    if ((node as { type: string }).type === 'toml') {
      warnings.push('its TOML (+++) front matter was ignored: only YAML (---) front matter is read');
      return;
    }
    switch (node.type) {
      case 'yaml': {
        let data: unknown;
        try {
          data = YAML.parse(node.value);
        } catch (error) {
          throw new ArticleReadError(`its front matter is not valid YAML (${(error as Error).message.split('\n')[0]})`);
        }
        const parsed = parseFrontMatter(data);
        meta = parsed.meta;
        if (parsed.problems.length) warnings.push(`front matter field${parsed.problems.length > 1 ? 's' : ''} ignored: ${parsed.problems.join('; ')}`);
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

  // Without a title in front matter or a # heading, a short first line that is not a sentence is the headline.
  if (meta.title === undefined && heading === undefined && blocks.length > 1 && isHeadlineLike(blocks[0]!)) heading = blocks.shift();
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
