import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.ts';

const run = promisify(execFile);
const HOOKS = path.join(ROOT, 'test/fixtures/report-imports.mjs');

/** Which module first imports each watched package (see the hooks file) when `entry` is loaded. */
async function heavyImports(entry: string): Promise<Record<string, string>> {
  const { stderr } = await run(
    process.execPath,
    ['--import', 'tsx', '--import', HOOKS, '-e', `await import(${JSON.stringify(entry)})`],
    { cwd: ROOT },
  );
  return Object.fromEntries([...stderr.matchAll(/^(\S+) imported by (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
}

// Only a re-index reads articles: the NLP tagger (compromise, ~400 ms and ~50 MB) and the HTML and Markdown readers
// (~300 ms) are loaded by the ingest stage, never by answering, so the bot's first answer comes sooner.
describe('a warm start', () => {
  it('GIVEN the engine module THEN neither the NLP tagger nor the article readers are loaded', async () => {
    expect(await heavyImports('./src/dossier.ts')).toEqual({});
  });

  it('GIVEN the bot THEN they are not loaded either (follow-ups and /add load them on first use)', async () => {
    expect(await heavyImports('./src/discord/bot.ts')).toEqual({});
  });

  it('GIVEN the ingest stage THEN they are (so the check above can see them)', async () => {
    const imported = await heavyImports('./src/ingest/ingest.ts');
    expect(imported['compromise']).toMatch(/sentence-tags|extract/);
    expect(imported['linkedom']).toMatch(/corpus\/html/);
    expect(imported['@mozilla/readability']).toMatch(/corpus\/html/);
    expect(imported['mdast-util-from-markdown']).toMatch(/corpus\/markdown/);
  });
});
