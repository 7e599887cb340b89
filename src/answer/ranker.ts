import type { Window } from './candidates.ts';
import { FEATURE_NAMES, windowFeatures, type FeatureContext, type PreparedQuestion } from './features.ts';
import shipped from './ranker-weights.json' with { type: 'json' };

/**
 * The learned window scorer: logistic regression over standardised features. Its output is one calibrated
 * probability per window ("how likely this window answers the question"), used both to rank and, with one
 * threshold, to abstain.
 */
export interface RankerModel {
  features: string[];
  mean: number[];
  std: number[];
  weights: number[];
  bias: number;
  /**
   * Platt scaling of the window logit, fitted on whether the question's best window holds the answer: turns a
   * window-level score into "how likely this excerpt answers the question". Monotone: the ranking is unchanged.
   */
  calibration: { a: number; b: number };
  /** Answer when the best window's probability is at least this. */
  threshold: number;
  trainedOn: Record<string, unknown>;
}

export const RANKER: RankerModel = shipped as RankerModel;

/** The window-level logit (before calibration). */
export function logit(features: readonly number[], model: RankerModel = RANKER): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++)
    z += model.weights[i]! * ((features[i]! - model.mean[i]!) / model.std[i]!);
  return z;
}

/** Calibrated probability that this window answers the question. */
export function predict(features: readonly number[], model: RankerModel = RANKER): number {
  const z = logit(features, model);
  return 1 / (1 + Math.exp(-(model.calibration.a * z + model.calibration.b)));
}

export interface ScoredWindow {
  window: Window;
  probability: number;
}

/** Scores and sorts a question's windows, best first (ties: passage order, then sentence order). */
export function rankWindows(
  q: PreparedQuestion,
  windows: readonly Window[],
  ctx: FeatureContext,
  model: RankerModel = RANKER,
): ScoredWindow[] {
  if (model.features.join() !== FEATURE_NAMES.join())
    throw new Error('ranker weights do not match the feature list: run `npm run train:ranker`');
  return windows
    .map((window, i) => ({ window, probability: predict(windowFeatures(q, window, ctx), model), i }))
    .sort((a, b) => b.probability - a.probability || a.i - b.i)
    .map(({ window, probability }) => ({ window, probability }));
}

/** One threshold: answer when the best window is likely enough to answer. */
export function shouldAnswer(best: number | undefined, model: RankerModel = RANKER): boolean {
  return best !== undefined && best >= model.threshold;
}

/** Context for the features from the candidate set (the corpus-level parts come from the caller). */
export function featureContext(
  windows: readonly Window[],
  corpus: Pick<FeatureContext, 'idf' | 'maxIdf' | 'years'>,
): FeatureContext {
  let bm25Max = 0;
  let maxCos = -1;
  let maxPassageCos = -1;
  for (const w of windows) {
    bm25Max = Math.max(bm25Max, w.bm25);
    maxCos = Math.max(maxCos, w.cos);
    maxPassageCos = Math.max(maxPassageCos, w.passageCos);
  }
  return { ...corpus, bm25Max, maxCos: Math.max(0, maxCos), maxPassageCos: Math.max(0, maxPassageCos) };
}
