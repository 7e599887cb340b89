import type { Settings } from './config.ts';
import { metaOf, type Article, type ArticleMeta } from './corpus/articles.ts';
import type { Passage } from './corpus/passages.ts';
import { Embedder, type EmbedderOptions } from './embed/embedder.ts';
import type { BuildProgress } from './ingest/ingest.ts';
import { staleReason } from './ingest/stale.ts';
import { LocalStore } from './store/local.ts';
import { StoreError, type Store } from './store/store.ts';
import { LexicalIndex } from './retrieve/lexical.ts';
import { hybridSearch } from './retrieve/hybrid.ts';
import { terms } from './text/analyze.ts';
import { answerDefaults, mergeOptions, type AnswerOptions } from './answer/policy.ts';
import { selectPassages, toCandidates } from './answer/select.ts';
import { excerptOf } from './answer/excerpt.ts';
import { normaliseQuestion, questionProblem } from './answer/question.ts';
import type { Answer } from './answer/types.ts';
import { findDisagreements } from './answer/disagreements.ts';
import type { Person } from './people/resolve.ts';
import { completeName, who, type WhoResult } from './people/profile.ts';
import { log } from './log.ts';

export interface OpenOptions {
  /** Progress display for a (re)build; none by default. */
  progress?: BuildProgress;
  onDownload?: EmbedderOptions['onProgress'];
  /** Told why the index is being rebuilt before it happens. */
  onRebuild?: (reason: string) => void;
}

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
  private readonly queryCache = new Map<string, Float32Array>();
  private readonly articleById: ReadonlyMap<string, Article>;
  private readonly passageById: ReadonlyMap<string, Passage>;
  readonly articles: ArticleMeta[];
  /** Answer options every `ask` starts from. */
  readonly defaults: AnswerOptions;

  private constructor(
    readonly settings: Settings,
    readonly embedder: Embedder,
    private readonly store: Store,
    private readonly lexical: LexicalIndex,
    articles: Article[],
    passages: Passage[],
    private readonly people: Person[],
  ) {
    this.articleById = new Map(articles.map((a) => [a.id, a]));
    this.passageById = new Map(passages.map((p) => [p.id, p]));
    this.articles = articles.map(metaOf);
    this.defaults = answerDefaults(embedder.modelId, settings.maxExcerpts);
  }

  static async open(settings: Settings, options: OpenOptions = {}): Promise<Dossier> {
    const embedder = await Embedder.load({
      modelId: settings.embedModel,
      modelsDir: settings.modelsDir,
      allowRemoteModels: settings.allowRemoteModels,
      cacheDir: settings.cacheDir,
      onProgress: options.onDownload,
    });
    // Loaded only when needed: ingesting pulls in the NLP tagger, which a warm start does not need.
    const rebuild = async (reason: string) => {
      options.onRebuild?.(reason);
      log.debug({ reason, indexDir: settings.indexDir }, 'building the index');
      const { ingest } = await import('./ingest/ingest.ts');
      await ingest(settings, embedder, options.progress);
    };
    const reason = staleReason(settings.indexDir, settings.seedsDir, embedder.modelId);
    if (reason) await rebuild(reason);
    let store: LocalStore;
    try {
      store = LocalStore.open(settings.indexDir);
    } catch (error) {
      // Checksums are verified while reading: a damaged file means a rebuild, never wrong answers.
      if (!(error instanceof StoreError)) throw error;
      await rebuild(`the index is damaged (${error.message})`);
      store = LocalStore.open(settings.indexDir);
    }
    const passages = await store.allPassages();
    const lexical = new LexicalIndex(passages);
    return new Dossier(settings, embedder, store, lexical, await store.articles(), passages, await store.people());
  }

  sources(): SourceSummary[] {
    const counts = new Map<string, number>();
    for (const p of this.passageById.values()) counts.set(p.articleId, (counts.get(p.articleId) ?? 0) + 1);
    return this.articles.map((a) => ({ ...a, passages: counts.get(a.id) ?? 0 }));
  }

  private async embedQuestion(question: string): Promise<Float32Array> {
    const cached = this.queryCache.get(question);
    if (cached) {
      this.queryCache.delete(question); // re-insert: the Map's order is the LRU order
      this.queryCache.set(question, cached);
      return cached;
    }
    const vector = await this.embedder.embedQuery(question);
    this.queryCache.set(question, vector);
    if (this.queryCache.size > QUERY_CACHE_SIZE) this.queryCache.delete(this.queryCache.keys().next().value!);
    return vector;
  }

  /** question -> embed -> retrieve -> candidates -> abstain/select -> excerpts. */
  async ask(rawQuestion: string, overrides?: Partial<AnswerOptions>): Promise<Answer> {
    const started = performance.now();
    const options = mergeOptions(this.defaults, overrides);
    const question = normaliseQuestion(rawQuestion);
    const done = (answer: Omit<Answer, 'question' | 'ms'>): Answer => ({ question, ...answer, ms: Math.round((performance.now() - started) * 10) / 10 });
    const problem = questionProblem(question, this.settings.maxQuestionChars);
    if (problem) return done({ answered: false, excerpts: [], reason: problem });

    const query = await this.embedQuestion(question);
    const asked = terms(question);
    const hits = await hybridSearch(this.store, this.lexical, query, question, options.search);
    const candidates = toCandidates(hits, this.passageById, asked, this.lexical);
    const top = candidates[0];
    const evidence = { similarity: top?.hit.dense ?? 0, coverage: top?.coverage ?? 0 };
    const selection = selectPassages(candidates, options.abstain, options.maxExcerpts);
    if (!selection.answered) return done({ answered: false, excerpts: [], reason: selection.reason, evidence });

    const sentences = await this.store.sentences(selection.chosen.map((c) => c.passage.id));
    const excerpts = selection.chosen.map((c) =>
      excerptOf(
        { passage: c.passage, sentences: sentences.filter((s) => s.passageId === c.passage.id), article: this.articleById.get(c.passage.articleId)!, score: c.hit.score },
        query,
        asked,
        this.lexical,
        options.selection,
      ),
    );
    // The quotes, and the best-ranked passages beyond them, which may state a different figure ("sources differ").
    const quoted = new Set(excerpts.map((e) => e.passageId));
    const disagreements = findDisagreements([
      ...excerpts.map((e) => ({ text: e.quote, article: e.article, paragraph: e.paragraph, passageId: e.passageId, shown: true })),
      ...candidates.slice(0, CLOSE_CANDIDATES).filter((c) => !quoted.has(c.passage.id)).map((c) => ({ text: c.passage.text, article: metaOf(this.articleById.get(c.passage.articleId)!), paragraph: c.passage.paragraph, passageId: c.passage.id, shown: false })),
    ]);
    return done({ answered: true, excerpts, evidence, ...(disagreements.length ? { disagreements } : {}) });
  }

  /** A paragraph (1-based) with the one before and after, for "Full paragraph"; null when there is no such one. */
  paragraph(articleId: string, paragraph: number, around = 1): ParagraphView | null {
    const article = this.articleById.get(articleId);
    if (!article || paragraph < 1 || paragraph > article.paragraphs.length) return null;
    const from = Math.max(1, paragraph - around);
    const to = Math.min(article.paragraphs.length, paragraph + around);
    const paragraphs = article.paragraphs.slice(from - 1, to).map((text, i) => ({ paragraph: from + i, text }));
    return { article: metaOf(article), paragraph, paragraphs };
  }

  who(name: string): WhoResult {
    return who(this.people, [...this.articleById.values()], name);
  }

  completeName(typed: string, limit = 25): string[] {
    return completeName(this.people, typed, limit);
  }

  async close(): Promise<void> {
    await Promise.all([this.embedder.dispose(), this.store.close()]);
  }
}
