import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildArticle, readCorpus } from '../src/corpus/articles.ts';
import type { Article } from '../src/corpus/article.ts';
import { corpusFingerprint, CorpusError } from '../src/corpus/files.ts';
import { decodeText } from '../src/corpus/decode.ts';
import { textParagraphs, wrapWidth } from '../src/corpus/structure.ts';
import { toPassages } from '../src/corpus/passages.ts';
import { readMarkdown } from '../src/corpus/markdown.ts';
import { SEEDS_DIR, readSeed, tempDir } from './helpers.ts';

/** A copy of the seeds to break in one way or another. */
function seedsCopy(name: string): string {
  const dir = tempDir(name);
  for (const f of fs.readdirSync(SEEDS_DIR)) fs.copyFileSync(path.join(SEEDS_DIR, f), path.join(dir, f));
  return dir;
}

/** Wraps like `fmt -w 72` / Python's textwrap: greedy, breaking after hyphens too. */
function hardWrap(paragraph: string, width = 72): string[] {
  const chunks = paragraph.split(/\s+/).flatMap((w) => w.split(/(?<=\p{L}-)(?=\p{L})/u));
  const lines: string[] = [];
  let line = '';
  for (const chunk of chunks) {
    const glue = line === '' || line.endsWith('-') ? '' : ' ';
    if (line && (line + glue + chunk).length > width) {
      lines.push(line);
      line = chunk;
    } else line += glue + chunk;
  }
  if (line) lines.push(line);
  return lines;
}

const seed002 = () => buildArticle('002.txt', readSeed('002')).article!;
const exactIn = (article: Article) => {
  for (const p of toPassages(article.id, article.paragraphs)) expect(article.text.slice(p.start, p.end)).toBe(p.text);
};

describe('paragraphs come from the structure of the text', () => {
  const original = seed002();
  const paragraphs = readSeed('002')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

  it('seed 002 hard-wrapped at 72 columns: the same paragraphs as the original, not one per line', () => {
    const wrapped = paragraphs.map((p) => hardWrap(p).join('\n')).join('\n\n');
    expect(wrapWidth(wrapped.split('\n'))).toBeLessThanOrEqual(72);
    const article = buildArticle('002-wrapped.txt', wrapped).article!;
    expect(article.paragraphs).toEqual(original.paragraphs);
    expect(article.title).toBe(original.title);
    expect(article.date).toBe('2021-08-24');
  });

  it('hard-wrapped by hand with blank lines between paragraphs: a ragged line still goes on below', () => {
    // A new user's flood story, wrapped by hand: the dateline's line is short, but the sentence goes on.
    const text =
      'Flooding closes Route 9 bridge\n\nHARLOW (April 8, 2024) — The Route 9 bridge over the Harlow River\nwill stay closed until at least Friday after the river crested at 14.2\nfeet early Monday, nearly four feet above flood stage, county officials\nsaid.\n\nThe river rose after 2.9 inches of rain fell on the valley in 36 hours\nfrom Saturday morning to Sunday evening, according to the National\nWeather Service office in Albany.\n';
    expect(textParagraphs(text).slice(1, 2)).toEqual([
      'HARLOW (April 8, 2024) — The Route 9 bridge over the Harlow River will stay closed until at least Friday after the river crested at 14.2 feet early Monday, nearly four feet above flood stage, county officials said.',
    ]);
  });

  it('hard-wrapped without blank lines: lines are joined back where the next word would have fitted', () => {
    const article = buildArticle('002-wrapped.txt', paragraphs.map((p) => hardWrap(p).join('\n')).join('\n')).article!;
    expect(article.paragraphs).toEqual(original.paragraphs);
  });

  it('seed 002 on a single line: sentence-based paragraphs, every one quotable', () => {
    const oneLine = readSeed('002').replace(/\s+/g, ' ').trim();
    const article = buildArticle('002-one-line.txt', oneLine).article!;
    expect(article.paragraphs.length).toBeGreaterThan(3);
    expect(toPassages(article.id, article.paragraphs).length).toBeGreaterThan(3);
    expect(article.text).toContain(
      'we want to make the Taliban realize that the only way forward is through negotiation',
    );
    expect(article.date).toBe('2021-08-24');
    exactIn(article);
  });

  it('a wall of text without full stops, starting in lower case: kept, in quotable pieces of whole words', () => {
    const wall = Array.from({ length: 2000 }, (_, n) => `word${n}`).join(' ');
    const article = buildArticle('wall.txt', wall).article!;
    expect(article.paragraphs.length).toBe(25);
    expect(article.paragraphs.every((p) => p.split(' ').length <= 80)).toBe(true);
    expect(article.paragraphs.join(' ')).toBe(wall);
  });

  it('a short article on one line is its text, not just a title', () => {
    const article = buildArticle(
      'brief.txt',
      'Villagers returned to the Panjshir valley on Monday, elders said.',
    ).article!;
    expect(article.paragraphs).toEqual(['Villagers returned to the Panjshir valley on Monday, elders said.']);
    expect(article.title).toBe('brief');
  });

  it('typewritten text: hard-wrapped paragraphs that start with an indent and no blank lines', () => {
    const text = [
      'Valley villagers return',
      ...paragraphs.slice(2, 5).flatMap((p) => hardWrap(p, 68).map((l, i) => (i === 0 ? `    ${l}` : l))),
    ].join('\n');
    expect(buildArticle('typed.txt', text).article!.paragraphs).toEqual(paragraphs.slice(2, 5));
  });

  it('YAML front matter on a plain-text file is metadata; a text that merely starts with --- is left alone', () => {
    const article = buildArticle(
      'fm.txt',
      '---\ntitle: Valley villagers return\ndate: 2021-08-26\noutlet: The Valley Post\n---\nVillagers returned to the valley on Monday, elders said.\n',
    ).article!;
    expect(article).toMatchObject({
      title: 'Valley villagers return',
      date: '2021-08-26',
      outlet: 'The Valley Post',
      paragraphs: ['Villagers returned to the valley on Monday, elders said.'],
    });
    const ruled = buildArticle(
      'ruled.txt',
      '---\nVillagers returned to the valley on Monday, elders said.\n---\nShops reopened in the market, traders said.\n',
    ).article!;
    expect(ruled.title).toBe('Villagers returned to the valley on Monday, elders said.'); // the plain-text rule: first line
    expect(ruled.paragraphs).toEqual(['Shops reopened in the market, traders said.']);
  });

  it('long lines without blank lines stay one paragraph per line (saved web pages)', () => {
    const text = readSeed('003');
    expect(wrapWidth(text.split('\n'))).toBeNull();
    expect(textParagraphs('Title here\nFirst paragraph is a long line.\nSecond one.')).toEqual([
      'Title here',
      'First paragraph is a long line.',
      'Second one.',
    ]);
  });
});

