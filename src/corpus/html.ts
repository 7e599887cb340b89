import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { texText } from '../text/tex.ts';
import { FriendlyError } from '../errors.ts';
import { MAX_HTML_BYTES } from './files.ts';
import { isCodeLine, isFurnitureLine } from './clean.ts';
import { findDate, isDateline, openingDateline } from './dates.ts';
import { textParagraphs } from './structure.ts';
import { isEnglishWord } from '../text/english.ts';

/**
 * A saved news page (HTML) into its article: Mozilla Readability finds the article in the page and its metadata;
 * this module only turns Readability's cleaned article DOM into paragraphs and reads the few metadata fields
 * Readability leaves out (canonical URL, structured publication dates). Pure: no I/O.
 *
 * Metadata is what the page states, never guessed: a field the page does not give is null.
 */
export interface HtmlArticle {
  title: string | null;
  outlet: string | null;
  author: string | null;
  /** Publication day as YYYY-MM-DD, as the page writes it (its own time zone). */
  date: string | null;
  /** Canonical http(s) URL: `<link rel=canonical>`, `og:url`, then the URL it was fetched from. */
  url: string | null;
  paragraphs: string[];
  /** The paragraphs that are items of a list (indices into `paragraphs`): "Mini bars almost always lose money". */
  listItems: number[];
}

/** Why a page was refused; `kind` lets callers and tests tell the cases apart. */
export class NotAnArticleError extends FriendlyError {
  override name = 'NotAnArticleError';
  constructor(
    message: string,
    readonly kind: 'no-article' | 'too-short' | 'too-large' | 'not-html',
  ) {
    super(message);
  }
}

/** Below this much article text a page is an index, a login wall or an error page, not an article. */
export const MIN_ARTICLE_CHARS = 500;

/** Browsers' "Save page" marker, `<!-- saved from url=(0042)https://… -->`; `add URL` writes it too. */
const SAVED_FROM = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i;

/** Elements that start and end a paragraph of their own. */
const BLOCK = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'BLOCKQUOTE',
  'LI',
  'UL',
  'OL',
  'DL',
  'DT',
  'DD',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'PRE',
  'TABLE',
  'TR',
  'TD',
  'TH',
  'HR',
  'ADDRESS',
]);
/** Never article text: media and its captions/credits, controls, embedded frames. */
const SKIP = new Set([
  'FIGURE',
  'FIGCAPTION',
  'PICTURE',
  'IMG',
  'SVG',
  'VIDEO',
  'AUDIO',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'BUTTON',
  'FORM',
  'INPUT',
  'SELECT',
  'TEXTAREA',
  'LABEL',
  'NAV',
  'ASIDE',
  'FOOTER',
  'ANNOTATION',
  'ANNOTATION-XML', // MathML keeps its presentation, not its TeX source
]);

type Node = {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<Node>;
  getAttribute?: (name: string) => string | null;
  parentNode?: Node | null;
};

