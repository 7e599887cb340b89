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
  /**
   * Below this dense (cosine) similarity of the best passage the question is treated as
   * not covered by the articles, unless the words of the question clearly match (see retrieve/abstain.ts).
   * Chosen from data with `npm run eval` per model.
   */
  minSimilarity: number;
}

export const DEFAULT_PROFILE: ModelProfile = {
  pooling: 'mean',
  queryPrefix: '',
  passagePrefix: '',
  dtype: 'fp32',
  maxTokens: 512,
  minSimilarity: 0.35,
};

export const MODEL_PROFILES: Record<string, Partial<ModelProfile>> = {
  'Xenova/all-MiniLM-L6-v2': { pooling: 'mean', dtype: 'q8', maxTokens: 256, minSimilarity: 0.35 },
  'Xenova/paraphrase-MiniLM-L3-v2': { pooling: 'mean', dtype: 'q8', maxTokens: 128 },
  'Xenova/bge-small-en-v1.5': {
    pooling: 'cls',
    queryPrefix: 'Represent this sentence for searching relevant passages: ',
    dtype: 'q8',
    maxTokens: 512,
  },
  'Xenova/e5-small-v2': { pooling: 'mean', queryPrefix: 'query: ', passagePrefix: 'passage: ', dtype: 'q8', maxTokens: 512 },
  // Static word vectors for fast tests: weak semantics, so only a strong match counts.
  'dossier-test/glove-6B-50d-10k': { pooling: 'mean', dtype: 'fp32', maxTokens: 512, minSimilarity: 0.8 },
};

export function profileFor(modelId: string): ModelProfile {
  return { ...DEFAULT_PROFILE, ...MODEL_PROFILES[modelId] };
}
