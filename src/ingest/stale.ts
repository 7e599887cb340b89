import { corpusFingerprint, type CorpusOptions } from '../corpus/articles.ts';
import type { Embedder } from '../embed/embedder.ts';
import { FORMAT_VERSION, readManifest } from '../store/local.ts';
import { StoreError } from '../store/store.ts';
import { PIPELINE_VERSION } from './version.ts';

/** The one staleness that an old index can still serve while a new one is built. */
export const ARTICLES_CHANGED = 'the articles changed';

/** Why the current index cannot be used as it is, or null when it is up to date. */
export function staleReason(indexDir: string, seedsDir: string, embedder: Pick<Embedder, 'modelId' | 'signature'>, corpus: CorpusOptions = {}): string | null {
  const modelId = embedder.modelId;
  try {
    const manifest = readManifest(indexDir);
    if (manifest.formatVersion !== FORMAT_VERSION) return `the index format changed (v${manifest.formatVersion} -> v${FORMAT_VERSION})`;
    if (manifest.model !== modelId) return `the embedding model changed (${manifest.model} -> ${modelId})`;
    if (manifest.embedding !== embedder.signature) return 'the embedding settings changed (pooling, prefixes, weights file, dtype or length)';
    if (manifest.fingerprint !== corpusFingerprint(seedsDir, PIPELINE_VERSION, corpus)) return ARTICLES_CHANGED;
    return null;
  } catch (error) {
    if (error instanceof StoreError) return error.kind === 'missing' ? 'there is no index yet' : `the index is damaged (${error.message})`;
    throw error;
  }
}
