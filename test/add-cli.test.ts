import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { citationLine } from '../src/discord/render.ts';
import { ROOT, tempDir, testEnv } from './helpers.ts';
import { fixtures } from './html-fixtures.ts';

const run = promisify(execFile);
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const pages = fixtures();

/** One question per page, answered from that page (distinctive words: the tiny test model leans on BM25). */
const QUESTIONS: Record<string, { question: string; quote: RegExp }> = {
  'citylab-1': {
    question: 'Who premiered neon lights at the Paris Motor Show?',
    quote: /Georges Claude premiered his neon lights/,
  },
  cnet: { question: 'How much did Facebook pay for WhatsApp?', quote: /\$19 billion acquisition of WhatsApp/ },
  engadget: { question: 'How many teraflops does the Xbox One X GPU have?', quote: /6 teraflops/ },
  'herald-sun-1': {
    question: 'Who is the national security adviser in the government roadshow?',
    quote: /national security adviser, Andrew Shearer/,
  },
  'quanta-1': {
    question: 'When did Margaret Hamilton arrive at MIT?',
    quote: /Margaret Hamilton arrived at MIT in the summer of 1959/,
  },
  theverge: { question: 'How many megapixels does the Vision Pro headset pack?', quote: /23 megapixels/ },
};

describe('npm run add -- the six fixture pages, then questions about each, end to end (tiny model)', () => {
  const seeds = tempDir('add-cli-seeds');
  const env = testEnv(tempDir('add-cli-index'), { SEEDS_DIR: seeds });
  const add = (args: string[]) =>
    run(TSX, [path.join(ROOT, 'src/cli/add.ts'), ...args], { env, cwd: ROOT, maxBuffer: 10_000_000 });
  let added: { stdout: string; stderr: string };

  beforeAll(async () => {
    added = await add(pages.map((p) => p.file));
  });

  it('adds every page, says what it found, and builds the index', () => {
    const lines = added.stdout
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('added '));
    expect(lines).toHaveLength(6);
    expect(added.stdout).toMatch(
      /added the-hidden-heroines-of-chaos\.html: “The Hidden Heroines of Chaos” \(Quanta Magazine, 2019-05-20, \d+ paragraphs\) https:\/\/www\.quantamagazine\.org\//,
    );
    expect(added.stdout).toMatch(/Indexed \d+ passages/);
    expect(fs.readdirSync(seeds).filter((f) => f.endsWith('.html'))).toHaveLength(6);
  });

  it('answers a question about each page from that page, citing its title, outlet, date and URL', async () => {
    const names = Object.keys(QUESTIONS);
    const input = names.map((n) => QUESTIONS[n]!.question).join('\n') + '\n';
    const child = run(TSX, [path.join(ROOT, 'src/cli/ask.ts'), '--json'], { env, cwd: ROOT, maxBuffer: 10_000_000 });
    child.child.stdin!.end(input);
    const answers = (await child).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(answers).toHaveLength(names.length);
    answers.forEach((answer, i) => {
      const page = pages.find((p) => p.name === names[i])!;
      expect(answer.answered, answer.question).toBe(true);
      const hit = answer.excerpts.find((e: { quote: string }) => QUESTIONS[page.name]!.quote.test(e.quote));
      expect(
        hit,
        `${answer.question}: ${JSON.stringify(answer.excerpts.map((e: { quote: string }) => e.quote))}`,
      ).toBeTruthy();
      expect(hit.article.title.replace(/\s+/g, ' ')).toBe(page.expected.title!.replace(/\s+/g, ' '));
      expect(hit.article.outlet).toBe(page.expected.siteName);
      if (page.expected.publishedTime) expect(hit.article.date).toBe(page.expected.publishedTime.slice(0, 10));
      expect(hit.article.url).toMatch(/^https?:\/\/(www\.)?[a-z]+\.(com|org|com\.au)\//);
      // The Discord answer links the article.
      expect(citationLine(1, hit.article, hit.paragraph)).toContain(`](<${hit.article.url}>)`);
    });
  });

  it('adding them again: each is a duplicate, exit code 1, nothing changes', async () => {
    const before = fs.readdirSync(seeds).sort();
    const error = await add(['--no-index', pages[0]!.file, path.join(ROOT, 'package.json')]).catch((e) => e);
    expect(error.code).toBe(1);
    expect(error.stderr).toMatch(
      /duplicate: .*source\.html: already in the articles as the-modern-ambitions-behind-neon\.html/,
    );
    expect(error.stderr).toMatch(/refused: .*package\.json: not an HTML page/);
    expect(error.stdout).not.toMatch(/Indexed/);
    expect(fs.readdirSync(seeds).sort()).toEqual(before);
  });

  it('a folder adds its article files; an empty file, an empty folder and an unknown option are refused plainly', async () => {
    const folder = tempDir('add-cli-folder');
    fs.copyFileSync(pages[0]!.file, path.join(folder, 'neon.html'));
    fs.writeFileSync(path.join(folder, 'notes.json'), '{}');
    const error = await add(['--no-index', folder]).catch((e) => e);
    // The page is there already (added above): found in the folder, and reported as a duplicate.
    expect(error.stderr).toMatch(/duplicate: .*neon\.html: already in the articles/);
    expect(error.stderr).not.toMatch(/notes\.json/);
    const empty = tempDir('add-cli-empty');
    fs.writeFileSync(path.join(empty, 'blank.html'), '\n');
    const refused = await add(['--no-index', path.join(empty, 'blank.html'), tempDir('add-cli-none')]).catch((e) => e);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refused: .*blank\.html: the file is empty/);
    expect(refused.stderr).toMatch(/refused: .*add-cli-none.*: a folder with no \.html, \.htm, \.txt or \.md files/);
    const unknown = await add(['--bogus', 'x']).catch((e) => e);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown option --bogus\.\nusage: npm run add/);
  });

  it('with nothing to add, prints its usage', async () => {
    const error = await add([]).catch((e) => e);
    expect(error.code).not.toBe(0);
    expect(error.stderr).toMatch(/usage: npm run add -- PATH_OR_URL/);
  });
});
