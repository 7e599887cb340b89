import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadSettings, type Settings } from '../config.ts';
import { exitWithError } from '../entry/run.ts';
import { buildAliases, familySet, sentenceTerms, withAliases, type Aliases } from '../answer/aliases.ts';
import { buildWindows, type CandidatePassage, type Window } from '../answer/candidates.ts';
import { FEATURE_NAMES, prepareQuestion, windowFeatures, type FeatureContext } from '../answer/features.ts';
import { featureContext, logit, predict, type RankerModel } from '../answer/ranker.ts';
import { readsAsContext } from '../corpus/quotable.ts';
import { tagSentence, type SentenceTags } from '../corpus/sentence-tags.ts';
import { referentsByArticle } from '../people/referents.ts';
import { yearsIn } from '../text/years.ts';
import { chooseSentences } from '../answer/excerpt.ts';
import { lexicalCoverage, shouldAbstain } from '../answer/abstain.ts';
import { answerDefaults } from '../answer/policy.ts';
import { blend } from '../retrieve/fuse.ts';
import { LexicalIndex } from '../retrieve/lexical.ts';
import { dot } from '../text/vectors.ts';
import { containsAnswer } from './metrics.ts';
import { fitLogistic } from './logistic.ts';
import { loadSquadCorpus, sampleSplit, type SquadCorpus, type SquadQ } from './squad-corpus.ts';
import { squadVectors, type SquadVectors } from './ranker-vectors.ts';
import type { QuestionVectors } from '../embed/embedder.ts';

/** Candidate passages taken from each side (dense, BM25) per question. */
export const DENSE_K = 8;
export const BM25_K = 8;
/** Passages of the best sentences by dense search over all sentences. */
export const SENTENCE_K = 8;
/** At most this share of abstention negatives (train) may be answered: the threshold is chosen for it. */
export const TARGET_FALSE_ANSWER_RATE = 0.1;
export const L2 = 1;
export const WEIGHTS_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../answer/ranker-weights.json');

/**
 * answerable: the question against the whole corpus. article_removed: against the corpus without its article
 * (off-topic abstention negative). paragraph_removed: without only its paragraph, kept only when no remaining
 * passage contains a gold answer (near-topic abstention negative: same article, the answer is nowhere).
 */
type Variant = 'answerable' | 'article_removed' | 'paragraph_removed';

interface Instance {
  q: SquadQ;
  variant: Variant;
  windows: Window[];
  features: number[][];
  labels: number[];
  /** Today's method on the same question (approximation without the index, see README): quotes and abstention. */
  baseline: { quotes: string[]; abstained: boolean };
}

export interface TrainOptions {
  trainLimit: number;
  validationLimit: number;
  /** Only the first N articles (small deterministic runs, e.g. in tests). */
  articles?: number;
  file?: string;
  /** Also ask questions without their own paragraph when the answer is nowhere else (default true). */
  nearNegatives?: boolean;
  log?: (message: string) => void;
}

/** Everything about the corpus the features need, computed once. */
class CorpusData {
  readonly lexical: LexicalIndex;
  readonly tags: SentenceTags[];
  readonly terms: string[][];
  readonly aliases: Aliases;
  readonly years: { min: number; max: number } | null;
  private readonly df = new Map<string, number>();
  private readonly dfByArticle: Array<Map<string, number>>;
  private readonly passagesByArticle: number[];
  private readonly familyTerms: Array<Set<string>>;

  constructor(
    readonly corpus: SquadCorpus,
    readonly vectors: SquadVectors,
    tags: SentenceTags[],
  ) {
    this.tags = withReferents(corpus, tags);
    this.terms = corpus.sentences.map((s) => sentenceTerms(s.text));
    this.lexical = new LexicalIndex(corpus.passages.map((p, i) => ({ id: String(i), text: p.text })));
    this.dfByArticle = corpus.titles.map(() => new Map());
    this.passagesByArticle = corpus.titles.map(() => 0);
    // Document frequencies over each passage's term families, so "lead" counts as seen where "leader" is.
    this.familyTerms = corpus.passages.map((_, i) => familySet(this.lexical.termsOf(String(i))));
    corpus.passages.forEach((p, i) => {
      this.passagesByArticle[p.article]!++;
      for (const t of this.familyTerms[i]!) {
        this.df.set(t, (this.df.get(t) ?? 0) + 1);
        const m = this.dfByArticle[p.article]!;
        m.set(t, (m.get(t) ?? 0) + 1);
      }
    });
    this.aliases = buildAliases(corpus.passages.map((p) => p.text));
    const years = corpus.passages.flatMap((p) => yearsIn(p.text));
    this.years = years.length ? { min: Math.min(...years), max: Math.max(...years) } : null;
  }

