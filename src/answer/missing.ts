import type { Window } from './candidates.ts';
import {
  answerEvidence,
  ASKED_TYPE,
  entityPresent,
  entityUnseen,
  namesReadIn,
  type FeatureContext,
  type PreparedQuestion,
} from './features.ts';
import { isEnglishWord } from '../text/english.ts';
import { escapeRegExp } from './aliases.ts';

/**
 * What the best window lacks of what the question asks, for an honest partial answer ("the articles don't
 * give a date for that", "they never mention Tajikistan"). Pure; the wording is the caller's.
 */
export type Missing =
  /** A year the question names that lies outside the years the corpus covers. */
  | { kind: 'year'; value: string; reason: 'outside_corpus' | 'not_in_excerpt' }
  /** A named entity of the question that the whole corpus never mentions, or that the excerpt doesn't. */
  | { kind: 'entity'; value: string; reason: 'not_in_corpus' | 'not_in_excerpt' }
  /**
   * The thing asked for (a person for "who", a date for "when", a number, a place, a name for "which company …") is
   * not in the excerpt.
   */
  | { kind: 'answer_type'; value: 'person' | 'date' | 'number' | 'place' | 'name' }
  /**
   * What the question asks of a name ("supreme leader" of the Taliban) is in the excerpts only as another's, or (a
   * family relation: "wife" of Ahmad Massoud) not at all.
   */
  | { kind: 'attribute'; value: string; of: string; reason?: 'not_in_excerpt' };

export function missingParts(
  q: PreparedQuestion,
  best: Window | undefined,
  ctx: Pick<FeatureContext, 'idf' | 'years'>,
): Missing[] {
  const out: Missing[] = [];
  for (const year of q.analysis.years) {
    if (ctx.years && (year < ctx.years.min || year > ctx.years.max))
      out.push({ kind: 'year', value: String(year), reason: 'outside_corpus' });
    else if (best && !best.years.includes(year))
      out.push({ kind: 'year', value: String(year), reason: 'not_in_excerpt' });
  }
  out.push(...namesLacking(q, best ? [best] : [], ctx));
  const asked = ASKED_TYPE[q.analysis.kind];
  if (best && asked && !asksAbout(q) && !answerEvidence(q, best, new Set(q.groups.flat())).holdsAnswer)
    out.push({ kind: 'answer_type', value: asked });
  return out;
}

/**
 * "Who is Di Li?": a question whose only words are a name asks for a description of it, not for another person, so
 * "Di Li, the chief scientist of FAST" lacks nothing.
 */
function asksAbout(q: PreparedQuestion): boolean {
  const named = new Set(q.entities.flatMap((e) => e.groups.map((g) => g[0])));
  return q.analysis.kind === 'who' && named.size > 0 && q.groups.every((g) => named.has(g[0]));
}

/**
 * The question's names that none of the windows mentions (every one the corpus never mentions, even with no window):
 * what an answer's quotes, together, leave out.
 */
export function namesLacking(
  q: PreparedQuestion,
  windows: readonly Window[],
  ctx: Pick<FeatureContext, 'idf'>,
): Missing[] {
  const sets = windows.map(namesReadIn);
  const out: Missing[] = [];
  for (const e of q.entities) {
    if (entityUnseen(e.groups, ctx)) out.push({ kind: 'entity', value: e.name, reason: 'not_in_corpus' });
    else if (
      sets.length &&
      sets.every((set) => !entityPresent(e.groups, set)) &&
      !windows.some((w) => firstNameWritten(e.name, w.text))
    )
      out.push({ kind: 'entity', value: e.name, reason: 'not_in_excerpt' });
  }
  return out;
}

/**
 * Whether a quote names a person by the first name alone ("Stephen" in an article about Stephen and Jerry Jones):
 * saying it doesn't mention Stephen Jones would be untrue. Only a first name that is no English word ("Open
 * Journalism Project" is no one's), written capitalised; the ranker's features read names as before.
 */
function firstNameWritten(name: string, text: string): boolean {
  const [first, ...rest] = name.split(/\s+/);
  if (!first || !rest.length || first.length < 3 || isEnglishWord(first.toLowerCase())) return false;
  const written = first[0]!.toUpperCase() + first.slice(1);
  return new RegExp(`(?<![\\p{L}])${escapeRegExp(written)}(?![\\p{L}])`, 'u').test(text);
}
