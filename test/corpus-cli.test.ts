import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../src/corpus/articles.ts';
import { ROOT, SEEDS_DIR, readSeed, tempDir, testEnv } from './helpers.ts';

const run = promisify(execFile);
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/**
 * A copy of the seeds broken the ways a new user breaks it, asked through the real CLI: every bad file is skipped
 * with a warning naming it, the rest answers with exact quotes, and the next start works too.
 */
describe('ask over a messy articles folder', () => {
  const seeds = tempDir('messy-seeds');
  const indexDir = tempDir('messy-index');
  let first: { stdout: string; stderr: string };

  const askAll = (questions: string[]) =>
    new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      const child = execFile(
        TSX,
        [path.join(ROOT, 'src/cli/ask.ts'), '--json'],
        {
          env: testEnv(indexDir, { SEEDS_DIR: seeds, MAX_ARTICLE_KB: '64', LOG_LEVEL: 'warn' }),
          cwd: ROOT,
          maxBuffer: 10_000_000,
        },
        (error, stdout, stderr) =>
          error ? reject(Object.assign(error, { stdout, stderr })) : resolve({ stdout, stderr }),
      );
      child.stdin!.end(questions.join('\n') + '\n');
    });
  const QUESTIONS = [
    'What flooded the village of Alpha?',
    'Which bridge collapsed at Beta?',
    'Where did the reopened café stand in Zürich?',
    'What did Massoud tell media outlets by telephone from his stronghold northwest of Kabul?',
  ];

  beforeAll(async () => {
    for (const f of fs.readdirSync(SEEDS_DIR)) fs.copyFileSync(path.join(SEEDS_DIR, f), path.join(seeds, f));
    fs.writeFileSync(
      path.join(seeds, 'story.txt'),
      'River floods village\n\nThe river flooded the village of Alpha on Monday morning, officials said.\n',
    );
    fs.writeFileSync(
      path.join(seeds, 'story.md'),
      '---\noutlet: The Valley Post\ndate: 2021-08-26\n---\n# Bridge collapses\n\nThe old bridge at Beta collapsed on Tuesday evening, engineers said.\n',
    );
    fs.writeFileSync(
      path.join(seeds, 'cafe.txt'),
      Buffer.from('Café reopens\n\nThe café on the Limmat in Zürich reopened on Tuesday, its owner said.\n', 'latin1'),
    );
    fs.writeFileSync(path.join(seeds, '002_0c515d696788dfdd.txt'), readSeed('002').replace(/\s+/g, ' ').trim());
    fs.writeFileSync(
      path.join(seeds, 'photo.txt'),
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1]),
    );
    fs.writeFileSync(
      path.join(seeds, 'book.txt'),
      `A whole book\n\n${'Chapter text that goes on and on. '.repeat(3000)}\n`,
    );
    fs.symlinkSync('loop.txt', path.join(seeds, 'loop.txt'));
    fs.symlinkSync('gone.txt', path.join(seeds, 'dangling.md'));
    fs.mkdirSync(path.join(seeds, 'folder.txt'));
    const sidecar = JSON.parse(fs.readFileSync(path.join(SEEDS_DIR, 'articles.json'), 'utf8'));
    sidecar['story.txt'] = { title: ['not', 'a', 'string'], outlet: 7 };
    fs.writeFileSync(path.join(seeds, 'articles.json'), JSON.stringify(sidecar));
    first = await askAll(QUESTIONS);
  }, 120_000);

  it('warns once about each unusable file and the bad articles.json entry, naming them', () => {
    for (const name of ['photo.txt', 'book.txt', 'loop.txt', 'dangling.md', 'folder.txt']) {
      expect(first.stderr.match(new RegExp(`Skipped ${name.replace('.', '\\.')}: `, 'g')), name).toHaveLength(1);
    }
    expect(first.stderr).toContain('MAX_ARTICLE_KB');
    expect(first.stderr).toMatch(/articles\.json: entries ignored: \\?"story\.txt\\?": title: .*outlet: /);
    expect(first.stderr).not.toMatch(/    at /);
  });

  it('answers from the right article, with exact quotes: same base name, Latin-1, one-line article', () => {
    const answers = first.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(answers).toHaveLength(QUESTIONS.length);
    const { articles } = readCorpus(seeds, { maxArticleBytes: 64 * 1024 });
    const textOf = new Map(articles.map((a) => [a.id, a.text]));
    const top = (n: number) => answers[n].excerpts[0];
    expect(top(0).article.id).toBe('story.txt');
    expect(top(0).quote).toContain('The river flooded the village of Alpha');
    expect(top(1).article).toMatchObject({
      id: 'story.md',
      title: 'Bridge collapses',
      outlet: 'The Valley Post',
      date: '2021-08-26',
    });
    expect(top(1).quote).toContain('The old bridge at Beta collapsed');
    expect(top(2).quote).toContain('The café on the Limmat in Zürich');
    expect(top(3).article.id).toBe('002_0c515d696788dfdd.txt');
    expect(top(3).quote).toContain('the only way forward is through negotiation');
    for (const answer of answers) {
      for (const e of answer.excerpts) {
        expect(e.quote).not.toContain('\ufffd');
        for (const part of e.quote.split('\n'))
          expect(textOf.get(e.article.id)).toContain(part.replace(/^… | …$/g, ''));
      }
    }
  });

  it('the next start reads the saved index and answers (nothing unvalidated was saved)', async () => {
    const again = await askAll(QUESTIONS.slice(0, 2));
    expect(again.stderr).not.toContain('Building the index');
    expect(
      again.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).excerpts[0].article.id),
    ).toEqual(['story.txt', 'story.md']);
    const corpus = JSON.parse(
      fs.readFileSync(
        path.join(
          indexDir,
          JSON.parse(fs.readFileSync(path.join(indexDir, 'manifest.json'), 'utf8')).generation,
          'corpus.json',
        ),
        'utf8',
      ),
    );
    for (const a of corpus.articles) {
      expect(typeof a.title).toBe('string');
      for (const key of ['outlet', 'date', 'url']) expect(a[key] === null || typeof a[key] === 'string').toBe(true);
    }
  });
});
