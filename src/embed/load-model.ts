/**
 * Loading a model's ONNX session through transformers.js, the one way the embedder and its passage workers both do it.
 */
import path from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline, type ProgressInfo } from '@huggingface/transformers';
import type { EncoderSession } from './encoder.ts';

/** Where a model's files come from and which weights to run: plain data, so a worker thread can be handed it. */
export interface ModelSource {
  modelId: string;
  modelsDir: string;
  allowRemoteModels: boolean;
  cacheDir: string;
  dtype: 'fp32' | 'q8';
}

/** The model and its tokenizer, with an ONNX session of `intraOpNumThreads` threads (0: one per core). */
export async function loadExtractor(
  source: ModelSource,
  intraOpNumThreads: number,
  onProgress?: (info: ProgressInfo) => void,
): Promise<FeatureExtractionPipeline> {
  env.localModelPath = source.modelsDir.endsWith(path.sep) ? source.modelsDir : source.modelsDir + path.sep;
  env.allowLocalModels = true;
  env.allowRemoteModels = source.allowRemoteModels;
  env.cacheDir = source.cacheDir;
  return (await pipeline('feature-extraction', source.modelId, {
    dtype: source.dtype,
    progress_callback: onProgress,
    // ONNX Runtime's CPU arena holds on to peak memory; without it RSS is ~60 MB lower at no cost in speed
    // (measured with `npm run bench`).
    session_options: { enableCpuMemArena: false, intraOpNumThreads },
  })) as FeatureExtractionPipeline;
}

/** The ONNX Runtime session inside a transformers.js pipeline. */
export const sessionOf = (extractor: FeatureExtractionPipeline) =>
  (extractor.model.sessions as Record<string, EncoderSession>)['model']!;
