import fs from 'node:fs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Settings } from './config.ts';
import { metaOf, type Article, type ArticleMeta } from './corpus/article.ts';
import type { Passage } from './corpus/passages.ts';
import { endsWithCredit } from './corpus/clean.ts';
import { Embedder, type EmbedderOptions, type QuestionVectors } from './embed/embedder.ts';
import type { BuildProgress } from './ingest/ingest.ts';
import { ARTICLES_CHANGED, staleReason } from './ingest/stale.ts';
import { openStore } from './ingest/open.ts';
import { LocalStore } from './store/local.ts';
import { StoreError, type Store } from './store/store.ts';
import { LexicalIndex } from './retrieve/lexical.ts';
import { hybridSearch } from './retrieve/hybrid.ts';
import { terms } from './text/analyze.ts';
import { answerDefaults, mergeOptions, type AnswerOptions } from './answer/policy.ts';
import { selectPassages, toCandidates, type Candidate } from './answer/select.ts';
import { excerptOf, quoteSpan } from './answer/excerpt.ts';
import {
  askedNames,
  inCorpusTerms,
  outsideYears,
  rankAnswer,
  rankingCorpus,
  type RankingCorpus,
} from './answer/rank.ts';
import type { Missing } from './answer/missing.ts';
import { prepareQuestion } from './answer/features.ts';
import { withAliases } from './answer/aliases.ts';
import type { ScoredWindow } from './answer/ranker.ts';
import { candidatePassages } from './retrieve/candidates.ts';
import { normaliseQuestion, questionProblem, unclearReferent } from './answer/question.ts';
import type { Answer, Excerpt } from './answer/types.ts';
import {
  claimsIn,
  comparesFigures,
  countedAsked,
  findDisagreements,
  type Disagreement,
} from './answer/disagreements.ts';
import type { Person } from './people/resolve.ts';
import { completeName, who, type WhoResult } from './people/profile.ts';
import { log } from './log.ts';

export interface OpenOptions {
  /** Progress display for a (re)build; none by default. */
  progress?: BuildProgress;
  onDownload?: EmbedderOptions['onProgress'];
  /** Told why the index is being rebuilt before it happens. */
  onRebuild?: (reason: string) => void;
  /**
   * Long-running surfaces (bot, REPL): when only the articles changed, answer from the current index at once and
   * rebuild in the background; one-shot commands (the default) rebuild first, so they never answer from old text.
   */
  serveWhileRebuilding?: boolean;
  /** Watch the articles folder and re-index on changes (debounced), answering from the old index meanwhile. */
  watch?: boolean;
  /** Told when a background re-index has been swapped in, or has failed (the old index keeps answering). */
  onReindex?: (event: ReindexEvent) => void;
  /** Postgres: told who holds the ingest lock while waiting for another process's build. */
  onWait?: (holder: string) => void;
}

export type ReindexEvent =
  | { ok: true; reason: string; ms: number; articles: number; passages: number }
  | { ok: false; reason: string; error: Error };

/** One consistent view of an index: a question is answered from one snapshot even if another is swapped in meanwhile. */
interface Snapshot {
  store: Store;
  lexical: LexicalIndex;
  articleById: ReadonlyMap<string, Article>;
  passageById: ReadonlyMap<string, Passage>;
  articles: ArticleMeta[];
  people: Person[];
  ranking: RankingCorpus;
  /** Each passage's predecessor in its article (the paragraph a "he said" refers back to). */
  previousPassage: ReadonlyMap<string, string>;
}

async function snapshotOf(store: Store): Promise<Snapshot> {
  const [articles, passages, people] = await Promise.all([store.articles(), store.allPassages(), store.people()]);
  const lexical = new LexicalIndex(passages);
  return {
    store,
    lexical,
    ranking: rankingCorpus(
      passages.map((p) => ({ text: p.text, terms: lexical.termsOf(p.id), articleId: p.articleId })),
      people.map((p) => [p.name, ...p.aliases]),
      articles,
    ),
    articleById: new Map(articles.map((a) => [a.id, a])),
    passageById: new Map(passages.map((p) => [p.id, p])),
    articles: articles.map(metaOf),
    people,
    previousPassage: previousPassages(passages),
  };
}

