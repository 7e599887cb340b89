import type { AbstainPolicy } from './abstain.ts';
import { DEFAULT_SEARCH, type SearchOptions } from '../retrieve/hybrid.ts';
import { RANKER } from './ranker.ts';

/** Everything that shapes one answer; each `ask` may override any of it (defaults are merged once, at open). */
export interface AnswerOptions {
  /** Excerpts per answer. */
  maxExcerpts: number;
  search: SearchOptions;
  abstain: AbstainPolicy;
  /** 'best': the sentence(s) that answer; 'lead': the passage's opening sentences (the baseline in `eval:squad`). */
  selection: 'best' | 'lead';
  /**
   * 'ranker': the learned window scorer (answer/rank.ts, `npm run train:ranker`), the default for the embedding model
   * its weights were fitted with (its features include that model's cosines). 'rules': blended retrieval score with
   * thresholded abstention (answer/select.ts), the default for any other model.
   */
  method: 'ranker' | 'rules';
}

/**
 * When the best passage is too weak to quote. Similarity is model-specific, so each model gets thresholds
 * chosen from data with `npm run eval:abstain`.
 */
const DEFAULT_ABSTAIN: AbstainPolicy = { minSimilarity: 0.6, minCoverage: 0.6, minCombined: 1.1 };
const ABSTAIN_BY_MODEL: Record<string, AbstainPolicy> = {
  // Re-chosen on the int8 vectors with `npm run eval:abstain` (0.5 -> 0.52: 2 of 1,002 out-of-corpus answered).
  'Xenova/all-MiniLM-L6-v2': { minSimilarity: 0.52, minCoverage: 0.7, minCombined: 0.86 },
  // Static word vectors for fast tests: averaged GloVe vectors are all alike (cosine 0.9 for unrelated
  // texts), so only the lexical evidence can decide.
  'dossier-test/glove-6B-50d-10k': { minSimilarity: 2, minCoverage: 0.6, minCombined: 3 },
};

export function answerDefaults(modelId: string, maxExcerpts: number): AnswerOptions {
  return {
    maxExcerpts,
    search: { ...DEFAULT_SEARCH },
    abstain: ABSTAIN_BY_MODEL[modelId] ?? DEFAULT_ABSTAIN,
    selection: 'best',
    method: RANKER.trainedOn.embedModel === modelId ? 'ranker' : 'rules',
  };
}

/** Per-call overrides on top of the defaults; nested objects are merged one level deep. */
export function mergeOptions(defaults: AnswerOptions, overrides: Partial<AnswerOptions> = {}): AnswerOptions {
  return {
    ...defaults,
    ...overrides,
    search: { ...defaults.search, ...overrides.search },
    abstain: { ...defaults.abstain, ...overrides.abstain },
  };
}