/** Text node → text; <br> → a break; whitespace collapsed as a browser renders it. */
function normalise(text: string): string {
  return text
    .replace(/[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** A line that opens like a list item: "+ Added Slime Block", "• …", "- …", "1. …". */
const BULLET_LINE = /^\s*(?:[-+*•–—▪◦]|\d{1,2}[.)])\s+\S/;
/** Stands for a single <br> until the block is complete (no text contains it). */
const LINE_BREAK = '\u0000';

/**
 * The paragraphs of one block's text: one, with its line breaks read as spaces, unless its lines are a list written
 * with <br> ("+ Added Slime Block<br>+ Added Iron Trapdoor<br>…", Minecraft's changelog), whose items are paragraphs
 * as <li> items are.
 */
function blockParagraphs(text: string): string[] {
  const lines = text.split(LINE_BREAK).filter((line) => line.trim());
  const bulleted = lines.filter((line) => BULLET_LINE.test(line)).length;
  // Items of a word or two ("1. Finland<br>2. Norway") stay one paragraph: alone, each would read as a UI crumb.
  const sayMore = lines.filter((line) => words(line) >= 4).length;
  const list = lines.length >= 3 && bulleted >= lines.length - 1 && sayMore >= lines.length / 2;
  return (list ? lines : [lines.join(' ')]).map(normalise).map(withDropCapJoined).filter(Boolean);
}

/**
 * A drop cap set apart from its word ("T he Smithsonian’s …": The New York Times writes `<span>T</span> <span>he`),
 * joined again when the two make an English word; "A new …" and "I was …" are words already.
 */
function withDropCapJoined(paragraph: string): string {
  const m = /^(\p{Lu}) (\p{Ll}{2,})\b/u.exec(paragraph);
  if (!m || /^[AIO]$/.test(m[1]!) || !isEnglishWord(`${m[1]}${m[2]}`.toLowerCase())) return paragraph;
  return `${m[1]}${paragraph.slice(2)}`;
}

/** A heading's link to itself, shown as a mark: "Using standalone mode in Emscripten <a href="#using-…">#</a>" (V8). */
function isPermalinkMark(link: Node): boolean {
  return (
    (link.getAttribute?.('href') ?? '').startsWith('#') && /^\s*(?:#|¶|§|🔗|link)?\s*$/iu.test(link.textContent ?? '')
  );
}

/** One paragraph per block element (p, li, blockquote paragraph, heading); inline text joins its block. */
export function paragraphsOf(root: Node): string[] {
  return blocksOf(root).map((b) => b.text);
}

/** A paragraph of the article, and whether it is an item of a list. */
interface Block {
  text: string;
  listItem: boolean;
}

/**
 * paragraphsOf's paragraphs, each marked when it is an item of a list (<li>) written as text, not as a link: "Tweezers"
 * in what a how-to needs, not "2.1 Pledge" in a table of contents or "Hotels" in a list of tags.
 */
function blocksOf(root: Node): Block[] {
  const paragraphs: Block[] = [];
  let buffer = '';
  let linked = 0;
  let breaks = 0;
  let inItem = 0;
  let inLink = 0;
  const flush = () => {
    // (an item that ends in a colon is a label for what follows: "More about:")
    const listItem = inItem > 0 && linked < buffer.trim().length / 2 && !/:\s*$/.test(buffer);
    paragraphs.push(...blockParagraphs(buffer).map((text) => ({ text, listItem })));
    buffer = '';
    linked = 0;
    breaks = 0;
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      const text = node.textContent ?? '';
      if (text.trim()) breaks = 0;
      buffer += text;
      if (inLink) linked += text.trim().length;
      return;
    }
    if (node.nodeType !== 1) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    if (node.getAttribute?.('hidden') !== null && node.getAttribute?.('hidden') !== undefined) return;
    if (node.getAttribute?.('aria-hidden') === 'true') return;
    if (name === 'A' && isPermalinkMark(node)) return;
    if (name === 'BR') {
      // <br><br> separates paragraphs; a single <br> is a line break inside one.
      if (++breaks >= 2) flush();
      else buffer += LINE_BREAK;
      return;
    }
    const block = BLOCK.has(name);
    if (block) flush();
    if (name === 'LI') inItem++;
    if (name === 'A') inLink++;
    for (const child of Array.from(node.childNodes)) walk(child);
    if (name === 'A') inLink--;
    if (block) flush();
    if (name === 'LI') inItem--;
  };
  walk(root);
  flush();
  return paragraphs;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_ALL = new RegExp(CJK.source, 'gu');
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Where the article ends and the page's furniture begins: author bios, newsletter boxes, "more stories". */
const TAIL_START =
  /^(more (from|stories|on this|in)\b|related( articles| stories| coverage| reading)?\b|recommended( for you| reading)?\b|read (more|next)\b|most (popular|read)\b|you (might|may) also like|sign up for\b|subscribe to\b|comments?( \(\d+\))?$|share this (article|story)|trending\b)/i;
/** Newsletter, subscription and app prompts; "Continue reading", "Read the full story". */
const PROMPT =
  /\b(newsletters?|subscri(be|bers?|ption)|sign[- ]?up|sign in|log ?in|inbox|follow us|download (the|our) app|cancel anytime|paywall|premium members?|sound off (below|in the comments)|(tell|let) us (know )?(what you think|in the comments)|leave a comment)\b|^(continue reading|read the full (story|article|report|transcript|interview)|see also\b|(read|see|also read|learn|more|related)( more| also| next| this)?\s*:)/i;
/** "This article originally appeared on …", "A version of this article appears in print on …". */
const REPUBLICATION =
  /^(this (article|story|post|piece|essay)|a version of this (article|story|post|piece)|an earlier version of this)\b.*\b(originally|first|reprinted|republished|appears|appeared|published|adapted)\b/i;
/**
 * Captions and their credits: "… Source: Supplied", "(Photo: AP)", "… Getty Images", "Photos by …", "In this photo …".
 * An agency name ends a credit only after a full stop, a slash, a bracket or a dash ("… in Harare. Reuters",
 * "Jane Doe/AFP"), not as the end of a sentence ("…, a senior political source told Reuters.").
 */
const CREDIT =
  /(\b(source|photo(graph)?|picture|image|credit|illustration|photo illustration)s?\s*:\s*[^.:]{1,60}\.?|\((photo|image|picture|credit)s?\b[^)]*\)|(^|[./(|:—–-]\s*)(getty images|shutterstock|ap photo|afp( via getty)?|reuters)\)?\.?)$|^(photo(graph)?s?|images?|illustrations?|portrait|graphics?|video) (by|courtesy of|via)\b|^(in )?this (undated |handout |file )?(photo|image|picture)\b/i;
/** Media and link labels: "Gallery: Xbox One X | 14 Photos", "Video: …", "Map: …", "[Related headline]" (not "[Alden: Hi.]"). */
const MEDIA_LABEL =
  /^(gallery|video|watch|listen|photos?|slideshow|podcast|audio|map|graphic|chart|infographic)\s*:|\b\d+\s+(photos|images|pictures|slides|videos)$|^\[((read|related|see|watch|more|also)\s*:[^\]]*|[^\]]*[^\].!?…"”’)\s])\s*\]$/i;
/** A closing call to action: "… Check it out here.", "… Here.", "Click here to …". */
const CALL_TO_ACTION =
  /(?:^|[.!?:]\s+)(check (it|them) out( here)?|click here\b[^.]*|read (it|more) here|more here|here|learn more|find out more|watch now|listen now)[.!]?$/i;
/** Datelines with a byline or "updated": "Last updated September 14, 2016", "Tuesday 15 October 2019 by Jane Doe". */
const DATELINE_WORDS = /\b(published|updated|posted|modified|by)\b|\b\d{1,2}:\d{2}\b/i;
/**
 * A credit line: "John Roe contributed to this report." (Reporters' bios stay: "Laurie Oakes is the Nine Network
 * political editor" answers "who is Laurie Oakes?".)
 */
const CONTRIBUTED = /\bcontributed (reporting )?(to|for) this (report|article|story)\.?$/i;

/**
 * Page furniture that Readability keeps inside the article: generic rules, judged paragraph by paragraph (the
 * same rules as for text articles, plus prompts, credits and media labels), and a cut at the point where the
 * article gives way to sign-up boxes, "more stories" or reference lists when no real paragraph follows it.
 */
export function dropFurniture(paragraphs: string[]): string[] {
  return keptParagraphs(paragraphs, () => false).map((i) => paragraphs[i]!);
}

/** dropFurniture's work: the indices of the paragraphs it keeps, a list's items judged as content, not UI words. */
function keptParagraphs(paragraphs: string[], isListItem: (index: number) => boolean): number[] {
  const isProse = (p: string) => words(p) >= 30;
  const endsArticle = (p: string) => TAIL_START.test(p) || (words(p) < 30 && (PROMPT.test(p) || REPUBLICATION.test(p)));
  const tail = paragraphs.findIndex((p, i) => i > 0 && endsArticle(p) && !paragraphs.slice(i + 1).some(isProse));
  const body = tail === -1 ? paragraphs : paragraphs.slice(0, tail);
  const seen = new Set<string>();
  const kept = body.map((p, i) => {
    const n = words(p);
    // Scripts written without spaces (Chinese, Japanese) have few "words": judge those by length, not word count.
    const unspaced = n < 4 && p.length >= 25 && CJK.test(p);
    // A sentence in capitals ("LAURIE OAKES IS THE NINE NETWORK POLITICAL EDITOR") is text, not a section banner.
    const shouted = n >= 4 && !/\p{Ll}/u.test(p) && /\b(IS|ARE|WAS|WERE|HAS|HAVE|HAD|SAYS|SAID|WILL)\b/.test(p);
    if (isCodeLine(p) || (!unspaced && !shouted && isFurnitureLine(p, false, isListItem(i))) || isDateline(p))
      return false;
    if (n < 15 && findDate(p) && DATELINE_WORDS.test(p)) return false;
    if (n < 30 && (PROMPT.test(p) || REPUBLICATION.test(p) || CALL_TO_ACTION.test(p))) return false;
    if (n < 60 && CREDIT.test(p)) return false;
    if (MEDIA_LABEL.test(p)) return false;
    if (n < 60 && CONTRIBUTED.test(p)) return false;
    const key = p.toLowerCase();
    if (seen.has(key)) return false; // captions and pull quotes are often printed twice
    seen.add(key);
    return true;
  });
  return kept.flatMap((keep, i) => (keep ? [i] : []));
}

type Doc = ReturnType<typeof parseHTML>['document'];

function meta(doc: Doc, ...keys: string[]): string | null {
  for (const key of keys) {
    const el = doc.querySelector(`meta[property="${key}" i], meta[name="${key}" i], meta[itemprop="${key}" i]`);
    // Some saved pages (the Postlight parser's test pages) write the value as `value=`.
    const value = (el?.getAttribute('content') ?? el?.getAttribute('value'))?.trim();
    if (value) return value;
  }
  return null;
}

/** How much text paragraphs hold: a Chinese or Japanese character carries about as much as a short word, so counts three. */
const weight = (paragraphs: readonly string[]) =>
  paragraphs.reduce((n, p) => n + p.length + 2 * (p.match(CJK_ALL)?.length ?? 0), 0);

/**
 * The article's text as its JSON-LD states it (`articleBody`), in blocks: plain text in paragraphs of its layout, or
 * HTML read as the page's own would be (entities decoded). Null when none holds an article's worth of text.
 */
function articleBodyOf(ld: Record<string, unknown>[]): Block[] | null {
  for (const body of ld.map((o) => o['articleBody'])) {
    if (typeof body !== 'string' || weight([body]) < MIN_ARTICLE_CHARS) continue;
    const root = parseHTML(`<!doctype html><html><body>${body}</body></html>`).document.body as unknown as Node;
    const blocks = /<(?:p|div|li|h[1-6]|br|blockquote)\b/i.test(body)
      ? blocksOf(root)
      : textParagraphs(root.textContent ?? '').map((text) => ({ text: normalise(text), listItem: false }));
    if (weight(blocks.map((b) => b.text)) >= MIN_ARTICLE_CHARS) return blocks;
  }
  return null;
}

/** The blocks that are the article's text, without the furniture (see keptParagraphs). */
function keptBlocks(blocks: Block[]): Block[] {
  return keptParagraphs(
    blocks.map((b) => b.text),
    (i) => blocks[i]!.listItem,
  ).map((i) => blocks[i]!);
}

/** The headline JSON-LD gives for the article. */
function ldHeadline(ld: Record<string, unknown>[]): string | null {
  return ld.map((o) => o['headline']).find((h): h is string => typeof h === 'string') ?? null;
}

/** The page's JSON-LD objects that describe an article (or the web page), flattened through `@graph` and arrays. */
function articleLd(doc: Doc): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const add = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(add);
    else if (value && typeof value === 'object') {
      out.push(value as Record<string, unknown>);
      const graph = (value as Record<string, unknown>)['@graph'];
      if (graph) add(graph);
    }
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json" i]')) {
    try {
      add(JSON.parse((script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '')));
    } catch {
      // a broken JSON-LD block says nothing
    }
  }
  return out.filter((o) => ARTICLE_TYPE.test(String(o['@type'] ?? '')));
}

