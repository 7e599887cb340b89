import { corpusFingerprint } from '../corpus/articles.ts';
import { embeddingSignature, profileFor } from '../embed/models.ts';
import { FORMAT_VERSION, readManifest } from '../store/local.ts';
import { StoreError, type StoreInfo } from '../store/store.ts';
import { PIPELINE_VERSION } from './version.ts';

/** Why content built as `info` cannot be used for these articles and this model, or null when it is up to date. */
export function staleAgainst(info: Pick<StoreInfo, 'model' | 'embedding' | 'fingerprint'>, seedsDir: string, modelId: string): string | null {
  const model = staleModel(info, modelId);
  if (model) return model;
  if (info.fingerprint !== corpusFingerprint(seedsDir, PIPELINE_VERSION)) return 'the articles changed';
  return null;
}

/** Why vectors made as `info` cannot be compared with this model's queries, or null. */
export function staleModel(info: Pick<StoreInfo, 'model' | 'embedding'>, modelId: string): string | null {
  if (info.model !== modelId) return `the embedding model changed (${info.model} -> ${modelId})`;
  if (info.embedding !== embeddingSignature(modelId, profileFor(modelId))) return 'the embedding settings changed (pooling, prefixes, weights or length)';
  return null;
}

/** Why the current local index cannot be used as it is, or null when it is up to date. */
export function staleReason(indexDir: string, seedsDir: string, modelId: string): string | null {
  try {
    const manifest = readManifest(indexDir);
    if (manifest.formatVersion !== FORMAT_VERSION) return `the index format changed (v${manifest.formatVersion} -> v${FORMAT_VERSION})`;
    return staleAgainst(manifest, seedsDir, modelId);
  } catch (error) {
    if (error instanceof StoreError) return error.kind === 'missing' ? 'there is no index yet' : `the index is damaged (${error.message})`;
    throw error;
  }
}

/** The same for the postgres backend: the live generation (null info: nothing ingested yet). */
export function staleLive(info: Pick<StoreInfo, 'model' | 'embedding' | 'fingerprint'> | null, seedsDir: string, modelId: string): string | null {
  return info ? staleAgainst(info, seedsDir, modelId) : 'nothing has been ingested into the database yet';
}
