import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { embeddingSignature, profileFor } from '../embed/models.ts';

/**
 * Vectors cached on disk for evaluation/training runs, keyed by the model *file's* sha256 (so a re-quantised
 * ONNX file with the same hub id never reuses stale vectors), the embedding settings and the exact texts.
 */
export function modelFileSha256(modelsDir: string, modelId: string): string {
  const profile = profileFor(modelId);
  const file = path.join(modelsDir, modelId, 'onnx', profile.dtype === 'q8' ? 'model_quantized.onnx' : 'model.onnx');
  if (!fs.existsSync(file))
    return (
      'remote-' + crypto.createHash('sha256').update(embeddingSignature(modelId, profile)).digest('hex').slice(0, 16)
    );
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export interface VectorSource {
  dim: number;
  embedPassages(texts: string[], onBatch?: (done: number) => void): Promise<Float32Array[]>;
}

/** Embeds `texts` (as passages) or reads them from `<dir>/<name>-<key>.f32`; returns one flat row-major array. */
export async function cachedVectors(
  dir: string,
  name: string,
  modelKey: string,
  texts: string[],
  embedder: VectorSource,
  onProgress?: (done: number, total: number) => void,
): Promise<Float32Array> {
  const key = crypto
    .createHash('sha256')
    .update(modelKey)
    .update('\0')
    .update(texts.join('\u0001'))
    .digest('hex')
    .slice(0, 20);
  const file = path.join(dir, `${name}-${key}.f32`);
  if (fs.existsSync(file)) {
    const buf = fs.readFileSync(file);
    const flat = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    if (flat.length === texts.length * embedder.dim) return Float32Array.from(flat);
  }
  const rows = await embedder.embedPassages(texts, (done) => onProgress?.(done, texts.length));
  const flat = new Float32Array(texts.length * embedder.dim);
  rows.forEach((r, i) => flat.set(r, i * embedder.dim));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file + '.tmp', Buffer.from(flat.buffer, flat.byteOffset, flat.byteLength));
  fs.renameSync(file + '.tmp', file);
  return flat;
}
