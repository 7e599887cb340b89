import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleAdder, slugOf, urlKey } from '../src/ingest/add.ts';
import { loadArticles } from '../src/corpus/articles.ts';
import { savedFromUrl } from '../src/corpus/html.ts';
import { SEEDS_DIR, tempDir } from './helpers.ts';
import { fixtures } from './html-fixtures.ts';
import { html, startPageServer, type PageServer } from './page-server.ts';

const pages = fixtures();
const byName = (name: string) => pages.find((p) => p.name === name)!;
const listing = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .sort()
        .map((f) => `${f}:${fs.statSync(path.join(dir, f)).size}`)
    : [];
const STORY = Array.from(
  { length: 8 },
  (_, i) =>
    `<p>Paragraph ${i + 1}: the valley's elders met on Tuesday to discuss the harvest, the roads and the new school, and agreed to meet again.</p>`,
).join('');
const NO_CANONICAL = `<!doctype html><html><head><title>Elders meet in the valley</title></head><body><article>${STORY}</article></body></html>`;

describe('adding pages to the articles folder', () => {
  let server: PageServer;
  beforeAll(async () => {
    server = await startPageServer({
      '/quanta': html(byName('quanta-1').html),
      '/elders': html(NO_CANONICAL),
      '/elders-moved': html('', 301, { location: '/elders' }),
      '/login': html(
        '<!doctype html><html><head><title>Sign in</title></head><body><form><p>Sign in to keep reading.</p><input name=email><button>Go</button></form></body></html>',
      ),
      '/data.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
    });
  });
  afterAll(() => server.close());

  it('adds the six saved pages as <slug>.html, the original HTML unchanged, with their metadata', async () => {
    const dir = tempDir('add-files');
    const adder = new ArticleAdder(dir);
    for (const page of pages) {
      const outcome = await adder.add(page.file);
      expect(outcome.status, JSON.stringify(outcome)).toBe('added');
      if (outcome.status !== 'added') continue;
      expect(outcome.file).toMatch(/^[a-z0-9-]+\.html$/);
      expect(fs.readFileSync(path.join(dir, outcome.file), 'utf8')).toBe(page.html);
      expect(outcome.article.outlet).toBe(page.expected.siteName);
    }
    const articles = loadArticles(dir);
    expect(articles).toHaveLength(6);
    expect(new Set(articles.map((a) => a.id)).size).toBe(6);
    expect(articles.find((a) => a.outlet === 'The Verge')).toMatchObject({
      date: '2023-06-07',
      url: 'https://www.theverge.com/23752959/apple-vision-pro-headset-hands-on-demo-impressions',
    });
  });

  it('refuses a duplicate: the same page again, the same URL, or the same text under another URL; nothing is written', async () => {
    const dir = tempDir('add-dupes');
    const adder = new ArticleAdder(dir);
    const cnet = byName('cnet');
    expect((await adder.add(cnet.file)).status).toBe('added');
    const before = listing(dir);

    const again = await adder.add(cnet.file);
    expect(again).toMatchObject({ status: 'duplicate' });
    expect(again.status !== 'added' && again.message).toMatch(
      /already in the articles as .+\.html \(same URL https:\/\/www\.cnet\.com\//,
    );

    // Same text, another canonical URL (a syndicated copy).
    const copy = path.join(tempDir('add-copy'), 'copy.html');
    fs.writeFileSync(
      copy,
      cnet.html.replaceAll(
        'https://www.cnet.com/news/zuckerberg-offers-peek-at-facebooks-acquisition-strategies/',
        'https://syndicated.example/zuckerberg',
      ),
    );
    const sameText = await adder.add(copy);
    expect(sameText.status !== 'added' && sameText.message).toMatch(/same text/);

    // A fresh adder (a later run) sees the folder's articles too.
    expect((await new ArticleAdder(dir).add(cnet.file)).status).toBe('duplicate');
    expect(listing(dir)).toEqual(before);
  });

  it('refuses bad inputs with a message each, and writes nothing', async () => {
    const dir = tempDir('add-bad');
    fs.copyFileSync(
      path.join(
        SEEDS_DIR,
        fs.readdirSync(SEEDS_DIR).find((f) => f.endsWith('.txt'))!,
      ),
      path.join(dir, 'seed.txt'),
    );
    const before = listing(dir);
    const adder = new ArticleAdder(dir, { timeoutMs: 2_000 });
    const scratch = tempDir('add-bad-inputs');
    const write = (name: string, content: string | Buffer) => {
      fs.writeFileSync(path.join(scratch, name), content);
      return path.join(scratch, name);
    };
    const cases: Array<[string, RegExp]> = [
      [`${server.base}/login`, /no article/],
      [`${server.base}/data.json`, /not a web page \(content type application\/json\)/],
      [`${server.base}/missing`, /404/],
      [
        write(
          'index.html',
          `<html><body><ul>${'<li><a href="/x">A headline about the valley</a></li>'.repeat(50)}</ul></body></html>`,
        ),
        /no article/,
      ],
      [write('huge.html', Buffer.alloc(6_000_000, 'a')), /too large/],
      [write('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])), /not an HTML page/],
      [write('broken.html', '<html><body><p>Half a sentence and then <div><span>'), /no article/],
      [path.join(scratch, 'does-not-exist.html'), /no such file/],
      [write('empty.txt', '\n\n  \n'), /the file is empty/],
      // A photo renamed .txt was copied in as text full of replacement characters.
      [
        write('photo-notes.txt', Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256))),
        /binary data|neither UTF-8/,
      ],
      [write('empty.html', ''), /the file is empty/],
    ];
    for (const [input, message] of cases) {
      const outcome = await adder.add(input);
      expect(outcome.status, input).toBe('refused');
      expect(outcome.status !== 'added' && outcome.message, input).toMatch(message);
      expect(outcome.status !== 'added' && outcome.message.startsWith(input), input).toBe(true);
    }
    expect(listing(dir)).toEqual(before);
  });

  it('a URL: stores the page with where it came from, so a rebuild needs no network; the canonical link wins', async () => {
    const dir = tempDir('add-url');
    const adder = new ArticleAdder(dir);
    const quanta = await adder.add(`${server.base}/quanta`);
    expect(quanta.status).toBe('added');
    const elders = await adder.add(`${server.base}/elders-moved`);
    expect(elders.status).toBe('added');
    if (quanta.status !== 'added' || elders.status !== 'added') return;
    expect(quanta.article.url).toMatch(/^https:\/\/www\.quantamagazine\.org\/hidden-heroines-of-chaos/);
    const stored = fs.readFileSync(path.join(dir, elders.file), 'utf8');
    expect(savedFromUrl(stored)).toBe(`${server.base}/elders`);
    expect(stored.endsWith(NO_CANONICAL)).toBe(true);

    await server.close(); // offline from here: the folder alone rebuilds the same articles
    const articles = loadArticles(dir);
    expect(articles.map((a) => a.url).sort()).toEqual([quanta.article.url, `${server.base}/elders`].sort());
    expect((await adder.add(`${server.base}/elders`)).status).toBe('duplicate'); // same URL: found without the network
    const offline = await new ArticleAdder(dir, { timeoutMs: 2_000 }).add(`${server.base}/quanta`);
    expect(offline.status !== 'added' && offline.message).toMatch(/cannot reach .*are you offline/);
  });

  it('a page saved in another charset is stored as UTF-8 text, its words intact', async () => {
    const dir = tempDir('add-charset');
    const page = `<!doctype html><html><head><meta charset="windows-1252"><title>Caf\u00e9 owners meet</title></head><body><article>${STORY.replaceAll('elders', 'caf\u00e9 owners')}</article></body></html>`;
    const source = path.join(tempDir('add-charset-src'), 'cafe.html');
    fs.writeFileSync(source, Buffer.from(page, 'latin1'));
    const outcome = await new ArticleAdder(dir).add(source);
    expect(outcome).toMatchObject({ status: 'added', file: 'cafe-owners-meet.html' });
    if (outcome.status !== 'added') return;
    expect(fs.readFileSync(path.join(dir, outcome.file), 'utf8')).toBe(page);
    expect(loadArticles(dir)[0]!.paragraphs[0]).toContain("the valley's caf\u00e9 owners met on Tuesday");
  });

  it('file names: lower-case words from the title, never reusing a name already there', async () => {
    expect(slugOf('Apple’s Vision Pro hands-on: the Retina display moment for headsets')).toBe(
      'apples-vision-pro-hands-on-the-retina-display-moment-for',
    );
    expect(slugOf('Élan vital — 2021')).toBe('elan-vital-2021');
    expect(slugOf('“…”')).toBe('article');
    expect(urlKey('https://www.example.com/a/b/#top')).toBe(urlKey('http://example.com/a/b'));
    const dir = tempDir('add-names');
    fs.writeFileSync(
      path.join(dir, 'elders-meet-in-the-valley.txt'),
      'Other article\nSomething else entirely happened in another valley on Monday.',
    );
    const source = path.join(tempDir('add-names-src'), 'page.html');
    fs.writeFileSync(source, NO_CANONICAL);
    const outcome = await new ArticleAdder(dir).add(source);
    expect(outcome).toMatchObject({ status: 'added', file: 'elders-meet-in-the-valley-2.html' });
  });
});
