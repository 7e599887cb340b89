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

  it('tags the sentences of a page’s list items as such, and the same words elsewhere not, after a re-index too', async () => {
    // The Independent's hotel secrets (Readability's test page bug-1255978): list items with no full stop.
    const story = Array.from(
      { length: 4 },
      (_, i) =>
        `<p>Hotel owners shared what the receptionist will never tell you when you check in, part ${i + 1} of the answers posted on Quora by people who run hotels.</p>`,
    ).join('');
    const page = (name: string, body: string) =>
      fs.writeFileSync(
        path.join(seeds, name),
        `<!doctype html><html><head><title>Hotel secrets</title></head><body><article><h1>Hotel secrets</h1>${story}${body}</article></body></html>`,
      );
    page(
      'zz_hotels.html',
      '<ul><li>Mini bars almost always lose money</li><li>Take any blankets or duvets off the bed</li></ul>',
    );
    page(
      'zz_hotels2.html',
      '<h2>Take any blankets or duvets off the bed</h2><p>The owners of hotels in the city asked not to be named.</p>',
    );
    for (const reuse of [false, true]) {
      await ingest({ seedsDir: seeds, indexDir }, embedder, undefined, { reuse });
      const store = LocalStore.open(indexDir);
      const passages = (await store.allPassages()).filter((p) => p.articleId.startsWith('zz_hotels'));
      const tagged = (await store.sentences(passages.map((p) => p.id))).map((s) => ({
        text: passages.find((p) => p.id === s.passageId)!.text.slice(s.start, s.end),
        listItem: s.tags?.listItem === true,
        heading: s.tags?.heading,
      }));
      expect(tagged.filter((t) => t.listItem).map((t) => t.text)).toEqual([
        'Mini bars almost always lose money',
        'Take any blankets or duvets off the bed',
      ]);
      expect(tagged.filter((t) => t.text === 'Take any blankets or duvets off the bed').map((t) => t.listItem)).toEqual(
        [true, false],
      );
    }
  });
});
