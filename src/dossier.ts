import type { Settings } from './config.ts';
import { corpusFingerprint, metaOf, type Article, type ArticleMeta } from './corpus/articles.ts';
import { Embedder, type EmbedderOptions } from './embed/embedder.ts';
import { embeddingSignature, profileFor } from './embed/models.ts';
import { PIPELINE_VERSION } from './index/version.ts';
import type { BuildProgress } from './index/build.ts';
import { FORMAT_VERSION, IndexError, readIndex, readManifest, type LoadedIndex } from './index/store.ts';
import { LexicalIndex } from './retrieve/lexical.ts';
import { DEFAULT_SEARCH, hybridSearch, type SearchOptions } from './retrieve/hybrid.ts';
import type { FusedHit } from './retrieve/fuse.ts';
import { lexicalCoverage, shouldAbstain, type AbstainPolicy } from './answer/abstain.ts';
import { chooseSentences, isQuoteContinuation, quoteOf, type ScoredSpan } from './answer/excerpt.ts';
import { splitSentences } from './corpus/sentences.ts';
import { isCaption } from './corpus/clean.ts';
import { paragraphStarts } from './corpus/passages.ts';
import type { Answer, Excerpt } from './answer/types.ts';
import { normaliseQuestion, questionProblem } from './answer/question.ts';
import { dot } from './retrieve/vectors.ts';
import { terms } from './retrieve/analyze.ts';
import { log } from './log.ts';
import type { Person } from './people/resolve.ts';
import { completeName, who, type WhoResult } from './people/profile.ts';

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

/** Weight of lexical overlap next to cosine when picking the sentence to quote. */
const SENTENCE_LEXICAL_WEIGHT = 0.5;
/** Further excerpts must score at least this share of the best one: no filler. */
const RELATIVE_CUTOFF = 0.5;
/** Penalty per excerpt already taken from the same article, to spread quotes across sources. */
const SAME_ARTICLE_PENALTY = 0.08;
/** Word-set overlap above which two passages count as the same text (repeated captions, wire copy). */
const NEAR_DUPLICATE = 0.8;
/** Captions name everyone in the picture and match many questions; at equal relevance, quote the reporting. */
const CAPTION_WEIGHT = 0.85;
const QUERY_CACHE_SIZE = 512;

/** Why the current index cannot be used as it is, or null when it is up to date. */
export function staleReason(indexDir: string, seedsDir: string, modelId: string, signature = embeddingSignature(modelId, profileFor(modelId))): string | null {
  try {
    const manifest = readManifest(indexDir);
    if (manifest.formatVersion !== FORMAT_VERSION) return `the index format changed (v${manifest.formatVersion} -> v${FORMAT_VERSION})`;
    if (manifest.model !== modelId) return `the embedding model changed (${manifest.model} -> ${modelId})`;
    if (manifest.embedding !== signature) return 'the embedding settings changed (pooling, prefixes, weights file, dtype or length)';
    if (manifest.fingerprint !== corpusFingerprint(seedsDir, PIPELINE_VERSION)) return 'the articles changed';
    return null;
  } catch (error) {
    if (error instanceof IndexError) return error.kind === 'missing' ? 'there is no index yet' : `the index is damaged (${error.message})`;
    throw error;
  }
}

/** The question-answering engine every surface (CLI, REPL, Discord) goes through. */
export class Dossier {
  private readonly lexical: LexicalIndex;
  private readonly sentencesOf: number[][];
  private readonly paragraphStart: ReadonlyMap<string, number[]>;
  private readonly queryCache = new Map<string, Float32Array>();
  private readonly articleById: ReadonlyMap<string, Article>;
  private readonly captionWeight: number[];
  readonly articles: ArticleMeta[];
  policy: AbstainPolicy;
  search: SearchOptions = { ...DEFAULT_SEARCH };
  /** 'best': the sentence(s) that answer; 'lead': the passage's opening sentences (the baseline in `eval:squad`). */
  excerptSelection: 'best' | 'lead' = 'best';

  private constructor(
    readonly settings: Settings,
    readonly embedder: Embedder,
    readonly index: LoadedIndex,
  ) {
    const { passages, sentences, articles } = index.data;
    this.articleById = new Map(articles.map((a) => [a.id, a]));
    this.articles = articles.map(metaOf);
    this.captionWeight = passages.map((p) => (isCaption(this.articleById.get(p.articleId)!.paragraphs[p.paragraph - 1]!) ? CAPTION_WEIGHT : 1));
    this.lexical = new LexicalIndex(passages.map((p) => p.text));
    this.sentencesOf = passages.map(() => []);
    sentences.forEach((s, i) => this.sentencesOf[s.passage]!.push(i));
    this.paragraphStart = new Map(articles.map((a) => [a.id, paragraphStarts(a.paragraphs)]));
    this.policy = embedder.profile.abstain;
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
    const rebuild = async (reason: string) => {
      options.onRebuild?.(reason);
      log.debug({ reason, indexDir: settings.indexDir }, 'building the index');
      // Loaded only when needed: building pulls in the NLP tagger, which a warm start does not need.
      const { buildIndex } = await import('./index/build.ts');
      await buildIndex(settings, embedder, options.progress);
    };
    const reason = staleReason(settings.indexDir, settings.seedsDir, embedder.modelId, embedder.signature);
    if (reason) await rebuild(reason);
    let index: LoadedIndex;
    try {
      index = readIndex(settings.indexDir);
    } catch (error) {
      // Checksums are verified while reading: a damaged file means a rebuild, never wrong answers.
      if (!(error instanceof IndexError)) throw error;
      await rebuild(`the index is damaged (${error.message})`);
      index = readIndex(settings.indexDir);
    }
    return new Dossier(settings, embedder, index);
  }

