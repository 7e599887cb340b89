import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Embedder } from '../src/embed/embedder.ts';
import { ingest } from '../src/ingest/ingest.ts';
import { LocalStore } from '../src/store/local.ts';
import { SEEDS_DIR, TEST_MODEL, TEST_MODELS_DIR, tempDir } from './helpers.ts';

describe('re-ingesting after adding an article', () => {
  let embedder: Embedder;
  const seeds = tempDir('reingest-seeds');
  const indexDir = tempDir('reingest-index');

  beforeAll(async () => {
    for (const f of fs.readdirSync(SEEDS_DIR)) fs.copyFileSync(path.join(SEEDS_DIR, f), path.join(seeds, f));
    embedder = await Embedder.load({
      modelId: TEST_MODEL,
      modelsDir: TEST_MODELS_DIR,
      allowRemoteModels: false,
      cacheDir: tempDir('cache'),
    });
  });
  afterAll(() => embedder.dispose());

  const embeddedBy = async (reuse: boolean) => {
    const spy = vi.spyOn(embedder, 'embedPassages');
    await ingest({ seedsDir: seeds, indexDir }, embedder, undefined, { reuse });
    const texts = spy.mock.calls.reduce((n, call) => n + call[0].length, 0);
    spy.mockRestore();
    return texts;
  };

  it('embeds only the new article, and the result equals a full rebuild', async () => {
    const first = await embeddedBy(true);
    expect(first).toBeGreaterThan(250); // passages and sentences, each distinct text once
    fs.writeFileSync(
      path.join(seeds, 'zz_new.txt'),
      'Valley villagers return\n\nVillagers returned to the valley on Monday, elders said. Shops reopened in the market.\n',
    );
    const second = await embeddedBy(true);
    expect(second).toBeGreaterThan(0);
    expect(second).toBeLessThan(5);
    const reused = LocalStore.open(indexDir);
    const full = await embeddedBy(false);
    expect(full).toBeGreaterThan(first);
    const rebuilt = LocalStore.open(indexDir);
    const passages = await rebuilt.allPassages();
    expect(await reused.allPassages()).toEqual(passages);
    for (const { id } of passages) {
      const a = reused.passageVector(id)!;
      const b = rebuilt.passageVector(id)!;
      a.forEach((x, d) => expect(x).toBeCloseTo(b[d]!, 5));
    }
  });
});