  /** The same without one passage. */
  corpusContextWithoutPassage(passage: number): Pick<FeatureContext, 'idf' | 'maxIdf' | 'years'> {
    const n = this.corpus.passages.length - 1;
    const minus = this.familyTerms[passage]!;
    const idf = (t: string) => {
      const k = (this.df.get(t) ?? 0) - (minus.has(t) ? 1 : 0);
      return k <= 0 ? 0 : Math.log(1 + (n - k + 0.5) / (k + 0.5));
    };
    return { idf, maxIdf: Math.log(1 + (n - 0.5) / 1.5), years: this.years };
  }

  /** True when no passage other than the question's own contains a gold answer. */
  answerOnlyInOwnPassage(q: SquadQ): boolean {
    return this.corpus.passages.every((p, i) => i === q.passage || !containsAnswer(p.text, q.answers));
  }

  /** idf as BM25 computes it, over the corpus without one article (or the whole corpus). */
  corpusContext(without: number | null): Pick<FeatureContext, 'idf' | 'maxIdf' | 'years'> {
    const n = this.corpus.passages.length - (without === null ? 0 : this.passagesByArticle[without]!);
    const minus = without === null ? null : this.dfByArticle[without]!;
    const idf = (t: string) => {
      const k = (this.df.get(t) ?? 0) - (minus?.get(t) ?? 0);
      return k <= 0 ? 0 : Math.log(1 + (n - k + 0.5) / (k + 0.5));
    };
    return { idf, maxIdf: Math.log(1 + (n - 0.5) / 1.5), years: this.years };
  }
}

/** Each sentence's `refers`, read article by article as ingest does (src/ingest/ingest.ts). */
function withReferents(corpus: SquadCorpus, tags: readonly SentenceTags[]): SentenceTags[] {
  const referents = referentsByArticle(
    corpus.sentences.map((s, i) => ({
      article: corpus.passages[s.passage]!.article,
      text: s.text,
      people: tags[i]!.people,
    })),
  );
  return tags.map((t, i) => (referents[i]!.length ? { ...t, refers: referents[i]! } : t));
}

function tagsCacheFile(settings: Settings, corpus: SquadCorpus): string {
  const code = ['../corpus/sentence-tags.ts', '../corpus/continuation.ts'].map((file) =>
    fs.readFileSync(fileURLToPath(new URL(file, import.meta.url))),
  );
  const key = crypto
    .createHash('sha256')
    .update(Buffer.concat(code))
    .update(corpus.sentences.map((s) => s.text).join('\u0001'))
    .digest('hex')
    .slice(0, 20);
  return path.join(settings.cacheDir, 'ranker', `tags-${key}.json`);
}

/** Sentence tags, cached by the tagger's source and the texts (tagging 10k sentences takes a minute). */
function sentenceTags(settings: Settings, corpus: SquadCorpus, log: (m: string) => void): SentenceTags[] {
  const file = tagsCacheFile(settings, corpus);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as SentenceTags[];
  log(`tagging ${corpus.sentences.length} sentences`);
  const tags = corpus.sentences.map((s) => tagSentence(s.text));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(tags));
  return tags;
}

function topK(scores: Array<{ id: number; score: number }>, k: number): Array<{ id: number; score: number }> {
  return scores.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, k);
}

