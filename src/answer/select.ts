import type { Passage } from '../corpus/passages.ts';
import type { FusedHit } from '../retrieve/fuse.ts';
import { lexicalCoverage, shouldAbstain, type AbstainPolicy, type TermStats } from './abstain.ts';
import { nearDuplicate } from '../text/sets.ts';

/** A retrieved passage with what the answer policy judges it on. Plain data. */
export interface Candidate {
  hit: FusedHit;
  passage: Passage;
  terms: ReadonlySet<string>;
  /** Idf-weighted share of the question's terms that the passage holds (answer/abstain.ts). */
  coverage: number;
}

/** Further excerpts must score at least this share of the best one: no filler. */
const RELATIVE_CUTOFF = 0.5;
/** Further excerpts must hold up on their own too, with this much slack on each threshold. */
const FOLLOWER_SLACK = 0.8;
/** Penalty per excerpt already taken from the same article, to spread quotes across sources. */
const SAME_ARTICLE_PENALTY = 0.08;
/** Captions name everyone in the picture and match many questions; at equal relevance, quote the reporting. */
const CAPTION_WEIGHT = 0.85;

/** Ranked hits joined with their passages and question coverage. */
export function toCandidates(
  hits: FusedHit[],
  passages: ReadonlyMap<string, Passage>,
  asked: readonly string[],
  stats: TermStats & { termsOf(id: string): ReadonlySet<string> },
): Candidate[] {
  return hits.flatMap((hit) => {
    const passage = passages.get(hit.id);
    if (!passage) return [];
    const terms = stats.termsOf(hit.id);
    return [{ hit, passage, terms, coverage: lexicalCoverage(asked, terms, stats) }];
  });
}

export type Selection = { answered: false; reason: 'not_covered' } | { answered: true; chosen: Candidate[] };

/**
 * Abstain when the best candidate is too weak; otherwise pick up to `max` candidates that each hold up on their
 * own, preferring reporting over captions, spreading across articles and skipping near-duplicates.
 */
export function selectPassages(candidates: Candidate[], policy: AbstainPolicy, max: number): Selection {
  const top = candidates[0];
  if (!top || shouldAbstain(top.hit.dense, top.coverage, policy)) return { answered: false, reason: 'not_covered' };
  const slack: AbstainPolicy = {
    minSimilarity: policy.minSimilarity * FOLLOWER_SLACK,
    minCoverage: policy.minCoverage * FOLLOWER_SLACK,
    minCombined: policy.minCombined * FOLLOWER_SLACK,
  };
  const remaining = candidates.filter(
    (c) =>
      c === top || (c.hit.score >= RELATIVE_CUTOFF * top.hit.score && !shouldAbstain(c.hit.dense, c.coverage, slack)),
  );
  const chosen: Candidate[] = [];
  while (chosen.length < max && remaining.length) {
    const penalised = remaining.map(
      (c) =>
        c.hit.score * (c.passage.caption ? CAPTION_WEIGHT : 1) -
        SAME_ARTICLE_PENALTY * chosen.filter((x) => x.passage.articleId === c.passage.articleId).length,
    );
    const [next] = remaining.splice(penalised.indexOf(Math.max(...penalised)), 1);
    if (!chosen.some((c) => nearDuplicate(c.terms, next!.terms))) chosen.push(next!);
  }
  return { answered: true, chosen };
}