describe('markdown articles', () => {
  it('front matter is metadata, the # heading is not text but the lead paragraph is, syntax becomes words', () => {
    const md = [
      '---',
      'title: Valley villagers return home',
      'date: 2021-08-26',
      'outlet: The Valley Post',
      'url: https://example.com/valley',
      'tags: [valley]',
      '---',
      '# Villagers return',
      '',
      'The **lead**: villagers returned to the [valley](https://example.com) on Monday,',
      'elders said.',
      '',
      '## Markets',
      '',
      '- Shops reopened in the *market*.',
      '- Prices of `bread` doubled.',
      '',
      '> "We are home," one elder said.',
      '',
      '```',
      'var code = 1;',
      '```',
    ].join('\n');
    const article = buildArticle('valley.md', md).article!;
    expect(article).toMatchObject({
      id: 'valley.md',
      title: 'Valley villagers return home',
      date: '2021-08-26',
      outlet: 'The Valley Post',
      url: 'https://example.com/valley',
    });
    expect(article.paragraphs[0]).toBe('The lead: villagers returned to the valley on Monday, elders said.');
    expect(article.paragraphs).toContain('Shops reopened in the market.');
    expect(article.paragraphs).toContain('Prices of bread doubled.');
    expect(article.paragraphs).toContain('"We are home," one elder said.');
    expect(article.text).not.toMatch(/[*#`[\]]|var code/);
  });

  it('without front matter or heading, a short first line is the title; a first sentence is not', () => {
    expect(
      buildArticle('a.md', '**Valley villagers return**\n\nVillagers returned to the valley on Monday, elders said.\n')
        .article,
    ).toMatchObject({
      title: 'Valley villagers return',
      paragraphs: ['Villagers returned to the valley on Monday, elders said.'],
    });
    expect(
      buildArticle('b.md', 'Villagers returned on Monday.\n\nShops reopened in the market, traders said.\n').article,
    ).toMatchObject({
      title: 'b',
      paragraphs: ['Villagers returned on Monday.', 'Shops reopened in the market, traders said.'],
    });
  });

  it('a plain-text article saved as .md (lines, no markup) reads like the .txt; hard-wrapped markdown is joined', () => {
    for (const seed of ['000', '002']) {
      const txt = buildArticle(`${seed}.txt`, readSeed(seed)).article!;
      const md = buildArticle(`${seed}.md`, readSeed(seed)).article!;
      expect(md.title).toBe(txt.title);
      expect(md.paragraphs).toEqual(txt.paragraphs);
    }
    const paragraphs = readSeed('002')
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    const wrapped = `# ${paragraphs[0]}\n\n${paragraphs
      .slice(2)
      .map((p) => hardWrap(p).join('\n'))
      .join('\n\n')}\n`;
    expect(buildArticle('002-wrapped.md', wrapped).article!.paragraphs).toEqual(seed002().paragraphs);
  });

  it('without front matter the # heading is the title; the date may come from the text', () => {
    const article = buildArticle(
      'x.md',
      '# Valley villagers return\n\nAugust 24, 2021\n\nVillagers returned to the valley on Monday, elders said.\n',
    ).article!;
    expect(article.title).toBe('Valley villagers return');
    expect(article.date).toBe('2021-08-24');
    expect(article.paragraphs).toEqual(['Villagers returned to the valley on Monday, elders said.']);
  });

  it('says which paragraphs are items of a list: sentences without a full stop, not subheadings', () => {
    // The Independent's hotel secrets (Readability's test page bug-1255978), written as markdown.
    const article = buildArticle(
      'hotels.md',
      '# Hotel secrets\n\nHotel owners shared what the receptionist will never tell you, according to answers posted on Quora.\n\n- Mini bars almost always lose money\n- Take any blankets or duvets off the bed\n\n## What the owners said\n\nThe owners asked not to be named.\n',
    ).article!;
    expect(article.listItems?.map((i) => article.paragraphs[i])).toEqual([
      'Mini bars almost always lose money',
      'Take any blankets or duvets off the bed',
    ]);
    // The same as plain text, bullets or numbers as people type them; a short item ("Moss") is no UI word.
    const text = buildArticle(
      'hotels.txt',
      'Hotel secrets\n\nHotel owners shared what the receptionist will never tell you, according to answers posted on Quora.\n\n- Mini bars almost always lose money\n• Take any blankets or duvets off the bed\n2) Moss\n\nThe owners asked not to be named.\n',
    ).article!;
    expect(text.paragraphs).not.toContain('- Mini bars almost always lose money');
    expect(text.listItems?.map((i) => text.paragraphs[i])).toEqual([
      'Mini bars almost always lose money',
      'Take any blankets or duvets off the bed',
      'Moss',
    ]);
    expect(
      buildArticle('plain.txt', 'Valley news\n\nVillagers returned on Monday.\n').article!.listItems,
    ).toBeUndefined();
    // A numbered line on its own is a heading, not a list.
    const report = buildArticle(
      'report.txt',
      'Valley report\n\n1. Background\n\nVillagers returned to the valley on Monday, elders said.\n\n2. Findings\n\nThe roads are open again.\n',
    ).article!;
    expect(report.listItems).toBeUndefined();
    expect(report.paragraphs).not.toContain('Background');
  });

  it('front matter fields with wrong types are ignored with a warning, the good ones kept; broken YAML skips the file', () => {
    const typed = buildArticle(
      'x.md',
      '---\ntitle: [1, 2]\ndate: soon\noutlet: The Valley Post\nurl: 7\n---\nVillagers returned to the valley on Monday, elders said.\n',
    );
    expect(typed.article).toMatchObject({ title: 'x', outlet: 'The Valley Post', date: null, url: null });
    expect(typed.warnings).toEqual([
      expect.stringMatching(/^x\.md: front matter fields ignored: title: .*; date: .*; url: /),
    ]);
    const numeric = buildArticle(
      'n.md',
      '---\ntitle: 1984\ndate: 2021-08-24T13:41:00Z\n---\nVillagers returned to the valley on Monday, elders said.\n',
    );
    expect(numeric.article).toMatchObject({ title: '1984', date: '2021-08-24' });
    expect(numeric.warnings).toEqual([]);
    const listed = buildArticle(
      'l.md',
      '---\n- a\n- b\n---\nVillagers returned to the valley on Monday, elders said.\n',
    );
    expect(listed.warnings.join()).toContain('must be a mapping');
    const toml = buildArticle(
      't.md',
      '+++\ntitle = "x"\n+++\nVillagers returned to the valley on Monday, elders said.\n',
    );
    expect(toml.article!.text).toBe('Villagers returned to the valley on Monday, elders said.');
    expect(toml.warnings.join()).toContain('TOML');
    const broken = buildArticle(
      'y.md',
      '---\ntitle: "unclosed\n---\nVillagers returned to the valley on Monday, elders said.\n',
    );
    expect(broken.article).toBeUndefined();
    expect(broken.warnings).toEqual([expect.stringMatching(/^Skipped y\.md: its front matter is not valid YAML/)]);
    expect(() => readMarkdown('plain words only, no structure at all')).not.toThrow();
  });
});

describe('decoding article files', () => {
  const text = 'Café report\n\nThe café in Zürich reopened, the owner said on Tuesday — “finally”.\n';

  it('UTF-8 with or without BOM, and UTF-16 with BOM, decode exactly', () => {
    const utf8 = Buffer.from(text, 'utf8');
    expect(decodeText(utf8)).toMatchObject({ text, encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]))).toMatchObject({ text });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toMatchObject({
      text,
    });
    const be = Buffer.from(text, 'utf16le').swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toMatchObject({ text });
  });

  it('Latin-1 / Windows-1252 text is decoded as such: exact words, no replacement characters', () => {
    const latin = Buffer.from('Café report\n\nThe café in Zürich reopened, the owner said on Tuesday.\n', 'latin1');
    const decoded = decodeText(latin);
    expect(decoded).toMatchObject({
      encoding: 'windows-1252',
      text: 'Café report\n\nThe café in Zürich reopened, the owner said on Tuesday.\n',
    });
    const cp1252 = Buffer.from([
      ...Buffer.from('He said '),
      0x93,
      ...Buffer.from('finally'),
      0x94,
      ...Buffer.from(' on Tuesday.'),
    ]);
    expect(decodeText(cp1252)).toMatchObject({ text: 'He said “finally” on Tuesday.' });
  });

  it('UTF-8 with some Windows-1252 bytes pasted in: each part decoded as what it is', () => {
    const mixed = Buffer.concat([
      Buffer.from('Massoud’s café — Á ', 'utf8'),
      Buffer.from('Zürich ', 'latin1'),
      Buffer.from([0x93]),
      Buffer.from('finally'),
      Buffer.from([0x94, 0x2e]),
    ]);
    const decoded = decodeText(mixed);
    expect(decoded).toMatchObject({ encoding: 'utf-8 + windows-1252' });
    expect((decoded as { text: string }).text).toBe('Massoud’s café — Á Zürich “finally”.');
  });

  it('binary data and undecodable text are refused with a reason; U+FFFD never gets through', () => {
    let seed = 7;
    const random = Buffer.from(
      Array.from({ length: 4000 }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % 256)),
    );
    expect(decodeText(random)).toEqual({ problem: expect.stringMatching(/binary|neither/) });
    expect(decodeText(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 8, 0, 0x21, 0x7f, 0x12]))).toEqual({
      problem: 'it is binary data, not text',
    });
    expect(decodeText(Buffer.alloc(0))).toEqual({ problem: 'it is empty' });
    const cyrillic = Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 6 === 5 ? 0x20 : 0xc0 + (i % 32))));
    expect(decodeText(cyrillic)).toEqual({ problem: expect.stringContaining('neither UTF-8 nor Windows-1252') });
    const damaged = decodeText(Buffer.from('Villagers returned \ufffd to the valley.'));
    expect(damaged).toMatchObject({
      text: 'Villagers returned  to the valley.',
      note: expect.stringContaining('replacement character'),
    });
  });

  it('warns of replacement characters only where they cost the article words, not in a page’s scripts', () => {
    const story = Array.from(
      { length: 8 },
      (_, i) =>
        `<p>Paragraph ${i + 1}: the valley's elders met on Tuesday to discuss the harvest, the roads and the new school, and agreed to meet again next month.</p>`,
    ).join('');
    // CNN's page has three U+FFFD, all in its JavaScript's entity table (newspaper4k's tests/data/html/cnn_001.html).
    const page = (inText: string) =>
      Buffer.from(
        `<!doctype html><html><head><title>Elders meet</title><script>var t = e === 0 ? "\ufffd" : e;</script></head><body><article><h1>Elders meet</h1><p>The elders${inText} met.</p>${story}</article></body></html>`,
      );
    const clean = buildArticle('elders.html', page(''));
    expect(clean.article).toBeDefined();
    expect(clean.article?.paragraphs.join(' ')).not.toContain('\ufffd');
    expect(clean.warnings).toEqual([]);
    const lost = buildArticle('elders.html', page(' \ufffd'));
    expect(lost.article?.paragraphs.join(' ')).not.toContain('\ufffd');
    expect(lost.warnings).toEqual([expect.stringContaining('replacement character')]);
  });
});