/** Candidates, windows, features and labels for one question asked of the corpus (minus one article for a negative). */
function instance(
  data: CorpusData,
  q: SquadQ,
  { vector: qVector, focus }: QuestionVectors,
  variant: Variant,
): Instance {
  const { corpus, vectors } = data;
  const dim = vectors.dim;
  const without = variant === 'article_removed' ? q.article : null;
  const allowed = (id: number) =>
    (without === null || corpus.passages[id]!.article !== without) &&
    (variant !== 'paragraph_removed' || id !== q.passage);
  const cos = corpus.passages.map((_, id) => ({
    id,
    score: allowed(id) ? dot(qVector, vectors.passages, id * dim) : -2,
  }));
  const dense = topK(
    cos.filter((h) => allowed(h.id)),
    50,
  );
  const lexicalHits = (query: string) =>
    data.lexical
      .search(query, 80)
      .map((h) => ({ id: Number(h.id), score: h.score }))
      .filter((h) => allowed(h.id))
      .slice(0, 50);
  // The ranker's candidates come from the question with the corpus's aliases, as in src/dossier.ts.
  const bm25 = lexicalHits(withAliases(q.question, data.aliases));
  const bm25Of = new Map(bm25.map((h) => [h.id, h.score]));
  const sentenceCos = (i: number) => dot(qVector, vectors.sentences, i * dim);
  const focusCos = (i: number) => dot(focus, vectors.sentences, i * dim);
  // The passages of the sentences closest to the question, and to its focus, as in src/retrieve/candidates.ts.
  const closestSentences = (cos: (i: number) => number) =>
    topK(
      corpus.sentences.map((s, i) => ({ id: s.passage, score: allowed(s.passage) ? cos(i) : -2 })),
      SENTENCE_K,
    ).filter((h) => allowed(h.id));
  const bySentence = closestSentences(sentenceCos);
  const byFocus = closestSentences(focusCos);
  const chosen = [
    ...new Set([
      ...dense.slice(0, DENSE_K).map((h) => h.id),
      ...bm25.slice(0, BM25_K).map((h) => h.id),
      ...bySentence.map((h) => h.id),
      ...byFocus.map((h) => h.id),
    ]),
  ].sort((a, b) => a - b);
  const sentence = (si: number) => ({
    text: corpus.sentences[si]!.text,
    cos: sentenceCos(si),
    focusCos: focusCos(si),
    tags: data.tags[si]!,
    terms: data.terms[si]!,
  });
  // As src/retrieve/candidates.ts: a passage opening with "he said" reads the paragraph before's last sentence.
  const before = (id: number) => {
    const previous = corpus.passages[id - 1];
    const opening = corpus.passages[id]!.sentences[0];
    if (!previous || previous.article !== corpus.passages[id]!.article || !allowed(id - 1)) return undefined;
    const last = previous.sentences.at(-1)!;
    return opening !== undefined && data.tags[opening]!.continuation && readsAsContext(data.tags[last]!)
      ? sentence(last)
      : undefined;
  };
  const passages: CandidatePassage[] = chosen.map((id) => {
    const lead = before(id);
    return {
      passageId: id,
      passageCos: cos[id]!.score,
      bm25: bm25Of.get(id) ?? 0,
      sentences: corpus.passages[id]!.sentences.map(sentence),
      ...(lead ? { before: lead } : {}),
    };
  });
  const windows = buildWindows(passages);
  const corpusCtx =
    variant === 'paragraph_removed' ? data.corpusContextWithoutPassage(q.passage) : data.corpusContext(without);
  const ctx = featureContext(windows, corpusCtx);
  const prepared = prepareQuestion(q.question, data.aliases);
  const features = windows.map((w) => windowFeatures(prepared, w, ctx));
  const labels = windows.map((w) => (variant === 'answerable' && containsAnswer(w.text, q.answers) ? 1 : 0));

  // Today's method, reproduced from src/dossier.ts without the index: 0.6 dense + 0.4 BM25 blend of the top 50
  // each, top 3 passages, best sentence(s) by cosine + 0.5 x lexical coverage, and its abstention rule.
  const plainBm25 = lexicalHits(q.question);
  const union = [...new Set([...dense.map((h) => h.id), ...plainBm25.map((h) => h.id)])].map((id) => ({
    id: String(id),
    score: cos[id]!.score,
  }));
  const fused = blend(
    union,
    plainBm25.map((h) => ({ id: String(h.id), score: h.score })),
    0.6,
  );
  const policy = answerDefaults('Xenova/all-MiniLM-L6-v2', 3).abstain;
  const top = fused[0];
  const abstained =
    !top || shouldAbstain(top.dense, lexicalCoverage(q.question, data.lexical.termsOf(top.id), data.lexical), policy);
  const quotes = fused.slice(0, 3).map((h) => {
    const p = corpus.passages[Number(h.id)]!;
    let offset = 0;
    const spans = p.sentences.map((si) => {
      const text = corpus.sentences[si]!.text;
      const start = p.text.indexOf(text, offset);
      offset = start + text.length;
      return {
        start,
        end: start + text.length,
        text,
        score: sentenceCos(si) + 0.5 * lexicalCoverage(q.question, text, data.lexical),
      };
    });
    const cut = chooseSentences(p.text, spans);
    return p.text.slice(cut.start, cut.end);
  });
  return { q, variant, windows, features, labels, baseline: { quotes, abstained } };
}