/**
 * Each passage's passage before in its article, skipping photo captions: the paragraph a "he said" leans on is the
 * story's, not "(Getty Images)" between the two.
 */
function previousPassages(passages: readonly Passage[]): Map<string, string> {
  const previous = new Map<string, string>();
  let last: Passage | undefined;
  for (const p of passages) {
    if (last?.articleId !== p.articleId) last = undefined;
    if (last) previous.set(p.id, last.id);
    if (!endsWithCredit(p.text)) last = p;
  }
  return previous;
}

/** Articles arrive as several file events (write, rename, sidecar): re-index once they settle. */
const WATCH_DEBOUNCE_MS = 400;

export interface SourceSummary extends ArticleMeta {
  passages: number;
}

const QUERY_CACHE_SIZE = 512;
/** Candidates beyond the quoted ones that are checked for differing figures. */
const CLOSE_CANDIDATES = 10;

export interface ParagraphView {
  article: ArticleMeta;
  paragraph: number;
  /** The paragraph and its neighbours, in order: `[{ paragraph: n - 1, text }, { paragraph: n, text }, …]`. */
  paragraphs: Array<{ paragraph: number; text: string }>;
}

/**
 * The question-answering engine every surface (CLI, REPL, Discord) goes through. Wiring only: the model, the
 * store and the lexical index are opened here; what to quote is decided by the pure functions in `answer/`.
 */
export class Dossier {
  private readonly queryCache = new Map<string, QuestionVectors>();
  /** Answer options every `ask` starts from. */
  readonly defaults: AnswerOptions;
  private current: Snapshot;
  private rebuilding: Promise<ReindexEvent> | null = null;
  private rebuildAgain = false;
  private watcher: fs.FSWatcher | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private stopFollowing: (() => void) | null = null;

  private constructor(
    readonly settings: Settings,
    readonly embedder: Embedder,
    snapshot: Snapshot,
    private readonly options: OpenOptions,
  ) {
    this.current = snapshot;
    this.defaults = answerDefaults(embedder.modelId, settings.maxExcerpts);
  }

  get articles(): ArticleMeta[] {
    return this.current.articles;
  }

  /** The generation answers come from (changes when a new one is swapped in or goes live in a shared store). */
  get generation(): string {
    return this.current.store.info.generation;
  }

  static async open(settings: Settings, options: OpenOptions = {}): Promise<Dossier> {
    const embedder = await Embedder.load({
      modelId: settings.embedModel,
      modelsDir: settings.modelsDir,
      allowRemoteModels: settings.allowRemoteModels,
      cacheDir: settings.cacheDir,
      embedDtype: settings.embedDtype,
      onProgress: options.onDownload,
    });
    // Loaded only when needed: ingesting pulls in the NLP tagger, which a warm start does not need.
    const rebuild = async (reason: string) => {
      options.onRebuild?.(reason);
      log.debug({ reason, indexDir: settings.indexDir }, 'building the index');
      const { ingest } = await import('./ingest/ingest.ts');
      await ingest(settings, embedder, options.progress);
    };
    if (settings.databaseUrl) {
      // A shared store (postgres): built under a lock by whichever process finds it stale; every process then
      // switches to each new generation once its lexical index is built (a question in flight finishes on its own).
      const store = await openStore(settings, embedder, options);
      const dossier = new Dossier(settings, embedder, await snapshotOf(store), options);
      dossier.stopFollowing =
        (await store.follow?.(async (next) => {
          dossier.current = await snapshotOf(next);
          log.info(
            { generation: next.info.generation, passages: dossier.current.passageById.size },
            'new generation live',
          );
        })) ?? null;
      return dossier;
    }
    const reason = staleReason(settings.indexDir, settings.seedsDir, embedder, settings);
    // Only changed articles can be served from the old index meanwhile; another model or format cannot.
    const later = reason === ARTICLES_CHANGED && options.serveWhileRebuilding;
    if (reason && !later) await rebuild(reason);
    let store: LocalStore;
    try {
      store = LocalStore.open(settings.indexDir);
    } catch (error) {
      // Checksums are verified while reading: a damaged file means a rebuild, never wrong answers.
      if (!(error instanceof StoreError)) throw error;
      await rebuild(`the index is damaged (${error.message})`);
      store = LocalStore.open(settings.indexDir);
    }
    const dossier = new Dossier(settings, embedder, await snapshotOf(store), options);
    if (later) void dossier.reindex(ARTICLES_CHANGED);
    if (options.watch) dossier.watch();
    return dossier;
  }

