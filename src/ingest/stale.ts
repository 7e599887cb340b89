import { corpusFingerprint, type CorpusOptions } from '../corpus/files.ts';
import type { Embedder } from '../embed/embedder.ts';
import { FORMAT_VERSION, readManifest } from '../store/local.ts';
import { StoreError, type StoreInfo } from '../store/store.ts';
import { PIPELINE_VERSION } from './version.ts';

/** The one staleness that an old index can still serve while a new one is built. */
export const ARTICLES_CHANGED = 'the articles changed';

type EmbeddedWith = Pick<Embedder, 'modelId' | 'signature'>;

/** Why content built as `info` cannot be used for these articles and this model, or null when it is up to date. */
export function staleAgainst(
  info: Pick<StoreInfo, 'model' | 'embedding' | 'fingerprint'>,
  seedsDir: string,
  embedder: EmbeddedWith,
  corpus: CorpusOptions = {},
): string | null {
  const model = staleModel(info, embedder);
  if (model) return model;
  if (info.fingerprint !== corpusFingerprint(seedsDir, PIPELINE_VERSION, corpus)) return ARTICLES_CHANGED;
  return null;
}

/** Why vectors made as `info` cannot be compared with this model's queries, or null. */
export function staleModel(info: Pick<StoreInfo, 'model' | 'embedding'>, embedder: EmbeddedWith): string | null {
  if (info.model !== embedder.modelId) return `the embedding model changed (${info.model} -> ${embedder.modelId})`;
  if (info.embedding !== embedder.signature)
    return 'the embedding settings changed (pooling, prefixes, weights file, dtype or length)';
  return null;
}

/** Why the current local index cannot be used as it is, or null when it is up to date. */
export function staleReason(
  indexDir: string,
  seedsDir: string,
  embedder: EmbeddedWith,
  corpus: CorpusOptions = {},
): string | null {
  try {
    const manifest = readManifest(indexDir);
    if (manifest.formatVersion !== FORMAT_VERSION)
      return `the index format changed (v${manifest.formatVersion} -> v${FORMAT_VERSION})`;
    return staleAgainst(manifest, seedsDir, embedder, corpus);
  } catch (error) {
    if (error instanceof StoreError)
      return error.kind === 'missing' ? 'there is no index yet' : `the index is damaged (${error.message})`;
    throw error;
  }
}

/** The same for the postgres backend: the live generation (null info: nothing ingested yet). */
export function staleLive(
  info: Pick<StoreInfo, 'model' | 'embedding' | 'fingerprint'> | null,
  seedsDir: string,
  embedder: EmbeddedWith,
  corpus: CorpusOptions = {},
): string | null {
  return info ? staleAgainst(info, seedsDir, embedder, corpus) : 'nothing has been ingested into the database yet';
}
