import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir, testEnv } from './helpers.ts';

const run = promisify(execFile);

describe('who --json, end to end', () => {
  it('answers names from stdin, one JSON line each, in order, in the documented shape', async () => {
    const child = run(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/cli/who.ts'), '--json'], {
      env: testEnv(tempDir('who')),
      cwd: ROOT,
    });
    child.child.stdin!.end('Amrullah Saleh\nMassoud\n\nNobody Atall\n  ?!\n');
    const { stdout } = await child;
    const [saleh, massoud, blank, nobody, punctuation] = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(Object.keys(saleh).sort()).toEqual(['candidates', 'person', 'query', 'status']);
    expect(saleh.status).toBe('found');
    expect(Object.keys(saleh.person).sort()).toEqual(['aliases', 'articles', 'excerpts', 'name', 'roles']);
    expect(Object.keys(saleh.person.excerpts[0]).sort()).toEqual(['article', 'paragraph', 'quote']);
    expect(Object.keys(saleh.person.articles[0]).sort()).toEqual(['date', 'id', 'outlet', 'title']);
    expect(massoud).toMatchObject({ query: 'Massoud', status: 'ambiguous', person: null });
    expect(nobody).toMatchObject({ query: 'Nobody Atall', status: 'not_found', person: null });
    expect(nobody).not.toHaveProperty('reason');
    // A blank line is said to be one, as `ask --json` says of a blank question.
    expect(blank).toEqual({ query: '', status: 'not_found', person: null, candidates: [], reason: 'empty' });
    expect(punctuation).toMatchObject({ query: '?!', status: 'not_found', reason: 'empty' });
  });
});