  /**
   * Rebuilds the index from the articles folder (only new text is embedded) and swaps it in atomically. Questions
   * keep being answered from the previous index until then; a failure leaves it in place. Calls made while a
   * rebuild runs are folded into one more rebuild after it.
   */
  async reindex(reason = 'requested', progress?: BuildProgress): Promise<ReindexEvent> {
    if (this.rebuilding) {
      this.rebuildAgain = true;
      return this.rebuilding;
    }
    this.rebuilding = (async (): Promise<ReindexEvent> => {
      const started = performance.now();
      try {
        const { ingest } = await import('./ingest/ingest.ts');
        await ingest(this.settings, this.embedder, progress);
        await yieldToEventLoop();
        // A shared store announces its new generation itself (follow); local files are re-opened here.
        if (!this.settings.databaseUrl) {
          const previous = this.current.store;
          this.current = await snapshotOf(LocalStore.open(this.settings.indexDir));
          await previous.close();
        }
        return {
          ok: true,
          reason,
          ms: Math.round(performance.now() - started),
          articles: this.current.articles.length,
          passages: this.current.passageById.size,
        };
      } catch (error) {
        return { ok: false, reason, error: error as Error };
      }
    })();
    const event = await this.rebuilding;
    this.rebuilding = null;
    this.options.onReindex?.(event);
    if (this.rebuildAgain) {
      this.rebuildAgain = false;
      return this.reindex(reason);
    }
    return event;
  }

  /** Re-indexes when files in the articles folder change (debounced); the old index answers meanwhile. */
  private watch(): void {
    this.watcher = fs.watch(this.settings.seedsDir, () => {
      if (this.debounce) clearTimeout(this.debounce);
      this.debounce = setTimeout(() => {
        try {
          const reason = staleReason(this.settings.indexDir, this.settings.seedsDir, this.embedder, this.settings);
          if (reason) void this.reindex(reason);
        } catch (error) {
          // e.g. the last article was removed: keep answering from what we have, and say why.
          this.options.onReindex?.({ ok: false, reason: 'the articles changed', error: error as Error });
        }
      }, WATCH_DEBOUNCE_MS);
    });
    this.watcher.on('error', (error) =>
      log.warn({ err: { name: error.name, message: error.message } }, 'stopped watching the articles folder'),
    );
  }