const ARTICLE_TYPE = /Article|NewsArticle|Report|BlogPosting|WebPage/;

/** YYYY-MM-DD from the start of an ISO-like timestamp, as written (no time-zone shift), if it is a real date. */
export function isoDay(value: string | null | undefined): string | null {
  const m = value?.trim().match(/^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/);
  if (!m) return null;
  const [year, month, day] = [+m[1]!, +m[2]!, +m[3]!];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 1900
    ? `${m[1]}-${m[2]}-${m[3]}`
    : null;
}

/**
 * The publication day the page states, in order: Readability's (`article:published_time`, JSON-LD
 * `datePublished`), other standard meta tags, microdata `itemprop=datePublished`, then a `<time datetime>` marked
 * as the publication time or the first one in the article itself. Related-article lists carry their own <time>s,
 * so a page-wide <time> is not taken.
 */
function statedDates(doc: Doc, ld: Record<string, unknown>[]): Array<string | null | undefined> {
  const fromLd = ld.map((o) => o['datePublished']);
  return [
    meta(
      doc,
      'article:published_time',
      'og:published_time',
      'datePublished',
      'publish-date',
      'pubdate',
      'date',
      'dc.date.issued',
      'dc.date',
      'sailthru.date',
      'parsely-pub-date',
    ),
    // Written out, as Advance Local's sites do (cleveland.com): "Saturday, December 27, 2014, 12:06 PM".
    findDate(meta(doc, 'article_date_original') ?? ''),
    ...fromLd.map((v) => (typeof v === 'string' ? v : null)),
    doc.querySelector('[itemprop="datePublished" i]')?.getAttribute('content'),
    doc.querySelector('[itemprop="datePublished" i]')?.getAttribute('datetime'),
    doc.querySelector('time[pubdate]')?.getAttribute('datetime'),
    // hAtom, as Blogger and older blog themes write it: <abbr class="published" title="2016-12-23T05:11:00-05:00">
    // (the first that gives a date: a widget's may give "Monday, January 2, 2012").
    [...doc.querySelectorAll('abbr[title][class~="published" i]')]
      .map((el) => el.getAttribute('title'))
      .find((title) => isoDay(title) !== null),
    doc
      .querySelector(
        'time[datetime][class~="published" i], time[datetime][class*="date-published" i], time[datetime][class*="pubdate" i]',
      )
      ?.getAttribute('datetime'),
  ];
}

