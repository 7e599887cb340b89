import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseSettings, redactSecrets, SettingsError, shown } from '../src/config.ts';
import { ensureWritableDir, IndexDirError } from '../src/ingest/writable.ts';
import { ROOT, tempDir, testEnv } from './helpers.ts';

const run = promisify(execFile);
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
// A fake, token-shaped value (assembled so that no token-shaped string sits in the repository).
const TOKEN = ['MTIzNDU2Nzg5MDEyMzQ1Njc4OQ', 'GaBcDe', 'abcdefghijklmnopqrstuvwxyz0123456789AB'].join('.');

const problemsOf = (env: Record<string, string>): string => {
  try {
    parseSettings(env, ROOT);
  } catch (error) {
    if (error instanceof SettingsError) return error.message;
    throw error;
  }
  return '';
};

describe('settings never echo a token, whatever setting holds it', () => {
  it('a token pasted into DISCORD_CLIENT_ID or any other setting is hidden, with a hint', () => {
    const message = problemsOf({
      DISCORD_CLIENT_ID: TOKEN,
      DISCORD_GUILD_ID: TOKEN,
      MAX_EXCERPTS: TOKEN,
      LOG_LEVEL: TOKEN,
      ALLOW_REMOTE_MODELS: TOKEN,
      EMBED_MODEL: TOKEN,
      DISCORD_API_URL: `https://x.example/${TOKEN}`,
    });
    for (const name of [
      'DISCORD_CLIENT_ID',
      'DISCORD_GUILD_ID',
      'MAX_EXCERPTS',
      'LOG_LEVEL',
      'ALLOW_REMOTE_MODELS',
      'EMBED_MODEL',
    ])
      expect(message).toContain(name);
    expect(message).not.toContain(TOKEN);
    for (const part of TOKEN.split('.')) expect(message).not.toContain(part);
    expect(message.toLowerCase()).not.toContain(TOKEN.toLowerCase().slice(0, 20));
    expect(message).toContain('looks like a token');
  });

  it('a token in a path setting is not echoed by the error that names the path', async () => {
    expect(redactSecrets(`The articles folder /tmp/${TOKEN} does not exist.`)).toBe(
      'The articles folder /tmp/<hidden token> does not exist.',
    );
    const error = await run(TSX, [path.join(ROOT, 'src/cli/ask.ts'), '--json', 'hello'], {
      env: testEnv(tempDir('tokenpath'), { SEEDS_DIR: `/tmp/${TOKEN}` }),
      cwd: ROOT,
    }).catch((e) => e);
    expect(error.code).toBe(1);
    expect(error.stderr).toContain('does not exist');
    expect(error.stderr).not.toContain(TOKEN.split('.')[2]);
  });

  it('any long random-looking value is hidden; ordinary mistakes are still shown', () => {
    expect(shown('sk_live_9aF3kQ7zL2mN8pR4tV6wX1yB')).not.toContain('9aF3kQ7z');
    expect(shown('lots')).toBe('"lots"');
    expect(problemsOf({ MAX_EXCERPTS: 'lots' })).toContain('got "lots"');
  });
});

describe('LOG_LEVEL and size settings', () => {
  it('an unknown LOG_LEVEL is a listed settings problem; MAX_ARTICLE_KB is checked and applied', () => {
    expect(problemsOf({ LOG_LEVEL: 'verbose', MAX_ARTICLE_KB: '0' })).toMatch(
      /LOG_LEVEL must be one of[\s\S]*MAX_ARTICLE_KB must be a whole number/,
    );
    expect(parseSettings({ MAX_ARTICLE_KB: '64' }, ROOT).maxArticleBytes).toBe(64 * 1024);
  });

  it('an unknown LOG_LEVEL in the environment: the settings message, not a crash at import', async () => {
    const error = await run(TSX, [path.join(ROOT, 'src/cli/ask.ts'), '--json', 'hello'], {
      env: testEnv(tempDir('badlevel'), { LOG_LEVEL: 'verbose' }),
      cwd: ROOT,
    }).catch((e) => e);
    expect(error.code).toBe(1);
    expect(error.stderr).toContain('Invalid settings');
    expect(error.stderr).toContain('LOG_LEVEL must be one of');
    expect(error.stderr).not.toMatch(/    at /);
  });

  it('LOG_LEVEL from .env is used (the logger is configured after .env is read), and build progress is logged off a terminal', async () => {
    const cwd = tempDir('dotenv');
    fs.writeFileSync(path.join(cwd, '.env'), 'LOG_LEVEL=debug\n');
    const env = testEnv(tempDir('dotenv-index'));
    delete env.LOG_LEVEL;
    const { stderr } = await run(TSX, [path.join(ROOT, 'src/cli/ask.ts'), '--json', 'Who is Matin Bek?'], { env, cwd });
    const logs = stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    expect(logs.some((l) => l.level === 20 && l.msg === 'building the index')).toBe(true);
    const progress = logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('Embedding'));
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1).msg).toBe('Embedding: done');
    expect(progress.some((l) => l.total > 0 && typeof l.done === 'number')).toBe(true);
  });
});

describe('INDEX_DIR is checked before any embedding', () => {
  it('under a file, under /proc or /sys, or not writable: a clear error, fast', () => {
    const file = path.join(tempDir('afile'), 'file');
    fs.writeFileSync(file, 'x');
    expect(() => ensureWritableDir(path.join(file, 'index'))).toThrow(
      /INDEX_DIR=.*file\/index can't hold the index: part of that path is a file/,
    );
    expect(() => ensureWritableDir(file)).toThrow(/is a file, not a folder/);
    const started = Date.now();
    expect(() => ensureWritableDir('/proc/x/index')).toThrow(IndexDirError);
    expect(() => ensureWritableDir('/proc/x')).toThrow(/system \(virtual\) file system/);
    expect(() => ensureWritableDir('/sys/kernel/dossier')).toThrow(IndexDirError);
    expect(Date.now() - started).toBeLessThan(1000);
    const fresh = path.join(tempDir('fresh'), 'a', 'b');
    ensureWritableDir(fresh);
    expect(fs.statSync(fresh).isDirectory()).toBe(true);
    expect(fs.readdirSync(fresh)).toEqual([]);
  });

  it('the CLI stops before embedding, for INDEX_DIR under a file and INDEX_DIR=/proc/x', async () => {
    const file = path.join(tempDir('afile-cli'), 'file');
    fs.writeFileSync(file, 'x');
    const [underFile, proc] = await Promise.all(
      [path.join(file, 'index'), '/proc/x'].map((INDEX_DIR) =>
        run(TSX, [path.join(ROOT, 'src/cli/ask.ts'), '--json', 'hello'], {
          env: testEnv(INDEX_DIR, { LOG_LEVEL: 'info' }),
          cwd: ROOT,
          timeout: 30_000,
        }).catch((e) => e),
      ),
    );
    for (const error of [underFile, proc]) {
      expect(error.code).toBe(1);
      expect(error.stderr).toContain("can't hold the index");
      expect(error.stderr).toContain('Set INDEX_DIR to a folder you can write to');
      expect(error.stderr).not.toContain('Embedding: 0/'); // failed before any embedding
      expect(error.stderr).not.toMatch(/    at /);
    }
  });
});