interface Scored {
  instance: Instance;
  probabilities: number[];
  order: number[];
  best: number;
}

function score(inst: Instance, model: RankerModel): Scored {
  const probabilities = inst.features.map((f) => predict(f, model));
  const order = probabilities.map((_, i) => i).sort((a, b) => probabilities[b]! - probabilities[a]! || a - b);
  return { instance: inst, probabilities, order, best: probabilities[order[0]!] ?? 0 };
}

/** The top k windows that don't overlap (a window and its extended neighbour are one excerpt). */
function topWindows(s: Scored, k: number): Window[] {
  const out: Window[] = [];
  for (const i of s.order) {
    const w = s.instance.windows[i]!;
    if (out.some((o) => o.passageId === w.passageId && o.first <= w.last && w.first <= o.last)) continue;
    out.push(w);
    if (out.length === k) break;
  }
  return out;
}

export interface SplitReport {
  answerable: number;
  negatives: number;
  top1: number;
  top3: number;
  /** Answered (best probability >= threshold) and the top window holds the answer. */
  answeredCorrect: number;
  answeredRate: number;
  falseAnswerRate: number;
  nearNegatives: number;
  /** Answered share of the near-topic negatives (paragraph removed) and of the off-topic ones (article removed). */
  falseAnswerRateNear: number;
  falseAnswerRateOff: number;
  abstentionPrecision: number;
  abstentionRecall: number;
  /** Mean probability vs observed rate of the top window being right, in 5 bins (calibration). */
  calibration: Array<{ bin: string; n: number; meanP: number; observed: number }>;
  baseline: {
    top1: number;
    top3: number;
    answeredRate: number;
    falseAnswerRate: number;
    abstentionPrecision: number;
    abstentionRecall: number;
  };
  meanTopWords: number;
  baselineMeanTopWords: number;
  /** Other thresholds: share of answerable questions answered (and answered right), of negatives answered. */
  thresholds: Array<{
    threshold: number;
    answered: number;
    answeredCorrect: number;
    falseNear: number;
    falseOff: number;
  }>;
}

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