/**
 * A `<time datetime>` at the top of the article (a dateline): at most 300 characters of text before it, and not
 * marked as a modification date. Times further down belong to comments, updates or quoted events.
 */
function datelineTime(root: Node): string | null {
  let before = 0;
  let recent = '';
  let found: string | null = null;
  const walk = (node: Node): boolean => {
    if (node.nodeType === 3) {
      const text = normalise(node.textContent ?? '');
      before += text.length;
      recent = `${recent} ${text}`.slice(-40);
    }
    if (before > 300) return true;
    const datetime = publishedTime(node, recent);
    if (datetime) {
      found = datetime;
      return true;
    }
    return Array.from(node.childNodes).some(walk);
  };
  walk(root);
  return found;
}

const UPDATED_LABEL = /\b(?:updated|modified|edited|revised)(?:\s+on)?\s*:?\s*$/i;

/**
 * A <time datetime> that says when the page was published: not marked as a modification time, nor labelled one by
 * the text just before it ("Updated: Mar 6, 2018 · Original: Dec 21, 2016", Opposing Views).
 */
function publishedTime(node: Node, textBefore: string): string | null {
  if (node.nodeType !== 1 || node.nodeName.toUpperCase() !== 'TIME') return null;
  const datetime = node.getAttribute?.('datetime');
  return datetime && !markedModified(node) && !UPDATED_LABEL.test(textBefore) ? datetime : null;
}

