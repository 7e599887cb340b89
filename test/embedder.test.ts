import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Embedder, ModelLoadError } from '../src/embed/embedder.ts';
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
    const texts = ['Kabul', 'The Taliban took control of Afghanistan on August 15, following a swift rout of government forces.', 'Panjshir valley', 'peace talks failed'];
    const batched = await embedder.embedPassages(texts, undefined, 3);
    const single = await embedder.embedOneByOne(texts);
    batched.forEach((v, i) => v.forEach((x, d) => expect(x).toBeCloseTo(single[i]![d]!, 5)));
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
    expect(profileFor('Xenova/bge-small-en-v1.5')).toMatchObject({ pooling: 'cls', queryPrefix: 'Represent this sentence for searching relevant passages: ' });
    expect(profileFor('Xenova/e5-small-v2')).toMatchObject({ queryPrefix: 'query: ', passagePrefix: 'passage: ' });
    expect(profileFor('someone/unknown-model').pooling).toBe('mean');
  });
});
