import { corpusFingerprint, loadArticles } from '../corpus/articles.ts';
import { toPassages } from '../corpus/passages.ts';
import { splitSentences } from '../text/sentences.ts';
import type { Embedder } from '../embed/embedder.ts';
import { embeddingSignature } from '../embed/models.ts';
import { buildPeople } from '../people/resolve.ts';
import { LocalStore, type Manifest } from '../store/local.ts';
import { StoreError, type Generation, type StoredSentence } from '../store/store.ts';
import { connect, infoOf, type PostgresOptions } from '../store/postgres/store.ts';
import { withIngestLock, type WriteReport } from '../store/postgres/writer.ts';
import { staleLive } from './stale.ts';
import { PIPELINE_VERSION } from './version.ts';

export interface BuildProgress {
  start(total: number): void;
  update(done: number): void;
  stop(): void;
}

export interface IngestOptions {
  seedsDir: string;
  indexDir: string;
  /** Set: write to this Postgres database (the `postgres` backend) instead of `indexDir`. */
  databaseUrl?: string | null;
  databaseSchema?: string;
}

export interface IngestFlags {
  /** Reuse vectors of unchanged texts from the current index (default true). */
  reuse?: boolean;
  /** Postgres: once holding the lock, skip the build if the live generation is already up to date (another process built it). */
  ifStale?: boolean;
  /** Postgres: false = fail at once if another ingest holds the lock, naming it; default: wait. */
  wait?: boolean;
  onWait?: (holder: string) => void;
  /** Tests: runs just before the new generation is committed. */
  beforeCommit?: () => Promise<void>;
}

/** What an ingest reports: the generation now current, and its size. */
export type IngestReport = (Manifest | WriteReport) & { skipped?: boolean };

/**
 * Vectors of the current index by text, when it was made with the same model: adding one article to a large
 * corpus then embeds only that article. Any problem reading it just means embedding everything.
 */
async function previousVectors(indexDir: string, embedder: Embedder): Promise<Map<string, Float32Array>> {
  const known = new Map<string, Float32Array>();
  try {
    const old = LocalStore.open(indexDir);
    if (old.info.embedding !== embeddingSignature(embedder.modelId, embedder.profile) || old.info.dim !== embedder.dim) return known;
    const passages = await old.allPassages();
    for (const p of passages) known.set(p.text, old.passageVector(p.id)!);
    const byId = new Map(passages.map((p) => [p.id, p]));
    for (const s of await old.sentences(passages.map((p) => p.id))) known.set(byId.get(s.passageId)!.text.slice(s.start, s.end), s.vector.slice());
  } catch (error) {
    if (!(error instanceof StoreError) && !(error instanceof SyntaxError)) throw error;
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

/** articles -> clean -> passages -> embed: everything a store keeps, as one generation. */
async function prepare(options: IngestOptions, embedder: Embedder, known: Map<string, Float32Array>, progress?: BuildProgress): Promise<Generation> {
  const fingerprint = corpusFingerprint(options.seedsDir, PIPELINE_VERSION);
  const articles = loadArticles(options.seedsDir);
  const passages = articles.flatMap((a) => toPassages(a.id, a.paragraphs));
  const sentences: StoredSentence[] = passages.flatMap((p) => splitSentences(p.text).map(({ start, end }) => ({ passageId: p.id, start, end })));
  const passageText = new Map(passages.map((p) => [p.id, p.text]));
  const sentenceTexts = sentences.map((s) => passageText.get(s.passageId)!.slice(s.start, s.end));

  progress?.start(passages.length + sentences.length);
  const passageVectors = await embedNew(
    passages.map((p) => p.text),
    known,
    embedder,
    (done) => progress?.update(done),
  );
  const sentenceVectors = await embedNew(sentenceTexts, known, embedder, (done) => progress?.update(passages.length + done));
  progress?.stop();

  return {
    model: embedder.modelId,
    embedding: embeddingSignature(embedder.modelId, embedder.profile),
    dim: embedder.dim,
    fingerprint,
    articles,
    passages,
    passageVectors,
    sentences,
    sentenceVectors,
    people: buildPeople(articles),
  };
}

/**
 * articles -> clean -> passages -> embed -> store: one new generation, made current atomically. Local: written to
 * `indexDir`, swapped by one rename. Postgres: under the ingest lock, written and flipped in one transaction.
 */
export async function ingest(options: IngestOptions, embedder: Embedder, progress?: BuildProgress, flags: IngestFlags = {}): Promise<IngestReport> {
  const reuse = flags.reuse ?? true;
  if (options.databaseUrl) return ingestPostgres(options.databaseUrl, { schema: options.databaseSchema }, options, embedder, progress, flags);
  const known = reuse ? await previousVectors(options.indexDir, embedder) : new Map<string, Float32Array>();
  return LocalStore.write(options.indexDir, await prepare(options, embedder, known, progress));
}

async function ingestPostgres(url: string, pg: PostgresOptions, options: IngestOptions, embedder: Embedder, progress: BuildProgress | undefined, flags: IngestFlags): Promise<IngestReport> {
  const db = await connect(url, pg);
  try {
    return await withIngestLock(
      db,
      async (writer) => {
        if (flags.ifStale) {
          const live = await writer.live();
          if (live && !staleLive(live, options.seedsDir, embedder.modelId)) {
            return { ...infoOf(live), passages: Number(live.passages), sentences: Number(live.sentences), indexSeconds: 0, removed: [], skipped: true };
          }
        }
        const known = (flags.reuse ?? true) ? await writer.knownVectors(embeddingSignature(embedder.modelId, embedder.profile), embedder.dim) : new Map<string, Float32Array>();
        return writer.write(await prepare(options, embedder, known, progress), undefined, { beforeCommit: flags.beforeCommit });
      },
      { wait: flags.wait, onWait: flags.onWait },
    );
  } finally {
    await db.close();
  }
}
