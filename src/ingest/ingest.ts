import { readCorpus } from '../corpus/articles.ts';
import { corpusFingerprint, type CorpusOptions } from '../corpus/files.ts';
import { toPassages, type Passage } from '../corpus/passages.ts';
import { splitSentences } from '../text/sentences.ts';
import { placeTags, TAGGER_VERSION, tagSentence, type SentenceTags } from '../corpus/sentence-tags.ts';
import type { Embedder } from '../embed/embedder.ts';
import { mentionsOf, peopleFrom, type Found } from '../people/resolve.ts';
import { referentsByArticle } from '../people/referents.ts';
import type { Article } from '../corpus/article.ts';
import crypto from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { LocalStore, type Manifest } from '../store/local.ts';
import { StoreError, type Generation, type StoredSentence } from '../store/store.ts';
import { connect, infoOf, type PostgresOptions } from '../store/postgres/store.ts';
import { withIngestLock, type WriteReport } from '../store/postgres/writer.ts';
import { staleLive } from './stale.ts';
import { PIPELINE_VERSION } from './version.ts';
import { ensureWritableDir } from './writable.ts';
import { log } from '../log.ts';

export interface BuildProgress {
  start(total: number): void;
  update(done: number): void;
  stop(): void;
}

export interface IngestOptions extends CorpusOptions {
  seedsDir: string;
  indexDir: string;
  /** Set: write to this Postgres database (the `postgres` backend) instead of `indexDir`. */
  databaseUrl?: string | null;
  databaseSchema?: string;
}

export interface IngestFlags {
  /** Reuse vectors of unchanged texts from the current index (default true). */
  reuse?: boolean;
  onWarning?: (warning: string) => void;
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
    if (old.info.embedding !== embedder.signature || old.info.dim !== embedder.dim) return known;
    const passages = await old.allPassages();
    for (const p of passages) known.set(p.text, old.passageVector(p.id)!);
    const byId = new Map(passages.map((p) => [p.id, p]));
    for (const s of await old.sentences(passages.map((p) => p.id))) {
      const text = byId.get(s.passageId)!.text.slice(s.start, s.end);
      known.set(text, s.vector.slice());
      if (s.tags?.tagger === TAGGER_VERSION) tagCache.set(text, withoutPlace(s.tags));
    }
  } catch (error) {
    if (!(error instanceof StoreError) && !(error instanceof SyntaxError)) throw error;
  }
  return known;
}

/** Embeds the texts not already known, reporting progress over all of them. */
async function embedNew(
  texts: string[],
  known: Map<string, Float32Array>,
  embedder: Embedder,
  onDone: (done: number) => void,
): Promise<Float32Array[]> {
  const unknown = texts.filter((t) => !known.has(t));
  const missing = [...new Set(unknown)];
  const reused = texts.length - unknown.length;
  const fresh = await embedder.embedPassages(missing, (done) => onDone(reused + done));
  missing.forEach((t, i) => known.set(t, fresh[i]!));
  onDone(texts.length);
  return texts.map((t) => known.get(t)!);
}

/** Sentence tags by text: a re-index tags only new sentences (filled from the previous index too). */
const tagCache = new Map<string, SentenceTags>();

/** Paragraphs tagged between two turns of the event loop (a few milliseconds of work). */
const TAGGER_CHUNK = 5;

/** Mentions by article text: a live re-index runs the tagger only on articles that changed. */
const mentionCache = new Map<string, Found[]>();

/**
 * The people of the corpus. The tagger is synchronous, so it runs a few paragraphs at a time with a turn of the
 * event loop in between: a live process keeps answering questions while it re-indexes.
 */
async function findPeople(articles: Article[]) {
  const mentions: Found[] = [];
  const seen = new Set<string>();
  for (const article of articles) {
    const key = crypto.createHash('sha256').update(article.id).update('\0').update(article.text).digest('hex');
    seen.add(key);
    let found = mentionCache.get(key);
    if (!found) {
      found = [];
      for (let from = 0; from < article.paragraphs.length; from += TAGGER_CHUNK) {
        await yieldToEventLoop();
        found.push(...mentionsOf(article, from, from + TAGGER_CHUNK));
      }
      mentionCache.set(key, found);
    }
    mentions.push(...found);
  }
  for (const key of mentionCache.keys()) if (!seen.has(key)) mentionCache.delete(key);
  return peopleFrom(mentions);
}

/**
 * Each sentence's `refers` (the full names its bare surnames stand for), read article by article. New tags objects:
 * the tag cache shares one between every sentence with the same text.
 */
function withReferents(sentences: StoredSentence[], passages: readonly Passage[]): void {
  const passageOf = new Map(passages.map((p) => [p.id, p]));
  const referents = referentsByArticle(
    sentences.map((s) => {
      const passage = passageOf.get(s.passageId)!;
      return {
        article: passage.articleId,
        text: passage.text.slice(s.start, s.end),
        people: s.tags.people,
        caption: passage.caption || s.tags.caption || s.tags.credit,
      };
    }),
  );
  sentences.forEach((s, i) => {
    const { refers: _, ...tags } = s.tags;
    s.tags = referents[i]!.length ? { ...tags, refers: referents[i]! } : tags;
  });
}

