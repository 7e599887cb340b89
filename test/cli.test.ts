import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadArticles } from '../src/corpus/articles.ts';
import { ROOT, SEEDS_DIR, tempDir, testEnv } from './helpers.ts';

const run = promisify(execFile);
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** The real `ask` entry point, as `npm run --silent ask -- --json` runs it. */
async function ask(args: string[], env: Record<string, string>, input?: string) {
  const child = run(TSX, [path.join(ROOT, 'src/cli/ask.ts'), ...args], { env, cwd: ROOT, maxBuffer: 10_000_000 });
  if (input !== undefined) {
    child.child.stdin!.end(input);
  }
  return child;
}

const articles = loadArticles(SEEDS_DIR);
const textOf = new Map(articles.map((a) => [a.id, a.text]));

describe('ask --json, end to end with the tiny offline model', () => {
  const indexDir = tempDir('cli');
  const env = testEnv(indexDir);

  beforeAll(async () => {
    // First run builds the index (missing) and answers.
    await ask(['--json', 'warm up'], env);
  });

  it('prints one JSON object with quoted, cited excerpts and nothing else on stdout', async () => {
    const { stdout } = await ask(['--json', 'Who is Ali Maisam Nazary?'], env);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0]!);
    expect(Object.keys(answer).sort()).toEqual(['answered', 'disagreements', 'excerpts', 'ms', 'question']);
    expect(answer.disagreements).toEqual([]);
    expect(answer.answered).toBe(true);
    expect(answer.excerpts.length).toBeGreaterThanOrEqual(1);
    expect(answer.excerpts.length).toBeLessThanOrEqual(3);
    const first = answer.excerpts[0];
    expect(first.quote).toContain('spokesman Ali Maisam Nazary');
    expect(Object.keys(first).sort()).toEqual(['article', 'paragraph', 'quote', 'score']);
    expect(Object.keys(first.article).sort()).toEqual(['date', 'id', 'outlet', 'title', 'url']);
    expect(first.article.outlet).toBe('The Times of Israel');
    expect(Number.isInteger(first.paragraph)).toBe(true);
    expect(typeof answer.ms).toBe('number');
  });

  it('quotes are the exact words of the cleaned article', async () => {
    const { stdout } = await ask(
      ['--json'],
      env,
      "Who assassinated Ahmad Shah Massoud?\nHow many of Panjshir's districts did the Taliban reportedly control?\n",
    );
    for (const line of stdout.trim().split('\n')) {
      for (const e of JSON.parse(line).excerpts) {
        for (const part of e.quote.split('\n'))
          expect(textOf.get(e.article.id)).toContain(part.replace(/^… | …$/g, ''));
      }
    }
  });

  it('reads questions from stdin, one JSON line per input line, in order; unanswered ones carry a reason', async () => {
    const questions = [
      'Who is Fahim Dashty?',
      'What is the recipe for chocolate cake?',
      '',
      '   ',
      'why '.repeat(200),
      'Which US general warned of a broader civil war?',
    ];
    const { stdout } = await ask(['--json'], env, questions.join('\n') + '\n');
    const answers = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(answers).toHaveLength(questions.length);
    expect(answers[0].answered).toBe(true);
    expect(answers[0]).not.toHaveProperty('reason');
    expect(answers[0].excerpts.some((e: { quote: string }) => /Fahim Dasht[iy]/.test(e.quote))).toBe(true);
    expect(answers[1]).toMatchObject({ answered: false, excerpts: [], reason: 'not_covered' });
    expect(answers[2]).toMatchObject({ question: '', answered: false, excerpts: [], reason: 'empty' });
    expect(answers[3]).toMatchObject({ answered: false, reason: 'empty' });
    expect(answers[4]).toMatchObject({ answered: false, reason: 'too_long' });
    expect(answers[5].excerpts.some((e: { quote: string }) => e.quote.includes('Milley'))).toBe(true);
  });

  it('reads questions from stdin in readable mode too, each shown over its answer', async () => {
    const { stdout } = await ask(
      [],
      testEnv(indexDir, { NO_COLOR: '1' }),
      'Who is Fahim Dashty?\n\nWho is Amrullah Saleh?\n',
    );
    const dashty = stdout.indexOf('› Who is Fahim Dashty?');
    const saleh = stdout.indexOf('› Who is Amrullah Saleh?');
    expect(dashty).toBe(0);
    expect(saleh).toBeGreaterThan(dashty);
    // Each answer (below its heading line) is about its own question.
    const below = (from: number, to?: number) => stdout.slice(stdout.indexOf('\n', from), to);
    expect(below(dashty, saleh)).toMatch(/Dasht[iy]/);
    expect(below(saleh)).toContain('Saleh');
    // An argument is its own heading: nothing is repeated.
    expect((await ask(['Who is Fahim Dashty?'], env)).stdout).not.toContain('›');
  });

  it('no question at all (nothing on stdin) is a usage error, not silence', async () => {
    const failed = await ask([], env, '').catch((e) => e);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('No question given.');
    expect(failed.stderr).toContain('Usage: npm run ask');
    // Blank lines only, read as a reader would: still no question. With --json, nothing in is nothing out.
    expect((await ask([], env, '\n  \n').catch((e) => e)).code).toBe(2);
    expect(await ask(['--json'], env, '')).toMatchObject({ stdout: '' });
  });

  it('sources differ: figures that disagree across articles, side by side, in --json and in the readable output', async () => {
    const question = 'How many fighters do his forces number?';
    const answer = JSON.parse((await ask(['--json', question], env)).stdout);
    expect(answer.disagreements).toHaveLength(1);
    const figures = answer.disagreements[0].claims.map(
      (c: { figure: string; article: { outlet: string | null; date: string } }) => [
        c.figure,
        c.article.outlet,
        c.article.date,
      ],
    );
    expect(figures).toEqual(
      expect.arrayContaining([
        ['more than 6,000 fighters', null, '2021-08-24'],
        ['some 9,000 fighters', 'The Times of Israel', '2021-08-23'],
      ]),
    );
    const { stdout } = await ask([question], env);
    expect(stdout).toContain('Sources differ on the number of fighters:');
    expect(stdout).toMatch(/• some 9,000 fighters — The Times of Israel, 2021-08-23 · ¶\d+/);
  });

  it('an empty question given as an argument gets the hint, not silence', async () => {
    const { stdout } = await ask(['   '], env);
    expect(stdout).toContain('Ask a question in words');
  });

  it('prints a readable answer without --json', async () => {
    const { stdout } = await ask(['Who is Matin Bek?'], env);
    expect(stdout).toContain('negotiating team');
    expect(stdout.replace(/\s+/g, ' ')).toMatch(/— .+ · .+ · 2021-08-25 · ¶\d+/);
  });

  it('wraps to the width and never doubles quotation marks around a quote that has its own', async () => {
    const { stdout } = await ask(['What did Fahim Dashty say about peace?'], { ...env, COLUMNS: '60' });
    expect(stdout).toContain('“We prefer peace,”');
    expect(stdout).not.toMatch(/[“”"]{2}/);
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('rebuilds a corrupt index instead of crashing or answering wrongly', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(indexDir, 'manifest.json'), 'utf8'));
    fs.writeFileSync(path.join(indexDir, manifest.generation, 'vectors.hnsw'), 'garbage');
    const { stdout, stderr } = await ask(['--json', 'Who is Matin Bek?'], env);
    expect(stderr).toMatch(/damaged/);
    expect(JSON.parse(stdout).excerpts[0].quote).toContain('Matin Bek');
  });

  it('fails with a clear message when the model cannot be found offline', async () => {
    const error = await ask(['--json', 'hello'], {
      ...env,
      EMBED_MODEL: 'nobody/missing-model',
      INDEX_DIR: tempDir('nomodel'),
    }).catch((e) => e);
    expect(error.code).toBe(1);
    expect(error.stderr).toContain('Could not load the embedding model "nobody/missing-model"');
    expect(error.stderr).toContain('ALLOW_REMOTE_MODELS=true');
    expect(error.stdout).toBe('');
  });

  it('an unknown flag or a missing value: one line and the usage, exit code 2, no stack', async () => {
    const cases = [
      ['src/cli/ask.ts', ['--jsn', 'hello']],
      ['src/cli/who.ts', ['--verbose']],
      ['src/cli/ingest.ts', ['--forse']],
      ['src/eval/qa.ts', ['--set']],
      ['src/cli/repl.ts', ['--model', 'x']],
    ] as const;
    const errors = await Promise.all(
      cases.map(([script, args]) => run(TSX, [path.join(ROOT, script), ...args], { env, cwd: ROOT }).catch((e) => e)),
    );
    for (const [n, [script]] of cases.entries()) {
      const error = errors[n];
      expect(error.code, script).toBe(2);
      expect(error.stderr, script).toMatch(/^(Unknown option|Option) --\w+[. ]/);
      expect(error.stderr, script).toContain('Usage: npm run');
      expect(error.stderr, script).not.toMatch(/ERR_PARSE_ARGS|    at /);
      expect(error.stdout).toBe('');
    }
  });

  it('reports invalid settings before doing any work', async () => {
    const error = await ask(['--json', 'hello'], { ...env, MAX_EXCERPTS: 'lots', ALLOW_REMOTE_MODELS: 'maybe' }).catch(
      (e) => e,
    );
    expect(error.code).toBe(1);
    expect(error.stderr).toContain('MAX_EXCERPTS must be a whole number');
    expect(error.stderr).toContain('ALLOW_REMOTE_MODELS must be true or false');
  });
});
