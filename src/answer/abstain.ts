import { terms } from '../text/analyze.ts';
import type { LexicalIndex } from '../retrieve/lexical.ts';

/** What coverage needs to know about the corpus's vocabulary. */
export type TermStats = Pick<LexicalIndex, 'idf' | 'has' | 'size'>;

/**
 * Share of the question's information (idf-weighted content terms) found in a passage.
 * Terms the corpus never uses weigh as much as its rarest term: a question about "France"
 * is not answered by a passage that only shares the word "president".
 */
export function lexicalCoverage(
  question: string | readonly string[],
  passage: string | ReadonlySet<string>,
  lexical: TermStats,
): number {
  // Callers scoring many passages for one question pass its analysed terms once.
  const asked = [...new Set(typeof question === 'string' ? terms(question) : question)];
  if (asked.length === 0) return 0;
  const present = typeof passage === 'string' ? new Set(terms(passage)) : passage;
  const unseenWeight = Math.log(1 + (lexical.size - 0.5) / 1.5);
  let total = 0;
  let found = 0;
  for (const t of asked) {
    const weight = lexical.has(t) ? lexical.idf(t) : unseenWeight;
    total += weight;
    if (present.has(t)) found += weight;
  }
  return total > 0 ? found / total : 0;
}

export interface AbstainPolicy {
  /** The best passage is close enough in meaning on its own ... */
  minSimilarity: number;
  /** ... or it contains most of what the question asks about ... */
  minCoverage: number;
  /** ... or both are fairly strong together (similarity + coverage). */
  minCombined: number;
}

/** True when the best passage is neither close in meaning nor a clear lexical match. */
export function shouldAbstain(similarity: number, coverage: number, policy: AbstainPolicy): boolean {
  return !(
    similarity >= policy.minSimilarity ||
    coverage >= policy.minCoverage ||
    similarity + coverage >= policy.minCombined
  );
}
