import { corpusFingerprint, loadArticles } from '../corpus/articles.ts';
import { toPassages } from '../corpus/passages.ts';
import { splitSentences } from '../corpus/sentences.ts';
import type { Embedder } from '../embed/embedder.ts';
import { buildPeople } from '../people/resolve.ts';
import { buildVectorIndex, DEFAULT_INDEX_PARAMS, IndexError, readIndex, writeIndex, type CorpusData, type Manifest, type StoredSentence } from './store.ts';
import { PIPELINE_VERSION } from './version.ts';

export interface BuildProgress {
  start(total: number): void;
  update(done: number): void;
  stop(): void;
}

/**
 * Vectors of the current index by text, when it was made with the same model: adding one article to a large
 * corpus then embeds only that article. Any problem reading it just means embedding everything.
 */
function previousVectors(indexDir: string, embedder: Embedder): Map<string, Float32Array> {
  const known = new Map<string, Float32Array>();
  try {
    const old = readIndex(indexDir);
    if (old.manifest.embedding !== embedder.signature || old.manifest.dim !== embedder.dim) return known;
    old.data.passages.forEach((p, i) => known.set(p.text, Float32Array.from(old.vectors.getPoint(i))));
    old.data.sentences.forEach((s, i) => {
      const text = old.data.passages[s.passage]!.text.slice(s.start, s.end);
      known.set(text, old.sentenceVectors.slice(i * embedder.dim, (i + 1) * embedder.dim));
    });
  } catch (error) {
    if (!(error instanceof IndexError) && !(error instanceof SyntaxError)) throw error;
  }
  return known;
}

/** Embeds the texts not already known, reporting progress over all of them. */
async function embedNew(texts: string[], known: Map<string, Float32Array>, embedder: Embedder, onDone: (done: number) => void): Promise<Float32Array[]> {
  const unknown = texts.filter((t) => !known.has(t));
  const missing = [...new Set(unknown)];
  const reused = texts.length - unknown.length;
  const fresh = await embedder.embedPassages(missing, (done) => onDone(reused + done));
  missing.forEach((t, i) => known.set(t, fresh[i]!));
  onDone(texts.length);
  return texts.map((t) => known.get(t)!);
}

/** articles -> clean -> passages -> embed -> index, written atomically to `indexDir`. */
export async function buildIndex(
  options: { seedsDir: string; indexDir: string },
  embedder: Embedder,
  progress?: BuildProgress,
  { reuse = true }: { reuse?: boolean } = {},
): Promise<Manifest> {
  const fingerprint = corpusFingerprint(options.seedsDir, PIPELINE_VERSION);
  const articles = loadArticles(options.seedsDir);
  const passages = articles.flatMap((a) => toPassages(a.id, a.paragraphs));
  const sentences: StoredSentence[] = passages.flatMap((p, passage) => splitSentences(p.text).map(({ start, end }) => ({ passage, start, end })));
  const sentenceTexts = sentences.map((s) => passages[s.passage]!.text.slice(s.start, s.end));

  const known = reuse ? previousVectors(options.indexDir, embedder) : new Map<string, Float32Array>();
  progress?.start(passages.length + sentences.length);
  const passageVectors = await embedNew(
    passages.map((p) => p.text),
    known,
    embedder,
    (done) => progress?.update(done),
  );
  const sentenceVectorList = await embedNew(sentenceTexts, known, embedder, (done) => progress?.update(passages.length + done));
  progress?.stop();

  const sentenceVectors = new Float32Array(sentences.length * embedder.dim);
  sentenceVectorList.forEach((v, i) => sentenceVectors.set(v, i * embedder.dim));
  const data: CorpusData = { articles, passages, sentences };
  return writeIndex(options.indexDir, {
    model: embedder.modelId,
    embedding: embedder.signature,
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