function evaluate(instances: Instance[], model: RankerModel): SplitReport {
  const scored = instances.map((i) => score(i, model));
  const pos = scored.filter((s) => s.instance.variant === 'answerable');
  const neg = scored.filter((s) => s.instance.variant !== 'answerable');
  const holds = (w: Window | undefined, s: Scored) => !!w && containsAnswer(w.text, s.instance.q.answers);
  const top1 = pos.filter((s) => holds(topWindows(s, 1)[0], s)).length;
  const top3 = pos.filter((s) => topWindows(s, 3).some((w) => holds(w, s))).length;
  const answered = (s: Scored) => s.best >= model.threshold;
  const answeredPos = pos.filter(answered).length;
  const near = neg.filter((s) => s.instance.variant === 'paragraph_removed');
  const off = neg.filter((s) => s.instance.variant === 'article_removed');
  const answeredCorrect = pos.filter((s) => answered(s) && holds(topWindows(s, 1)[0], s)).length;
  const answeredNeg = neg.filter(answered).length;
  const abstainedNeg = neg.length - answeredNeg;
  const abstainedPos = pos.length - answeredPos;
  const bins = [0, 0.2, 0.4, 0.6, 0.8, 1.0001];
  const calibration = bins.slice(0, -1).map((lo, b) => {
    const inBin = scored.filter((s) => s.best >= lo && s.best < bins[b + 1]!);
    const right = inBin.filter((s) => s.instance.variant === 'answerable' && holds(topWindows(s, 1)[0], s)).length;
    return {
      bin: `${lo.toFixed(1)}-${Math.min(1, bins[b + 1]!).toFixed(1)}`,
      n: inBin.length,
      meanP: r4(inBin.reduce((a, s) => a + s.best, 0) / Math.max(1, inBin.length)),
      observed: r4(right / Math.max(1, inBin.length)),
    };
  });
  const bPos = pos.map((s) => s.instance.baseline);
  const bNeg = neg.map((s) => s.instance.baseline);
  const bAbstainedNeg = bNeg.filter((b) => b.abstained).length;
  const bAbstainedPos = bPos.filter((b) => b.abstained).length;
  const words = (t: string) => t.split(/\s+/).length;
  return {
    answerable: pos.length,
    negatives: neg.length,
    top1: r4(top1 / pos.length),
    top3: r4(top3 / pos.length),
    answeredCorrect: r4(answeredCorrect / pos.length),
    answeredRate: r4(answeredPos / pos.length),
    falseAnswerRate: r4(answeredNeg / Math.max(1, neg.length)),
    nearNegatives: near.length,
    falseAnswerRateNear: r4(near.filter(answered).length / Math.max(1, near.length)),
    falseAnswerRateOff: r4(off.filter(answered).length / Math.max(1, off.length)),
    abstentionPrecision: r4(abstainedNeg / Math.max(1, abstainedNeg + abstainedPos)),
    abstentionRecall: r4(abstainedNeg / Math.max(1, neg.length)),
    calibration,
    baseline: {
      top1: r4(
        pos.filter(
          (s) =>
            s.instance.baseline.quotes[0] !== undefined &&
            containsAnswer(s.instance.baseline.quotes[0], s.instance.q.answers),
        ).length / pos.length,
      ),
      top3: r4(
        pos.filter((s) => s.instance.baseline.quotes.some((t) => containsAnswer(t, s.instance.q.answers))).length /
          pos.length,
      ),
      answeredRate: r4(1 - bAbstainedPos / pos.length),
      falseAnswerRate: r4(1 - bAbstainedNeg / Math.max(1, bNeg.length)),
      abstentionPrecision: r4(bAbstainedNeg / Math.max(1, bAbstainedNeg + bAbstainedPos)),
      abstentionRecall: r4(bAbstainedNeg / Math.max(1, bNeg.length)),
    },
    thresholds: [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5].map((t) => ({
      threshold: t,
      answered: r4(pos.filter((s) => s.best >= t).length / pos.length),
      answeredCorrect: r4(pos.filter((s) => s.best >= t && holds(topWindows(s, 1)[0], s)).length / pos.length),
      falseNear: r4(near.filter((s) => s.best >= t).length / Math.max(1, near.length)),
      falseOff: r4(off.filter((s) => s.best >= t).length / Math.max(1, off.length)),
    })),
    meanTopWords: r4(pos.reduce((a, s) => a + words(topWindows(s, 1)[0]?.text ?? ''), 0) / pos.length),
    baselineMeanTopWords: r4(pos.reduce((a, s) => a + words(s.instance.baseline.quotes[0] ?? ''), 0) / pos.length),
  };
}

/** The smallest threshold at which at most `target` of the negatives' best windows would be answered. */
export function chooseThreshold(negativeBest: number[], target: number): number {
  const sorted = [...negativeBest].sort((a, b) => b - a);
  const allowed = Math.floor(target * sorted.length);
  // Answer only above the (allowed+1)-th highest negative score.
  const t = sorted[allowed] ?? 0;
  return Math.round((t + 1e-6) * 1e6) / 1e6;
}

export interface TrainResult {
  model: RankerModel;
  train: SplitReport;
  validation: SplitReport;
  rows: number;
  positives: number;
}