describe('reading a folder of articles: every unusable file is skipped with one warning naming it', () => {
  afterEach(() => vi.restoreAllMocks());

  it('story.txt and story.md are two articles with their own ids and passages', () => {
    const dir = tempDir('samebase');
    fs.writeFileSync(
      path.join(dir, 'story.txt'),
      'River floods village\n\nThe river flooded the village of Alpha on Monday morning, officials said.\n',
    );
    fs.writeFileSync(
      path.join(dir, 'story.md'),
      '# Bridge collapses\n\nThe old bridge at Beta collapsed on Tuesday evening, engineers said.\n',
    );
    const { articles, warnings } = readCorpus(dir);
    expect(warnings).toEqual([]);
    expect(articles.map((a) => a.id)).toEqual(['story.md', 'story.txt']);
    const passages = articles.flatMap((a) => toPassages(a.id, a.paragraphs));
    expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
    expect(passages.find((p) => p.articleId === 'story.txt')!.text).toContain('Alpha');
    expect(passages.find((p) => p.articleId === 'story.md')!.text).toContain('Beta');
  });

  it('links, loops, folders, binary, unreadable and oversized files are skipped; the rest is read', () => {
    const dir = seedsCopy('badfiles');
    fs.symlinkSync('loop.txt', path.join(dir, 'loop.txt'));
    fs.symlinkSync('missing-target.txt', path.join(dir, 'dangling.txt'));
    fs.symlinkSync(path.join(dir, '000_41bcfaef0267438e.txt'), path.join(dir, 'linked.txt'));
    fs.mkdirSync(path.join(dir, 'x.txt'));
    fs.writeFileSync(
      path.join(dir, 'garbage.md'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    );
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
    fs.writeFileSync(path.join(dir, 'furniture.txt'), 'search\nmenu\n');
    fs.writeFileSync(path.join(dir, 'locked.txt'), 'Locked story\n\nNobody can read this one, the owner said.\n');
    fs.writeFileSync(
      path.join(dir, 'huge.txt'),
      `Huge story\n\n${'Villagers returned to the valley. '.repeat(4000)}\n`,
    );
    fs.writeFileSync(path.join(dir, 'story.pdf'), '%PDF-1.4');
    fs.writeFileSync(path.join(dir, '.DS_Store'), 'x');
    fs.writeFileSync(path.join(dir, 'README.txt'), 'About this folder');
    fs.mkdirSync(path.join(dir, 'images'));
    const readFileSync = fs.readFileSync;
    vi.spyOn(fs, 'readFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, options?: unknown) => {
      if (String(file).endsWith('locked.txt'))
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return readFileSync(file, options as BufferEncoding);
    }) as typeof fs.readFileSync);

    const { articles, warnings } = readCorpus(dir, { maxArticleBytes: 64 * 1024 });
    expect(articles.map((a) => a.id)).toEqual(
      [...fs.readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')), 'linked.txt'].sort(),
    );
    expect(warnings.sort()).toEqual([
      'Skipped dangling.txt: it is a broken link (its target does not exist).',
      'Skipped empty.txt: it is empty.',
      'Skipped furniture.txt: it has no article text (only a title, page furniture or markup).',
      'Skipped garbage.md: it is binary data, not text.',
      expect.stringMatching(
        /^Skipped huge\.txt: it is 13\d KB, over the 64 KB limit for one article \(MAX_ARTICLE_KB\)/,
      ),
      'Skipped locked.txt: it cannot be read (permission denied).',
      'Skipped loop.txt: it is a symbolic link loop.',
      'Skipped story.pdf: .pdf files are not read (only .txt, .md, .markdown, .html, .htm); save it as text to include it.',
      'Skipped x.txt: it is a folder, not a file.',
    ]);
    expect(() => corpusFingerprint(dir, 'v')).not.toThrow();
  });

  it('no usable article at all: one friendly error listing why', () => {
    const dir = tempDir('nothing-usable');
    fs.writeFileSync(path.join(dir, 'a.txt'), Buffer.from([0, 1, 2, 3, 4, 5]));
    fs.mkdirSync(path.join(dir, 'b.md'));
    expect(() => readCorpus(dir)).toThrow(CorpusError);
    expect(() => readCorpus(dir)).toThrow(
      /No usable articles in .*\n {2}- Skipped a\.txt: it is binary data, not text\.\n {2}- Skipped b\.md: it is a folder/,
    );
    const pdfs = tempDir('only-pdfs');
    fs.writeFileSync(path.join(pdfs, 'story.pdf'), '%PDF-1.4');
    expect(() => readCorpus(pdfs)).toThrow(
      /No articles \(\.txt, \.md, \.markdown, \.html, \.htm files\) in .* \(only story\.pdf: save articles as text\)/,
    );
  });
});

