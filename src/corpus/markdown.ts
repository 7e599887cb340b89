import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import type { Nodes, RootContent } from 'mdast';
import YAML from 'yaml';
import { cleanParagraphs, isCodeLine, isFurnitureLine } from './clean.ts';
import { splitWall, wrapWidth } from './structure.ts';
import { parseFrontMatter, type FrontMatter } from './metadata.ts';
import { ArticleReadError, type ReadArticle } from './reader.ts';

/** Ends a sentence: a line of a saved page that was pasted into markdown without blank lines. */
const SENTENCE_END = /[.!?…]["”’')\]]*$/;
/** A headline is short and is not a sentence. */
const MAX_HEADLINE_WORDS = 25;

function isHeadlineLike(block: string): boolean {
  return block.split(/\s+/).length <= MAX_HEADLINE_WORDS && !/[.!?:;,…]["”’')\]]*$/.test(block);
}

/** The words of inline content: emphasis, links and code become their text, a hard break a line break. */
function inlineText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return '\n';
    case 'image':
    case 'imageReference':
    case 'html':
    case 'footnoteReference':
      return '';
    default:
      return 'children' in node ? node.children.map((child) => inlineText(child as Nodes)).join('') : '';
  }
}

/**
 * A markdown article, read with a CommonMark parser (micromark/mdast): YAML front matter is metadata
 * (title, date, outlet, url), the first `#` heading is the title when the front matter has none, every paragraph,
 * list item, quote and other heading is text, and inline syntax (emphasis, links, code) becomes plain words.
 * Code blocks and raw HTML are not article text.
 */
export function readMarkdown(source: string): ReadArticle {
  const tree = fromMarkdown(source, {
    extensions: [frontmatter(['yaml', 'toml'])],
    mdastExtensions: [frontmatterFromMarkdown(['yaml', 'toml'])],
  });
  const warnings: string[] = [];
  let meta: FrontMatter = {};
  let heading: string | undefined;
  const blocks: string[] = [];
  // The paragraphs written as items of a list ("- Mini bars almost always lose money"): sentences without a full stop.
  const items = new Set<string>();
  // Hard-wrapped markdown joins its lines; a page pasted in without blank lines keeps a paragraph per sentence-line.
  const wrapped = wrapWidth(source.split(/\r?\n/)) !== null;

  const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
  const paragraphs = (node: Nodes): string[] => {
    const lines = inlineText(node)
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const out: string[] = [];
    lines.forEach((line, i) => {
      const next = lines[i + 1];
      // Unwrapped text: a line ends its paragraph after a sentence or a headline, before a capital; repeats split.
      const ends =
        next !== undefined &&
        ((!wrapped && /^[\p{Lu}\d"“‘']/u.test(next) && (SENTENCE_END.test(line) || isHeadlineLike(line))) ||
          next === line);
      const open = out.length && !out.at(-1)!.endsWith('\n') ? out.pop()! : null;
      // As in plain text, a wrapper's break after a hyphen ("anti-|Taliban") joins without a space.
      out.push(open === null ? line : `${open}${/\p{L}-$/u.test(open) ? '' : ' '}${line}`);
      if (ends || next === undefined) out.push(`${out.pop()}\n`);
    });
    return out.map(collapse).filter(Boolean);
  };
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
        if (parsed.problems.length)
          warnings.push(
            `front matter field${parsed.problems.length > 1 ? 's' : ''} ignored: ${parsed.problems.join('; ')}`,
          );
        break;
      }
      case 'heading': {
        const text = collapse(inlineText(node));
        if (node.depth === 1 && heading === undefined) heading = text;
        else if (text) blocks.push(text);
        break;
      }
      case 'paragraph':
        blocks.push(...paragraphs(node));
        break;
      case 'listItem': {
        const from = blocks.length;
        node.children.forEach((child) => visit(child as RootContent));
        for (const block of blocks.slice(from)) items.add(block);
        break;
      }
      case 'blockquote':
      case 'list':
        node.children.forEach((child) => visit(child as RootContent));
        break;
      default:
        // code, html, thematic breaks, definitions: not the article's words
        break;
    }
  };
  tree.children.forEach(visit);

  // Without a title in front matter or a # heading, a headline-like first line (after any page furniture) is it.
  if (meta.title === undefined && heading === undefined) {
    const first = blocks.findIndex((b) => !isCodeLine(b) && !isFurnitureLine(b, true));
    if (first !== -1 && blocks.length > first + 1 && isHeadlineLike(blocks[first]!))
      heading = blocks.splice(first, 1)[0];
  }
  const title = meta.title ?? heading ?? '';
  const cleaned = cleanParagraphs(blocks.flatMap(splitWall), { title, listItems: items });
  return {
    title: cleaned.title || null,
    date: meta.date ?? cleaned.date,
    outlet: meta.outlet ?? null,
    url: meta.url ?? null,
    paragraphs: cleaned.paragraphs,
    listItems: cleaned.listItems,
    warnings,
  };
}
