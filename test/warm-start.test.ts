import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.ts';

const run = promisify(execFile);
const HOOKS = path.join(ROOT, 'test/fixtures/report-compromise.mjs');

/** Which module imports the NLP tagger when `entry` is loaded ('' when none does). */
async function taggerImporter(entry: string): Promise<string> {
  const { stderr } = await run(
    process.execPath,
    ['--import', 'tsx', '--import', HOOKS, '-e', `await import(${JSON.stringify(entry)})`],
    { cwd: ROOT },
  );
  return stderr.match(/compromise imported by (\S+)/)?.[1] ?? '';
}

// The tagger (compromise) costs ~400 ms and ~50 MB at start: only a re-index needs it, never answering.
describe('a warm start', () => {
  it('GIVEN the engine module THEN the NLP tagger is not loaded', async () => {
    expect(await taggerImporter('./src/dossier.ts')).toBe('');
  });

  it('GIVEN the ingest stage THEN it is (so the check above can see it)', async () => {
    expect(await taggerImporter('./src/ingest/ingest.ts')).toMatch(/sentence-tags|extract/);
  });
});