/** Whether a <time>, or an element up to three levels around it, is marked as a modification time. */
function markedModified(node: Node): boolean {
  for (let at: Node | null | undefined = node, depth = 0; at && depth < 4; at = at.parentNode, depth++) {
    const marks = `${at.getAttribute?.('itemprop') ?? ''} ${at.getAttribute?.('class') ?? ''}`;
    if (/modified|updated/i.test(marks)) return true;
  }
  return false;
}

/**
 * A date written as its own line under the page's headline, in the byline ("Max Blumenthal / The Grayzone / Thu, 14
 * May 2020 17:55 UTC", Sott.net): the text pieces after the first <h1>, up to 300 characters. Read before Readability,
 * which drops the byline block.
 */
function headerDateline(body: Node | null): string | null {
  let seen = 0;
  let started = false;
  let previous = '';
  let found: string | null = null;
  const walk = (node: Node): boolean => {
    // Tables hold data ("Initial release: February 28, 1998" in an infobox), not bylines.
    if (node.nodeType === 1 && /^(?:SCRIPT|STYLE|NOSCRIPT|TABLE)$/i.test(node.nodeName)) return false;
    if (node.nodeType === 1 && node.nodeName.toUpperCase() === 'H1' && !started) {
      started = true;
      return false;
    }
    // A byline's own <time datetime> under the headline (MacRumors' "Wednesday January 18, 2017 11:44 am PST by …").
    const day = started ? isoDay(publishedTime(node, previous)) : null;
    if (day) {
      found = day;
      return true;
    }
    if (started && node.nodeType === 3) {
      const piece = normalise(node.textContent ?? '');
      seen += piece.length;
      if (seen > 300) return true;
      // "Updated: Mar 6, 2018 · Original: Dec 21, 2016": the label before a date says which it is.
      if (piece && isDateline(piece.replace(BYLINE, '').replace(WEEKDAY, '')) && !UPDATED_LABEL.test(previous)) {
        found = findDate(piece);
        return true;
      }
      if (piece) previous = piece;
    }
    return Array.from(node.childNodes).some(walk);
  };
  if (body) walk(body);
  return found;
}

const WEEKDAY = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s*/i;
/** A byline before the date on the same line: "// By Arun Sai Krishnan • Nov 11, 2020" (Dropbox), "By Jane Doe | …". */
const BYLINE = /^(?:\/\/\s*)?by\s+[^•|·—–\d]{2,60}?\s*[•|·—–]\s*/i;

function publishedDay(candidates: Array<string | null | undefined>, articleRoot: Node | null): string | null {
  for (const candidate of candidates) {
    const day = isoDay(candidate);
    if (day) return day;
  }
  return articleRoot ? isoDay(datelineTime(articleRoot)) : null;
}

function httpUrl(value: string | null | undefined, base?: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim(), base);
    // A page's script that wrote a missing value into its link ("…/1c621104-…/undefined", Yahoo) gave no address.
    if (/\/(?:undefined|null|NaN)\/?$/.test(url.pathname)) return null;
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The URL a saved page came from, if it says (browsers' and `add`'s "saved from url" comment). */
export function savedFromUrl(html: string): string | null {
  return httpUrl(html.slice(0, 4096).match(SAVED_FROM)?.[1]);
}

/** Prefixes `html` with the "saved from url" marker (the convention browsers use), once. */
export function markSavedFrom(html: string, url: string): string {
  if (savedFromUrl(html)) return html;
  return `<!-- saved from url=(${String(url.length).padStart(4, '0')})${url} -->\n${html}`;
}

function clean(value: string | null | undefined): string | null {
  const text = value ? normalise(value) : '';
  return text || null;
}

/** A separator a page title puts before the site's name or the date: " | ", " -- ", " - ", " • "… */
const TITLE_SEPARATOR = /\s+(?:--|[|\-–—:•·»/])\s+/;

/**
 * The page title without what the site tacks on after a separator: its name ("… -- Sott.net", "… | CNN Politics")
 * and a date ("… | DW | 19.01.2020"), which a citation shows separately; with that date. Readability drops such
 * suffixes only after single-character separators. Pure.
 */
