import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseSettings, type Settings } from '../src/config.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const SEEDS_DIR = path.join(ROOT, 'seeds');
/** Shared offline models (the tiny GloVe test model lives there); overridable for other layouts. */
export const TEST_MODELS_DIR = process.env.TEST_MODELS_DIR ?? path.resolve(ROOT, '../shared/models');
export const TEST_MODEL = 'dossier-test/glove-6B-50d-10k';

export function readSeed(prefix: string): string {
  const file = fs.readdirSync(SEEDS_DIR).find((f) => f.startsWith(prefix))!;
  return fs.readFileSync(path.join(SEEDS_DIR, file), 'utf8');
}

const madeDirs: string[] = [];

/** Where testEnv keeps a test's data (feedback, history): beside its index folder. */
const dataDirOf = (indexDir: string) => `${indexDir}-data`;

/** A fresh folder under the system's temp dir, removed after the test file (see test/setup.ts). */
export function tempDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dossier-${name}-`));
  madeDirs.push(dir);
  return dir;
}

/** Removes every tempDir made in this process, and the data folders testEnv points beside them. */
export function removeTempDirs(): void {
  for (const dir of madeDirs.splice(0)) {
    for (const d of [dir, dataDirOf(dir)]) fs.rmSync(d, { recursive: true, force: true });
  }
}

/** Environment for running the real CLI against the tiny model, strictly offline. */
export function testEnv(indexDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...(process.env as Record<string, string>),
    EMBED_MODEL: TEST_MODEL,
    MODELS_DIR: TEST_MODELS_DIR,
    ALLOW_REMOTE_MODELS: 'false',
    SEEDS_DIR,
    INDEX_DIR: indexDir,
    DATA_DIR: dataDirOf(indexDir),
    LOG_LEVEL: 'warn',
    // The local backend unless a test asks for postgres (a developer's DATABASE_URL must not leak in).
    DATABASE_URL: '',
    ...extra,
  };
}

export function testSettings(indexDir: string, extra: Record<string, string> = {}): Settings {
  return parseSettings(testEnv(indexDir, extra), ROOT);
}
