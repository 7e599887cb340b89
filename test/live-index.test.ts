import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dossier, type ReindexEvent } from '../src/dossier.ts';
import { SEEDS_DIR, tempDir, testSettings } from './helpers.ts';

const ARTICLE =
  'Flood in Charikar\n\nFloodwaters swept through the bazaar of Charikar on Tuesday, destroying forty shops, the district governor said.\n';
const QUESTION = 'How many shops did the flood in Charikar destroy?';

describe('a live index: articles added while it runs', () => {
  const seeds = tempDir('live-seeds');
  const indexDir = tempDir('live-index');
  const events: ReindexEvent[] = [];
  let dossier: Dossier;
  const settled = (p: Promise<unknown>) =>
    Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), 0))]);

  beforeAll(async () => {
    for (const f of fs.readdirSync(SEEDS_DIR)) fs.copyFileSync(path.join(SEEDS_DIR, f), path.join(seeds, f));
    dossier = await Dossier.open(testSettings(indexDir, { SEEDS_DIR: seeds }), {
      watch: true,
      serveWhileRebuilding: true,
      onReindex: (e) => events.push(e),
    });
  });
  afterAll(() => dossier.close());

  it('GIVEN a rebuild in progress THEN questions are answered from the old index without waiting for it', async () => {
    const rebuild = dossier.reindex('test');
    const answer = await dossier.ask('Who is Amrullah Saleh?');
    expect(answer.answered).toBe(true);
    expect(await settled(rebuild)).toBe(false); // the answer came while the rebuild was still running
    expect(await rebuild).toMatchObject({ ok: true });
  });

  it('GIVEN a new article dropped into the folder THEN it is indexed in the background and answers', async () => {
    expect((await dossier.ask(QUESTION)).answered).toBe(false);
    const before = events.length;
    fs.writeFileSync(path.join(seeds, 'zz_flood.txt'), ARTICLE);
    await expect.poll(() => events.length, { timeout: 30_000, interval: 100 }).toBeGreaterThan(before);
    expect(events.at(-1)).toMatchObject({ ok: true, articles: 6 });
    const answer = await dossier.ask(QUESTION);
    expect(answer.answered).toBe(true);
    expect(answer.excerpts[0]!.quote).toContain('destroying forty shops');
    expect(dossier.sources().map((s) => s.title)).toContain('Flood in Charikar');
  });

  it('GIVEN a rebuild that fails THEN keeps answering from the previous index', async () => {
    const broken = tempDir('live-broken');
    const engine = Object.create(dossier) as Dossier;
    Object.defineProperty(engine, 'settings', { value: { ...dossier.settings, seedsDir: broken } }); // an empty folder
    const event = await engine.reindex('test');
    expect(event.ok).toBe(false);
    expect((await dossier.ask(QUESTION)).answered).toBe(true);
  });
});