export function titleParts(title: string | null, outlet: string | null): { title: string | null; date: string | null } {
  if (!title) return { title, date: null };
  const pieces = title.split(new RegExp(`(${TITLE_SEPARATOR.source})`));
  let date: string | null = null;
  // pieces alternate text, separator, text…: drop trailing dates and the outlet's name, keeping at least one.
  while (pieces.length >= 3) {
    const last = pieces.at(-1)!.trim();
    if (isDateline(last)) date ??= findDate(last);
    else if (!outlet || last.toLowerCase() !== outlet.toLowerCase()) break;
    pieces.splice(-2, 2);
  }
  return { title: pieces.join('') || title, date };
}

/** The page title without the site's name or a date tacked on after a separator (see titleParts). */
export const titleWithoutOutlet = (title: string | null, outlet: string | null): string | null =>
  titleParts(title, outlet).title;

/**
 * The outlet's name: the site name Readability reads (og:site_name, JSON-LD publisher), else the name the page
 * states for its journal or web app (`statedName`: Nature gives only `prism.publicationName`). A site name that is
 * the site's domain ("DW.COM", "Bloomberg.com") gives way to the name the title writes for it ("… | DW | 19.01.2020"),
 * and one that is only a lowercase piece of the address the title writes (al.com's "al") to that address. A site
 * name written as an address ("http://www.tmz.com") is its host, and a tagline or byline tacked on after a separator
 * ("Raw Story - Celebrating 18 Years of Independent Journalism", "SIMPLYFOUND.COM | BY: JOE WEE") is no part of it.
 * Pure.
 */
export function outletOf(siteName: string | null, statedName: string | null, title: string | null): string | null {
  const named = siteNameOnly(siteName) ?? siteNameOnly(statedName);
  if (!named || !title) return named;
  const domain = domainName(named);
  const fragment = /^[a-z]{1,3}$/.test(named);
  const written = title
    .split(TITLE_SEPARATOR)
    .slice(1)
    .map((piece) => piece.trim())
    .find((piece) =>
      fragment ? domainName(piece) === named : domain !== null && piece.toLowerCase() === domain.toLowerCase(),
    );
  return written ?? named;
}

/** "www.example.co.uk" → "example"; null for a name that is no address. */
function domainName(name: string): string | null {
  return name.match(/^(?:www\.)?([\p{L}\d-]+)\.[a-z]{2,}(?:\.[a-z]{2})?$/iu)?.[1] ?? null;
}

/**
 * A name as the page writes it, without an address's scheme and "www.", and without a tagline or byline after a
 * separator: of its pieces, the one of fewest words ("Postlight — Digital Strategy, Design and Engineering"); when
 * two are as short, which is the name is unclear ("電子書籍 | BOOK☆WALKER") and all is kept.
 */
function siteNameOnly(siteName: string | null): string | null {
  const pieces = (siteName ?? '').split(TITLE_SEPARATOR).map((piece) => piece.trim());
  const words = pieces.map((piece) => piece.split(/\s+/).length);
  const fewest = Math.min(...words);
  const name = words.filter((n) => n === fewest).length === 1 ? pieces[words.indexOf(fewest)]! : siteName;
  return name?.replace(/^https?:\/\/(?:www\.)?([^/\s]+)\/?$/i, '$1') || null;
}

/** "By Jane Doe" → "Jane Doe". */
function authorOf(byline: string | null | undefined): string | null {
  const text = clean(byline)?.replace(/^by\s+/i, '');
  return text && text.length <= 120 ? text : null;
}

/**
 * HTML bytes as text, in the charset the server (`contentType`) or the page (`<meta charset>`) declares, UTF-8
 * otherwise; a byte-order mark wins over both.
 */
export function decodeHtml(bytes: Uint8Array, contentType = ''): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const declared = /^\xef\xbb\xbf/.test(head)
    ? 'utf-8'
    : (contentType.match(/charset\s*=\s*"?([\w.:-]+)/i)?.[1] ??
      head.match(/<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i)?.[1]);
  let encoding = 'utf-8';
  try {
    if (declared) encoding = new TextDecoder(declared).encoding;
  } catch {
    // an unknown label: UTF-8
  }
  return new TextDecoder(encoding).decode(bytes);
}

/** Quick rejection of inputs that are not HTML documents at all (binary, JSON, plain text). */
export function looksLikeHtml(text: string): boolean {
  if (text.includes('\u0000')) return false;
  return /<(!doctype html|html|head|body|p|div|article)[\s>]/i.test(text.slice(0, 65536));
}

/**
 * A class or id naming a caption, a credit, a gallery or a picture's box: "picBox" (DW), "ngart-img__cont__copy"
 * (National Geographic's caption), "gallery", "slideshow", "wp-caption".
 */