describe('articles.json is checked with a schema', () => {
  const withSidecar = (content: string) => {
    const dir = seedsCopy('sidecar');
    fs.writeFileSync(path.join(dir, 'articles.json'), content);
    return readCorpus(dir);
  };

  it('null, a list or broken JSON: ignored with one warning, every article still read', () => {
    for (const [content, why] of [
      ['null', /articles\.json: was ignored: it must be an object .* got null/],
      ['[1, 2]', /got a list/],
      ['{ "a": ', /articles\.json was ignored: it is not valid JSON/],
      ['\u0000\u0001\u0002', /articles\.json was ignored: it is binary data/],
    ] as const) {
      const { articles, warnings } = withSidecar(content);
      expect(articles).toHaveLength(5);
      expect(warnings).toEqual([expect.stringMatching(why)]);
      expect(articles[0]!.title).toBe('Afghan opposition leader warns civil war ‘unavoidable’ if Taliban refuse talks'); // from the text
    }
  });

  it('a byte-order mark or Latin-1 text in articles.json is read, not refused', () => {
    const sidecar = {
      '004_17c326d4ec273c3e.txt': { title: 'Combatentes defendem a última área de São Paulo', outlet: 'Folha' },
    };
    for (const bytes of [
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(sidecar))]),
      Buffer.from(JSON.stringify(sidecar), 'latin1'),
    ]) {
      const dir = seedsCopy('sidecar-enc');
      fs.writeFileSync(path.join(dir, 'articles.json'), bytes);
      const { articles, warnings } = readCorpus(dir);
      expect(warnings).toEqual([]);
      expect(articles.find((a) => a.id === '004_17c326d4ec273c3e.txt')!.title).toBe(
        'Combatentes defendem a última área de São Paulo',
      );
    }
  });

  it('every problem of every entry in one warning; bad entries ignored, good ones applied', () => {
    const sidecar = JSON.parse(fs.readFileSync(path.join(SEEDS_DIR, 'articles.json'), 'utf8'));
    sidecar['000_41bcfaef0267438e.txt'] = { title: 42, date: '2021-02-30', url: 'javascript:alert(1)', author: 'x' };
    sidecar['001_35f0ab5a44dd0204.txt'] = null;
    sidecar['nowhere.txt'] = { title: 'Lost' };
    const { articles, warnings } = withSidecar(JSON.stringify(sidecar));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^articles\.json: entries ignored: /);
    for (const part of [
      '"000_41bcfaef0267438e.txt": title: ',
      'date: ',
      'url: ',
      'unknown key "author"',
      '"001_35f0ab5a44dd0204.txt": ',
    ])
      expect(warnings[0]).toContain(part);
    expect(warnings[1]).toContain('"nowhere.txt"');
    const byId = new Map(articles.map((a) => [a.id, a]));
    expect(byId.get('000_41bcfaef0267438e.txt')!.outlet).toBeNull();
    expect(typeof byId.get('000_41bcfaef0267438e.txt')!.title).toBe('string');
    expect(byId.get('003_5955ffd2cf89ddaf.txt')!.outlet).toBe('Daily Mail');
  });
});
