/**
 * How each embedding model wants to be used. Getting pooling or prefixes wrong silently
 * costs retrieval quality, so the choices live here, in one place, per model card.
 */
export interface ModelProfile {
  pooling: 'mean' | 'cls';
  /** Prepended to questions. */
  queryPrefix: string;
  /** Prepended to passages. */
  passagePrefix: string;
  /** ONNX weights variant to load: 'fp32' is onnx/model.onnx, 'q8' is onnx/model_quantized.onnx. */
  dtype: 'fp32' | 'q8';
  /** Word pieces kept per text (the model's training length). */
  maxTokens: number;
}

export const DEFAULT_PROFILE: ModelProfile = {
  pooling: 'mean',
  queryPrefix: '',
  passagePrefix: '',
  dtype: 'fp32',
  maxTokens: 512,
};

export const MODEL_PROFILES: Record<string, Partial<ModelProfile>> = {
  'Xenova/all-MiniLM-L6-v2': { pooling: 'mean', dtype: 'q8', maxTokens: 256 },
  'Xenova/paraphrase-MiniLM-L3-v2': { pooling: 'mean', dtype: 'q8', maxTokens: 128 },
  'Xenova/bge-small-en-v1.5': {
    pooling: 'cls',
    queryPrefix: 'Represent this sentence for searching relevant passages: ',
    dtype: 'q8',
    maxTokens: 512,
  },
  'Xenova/e5-small-v2': {
    pooling: 'mean',
    queryPrefix: 'query: ',
    passagePrefix: 'passage: ',
    dtype: 'q8',
    maxTokens: 512,
  },
  // Static word vectors for fast tests (see ../shared/models/README.md).
  'dossier-test/glove-6B-50d-10k': { pooling: 'mean', dtype: 'fp32', maxTokens: 512 },
};

export function profileFor(modelId: string): ModelProfile {
  return { ...DEFAULT_PROFILE, ...MODEL_PROFILES[modelId] };
}

/**
 * What determines the vectors (not, say, abstention thresholds): indexes and caches are keyed by it. For int8 weights
 * that includes how passages are batched: dynamic quantisation scales each call's activations together, so a
 * passage's vector depends slightly on its batch mates.
 */
export function embeddingSignature(
  modelId: string,
  profile: ModelProfile,
  weightsSha256?: string,
  batching?: { texts: number; tokens: number },
): string {
  const { pooling, queryPrefix, passagePrefix, dtype, maxTokens } = profile;
  return JSON.stringify({
    model: modelId,
    pooling,
    queryPrefix,
    passagePrefix,
    dtype,
    maxTokens,
    ...(weightsSha256 && { weights: weightsSha256 }),
    ...(dtype === 'q8' && batching && { batching }),
  });
}