const MEDIA_BLOCK =
  /^(?:.*[-_])?(?:captions?|figcaption|credits?|gallery|slideshow|carousel|lightbox)(?:[-_].*)?$|(?:img|image|photo|pic|picture)[-_]*(?:[a-z]+[-_]+)?(?:box|caption|copy|credit|desc|legend)$/i;

/** A class or id naming the readers' comments and the reply form: WordPress's "comments", "comment-list", "respond". */
const COMMENT_BLOCK =
  /^(?:comments?(?:[-_](?:list|area|section|wrapper|container|thread|head|respond))?|commentlist|comment-respond|respond|disqus_thread)$/i;

/**
 * Removes captions, credits, picture boxes and galleries that pages mark by class or id but not with <figure>, before
 * Readability reads the page: "Goats on Redonda before they were airlifted to Antigua." is a caption, not paragraph 11,
 * and DW's embedded slideshow is not the article. A block holding much of the page's text is kept whatever its name
 * (a "gallery-article" body).
 */
function dropMediaBlocks(document: Document): void {
  // (linkedom may leave <body> empty on a page whose markup it repairs: the whole document counts then.)
  const total = Math.max(document.body?.textContent?.length ?? 0, document.documentElement?.textContent?.length ?? 0);
  for (const el of namedBy(document, MEDIA_BLOCK)) {
    if (/^(?:HTML|BODY|MAIN|ARTICLE)$/i.test(el.tagName) || el.querySelector('[itemprop="articleBody" i]')) continue;
    if ((el.textContent?.length ?? 0) > 0.3 * total) continue;
    el.remove();
  }
}

/**
 * MediaWiki's page furniture (Wikipedia and other wikis): "[edit]" links, footnote marks ("[1]"), navigation boxes,
 * maintenance notices ("This section needs expansion"), "For other uses, see …" notes and the reference list. Its
 * class names are the generator's own, so they are removed only from a page MediaWiki made (`mediaWiki`).
 */
const WIKI_FURNITURE = [
  '.mw-editsection',
  'sup.reference',
  '.navbox',
  '.vertical-navbox',
  '.sidebar',
  '.ambox',
  '.hatnote',
  '.reflist',
  'ol.references',
  '.mw-references-wrap',
].join(', ');

/**
 * A wiki page's formulas as their TeX source, lightly tidied ("{\displaystyle \mathbf {x} _{i}}" -> "x_i"): the
 * page shows them as pictures and hides their text, so quotes read "a -dimensional map (with )" without this.
 */
function readWikiPage(document: Document): void {
  for (const el of document.querySelectorAll(WIKI_FURNITURE)) el.remove();
  for (const el of document.querySelectorAll('.mwe-math-element')) {
    const tex =
      el.querySelector('math[alttext]')?.getAttribute('alttext') ?? el.querySelector('img[alt]')?.getAttribute('alt');
    el.replaceWith(document.createTextNode(tex ? texText(tex) : ''));
  }
}

/**
 * What a page MediaWiki made says of itself (null for any other page): the wiki's name, which its title ends with
 * ("Hermitian matrix - Wikipedia"; its JSON-LD publisher is "Wikimedia Foundation, Inc."), and the day of the revision
 * quoted (JSON-LD `dateModified`), not the day the page was created (`datePublished`: 2003 for a text citing 2018).
 */
function mediaWiki(
  document: Doc,
  ld: Record<string, unknown>[],
): { name: string | null; revised: string | null } | null {
  const generator = document.querySelector('meta[name="generator" i]')?.getAttribute('content') ?? '';
  if (!/^MediaWiki\b/i.test(generator)) return null;
  const pieces = (document.title ?? '').split(TITLE_SEPARATOR);
  const modified = ld.map((o) => o['dateModified']).find((v): v is string => typeof v === 'string');
  return { name: pieces.length > 1 ? clean(pieces.at(-1)) : null, revised: isoDay(modified) };
}

/**
 * A class or id naming the other stories a page offers after this one: Boing Boing's "nextstory" and
 * "next-post-thumbnails", "read-next", "related-posts", a "vuukle-newsfeed".
 */
const OTHER_STORIES =
  /^(?:next[-_]?(?:story|stories|post|posts|article|articles)(?:[-_](?:thumbnails?|teasers?|links?|list|container|wrapper|widget|module))?|(?:read|up)[-_]?next|related[-_](?:posts|stories|articles|content)|(?:[a-z]+[-_])?newsfeed)$/i;

/** Comments and other stories come in blocks: a code listing's "comment" spans are none. */
const BLOCK_TAG = /^(?:SECTION|DIV|ASIDE|FOOTER|FORM|OL|UL)$/i;

/**
 * Removes readers' comments, the reply form and other stories' teasers from the article Readability chose (which
 * sometimes takes them in beside the post): a reader's "I have moved most of my work to another browser" is not
 * Firefox Nightly News's, and "Patti Smith + Stewart Copeland joined Choir! Choir! Choir!" (2019) is not Boing Boing's
 * 2013 post. Done after Readability has chosen, so its choice of the article's block stays what it was.
 */