/** A sentence's own tags, without those of where it stood (the same words may stand elsewhere next time). */
function withoutPlace(tags: SentenceTags): SentenceTags {
  const { listItem: _, refers: __, underPicture: ___, reporterBio: ____, ...own } = tags;
  return own;
}

/** articles -> clean -> passages -> embed: everything a store keeps, as one generation. */
async function prepare(
  options: IngestOptions,
  embedder: Embedder,
  known: Map<string, Float32Array>,
  progress: BuildProgress | undefined,
  onWarning?: (warning: string) => void,
): Promise<Generation> {
  const fingerprint = corpusFingerprint(options.seedsDir, PIPELINE_VERSION, options);
  const { articles, warnings } = readCorpus(options.seedsDir, options);
  for (const warning of warnings) (onWarning ?? ((w: string) => log.warn(w)))(warning);
  await yieldToEventLoop(); // text work is synchronous: give waiting questions a turn between steps
  const passages = articles.flatMap((a) => toPassages(a.id, a.paragraphs));
  await yieldToEventLoop();
  const passageText = new Map(passages.map((p) => [p.id, p.text]));
  const listItems = new Map(articles.map((a) => [a.id, new Set(a.listItems ?? [])]));
  const paragraphsOf = new Map(articles.map((a) => [a.id, a.paragraphs]));
  const sentences: StoredSentence[] = [];
  for (const p of passages) {
    // Tagging is synchronous NLP: a turn of the event loop per passage keeps a live process answering.
    await yieldToEventLoop();
    const inList = listItems.get(p.articleId)!.has(p.paragraph - 1);
    // A long paragraph is cut into passages: where a sentence stands is read from the whole paragraph.
    const paragraphs = paragraphsOf.get(p.articleId)!;
    const paragraph = paragraphs[p.paragraph - 1]!;
    const opening = paragraph.startsWith(p.text);
    const closing = p.paragraph >= paragraphs.length - 1;
    for (const [i, { start, end, text }] of splitSentences(p.text).entries()) {
      const tags = tagCache.get(text) ?? tagSentence(text);
      tagCache.set(text, tags);
      const place = { paragraph, opens: opening && i === 0, inList, closing };
      sentences.push({ passageId: p.id, start, end, tags: placeTags(tags, place) });
    }
  }
  withReferents(sentences, passages);
  const current = new Set(sentences.map((s) => passageText.get(s.passageId)!.slice(s.start, s.end)));
  for (const text of tagCache.keys()) if (!current.has(text)) tagCache.delete(text);
  const sentenceTexts = sentences.map((s) => passageText.get(s.passageId)!.slice(s.start, s.end));

  progress?.start(passages.length + sentences.length);
  const passageVectors = await embedNew(
    passages.map((p) => p.text),
    known,
    embedder,
    (done) => progress?.update(done),
  );
  const sentenceVectors = await embedNew(sentenceTexts, known, embedder, (done) =>
    progress?.update(passages.length + done),
  );
  progress?.stop();
  const people = await findPeople(articles);
  await yieldToEventLoop();
  return {
    model: embedder.modelId,
    embedding: embedder.signature,
    dim: embedder.dim,
    fingerprint,
    articles,
    passages,
    passageVectors,
    sentences,
    sentenceVectors,
    people,
  };
}

/**
 * articles -> clean -> passages -> embed -> store: one new generation, made current atomically. Local: written to
 * `indexDir`, swapped by one rename. Postgres: under the ingest lock, written and flipped in one transaction.
 */
export async function ingest(
  options: IngestOptions,
  embedder: Embedder,
  progress?: BuildProgress,
  flags: IngestFlags = {},
): Promise<IngestReport> {
  const reuse = flags.reuse ?? true;
  if (options.databaseUrl)
    return ingestPostgres(options.databaseUrl, { schema: options.databaseSchema }, options, embedder, progress, flags);
  // Before any embedding: a folder that can't be written would otherwise lose all that work at the end.
  ensureWritableDir(options.indexDir);
  const known = reuse ? await previousVectors(options.indexDir, embedder) : new Map<string, Float32Array>();
  return LocalStore.write(options.indexDir, await prepare(options, embedder, known, progress, flags.onWarning));
}

async function ingestPostgres(
  url: string,
  pg: PostgresOptions,
  options: IngestOptions,
  embedder: Embedder,
  progress: BuildProgress | undefined,
  flags: IngestFlags,
): Promise<IngestReport> {
  const db = await connect(url, pg);
  try {
    return await withIngestLock(
      db,
      async (writer) => {
        if (flags.ifStale) {
          const live = await writer.live();
          if (live && !staleLive(live, options.seedsDir, embedder, options)) {
            return {
              ...infoOf(live),
              passages: Number(live.passages),
              sentences: Number(live.sentences),
              indexSeconds: 0,
              removed: [],
              skipped: true,
            };
          }
        }
        const known =
          (flags.reuse ?? true)
            ? await writer.knownVectors(embedder.signature, embedder.dim)
            : new Map<string, Float32Array>();
        return writer.write(await prepare(options, embedder, known, progress, flags.onWarning), undefined, {
          beforeCommit: flags.beforeCommit,
        });
      },
      { wait: flags.wait, onWait: flags.onWait },
    );
  } finally {
    await db.close();
  }
}
