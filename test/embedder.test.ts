import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import { Embedder, ModelLoadError, planBatches } from '../src/embed/embedder.ts';
import { profileFor } from '../src/embed/models.ts';
import { TEST_MODEL, TEST_MODELS_DIR, tempDir } from './helpers.ts';

describe('Embedder with the tiny offline model', () => {
  let embedder: Embedder;
  const options = { modelsDir: TEST_MODELS_DIR, allowRemoteModels: false, cacheDir: tempDir('cache') };

  beforeAll(async () => {
    embedder = await Embedder.load({ ...options, modelId: TEST_MODEL });
  });
  afterAll(() => embedder.dispose());

  it('knows its dimension and returns unit vectors', async () => {
    expect(embedder.dim).toBe(50);
    const v = await embedder.embedQuery('Who leads the resistance in Panjshir?');
    expect(Math.hypot(...v)).toBeCloseTo(1, 5);
  });

  it('batches by length but returns vectors in input order, equal to one-by-one embedding', async () => {
    const texts = [
      'Kabul',
      'The Taliban took control of Afghanistan on August 15, following a swift rout of government forces.',
      'Panjshir valley',
      'peace talks failed',
    ];
    const batched = await embedder.embedPassages(texts, undefined, 3);
    const single = await embedder.embedOneByOne(texts);
    batched.forEach((v, i) => v.forEach((x, d) => expect(x).toBeCloseTo(single[i]![d]!, 5)));
  });

  it('knows the weights file it loaded, by sha256, and keys its signature by it', () => {
    const file = path.join(TEST_MODELS_DIR, TEST_MODEL, 'onnx', 'model.onnx');
    expect(embedder.weights!.sha256).toBe(crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
    expect(JSON.parse(embedder.signature)).toMatchObject({
      model: TEST_MODEL,
      dtype: 'fp32',
      weights: embedder.weights!.sha256,
    });
  });

  it('plans batches by length: few padded tokens, at most batchSize texts and tokenBudget tokens each', () => {
    const lengths = [40, 5, 200, 7, 6, 300, 41, 8];
    const batches = planBatches(lengths, 3, 400);
    expect(batches.flat().sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
    expect(batches).toEqual([[1, 4, 3], [7, 0, 6], [2], [5]]);
    for (const b of batches)
      expect(b.length === 1 || b.length * Math.max(...b.map((i) => lengths[i]!)) <= 400).toBe(true);
    expect(planBatches([1000], 32, 10)).toEqual([[0]]);
  });

  it('names the model, where it looked and how to fix it when the model is missing', async () => {
    const error = await Embedder.load({ ...options, modelId: 'nobody/nothing' }).catch((e) => e);
    expect(error).toBeInstanceOf(ModelLoadError);
    expect(error.message).toContain('"nobody/nothing"');
    expect(error.message).toContain(TEST_MODELS_DIR);
    expect(error.message).toContain('MODELS_DIR');
    expect(error.message).toContain('ALLOW_REMOTE_MODELS=true');
  });

  it('has per-model pooling and prefixes', () => {
    expect(profileFor('Xenova/all-MiniLM-L6-v2')).toMatchObject({ pooling: 'mean', queryPrefix: '', maxTokens: 256 });
    expect(profileFor('Xenova/bge-small-en-v1.5')).toMatchObject({
      pooling: 'cls',
      queryPrefix: 'Represent this sentence for searching relevant passages: ',
    });
    expect(profileFor('Xenova/e5-small-v2')).toMatchObject({ queryPrefix: 'query: ', passagePrefix: 'passage: ' });
    expect(profileFor('someone/unknown-model').pooling).toBe('mean');
  });
});