function dropCommentsAndTeasers(article: Document): void {
  const total = article.body?.textContent?.length ?? 0;
  for (const pattern of [COMMENT_BLOCK, OTHER_STORIES])
    for (const el of namedBy(article, pattern)) {
      // A block holding most of the text is the article, whatever its name.
      if (!BLOCK_TAG.test(el.tagName) || (el.textContent?.length ?? 0) > 0.5 * total) continue;
      el.remove();
    }
}

/** The elements one of whose classes, or whose id, the pattern matches. */
function namedBy(document: Document, pattern: RegExp): Element[] {
  return [...document.querySelectorAll('[class], [id]')].filter((el) =>
    [...(el.getAttribute('class')?.split(/\s+/) ?? []), el.getAttribute('id') ?? ''].some(
      (token) => token && pattern.test(token),
    ),
  );
}

/**
 * Reads one HTML page into an article. `sourceUrl` is where it came from (resolves relative canonical links, and is
 * the URL when the page gives none). Throws NotAnArticleError for pages that hold no article.
 */
export function readHtml(html: string, sourceUrl?: string): HtmlArticle {
  if (Buffer.byteLength(html, 'utf8') > MAX_HTML_BYTES) {
    throw new NotAnArticleError(
      `the page is too large (${(Buffer.byteLength(html) / 1e6).toFixed(1)} MB; the limit is ${MAX_HTML_BYTES / 1e6} MB)`,
      'too-large',
    );
  }
  if (!looksLikeHtml(html)) throw new NotAnArticleError('this is not an HTML page', 'not-html');
  const from = sourceUrl ?? savedFromUrl(html) ?? undefined;
  const { document } = parseHTML(html);
  // Read before Readability rewrites the document.
  const canonical =
    httpUrl(document.querySelector('link[rel~="canonical" i]')?.getAttribute('href'), from) ??
    httpUrl(meta(document, 'og:url'), from);
  const ld = articleLd(document);
  const stated = [...statedDates(document, ld), headerDateline(document.body as unknown as Node)];
  const statedName = clean(meta(document, 'prism.publicationName', 'citation_journal_title', 'application-name'));
  // Readability reads og:site_name from `content=` only (see meta).
  const siteName = clean(meta(document, 'og:site_name'));
  dropMediaBlocks(document as unknown as Document);
  const wiki = mediaWiki(document, ld);
  if (wiki) readWikiPage(document as unknown as Document);
  const readerable = isProbablyReaderable(document as unknown as Document, { minContentLength: 140, minScore: 20 });
  const parsed = new Readability(document as unknown as Document, {
    charThreshold: MIN_ARTICLE_CHARS,
    keepClasses: true,
  }).parse();
  const articleDom = parsed?.content
    ? parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`).document
    : null;
  if (articleDom) dropCommentsAndTeasers(articleDom as unknown as Document);
  const read = articleDom ? keptBlocks(blocksOf(articleDom.body as unknown as Node)) : [];
  // A page whose script draws the story may give all of it in its JSON-LD `articleBody` (SCMP's opinion pages): read
  // only when the page's own text falls short.
  const shortOfText = !parsed || !readerable || weight(read.map((b) => b.text)) < MIN_ARTICLE_CHARS;
  const statedBody = shortOfText ? articleBodyOf(ld) : null;
  const blocks = statedBody ? keptBlocks(statedBody) : read;
  const paragraphs = blocks.map((b) => b.text);
  const chars = weight(paragraphs);
  if ((!parsed || !readerable) && !statedBody) {
    throw new NotAnArticleError(
      'no article found in this page (it looks like an index, a login wall or an error page)',
      'no-article',
    );
  }
  if (chars < MIN_ARTICLE_CHARS) {
    throw new NotAnArticleError(
      `no article found in this page: only ${chars} characters of text (an article has at least ${MIN_ARTICLE_CHARS})`,
      'too-short',
    );
  }
  const outlet =
    wiki?.name ??
    outletOf(
      clean(parsed?.siteName) ?? siteName,
      statedName,
      // The page's own title: Readability's has lost the site's name after a dash ("… - Bloomberg").
      clean(document.title) ?? clean(parsed?.title),
    );
  const title = titleParts(clean(parsed?.title ?? ldHeadline(ld) ?? document.title), outlet);
  return {
    title: title.title,
    outlet,
    author: authorOf(parsed?.byline),
    date:
      wiki?.revised ??
      publishedDay(
        [parsed?.publishedTime, ...stated, title.date, openingDateline(paragraphs[0] ?? '')],
        articleDom as unknown as Node,
      ),
    url: canonical ?? httpUrl(from),
    paragraphs,
    listItems: blocks.flatMap((b, k) => (b.listItem ? [k] : [])),
  };
}
