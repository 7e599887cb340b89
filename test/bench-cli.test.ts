import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT, tempDir, testEnv } from './helpers.ts';

const run = promisify(execFile);
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** The bench's command line, stopped before it loads anything: exit code and stderr. */
async function bench(args: string[], extra: Record<string, string> = {}) {
  const env = testEnv(tempDir('bench-index'), extra);
  return run(TSX, ['src/bench/bench.ts', ...args], { cwd: ROOT, env }).then(
    () => ({ code: 0, stderr: '' }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );
}

describe('npm run bench: the command line', () => {
  it('refuses an unknown backend with the usage (exit code 2)', async () => {
    const { code, stderr } = await bench(['--backend', 'sqlite']);
    expect(code).toBe(2);
    expect(stderr).toContain('--backend is local or postgres, not "sqlite"');
    expect(stderr).toContain('Usage: npm run bench');
  });

  it('says how to get a DATABASE_URL when --backend postgres has none', async () => {
    const { code, stderr } = await bench(['--backend', 'postgres', '--index-only']);
    expect(code).toBe(1);
    expect(stderr).toContain('--backend postgres needs DATABASE_URL');
    expect(stderr).toContain('npm run db:start');
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('refuses a vector count it cannot measure', async () => {
    const { code, stderr } = await bench(['--vectors', 'many']);
    expect(code).toBe(2);
    expect(stderr).toContain('--vectors is a whole number');
  });
});