  sources(): SourceSummary[] {
    const counts = new Map<string, number>();
    for (const p of this.index.data.passages) counts.set(p.articleId, (counts.get(p.articleId) ?? 0) + 1);
    return this.articles.map((a) => ({ ...a, passages: counts.get(a.id) ?? 0 }));
  }

  async embedQuestion(question: string): Promise<Float32Array> {
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

  /** The ranked passages for a question and the evidence the abstention decision rests on. */
  async evidence(question: string): Promise<{ query: Float32Array; hits: FusedHit[]; similarity: number; coverage: number }> {
    const query = await this.embedQuestion(question);
    const hits = hybridSearch(this.index.vectors, this.lexical, query, question, this.search);
    const top = hits[0];
    const coverage = top ? lexicalCoverage(question, this.lexical.termsOf(top.id), this.lexical) : 0;
    return { query, hits, similarity: top?.dense ?? 0, coverage };
  }

  async ask(rawQuestion: string): Promise<Answer> {
    const started = performance.now();
    const question = normaliseQuestion(rawQuestion);
    const done = (answer: Omit<Answer, 'question' | 'ms'>): Answer => ({ question, ...answer, ms: Math.round((performance.now() - started) * 10) / 10 });
    const problem = questionProblem(question, this.settings.maxQuestionChars);
    if (problem) return done({ answered: false, excerpts: [], reason: problem });

    const { query, hits, similarity, coverage } = await this.evidence(question);
    const { passages } = this.index.data;
    const asked = terms(question);
    const top = hits[0];
    if (!top || shouldAbstain(similarity, coverage, this.policy)) return done({ answered: false, excerpts: [], reason: 'not_covered' });

    const chosen: typeof hits = [];
    // Further excerpts must hold up on their own too (with some slack), so a weak third quote is left out.
    const slack: AbstainPolicy = { minSimilarity: this.policy.minSimilarity * 0.8, minCoverage: this.policy.minCoverage * 0.8, minCombined: this.policy.minCombined * 0.8 };
    const remaining = hits.filter(
      (h) => h === top || (h.score >= RELATIVE_CUTOFF * top.score && !shouldAbstain(h.dense, lexicalCoverage(asked, this.lexical.termsOf(h.id), this.lexical), slack)),
    );
    while (chosen.length < this.settings.maxExcerpts && remaining.length) {
      const penalised = remaining.map((h) => h.score * this.captionWeight[h.id]! - SAME_ARTICLE_PENALTY * chosen.filter((c) => passages[c.id]!.articleId === passages[h.id]!.articleId).length);
      const best = penalised.indexOf(Math.max(...penalised));
      const [hit] = remaining.splice(best, 1);
      if (!chosen.some((c) => overlap(this.lexical.termsOf(c.id), this.lexical.termsOf(hit!.id)) >= NEAR_DUPLICATE)) chosen.push(hit!);
    }
    return done({ answered: true, excerpts: chosen.map((h) => this.excerpt(h.id, h.score, asked, query)) });
  }

  private excerpt(passageIndex: number, score: number, asked: readonly string[], query: Float32Array): Excerpt {
    const { passages, sentences } = this.index.data;
    const passage = passages[passageIndex]!;
    const dim = this.index.manifest.dim;
    const spans: ScoredSpan[] = this.sentencesOf[passageIndex]!.map((i) => {
      const s = sentences[i]!;
      const text = passage.text.slice(s.start, s.end);
      return { ...s, text, score: dot(query, this.index.sentenceVectors, i * dim) + SENTENCE_LEXICAL_WEIGHT * lexicalCoverage(asked, text, this.lexical) };
    });
    const cut = chooseSentences(passage.text, this.excerptSelection === 'best' ? spans : spans.map((s, i) => ({ ...s, score: i === 0 ? 1 : 0 })));
    const article = this.articleById.get(passage.articleId)!;
    const paragraphs = article.paragraphs;
    const offset = passage.start - this.paragraphStart.get(article.id)![passage.paragraph - 1]!;
    const here = paragraphs[passage.paragraph - 1]!;
    const parts = [quoteOf(here, offset + cut.start, offset + cut.end)];
    let first = passage.paragraph;
    let last = passage.paragraph;
    // Keep a quotation with its speaker: pull in an unattributed quote that follows, or the attribution before one.
    const next = paragraphs[last];
    if (next !== undefined && offset + cut.end >= here.trimEnd().length && isQuoteContinuation(next)) {
      parts.push(next);
      last++;
    }
    const previous = paragraphs[first - 2];
    if (previous !== undefined && offset + cut.start === 0 && isQuoteContinuation(here)) {
      const lead = splitSentences(previous).at(-1)!;
      parts.unshift(quoteOf(previous, lead.start, lead.end));
      first--;
    }
    return {
      quote: parts.join('\n'),
      score: Math.round(score * 1000) / 1000,
      paragraph: first,
      ...(last > first ? { lastParagraph: last } : {}),
      article: metaOf(article),
      passageId: passage.id,
    };
  }

  /** People found at ingest (saved with the index as `people`). */
  get people(): Person[] {
    return (this.index.extras.people as Person[] | undefined) ?? [];
  }

  who(name: string): WhoResult {
    return who(this.people, this.index.data.articles, name);
  }

  completeName(typed: string, limit = 25): string[] {
    return completeName(this.people, typed, limit);
  }

  async close(): Promise<void> {
    await this.embedder.dispose();
  }
}

/** Share of the smaller passage's terms that the other one has too. */
function overlap(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared / Math.max(1, Math.min(x.size, y.size));
}
