import type { Settings } from './config.ts';
import { metaOf, type Article, type ArticleMeta } from './corpus/articles.ts';
import type { Passage } from './corpus/passages.ts';
import { Embedder, type EmbedderOptions } from './embed/embedder.ts';
import type { BuildProgress } from './ingest/ingest.ts';
import { openStore } from './ingest/open.ts';
import type { Store } from './store/store.ts';
import { LexicalIndex } from './retrieve/lexical.ts';
import { hybridSearch } from './retrieve/hybrid.ts';
import { terms } from './text/analyze.ts';
import { answerDefaults, mergeOptions, type AnswerOptions } from './answer/policy.ts';
import { selectPassages, toCandidates } from './answer/select.ts';
import { excerptOf } from './answer/excerpt.ts';
import { normaliseQuestion, questionProblem } from './answer/question.ts';
import type { Answer } from './answer/types.ts';
import type { Person } from './people/resolve.ts';
import { completeName, who, type WhoResult } from './people/profile.ts';
import { log } from './log.ts';

export interface OpenOptions {
  /** Progress display for a (re)build; none by default. */
  progress?: BuildProgress;
  onDownload?: EmbedderOptions['onProgress'];
  /** Told why the index is being rebuilt before it happens. */
  onRebuild?: (reason: string) => void;
  /** Postgres: told who holds the ingest lock while waiting for another process's build. */
  onWait?: (holder: string) => void;
}

/** One generation of content and what is built from it at open; replaced whole when a new generation goes live. */
interface View {
  store: Store;
  lexical: LexicalIndex;
  articleById: ReadonlyMap<string, Article>;
  passageById: ReadonlyMap<string, Passage>;
  articles: ArticleMeta[];
  people: Person[];
}

async function viewOf(store: Store): Promise<View> {
  const passages = await store.allPassages();
  const articles = await store.articles();
  return {
    store,
    lexical: new LexicalIndex(passages),
    articleById: new Map(articles.map((a) => [a.id, a])),
    passageById: new Map(passages.map((p) => [p.id, p])),
    articles: articles.map(metaOf),
    people: await store.people(),
  };
}

export interface SourceSummary extends ArticleMeta {
  passages: number;
}

const QUERY_CACHE_SIZE = 512;

/**
 * The question-answering engine every surface (CLI, REPL, Discord) goes through. Wiring only: the model, the
 * store and the lexical index are opened here; what to quote is decided by the pure functions in `answer/`.
 */
export class Dossier {
  private readonly queryCache = new Map<string, Float32Array>();
  /** Answer options every `ask` starts from. */
  readonly defaults: AnswerOptions;
  private stopFollowing: (() => void) | null = null;

  private constructor(
    readonly settings: Settings,
    readonly embedder: Embedder,
    private view: View,
  ) {
    this.defaults = answerDefaults(embedder.modelId, settings.maxExcerpts);
  }

  get articles(): ArticleMeta[] {
    return this.view.articles;
  }

  /** The generation answers come from (changes when a shared store's new generation goes live). */
  get generation(): string {
    return this.view.store.info.generation;
  }

  static async open(settings: Settings, options: OpenOptions = {}): Promise<Dossier> {
    const embedder = await Embedder.load({
      modelId: settings.embedModel,
      modelsDir: settings.modelsDir,
      allowRemoteModels: settings.allowRemoteModels,
      cacheDir: settings.cacheDir,
      onProgress: options.onDownload,
    });
    const store = await openStore(settings, embedder, options);
    const dossier = new Dossier(settings, embedder, await viewOf(store));
    // A shared store (postgres): switch to each new generation once its lexical index is built; a question
    // in flight finishes on the view it started with.
    dossier.stopFollowing = (await store.follow?.(async (next) => {
      const view = await viewOf(next);
      log.info({ generation: next.info.generation, passages: view.passageById.size }, 'new generation live');
      dossier.view = view;
    })) ?? null;
    return dossier;
  }

  sources(): SourceSummary[] {
    const counts = new Map<string, number>();
    for (const p of this.view.passageById.values()) counts.set(p.articleId, (counts.get(p.articleId) ?? 0) + 1);
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
    const view = this.view;
    const asked = terms(question);
    const hits = await hybridSearch(view.store, view.lexical, query, question, options.search);
    const candidates = toCandidates(hits, view.passageById, asked, view.lexical);
    const top = candidates[0];
    const evidence = { similarity: top?.hit.dense ?? 0, coverage: top?.coverage ?? 0 };
    const selection = selectPassages(candidates, options.abstain, options.maxExcerpts);
    if (!selection.answered) return done({ answered: false, excerpts: [], reason: selection.reason, evidence });

    const sentences = await view.store.sentences(selection.chosen.map((c) => c.passage.id));
    const excerpts = selection.chosen.map((c) =>
      excerptOf(
        { passage: c.passage, sentences: sentences.filter((s) => s.passageId === c.passage.id), article: view.articleById.get(c.passage.articleId)!, score: c.hit.score },
        query,
        asked,
        view.lexical,
        options.selection,
      ),
    );
    return done({ answered: true, excerpts, evidence });
  }

  who(name: string): WhoResult {
    return who(this.view.people, [...this.view.articleById.values()], name);
  }

  completeName(typed: string, limit = 25): string[] {
    return completeName(this.view.people, typed, limit);
  }

  async close(): Promise<void> {
    this.stopFollowing?.();
    await Promise.all([this.embedder.dispose(), this.view.store.close()]);
  }
}
