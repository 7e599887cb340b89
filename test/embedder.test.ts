import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import { mean_pooling, pipeline, type FeatureExtractionPipeline, type Tensor } from '@huggingface/transformers';
import { Embedder, ModelLoadError, planBatches } from '../src/embed/embedder.ts';
import { embeddingSignature, profileFor } from '../src/embed/models.ts';
import { wordPositions } from '../src/embed/encoder.ts';
import { ROOT, TEST_MODEL, TEST_MODELS_DIR, tempDir } from './helpers.ts';

describe('wordPositions', () => {
  it("finds every place a name's word pieces occur as a whole word in a row of pieces", () => {
    // [CLS] where is mass ##oud from ? mass ##oud said ali ##baba [SEP]: "Massoud" is mass ##oud, "Ali" is ali
    const row = [101, 2073, 2003, 3742, 7140, 2013, 1029, 3742, 7140, 2056, 4862, 9000, 102];
    const continues = (id: number) => id === 7140 || id === 9000;
    expect([...wordPositions(row, [[3742, 7140]], continues)].sort((a, b) => a - b)).toEqual([3, 4, 7, 8]);
    expect(wordPositions(row, [[3742, 9999]], continues).size).toBe(0); // half a name is no name
    expect(wordPositions(row, [[4862]], continues).size).toBe(0); // "Ali" is not the start of "Alibaba"
    expect(wordPositions(row, [[]], continues).size).toBe(0);
  });
});

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
    const batched = await embedder.embedPassages(texts, undefined, { batchSize: 3 });
    const single = await embedder.embedOneByOne(texts);
    batched.forEach((v, i) => v.forEach((x, d) => expect(x).toBeCloseTo(single[i]![d]!, 5)));
  });

  it('gives a question the same vector as the same text embedded as a passage (two sessions, one model)', async () => {
    const text = 'The Taliban took control of Afghanistan on August 15.';
    expect(profileFor(TEST_MODEL).queryPrefix).toBe(profileFor(TEST_MODEL).passagePrefix);
    const [passage] = await embedder.embedPassages([text]);
    const query = await embedder.embedQuery(text);
    query.forEach((x, d) => expect(x).toBeCloseTo(passage![d]!, 5));
  });

  it('embeds a question whole and, in the same call, without the names it asks about (its focus)', async () => {
    const question = 'Where is Massoud from originally?';
    const { vector, focus } = await embedder.embedQuestion(question, ['Massoud']);
    (await embedder.embedQuery(question)).forEach((x, d) => expect(vector[d]).toBeCloseTo(x, 5));
    // Static word vectors have no context, so the focus is the question embedded without the name.
    (await embedder.embedQuery('Where is from originally?')).forEach((x, d) => expect(focus[d]).toBeCloseTo(x, 5));
    expect(Math.hypot(...focus)).toBeCloseTo(1, 5);
    // Nothing to leave out (no name, or a name the question doesn't hold): the focus is the whole question.
    const unnamed = await embedder.embedQuestion('where is panjshir', []);
    expect(unnamed.focus).toBe(unnamed.vector);
    const elsewhere = await embedder.embedQuestion(question, ['Kabul']);
    expect(elsewhere.focus).toBe(elsewhere.vector);
    // A question that is only a name has nothing left to ask: its focus is the whole question, not its punctuation.
    const onlyName = await embedder.embedQuestion('Kabul?', ['Kabul']);
    expect(onlyName.focus).toBe(onlyName.vector);
  });

  it('reports download progress only for a download: a model already on disk loads silently', async () => {
    const reports: unknown[] = [];
    const local = await Embedder.load({ ...options, modelId: TEST_MODEL, onProgress: (info) => reports.push(info) });
    await local.dispose();
    expect(reports).toEqual([]);
  });

  it('knows the weights file it loaded, by sha256, and keys its signature by it', () => {
    const file = path.join(TEST_MODELS_DIR, TEST_MODEL, 'onnx', 'model.onnx');
    expect(embedder.weights!.sha256).toBe(crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
    expect(JSON.parse(embedder.signature)).toMatchObject({
      model: TEST_MODEL,
      dtype: 'fp32',
      weights: embedder.weights!.sha256,
    });
    // fp32 vectors don't depend on batching; int8 ones do (one quantisation scale per call), so the batching keys them.
    expect(JSON.parse(embedder.signature)).not.toHaveProperty('batching');
    const int8 = { ...profileFor('Xenova/all-MiniLM-L6-v2'), dtype: 'q8' as const };
    const batching = { texts: 8, tokens: 512 };
    expect(JSON.parse(embeddingSignature('Xenova/all-MiniLM-L6-v2', int8, 'abc', batching))).toMatchObject({
      batching,
    });
    expect(embeddingSignature('Xenova/all-MiniLM-L6-v2', int8, 'abc', batching)).not.toBe(
      embeddingSignature('Xenova/all-MiniLM-L6-v2', int8, 'abc', { texts: 32, tokens: 2048 }),
    );
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

/** The vectors as Dossier made them through the pipeline before it called the ONNX session itself. */
async function pipelineVectors(extractor: FeatureExtractionPipeline, modelId: string, texts: string[]) {
  const profile = profileFor(modelId);
  const inputs = extractor.tokenizer(texts, { padding: true, truncation: true, max_length: profile.maxTokens });
  const outputs = await extractor.model(inputs);
  const hidden: Tensor = outputs.last_hidden_state ?? outputs.token_embeddings;
  const pooled = profile.pooling === 'mean' ? mean_pooling(hidden, inputs.attention_mask) : hidden.slice(null, 0);
  return pooled.normalize(2, -1).tolist() as number[][];
}

const maxCosineGap = (a: ArrayLike<number>[], b: ArrayLike<number>[]) =>
  Math.max(...a.map((v, i) => 1 - Array.from(v).reduce((s, x, d) => s + x * b[i]![d]!, 0)));

const REAL_MODELS = path.join(ROOT, 'models');
const REAL_MODEL = 'Xenova/all-MiniLM-L6-v2';
const hasRealModel = fs.existsSync(path.join(REAL_MODELS, REAL_MODEL, 'onnx', 'model_quantized.onnx'));

describe.each([
  { modelId: TEST_MODEL, modelsDir: TEST_MODELS_DIR, dtype: 'fp32' as const, present: true },
  { modelId: REAL_MODEL, modelsDir: REAL_MODELS, dtype: 'q8' as const, present: hasRealModel },
])('the direct ONNX call gives the vectors the pipeline gave ($modelId)', ({ modelId, modelsDir, dtype, present }) => {
  // Short, medium and one text past the 256-word-piece truncation, in one padded batch and one by one.
  const texts = [
    'Kabul',
    'The Taliban took control of Afghanistan on August 15, following a swift rout of government forces.',
    'Ahmad Massoud, son of the late commander, leads the National Resistance Front from the Panjshir valley. '.repeat(
      20,
    ),
    'peace talks failed',
  ];
  let embedder: Embedder;
  let extractor: FeatureExtractionPipeline;

  beforeAll(async () => {
    if (!present) return;
    embedder = await Embedder.load({ modelId, modelsDir, allowRemoteModels: false, cacheDir: tempDir('cache') });
    extractor = (await pipeline('feature-extraction', modelId, { dtype })) as FeatureExtractionPipeline;
  });
  afterAll(async () => {
    await embedder?.dispose();
    await extractor?.dispose();
  });

  it.skipIf(!present)('one text per call (cosine gap < 1e-6)', async () => {
    const reference = await Promise.all(texts.map(async (t) => (await pipelineVectors(extractor, modelId, [t]))[0]!));
    expect(maxCosineGap(await embedder.embedOneByOne(texts), reference)).toBeLessThan(1e-6);
  });

  it.skipIf(!present)('one padded batch (cosine gap < 1e-6)', async () => {
    // Sorted by length as planBatches orders a batch, so both runs feed the model the same tensor.
    const sorted = [0, 3, 1, 2].map((i) => texts[i]!);
    const ours = await embedder.embedPassages(sorted, undefined, { batchSize: 32, tokenBudget: Infinity });
    expect(maxCosineGap(ours, await pipelineVectors(extractor, modelId, sorted))).toBeLessThan(1e-6);
  });
});
