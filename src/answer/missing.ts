import { familySet } from './aliases.ts';
import type { Window } from './candidates.ts';
import {
  countsNoun,
  entityPresent,
  entityUnseen,
  namesBeyond,
  type FeatureContext,
  type PreparedQuestion,
} from './features.ts';

/**
 * What the best window lacks of what the question asks, for an honest partial answer ("the articles don't
 * give a date for that", "they never mention Tajikistan"). Pure; the wording is the caller's.
 */
export type Missing =
  /** A year the question names that lies outside the years the corpus covers. */
  | { kind: 'year'; value: string; reason: 'outside_corpus' | 'not_in_excerpt' }
  /** A named entity of the question that the whole corpus never mentions, or that the excerpt doesn't. */
  | { kind: 'entity'; value: string; reason: 'not_in_corpus' | 'not_in_excerpt' }
  /** The thing asked for (a person for "who", a date for "when", a number, a place) is not in the excerpt. */
  | { kind: 'answer_type'; value: 'person' | 'date' | 'number' | 'place' };

export function missingParts(
  q: PreparedQuestion,
  best: Window | undefined,
  ctx: Pick<FeatureContext, 'idf' | 'years'>,
): Missing[] {
  const out: Missing[] = [];
  const set = best ? familySet(best.terms) : new Set<string>();
  for (const year of q.analysis.years) {
    if (ctx.years && (year < ctx.years.min || year > ctx.years.max))
      out.push({ kind: 'year', value: String(year), reason: 'outside_corpus' });
    else if (best && !best.years.includes(year))
      out.push({ kind: 'year', value: String(year), reason: 'not_in_excerpt' });
  }
  for (const e of q.entities) {
    if (entityUnseen(e.groups, ctx)) out.push({ kind: 'entity', value: e.name, reason: 'not_in_corpus' });
    else if (best && !entityPresent(e.groups, set))
      out.push({ kind: 'entity', value: e.name, reason: 'not_in_excerpt' });
  }
  if (best) {
    const kind = q.analysis.kind;
    const asked = new Set(q.groups.flat());
    const beyond = (names: readonly string[]) => namesBeyond(names, asked).length > 0;
    if (kind === 'who' && !beyond(best.people) && !beyond(best.orgs))
      out.push({ kind: 'answer_type', value: 'person' });
    if (kind === 'when' && !best.date) out.push({ kind: 'answer_type', value: 'date' });
    if (kind === 'number' && !(q.analysis.counted ? countsNoun(best.text, q.analysis.counted) : best.number))
      out.push({ kind: 'answer_type', value: 'number' });
    if (kind === 'where' && !beyond(best.places)) out.push({ kind: 'answer_type', value: 'place' });
  }
  return out;
}
