import { corpusFingerprint, loadArticles } from '../corpus/articles.ts';
import { toPassages } from '../corpus/passages.ts';
import { splitSentences } from '../corpus/sentences.ts';
import type { Embedder } from '../embed/embedder.ts';
import { buildPeople } from '../people/resolve.ts';
import { buildVectorIndex, DEFAULT_INDEX_PARAMS, writeIndex, type CorpusData, type Manifest, type StoredSentence } from './store.ts';

import { PIPELINE_VERSION } from './version.ts';

export interface BuildProgress {
  start(total: number): void;
  update(done: number): void;
  stop(): void;
}

/** articles -> clean -> passages -> embed -> index, written atomically to `indexDir`. */
export async function buildIndex(
  options: { seedsDir: string; indexDir: string },
  embedder: Embedder,
  progress?: BuildProgress,
): Promise<Manifest> {
  const fingerprint = corpusFingerprint(options.seedsDir, PIPELINE_VERSION);
  const articles = loadArticles(options.seedsDir);
  const passages = articles.flatMap((a) => toPassages(a.id, a.paragraphs));
  const sentences: StoredSentence[] = passages.flatMap((p, passage) => splitSentences(p.text).map(({ start, end }) => ({ passage, start, end })));
  const sentenceTexts = sentences.map((s) => passages[s.passage]!.text.slice(s.start, s.end));

  progress?.start(passages.length + sentences.length);
  const passageVectors = await embedder.embedPassages(
    passages.map((p) => p.text),
    (done) => progress?.update(done),
  );
  const sentenceVectorList = await embedder.embedPassages(sentenceTexts, (done) => progress?.update(passages.length + done));
  progress?.stop();

  const sentenceVectors = new Float32Array(sentences.length * embedder.dim);
  sentenceVectorList.forEach((v, i) => sentenceVectors.set(v, i * embedder.dim));
  const data: CorpusData = { articles, passages, sentences };
  return writeIndex(options.indexDir, {
    model: embedder.modelId,
    dim: embedder.dim,
    fingerprint,
    params: DEFAULT_INDEX_PARAMS,
    data,
    vectors: buildVectorIndex(passageVectors, embedder.dim),
    sentenceVectors,
    // People are found once here and saved with the index, so /who and its autocomplete are instant.
    extras: { people: buildPeople(articles) },
  });
}