export async function trainRanker(
  settings: Settings,
  modelSha: string | null,
  options: TrainOptions,
): Promise<TrainResult> {
  const log = options.log ?? (() => {});
  const full = loadSquadCorpus(options.file);
  const corpus = options.articles ? restrict(full, options.articles) : full;
  const trainQs = sampleSplit(corpus.questions, 'train', options.trainLimit);
  const validationQs = sampleSplit(corpus.questions, 'validation', options.validationLimit);
  // All questions are embedded (one cache entry whatever the limits); cheap next to the sentences.
  const vectors = await squadVectors(settings, corpus, corpus.questions, log);
  const tags = sentenceTags(settings, corpus, log);
  const data = new CorpusData(corpus, vectors, tags);
  const row = (flat: Float32Array, q: SquadQ) => flat.subarray(q.id * vectors.dim, (q.id + 1) * vectors.dim);
  const qVector = (q: SquadQ): QuestionVectors => ({ vector: row(vectors.questions, q), focus: row(vectors.focus, q) });
  const build = (qs: SquadQ[]) =>
    qs.flatMap((q) => [
      instance(data, q, qVector(q), 'answerable'),
      instance(data, q, qVector(q), 'article_removed'),
      ...(options.nearNegatives !== false && data.answerOnlyInOwnPassage(q)
        ? [instance(data, q, qVector(q), 'paragraph_removed')]
        : []),
    ]);
  log(`building features: ${trainQs.length} train and ${validationQs.length} validation questions`);
  const train = build(trainQs);
  const validation = build(validationQs);
  const rows = train.flatMap((i) => i.features);
  const labels = train.flatMap((i) => i.labels);
  log(`fitting logistic regression on ${rows.length} windows (${labels.filter(Boolean).length} positive)`);
  const fit = fitLogistic(rows, labels, L2);
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  const model: RankerModel = {
    features: [...FEATURE_NAMES],
    mean: fit.mean.map(round),
    std: fit.std.map(round),
    weights: fit.weights.map(round),
    bias: round(fit.bias),
    calibration: { a: 1, b: 0 },
    threshold: 0,
    trainedOn: {},
  };
  // Question-level calibration: the best window's logit against "the best window holds the answer".
  const bestLogits = train.map((i) => Math.max(...i.features.map((f) => logit(f, model)), -30));
  const bestRight = train.map((i) => {
    const s = score(i, model);
    const top = topWindows(s, 1)[0];
    return i.variant === 'answerable' && top && containsAnswer(top.text, i.q.answers) ? 1 : 0;
  });
  const platt = fitLogistic(
    bestLogits.map((z) => [z]),
    bestRight,
    1e-3,
  );
  model.calibration = {
    a: round(platt.weights[0]! / platt.std[0]!),
    b: round(platt.bias - (platt.weights[0]! * platt.mean[0]!) / platt.std[0]!),
  };
  const negBest = train.filter((i) => i.variant !== 'answerable').map((i) => score(i, model).best);
  model.threshold = chooseThreshold(negBest, TARGET_FALSE_ANSWER_RATE);
  model.trainedOn = {
    data: 'SQuAD v1.1 dev: articles with index % 3 != 2 (train); questions also asked of the corpus without their article, and without their paragraph when the answer is nowhere else (abstention negatives)',
    embedModel: settings.embedModel,
    modelSha256: modelSha,
    articles: corpus.titles.length,
    trainQuestions: trainQs.length,
    windows: rows.length,
    positives: labels.filter(Boolean).length,
    l2: L2,
    iterations: fit.iterations,
    candidates: {
      densePassages: DENSE_K,
      bm25Passages: BM25_K,
      denseSentences: SENTENCE_K,
      focusSentences: SENTENCE_K,
    },
    thresholdRule: `at most ${TARGET_FALSE_ANSWER_RATE * 100}% of train abstention negatives answered`,
  };
  return {
    model,
    train: evaluate(train, model),
    validation: evaluate(validation, model),
    rows: rows.length,
    positives: labels.filter(Boolean).length,
  };
}