  /** The articles with their passage counts, oldest first (undated last), as every surface lists them. */
  sources(): SourceSummary[] {
    const counts = new Map<string, number>();
    for (const p of this.current.passageById.values()) counts.set(p.articleId, (counts.get(p.articleId) ?? 0) + 1);
    return this.current.articles
      .map((a) => ({ ...a, passages: counts.get(a.id) ?? 0 }))
      .sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.title.localeCompare(b.title));
  }

  /** The question's vector and its focus without `names` (one model call), kept for repeats. */
  private async embedQuestion(question: string, names: readonly string[]): Promise<QuestionVectors> {
    // Which words are names depends on the articles, so the names are part of the key.
    const key = [question, ...names].join('\u0000');
    const cached = this.queryCache.get(key);
    if (cached) {
      this.queryCache.delete(key); // re-insert: the Map's order is the LRU order
      this.queryCache.set(key, cached);
      return cached;
    }
    const vectors = await this.embedder.embedQuestion(question, names);
    this.queryCache.set(key, vectors);
    if (this.queryCache.size > QUERY_CACHE_SIZE) this.queryCache.delete(this.queryCache.keys().next().value!);
    return vectors;
  }

  /** question -> embed -> retrieve -> candidates -> abstain/select -> excerpts. */
  async ask(rawQuestion: string, overrides?: Partial<AnswerOptions>): Promise<Answer> {
    const started = performance.now();
    const options = mergeOptions(this.defaults, overrides);
    const question = normaliseQuestion(rawQuestion);
    const done = (answer: Omit<Answer, 'question' | 'ms'>): Answer => ({
      question,
      ...answer,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
    const problem = questionProblem(question, this.settings.maxQuestionChars);
    if (problem) return done({ answered: false, excerpts: [], reason: problem });
    if (unclearReferent(question)) return done({ answered: false, excerpts: [], reason: 'unclear_referent' });

    const { store, lexical, passageById, articleById, ranking, previousPassage } = this.current;
    // Searched with the names and words it misspells written the articles' way, analysed with its misspelled words
    // corrected; shown as asked.
    const { searched, analysed, aliases } = inCorpusTerms(question, ranking);
    // Only the ranker reads the focus, which leaves out the names the question asks about.
    const vectors = await this.embedQuestion(
      searched,
      options.method === 'ranker' ? askedNames(searched, ranking) : [],
    );
    const query = vectors.vector;
    const asked = terms(searched);
    const hits = await hybridSearch(store, lexical, query, searched, options.search);
    const candidates = toCandidates(hits, passageById, asked, lexical);
    const top = candidates[0];
    const evidence = { similarity: top?.hit.dense ?? 0, coverage: top?.coverage ?? 0 };
    let excerpts: Excerpt[];
    let confidence: Answer['confidence'];
    let answeredMissing: Missing[] | undefined;
    if (options.method === 'ranker') {
      const retrieved = await candidatePassages(
        store,
        lexical,
        vectors,
        withAliases(searched, aliases),
        undefined,
        (id) => previousPassage.get(id),
      );
      const retrievalSure = selectPassages(candidates, options.abstain, 1).answered;
      const ranked = rankAnswer(
        analysed,
        prepareQuestion(analysed, aliases),
        retrieved.map((r) => {
          const articleId = passageById.get(r.passageId)!.articleId;
          return {
            ...r,
            articleTerms: ranking.articleTerms.get(articleId),
            outletTerms: ranking.outletTerms.get(articleId),
          };
        }),
        ranking.context,
        options.maxExcerpts,
        { retrievalSure, retrievalTop: top?.passage.id },
      );
      const byPassage = new Map(retrieved.map((r) => [r.passageId, r]));
      const quote = ({ window, probability }: ScoredWindow) => {
        const passage = passageById.get(String(window.passageId))!;
        const sentences = byPassage.get(passage.id)!.sentences;
        return quoteSpan(
          { passage, article: articleById.get(passage.articleId)!, score: probability },
          { start: sentences[window.first]!.start, end: sentences[window.last]!.end },
        );
      };
      const covers = this.coversIf(ranked.missing);
      const missing = ranked.missing.length ? { missing: ranked.missing, ...covers } : {};
      if (!ranked.answered)
        return done({
          answered: false,
          excerpts: [],
          reason: 'not_covered',
          closest: ranked.closest.map(quote),
          ...missing,
          evidence,
        });
      excerpts = ranked.chosen.map(quote);
      confidence = ranked.likely ? 'likely' : 'uncertain';
      // An uncertain answer names the question's names that none of its quotes mentions (a plain check of the words);
      // what else they may lack (the person, date or number asked for) is too often wrongly detected to be said.
      if (!ranked.likely && ranked.unmentioned.length) answeredMissing = ranked.unmentioned;
    } else {
      // A year outside the articles' time is plainly not in them: say so, and show any quotes as the closest only.
      const outside = outsideYears(question, ranking.context.years);
      const missing = outside.length ? { missing: outside, ...this.coversIf(outside) } : {};
      const selection = selectPassages(candidates, options.abstain, options.maxExcerpts);
      if (!selection.answered)
        return done({ answered: false, excerpts: [], reason: selection.reason, ...missing, evidence });
      const sentences = await store.sentences(selection.chosen.map((c) => c.passage.id));
      excerpts = selection.chosen.map((c) =>
        excerptOf(
          {
            passage: c.passage,
            sentences: sentences.filter((s) => s.passageId === c.passage.id),
            article: articleById.get(c.passage.articleId)!,
            score: c.hit.score,
          },
          query,
          asked,
          lexical,
          options.selection,
        ),
      );
      if (outside.length)
        return done({
          answered: false,
          excerpts: [],
          reason: 'not_covered',
          closest: excerpts.slice(0, 2),
          ...missing,
          evidence,
        });
    }
    const disagreements = this.sourcesDiffer(excerpts, candidates, asked, analysed);
    return done({
      answered: true,
      excerpts,
      ...(confidence ? { confidence } : {}),
      ...(answeredMissing ? { missing: answeredMissing } : {}),
      evidence,
      ...(disagreements.length ? { disagreements } : {}),
    });
  }

  /**
   * "Sources differ": the quotes, and passages beyond them that may state a different figure: the best-ranked ones,
   * and, when the question asks about the thing a quoted figure counts, the passages that name it ("his forces …
   * more than 6,000 fighters" shares no other word with "How many fighters does the resistance have?"). Only for
   * questions about figures (`comparesFigures`).
   */
  private sourcesDiffer(
    excerpts: Excerpt[],
    candidates: readonly Candidate[],
    asked: readonly string[],
    question: string,
  ): Disagreement[] {
    const { lexical, passageById, articleById } = this.current;
    const quoted = new Set(excerpts.map((e) => e.passageId));
    const shown = excerpts.map((e) => ({
      text: e.quote,
      article: e.article,
      paragraph: e.paragraph,
      passageId: e.passageId,
      shown: true,
    }));
    const counted = countedAsked(question, asked, shown.flatMap(claimsIn));
    if (!comparesFigures(question, counted)) return [];
    const beyond = [
      ...candidates.slice(0, CLOSE_CANDIDATES).map((c) => c.passage),
      ...counted.flatMap((noun) => lexical.search(noun, CLOSE_CANDIDATES).map((h) => passageById.get(h.id)!)),
    ].filter((p) => !quoted.has(p.id));
    return findDisagreements(
      [
        ...shown,
        ...beyond.map((p) => ({
          text: p.text,
          article: metaOf(articleById.get(p.articleId)!),
          paragraph: p.paragraph,
          passageId: p.id,
          shown: false,
        })),
      ],
      // About the things the question counts, when it names them: "In which states did electors …" is not about votes.
      { keys: counted.length ? counted : undefined },
    );
  }

  /** The span of the articles' dates, when what is missing is a year. */
  private coversIf(missing: Missing[]): { covers?: { from: string; to: string } } {
    const dates = this.current.articles
      .map((a) => a.date)
      .filter((d): d is string => !!d)
      .sort();
    return missing.some((m) => m.kind === 'year') && dates.length
      ? { covers: { from: dates[0]!, to: dates.at(-1)! } }
      : {};
  }

  /** A paragraph (1-based) with the one before and after, for "Full paragraph"; null when there is no such one. */
  paragraph(articleId: string, paragraph: number, around = 1): ParagraphView | null {
    const article = this.current.articleById.get(articleId);
    if (!article || paragraph < 1 || paragraph > article.paragraphs.length) return null;
    const from = Math.max(1, paragraph - around);
    const to = Math.min(article.paragraphs.length, paragraph + around);
    const paragraphs = article.paragraphs.slice(from - 1, to).map((text, i) => ({ paragraph: from + i, text }));
    return { article: metaOf(article), paragraph, paragraphs };
  }

  who(name: string): WhoResult {
    return who(this.current.people, [...this.current.articleById.values()], name);
  }

  completeName(typed: string, limit = 25): string[] {
    return completeName(this.current.people, typed, limit);
  }

  async close(): Promise<void> {
    this.watcher?.close();
    this.stopFollowing?.();
    if (this.debounce) clearTimeout(this.debounce);
    await this.rebuilding; // never pull the model out from under a build
    await Promise.all([this.embedder.dispose(), this.current.store.close()]);
  }
}
