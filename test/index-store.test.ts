import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dossier } from '../src/dossier.ts';
import { staleReason } from '../src/ingest/stale.ts';
import { LocalStore, readManifest } from '../src/store/local.ts';
import { StoreError } from '../src/store/store.ts';
import { SEEDS_DIR, tempDir, testSettings, TEST_MODEL } from './helpers.ts';

describe('the index on disk', () => {
  const indexDir = tempDir('store');
  let dossier: Dossier;

  beforeAll(async () => {
    dossier = await Dossier.open(testSettings(indexDir));
  });
  afterAll(() => dossier.close());

  it('records what it was built from', () => {
    const manifest = readManifest(indexDir);
    expect(manifest).toMatchObject({ formatVersion: 4, model: TEST_MODEL, dim: 50, space: 'cosine', M: 16 });
    expect(manifest.passages).toBe(dossier.sources().reduce((n, s) => n + s.passages, 0));
    expect(staleReason(indexDir, SEEDS_DIR, dossier.embedder)).toBeNull();
  });

  it('tags the opening sentence of a caption paragraph as under the picture, not the story its later ones tell', async () => {
    const store = LocalStore.open(indexDir);
    const passages = await store.allPassages();
    const sentences = await store.sentences(passages.map((p) => p.id));
    const textOf = (s: (typeof sentences)[number]) =>
      passages.find((p) => p.id === s.passageId)!.text.slice(s.start, s.end);
    const tagged = sentences.filter((s) => s.tags.underPicture).map(textOf);
    expect(tagged.some((t) => t.startsWith('Afghans gather on a roadside'))).toBe(true);
    // Seed 001's Getty caption: its second sentence tells what happened, in Takhar province.
    const takhar = sentences.find((s) => textOf(s).startsWith('Ahmad Shah Massoud was assassinated on September 9'));
    expect(takhar).toBeDefined();
    expect(takhar!.tags.underPicture).toBeUndefined();
    // Every tagged sentence opens its paragraph.
    for (const s of sentences.filter((s) => s.tags.underPicture)) expect(s.start).toBe(0);
  });

  it('lists its articles oldest first, for every surface (the REPL’s :sources listed them by file name)', () => {
    const dates = dossier.sources().map((s) => s.date ?? '9999');
    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates).size).toBeGreaterThan(1);
  });

  it('is stale when the model or the articles change', () => {
    expect(staleReason(indexDir, SEEDS_DIR, { modelId: 'Xenova/all-MiniLM-L6-v2', signature: 'x' })).toMatch(
      /model changed/,
    );
    const seeds = tempDir('seeds');
    for (const f of fs.readdirSync(SEEDS_DIR)) fs.copyFileSync(path.join(SEEDS_DIR, f), path.join(seeds, f));
    fs.writeFileSync(
      path.join(seeds, 'new.txt'),
      'A new article\n\nSomething happened today in Kabul, officials said.',
    );
    expect(staleReason(indexDir, seeds, dossier.embedder)).toBe('the articles changed');
  });

  it('is stale when the weights file changes, even under the same model id and settings', () => {
    const otherWeights = dossier.embedder.signature.replace(dossier.embedder.weights!.sha256, '0'.repeat(64));
    expect(staleReason(indexDir, SEEDS_DIR, { modelId: TEST_MODEL, signature: otherWeights })).toMatch(
      /embedding settings changed/,
    );
  });

  it('refuses a damaged file before native code reads it', () => {
    const copy = tempDir('corrupt');
    fs.cpSync(indexDir, copy, { recursive: true });
    const manifest = readManifest(copy);
    fs.appendFileSync(path.join(copy, manifest.generation, 'corpus.json'), ' ');
    expect(() => LocalStore.open(copy)).toThrow(StoreError);
    expect(() => LocalStore.open(copy)).toThrow(/does not match its checksum/);
    fs.writeFileSync(path.join(copy, 'manifest.json'), '{ not json');
    expect(staleReason(copy, SEEDS_DIR, dossier.embedder)).toMatch(/damaged/);
  });

  it('keeps the previous index when a rebuild dies before the manifest swap', async () => {
    const before = readManifest(indexDir);
    // A crashed build leaves only a half-written generation folder behind.
    fs.mkdirSync(path.join(indexDir, 'gen-crashed'));
    fs.writeFileSync(path.join(indexDir, 'gen-crashed', 'corpus.json'), '{"trunc');
    expect(readManifest(indexDir).generation).toBe(before.generation);
    expect(await LocalStore.open(indexDir).allPassages()).toHaveLength(before.passages);
  });

  it('rejects empty and over-long questions with a reason, without searching', async () => {
    expect(await dossier.ask('   ')).toMatchObject({ answered: false, reason: 'empty' });
    expect(await dossier.ask('?!')).toMatchObject({ answered: false, reason: 'empty' });
    // A greeting alone asks nothing (a new user's "hi" was answered with the nearest photo caption); with a question
    // after it, it is a question.
    for (const greeting of ['hi', 'Hello there!', 'thanks', 'ok', 'ok thanks', 'Thank you, Dossier'])
      expect(await dossier.ask(greeting)).toMatchObject({ answered: false, reason: 'empty' });
    expect((await dossier.ask('hi, who is Amrullah Saleh?')).reason).not.toBe('empty');
    expect(await dossier.ask('why '.repeat(200))).toMatchObject({ answered: false, reason: 'too_long' });
  });

  it('spreads excerpts and never repeats the same text', async () => {
    const answer = await dossier.ask('Ahmad Massoud son of Ahmad Shah Massoud');
    const quotes = answer.excerpts.map((e) => e.quote);
    expect(new Set(quotes).size).toBe(quotes.length);
    expect(answer.excerpts.length).toBeGreaterThan(1);
  });
});