function restrict(corpus: SquadCorpus, articles: number): SquadCorpus {
  const passages = corpus.passages.filter((p) => p.article < articles);
  const sentences = corpus.sentences.slice(
    0,
    passages.flatMap((p) => p.sentences).reduce((a, b) => Math.max(a, b), -1) + 1,
  );
  const questions = corpus.questions.filter((q) => q.article < articles);
  return { titles: corpus.titles.slice(0, articles), passages, sentences, questions };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function printReport(result: TrainResult): void {
  const { model, train, validation } = result;
  console.log(
    `Ranker: logistic regression, ${model.features.length} features, ${result.rows} training windows (${result.positives} positive)`,
  );
  console.log(`threshold ${model.threshold} (${String(model.trainedOn.thresholdRule)})`);
  for (const [name, r] of [
    ['train', train],
    ['validation', validation],
  ] as const) {
    console.log(
      `\n${name}: ${r.answerable} answerable questions, ${r.negatives} unanswerable (asked without their article or paragraph)`,
    );
    console.log(
      `  answer in top window:    ${pct(r.top1)}   (today's method, top excerpt: ${pct(r.baseline.top1)}; mean words ${r.meanTopWords} vs ${r.baselineMeanTopWords})`,
    );
    console.log(`  answer in top 3 windows: ${pct(r.top3)}   (today's method: ${pct(r.baseline.top3)})`);
    console.log(
      `  answered: ${pct(r.answeredRate)} of answerable (correct top window and answered: ${pct(r.answeredCorrect)}); ${pct(r.falseAnswerRate)} of negatives   (today: ${pct(r.baseline.answeredRate)}; ${pct(r.baseline.falseAnswerRate)})`,
    );
    console.log(
      `  answered negatives: near-topic (own paragraph removed, n=${r.nearNegatives}) ${pct(r.falseAnswerRateNear)}; off-topic (own article removed) ${pct(r.falseAnswerRateOff)}`,
    );
    console.log(
      `  abstention precision ${pct(r.abstentionPrecision)}, recall ${pct(r.abstentionRecall)}   (today: ${pct(r.baseline.abstentionPrecision)}, ${pct(r.baseline.abstentionRecall)})`,
    );
    console.log(
      `  other thresholds: ${r.thresholds.map((t) => `${t.threshold}: answered ${pct(t.answered)} (right ${pct(t.answeredCorrect)}), near ${pct(t.falseNear)}, off ${pct(t.falseOff)}`).join('; ')}`,
    );
    console.log(
      `  calibration (best window): ${r.calibration.map((c) => `${c.bin}: n=${c.n} p=${c.meanP} right=${c.observed}`).join('; ')}`,
    );
  }
  console.log('\nweights (standardised):');
  const order = model.weights
    .map((w, i) => i)
    .sort((a, b) => Math.abs(model.weights[b]!) - Math.abs(model.weights[a]!));
  for (const i of order)
    console.log(
      `  ${model.features[i]!.padEnd(26)} ${model.weights[i]! >= 0 ? ' ' : ''}${model.weights[i]!.toFixed(3)}`,
    );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      train: { type: 'string', default: '2000' },
      validation: { type: 'string', default: '1000' },
      file: { type: 'string' },
      articles: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const settings = loadSettings();
  const { modelFileSha256 } = await import('./vector-cache.ts');
  const sha = modelFileSha256(settings.modelsDir, settings.embedModel);
  const started = performance.now();
  const result = await trainRanker(settings, sha, {
    trainLimit: Number(values.train),
    validationLimit: Number(values.validation),
    file: values.file,
    articles: values.articles ? Number(values.articles) : undefined,
    log: (m) => process.stderr.write(`${m}\n`),
  });
  if (!values['dry-run']) fs.writeFileSync(WEIGHTS_FILE, JSON.stringify(result.model, null, 1) + '\n');
  if (values.json)
    console.log(
      JSON.stringify({
        model: result.model,
        train: result.train,
        validation: result.validation,
        ms: Math.round(performance.now() - started),
      }),
    );
  else {
    printReport(result);
    console.log(
      `\n${values['dry-run'] ? 'not written (dry run)' : `wrote ${path.relative(process.cwd(), WEIGHTS_FILE)}`} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main().catch(exitWithError);
