import fs from 'node:fs';
import path from 'node:path';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT, SEEDS_DIR, tempDir, testEnv } from './helpers.ts';

const run = promisify(execFile);
const tsx = path.join(ROOT, 'node_modules/.bin/tsx');

describe('REPL and ingest, end to end with the tiny model', () => {
  const env = testEnv(tempDir('repl'), { HOME: tempDir('home') });

  it('ingest builds the index once, then reports it up to date', async () => {
    const first = await run(tsx, [path.join(ROOT, 'src/cli/ingest.ts')], { env, cwd: ROOT });
    expect(first.stdout).toMatch(/Indexed \d+ passages \(\d+ sentences\) with dossier-test\/glove-6B-50d-10k/);
    const second = await run(tsx, [path.join(ROOT, 'src/cli/ingest.ts')], { env, cwd: ROOT });
    expect(second.stdout).toContain('is up to date');
  });

  it('answers questions, :who, :sources and :help from piped input, in order, then quits', async () => {
    const child = run(tsx, [path.join(ROOT, 'src/cli/repl.ts')], { env, cwd: ROOT });
    child.child.stdin!.end(
      [
        'Who is Matin Bek?',
        '/who Fahim Dashty', // the bot's spelling works too
        ':sources',
        ':help',
        ':nope',
        '/sources page:2', // the bot's page option: the REPL lists every source
        ':sources extra', // a bare command given more is refused, not unknown
        ':quit now',
        '?!?!',
        'recipe for chocolate cake',
        ':quit',
        ':who Bilal Karimi',
      ].join('\n') + '\n',
    );
    const { stdout } = await child;
    const order = [
      'negotiating team',
      'also written: Fahim Dashty',
      'Daily Mail · 2021-09-05',
      ':who NAME',
      'Unknown command :nope',
      ':sources takes no argument.',
      ':quit takes no argument.',
      'Ask a question in words, for example: "Who is Ahmad Massoud?"', // from the articles: their most-named person
      "couldn't find that in the articles",
    ].map((s) => stdout.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(stdout).not.toContain('Bilal Karimi'); // asked after :quit
    expect(stdout).not.toContain('Unknown command :sources');
    expect(stdout.split(':sources takes no argument.').length - 1).toBe(1);
  });

  it("takes the bot's slash commands as its own: /sources, /ask …", async () => {
    const child = run(tsx, [path.join(ROOT, 'src/cli/repl.ts')], { env, cwd: ROOT });
    child.child.stdin!.end(['/sources', '/ask Who is Matin Bek?', ':quit'].join('\n') + '\n');
    const { stdout } = await child;
    // The list of articles, not an answer to "/sources" asked as a question.
    expect(stdout).toMatch(/Daily Mail · 2021-09-05 · \d+ passages/);
    expect(stdout).toContain('negotiating team');
    expect(stdout).not.toContain('Unknown command');
  });
});

describe('REPL follow-ups', () => {
  it('reads a question that names no one against the previous one, says so, and forgets it after :new', async () => {
    const env = testEnv(tempDir('repl-followup'), { HOME: tempDir('home') });
    const child = run(tsx, [path.join(ROOT, 'src/cli/repl.ts')], { env, cwd: ROOT });
    child.child.stdin!.end(
      [
        'Who is Matin Bek?',
        'what was his job?',
        'Who is Bilal Karimi?',
        ':new',
        'what was his job?',
        ':who Fahim Dashti',
        'what did he say?',
        ':who Jake Goulding',
        'where does he work?',
        ':quit',
      ].join('\n') + '\n',
    );
    const { stdout } = await child;
    const notes = stdout.match(/\(following up on .*\)/g) ?? [];
    // The person :who looked up is the next question's "he", also one the articles never name.
    expect(notes).toEqual([
      '(following up on "Who is Matin Bek?": What was Matin Bek’s job?)',
      expect.stringMatching(/^\(following up on "Who is Fahim Dasht[iy]\?": What did Fahim Dasht[iy] say\?\)$/),
      '(following up on "Who is Jake Goulding?": Where does Jake Goulding work?)',
    ]);
    expect(stdout).toContain('New topic');
  });
});

describe('the REPL picks up a page dropped into the articles folder while it runs', () => {
  it('re-indexes in the background and answers from the new page, without a restart', async () => {
    const seeds = tempDir('repl-live-seeds');
    for (const f of fs.readdirSync(SEEDS_DIR)) fs.copyFileSync(path.join(SEEDS_DIR, f), path.join(seeds, f));
    const env = testEnv(tempDir('repl-live-index'), { HOME: tempDir('home'), SEEDS_DIR: seeds });
    const child = spawn(tsx, [path.join(ROOT, 'src/cli/repl.ts')], { env, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await expect.poll(() => stdout, { timeout: 60_000 }).toContain('dossier>');
    child.stdin.write('Who premiered neon lights at the Paris Motor Show?\n');
    await expect.poll(() => stdout, { timeout: 30_000 }).toMatch(/couldn't find that/);
    fs.copyFileSync(path.join(ROOT, '../shared/fixtures/html/citylab-1/source.html'), path.join(seeds, 'neon.html'));
    await expect.poll(() => stderr, { timeout: 60_000 }).toMatch(/Re-indexed: 6 articles/);
    child.stdin.write('Who premiered neon lights at the Paris Motor Show?\n:quit\n');
    await exited;
    expect(stdout.replace(/\s+/g, ' ')).toMatch(/Georges Claude premiered his neon lights/);
  });
});
