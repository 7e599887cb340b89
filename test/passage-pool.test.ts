import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Embedder } from '../src/embed/embedder.ts';
import { PassagePool } from '../src/embed/passage-pool.ts';
import { readSeed, TEST_MODEL, TEST_MODELS_DIR, tempDir } from './helpers.ts';

describe('passage embedding on worker threads', () => {
  const options = { modelId: TEST_MODEL, modelsDir: TEST_MODELS_DIR, allowRemoteModels: false, cacheDir: tempDir('c') };
  // Real sentences, enough of them for a job that goes to the pool.
  const sentences = readSeed('')
    .split(/(?<=[.!?])\s+/)
    .filter((s) => s.length > 20);
  const texts = Array.from({ length: 1200 }, (_, i) => `${sentences[i % sentences.length]} (${i})`);
  let embedder: Embedder;

  beforeAll(async () => {
    embedder = await Embedder.load({ ...options, passageWorkers: 2 });
  });
  afterAll(() => embedder.dispose());

  it('gives the vectors this thread gives, in input order, and reports every text done', async () => {
    const inThread = await embedder.embedPassages(texts, undefined, { workers: false });
    // The first large job starts the pool (this thread works meanwhile); the next finds it ready and hands it all.
    await embedder.embedPassages(texts);
    const calls = vi.spyOn(embedder as unknown as { embedIds: () => unknown }, 'embedIds');
    const reports: number[] = [];
    const pooled = await embedder.embedPassages(texts, (done) => reports.push(done));
    expect(calls).not.toHaveBeenCalled();
    expect(pooled).toHaveLength(texts.length);
    pooled.forEach((v, i) => v.forEach((x, d) => expect(x).toBeCloseTo(inThread[i]![d]!, 6)));
    expect(reports.at(-1)).toBe(texts.length);
  });

  it('returns the batches a worker failed on, and keeps embedding the rest', async () => {
    const format = { padId: 0, paddingSide: 'right' as const, pooling: 'mean' as const };
    const source = { ...options, dtype: 'fp32' as const };
    const pool = await PassagePool.start({ source, format }, 2, () => undefined);
    // A word-piece id past the vocabulary makes the model itself fail on that batch.
    const batches = [[[101, 2023, 102]], [[101, 99_999_999, 102]], [[101, 2009, 102]], [[101, 2054, 102]]];
    let next = 0;
    const done: number[][][] = [];
    const { left, error } = await pool.run(
      () => (next < batches.length ? { rows: batches[next++]! } : undefined),
      (batch) => done.push(batch.rows),
    );
    expect(error?.message).toMatch(/passage worker failed/);
    expect(left.map((b) => b.rows)).toEqual([batches[1]]);
    // Every batch is either done or handed back: none is lost.
    expect(done.length + left.length).toBe(next);
    await pool.close();
  });

  it('fails to start, with a reason and no worker left running, when the model is missing', async () => {
    const source = { ...options, modelId: 'nobody/nothing', dtype: 'fp32' as const };
    const format = { padId: 0, paddingSide: 'right' as const, pooling: 'mean' as const };
    await expect(PassagePool.start({ source, format }, 2, () => undefined)).rejects.toThrow(/could not load the model/);
  });
});
