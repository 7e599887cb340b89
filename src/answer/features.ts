import { fold, term, terms as analyse, tokenize } from '../text/analyze.ts';
import { looksPlural } from '../text/counted.ts';
import { expandTerms, familySet, groupPresent, questionWords, stemFamily, type Aliases } from './aliases.ts';
import type { Window } from './candidates.ts';
import { analyseQuestion, type QuestionAnalysis, type QuestionKind } from './question-type.ts';

/** A question analysed once, with its terms expanded by the corpus's aliases. */
export interface PreparedQuestion {
  analysis: QuestionAnalysis;
  /** One group per question content term; any member present counts as the term present. */
  groups: string[][];
  /** Per named entity: its term groups (all must be present), e.g. "Ahmad Massoud" -> [[ahmad, …], [massoud, …]]. */
  entities: Array<{ name: string; groups: string[][] }>;
}

export function prepareQuestion(question: string, aliases: Aliases = { terms: {} }): PreparedQuestion {
  const analysis = analyseQuestion(question);
  const groups = expandTerms(questionWords(question), aliases);
  const entities = analysis.entities
    .map((name) => ({ name, groups: expandTerms(questionWords(name), aliases) }))
    .filter((e) => e.groups.length > 0);
  return { analysis, groups, entities };
}

/** What the caller knows about the corpus and this question's candidate set. */
export interface FeatureContext {
  /** Highest raw BM25 among this question's candidate passages. */
  bm25Max: number;
  /** Highest sentence cosine and passage cosine among this question's candidates. */
  maxCos: number;
  maxPassageCos: number;
  /**
   * Inverse document frequency of an analysed term in the corpus (BM25's formula, counted over each passage's
   * `familySet` of terms, so "lead" is seen where only "leader" is written); 0 when the corpus never uses it.
   */
  idf: (term: string) => number;
  /** The idf a term found in one passage would have (unseen terms weigh this much). */
  maxIdf: number;
  /** Years the corpus covers (article dates and years it mentions), or null when unknown. */
  years: { min: number; max: number } | null;
}

const KINDS: QuestionKind[] = ['who', 'when', 'where', 'number', 'why', 'how', 'what', 'yesno'];

export const FEATURE_NAMES = [
  'cos',
  'window_max_cos',
  'passage_cos',
  'cos_gap_to_best',
  'passage_cos_gap_to_best',
  'focus_gain',
  'bm25_rel',
  'coverage',
  'passage_coverage',
  'missing_max_idf',
  'term_density',
  'new_terms_log',
  'type_asked',
  'type_match',
  'who_person',
  'who_proper_or_org',
  'when_date',
  'when_year',
  'number_number',
  'where_place',
  'where_proper',
  'entity_share',
  'entity_unseen_in_corpus',
  'year_match',
  'year_outside_corpus',
  'caption',
  'credit',
  'list_lead_in',
  'heading',
  'furniture',
  'extended',
  'words_log',
  ...KINDS.map((k) => `kind_${k}`),
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

function groupWeight(group: readonly string[], ctx: FeatureContext): number {
  // A group's weight is its rarest single-term member's idf; terms the corpus never uses weigh the most.
  const idf = Math.max(...group.filter((g) => !g.includes(' ')).map((g) => ctx.idf(g)), 0);
  return idf > 0 ? idf : ctx.maxIdf;
}

function coverage(
  groups: readonly string[][],
  weights: readonly number[],
  set: ReadonlySet<string>,
  ctx: FeatureContext,
): { share: number; missingMax: number } {
  let total = 0;
  let found = 0;
  let missingMax = 0;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    const w = weights[i]!;
    total += w;
    if (groupPresent(g, set)) found += w;
    else missingMax = Math.max(missingMax, w);
  }
  return { share: total > 0 ? found / total : 0, missingMax: ctx.maxIdf > 0 ? missingMax / ctx.maxIdf : 0 };
}

/** Matched question terms per token of the span they occupy: 1 when they sit together. */
function density(groups: readonly string[][], ordered: readonly string[]): number {
  const positions: number[] = [];
  const matched = new Set<number>();
  const groupOf = new Map<string, number>();
  groups.forEach((g, gi) => g.forEach((alt) => groupOf.set(alt, gi)));
  ordered.forEach((t, i) => {
    for (const f of stemFamily(t)) {
      const gi = groupOf.get(f);
      if (gi !== undefined) {
        positions.push(i);
        matched.add(gi);
        break;
      }
    }
  });
  if (matched.size < 2) return matched.size;
  const span = Math.max(...positions) - Math.min(...positions) + 1;
  return Math.min(1, matched.size / span);
}

/**
 * The window's term families with the full names its bare surnames stand for: "Massoud said" counts as naming
 * Ahmad Wali Massoud in his own interview.
 */
export function namesReadIn(w: Pick<Window, 'terms' | 'referTerms'>): Set<string> {
  return familySet(w.referTerms.length ? [...w.terms, ...w.referTerms] : w.terms);
}

export function entityPresent(groups: readonly string[][], set: ReadonlySet<string>): boolean {
  // A person is often named by surname only after first mention: the last word alone is enough.
  return groups.every((g) => groupPresent(g, set)) || (groups.length > 1 && groupPresent(groups.at(-1)!, set));
}

export function entityUnseen(groups: readonly string[][], ctx: Pick<FeatureContext, 'idf'>): boolean {
  return groups.some((g) => !g.some((alt) => alt.split(' ').every((t) => ctx.idf(t) > 0)));
}

/** Per (question, context): what does not depend on the window. */
interface QuestionStats {
  entityUnseenShare: number;
  families: Set<string>;
  weights: number[];
}

const passageSets = new WeakMap<readonly string[], Set<string>>();
const questionStats = new WeakMap<PreparedQuestion, WeakMap<FeatureContext, QuestionStats>>();

function statsOf(q: PreparedQuestion, ctx: FeatureContext): QuestionStats {
  let byCtx = questionStats.get(q);
  if (!byCtx) questionStats.set(q, (byCtx = new WeakMap()));
  let stats = byCtx.get(ctx);
  if (!stats) {
    stats = {
      entityUnseenShare: q.entities.length
        ? q.entities.filter((e) => entityUnseen(e.groups, ctx)).length / q.entities.length
        : 0,
      families: new Set(q.groups.flat()),
      weights: q.groups.map((g) => groupWeight(g, ctx)),
    };
    byCtx.set(ctx, stats);
  }
  return stats;
}

/** The feature vector of one window, in FEATURE_NAMES order. */
export function windowFeatures(q: PreparedQuestion, w: Window, ctx: FeatureContext): number[] {
  const set = namesReadIn(w);
  let passageSet = passageSets.get(w.passageTerms);
  if (!passageSet) passageSets.set(w.passageTerms, (passageSet = familySet(w.passageTerms)));
  const stats = statsOf(q, ctx);
  const { share, missingMax } = coverage(q.groups, stats.weights, set, ctx);
  const passageShare = coverage(q.groups, stats.weights, passageSet, ctx).share;
  const questionFamilies = stats.families;
  // What the window says beyond restating the question: an answer adds words.
  const newTerms = new Set(w.terms.filter((t) => !stemFamily(t).some((f) => questionFamilies.has(f))));
  const kind = q.analysis.kind;
  const { people, orgs, places, holdsAnswer: typeMatch } = answerEvidence(q, w, questionFamilies);
  const who = kind === 'who';
  const when = kind === 'when';
  const where = kind === 'where';
  const num = kind === 'number';
  const entities = q.entities;
  const entityShare = entities.length
    ? entities.filter((e) => entityPresent(e.groups, set)).length / entities.length
    : 1;
  const entityUnseenShare = stats.entityUnseenShare;
  const years = q.analysis.years;
  const yearMatch = years.length ? (years.some((y) => w.years.includes(y)) ? 1 : 0) : 0.5;
  const outside = years.length && ctx.years ? (years.some((y) => y < ctx.years!.min || y > ctx.years!.max) ? 1 : 0) : 0;
  const askedTypes = who || when || where || num;
  const proper = w.proper || people.length > 0 || orgs.length > 0 || places.length > 0;
  const tags = w.anchorTags;
  const f: number[] = [
    w.cos,
    w.maxCos,
    w.passageCos,
    ctx.maxCos - w.cos,
    ctx.maxPassageCos - w.passageCos,
    // How well the window's match holds without the question's names (Embedder.embedQuestion's focus): higher when it
    // matches what is asked of them, not only the names.
    w.maxFocusCos - w.maxCos,
    // BM25 relative to the question's best only: raw BM25 grows with the corpus, so it carries no absolute meaning.
    ctx.bm25Max > 0 ? w.bm25 / ctx.bm25Max : 0,
    share,
    passageShare,
    missingMax,
    density(q.groups, w.terms),
    Math.log1p(newTerms.size),
    askedTypes ? 1 : 0,
    typeMatch ? 1 : 0,
    who && people.length > 0 ? 1 : 0,
    who && (orgs.length > 0 || proper) ? 1 : 0,
    when && w.date ? 1 : 0,
    when && w.years.length > 0 ? 1 : 0,
    num && typeMatch ? 1 : 0,
    where && places.length > 0 ? 1 : 0,
    where && proper ? 1 : 0,
    entityShare,
    entityUnseenShare,
    yearMatch,
    outside,
    tags.caption ? 1 : 0,
    tags.credit ? 1 : 0,
    tags.listLeadIn ? 1 : 0,
    tags.heading ? 1 : 0,
    tags.furniture ? 1 : 0,
    w.extended ? 1 : 0,
    Math.log1p(w.text.split(/\s+/).length),
    ...KINDS.map((k) => (k === kind ? 1 : 0)),
  ];
  return f;
}

/** What each kind of question asks for, where the window must hold it. */
export const ASKED_TYPE: Partial<Record<QuestionKind, 'person' | 'date' | 'number' | 'place'>> = {
  who: 'person',
  when: 'date',
  number: 'number',
  where: 'place',
};

/**
 * The window's people, organisations and places beyond the question's own names, and whether it holds what the
 * question asks for: "who interviewed Obama" is not answered by a sentence whose only person is Obama, and "how many
 * fighters" wants a count of fighters, not any number ("pictured on 2 September"). False for kinds that ask for no
 * type.
 */
export function answerEvidence(
  q: PreparedQuestion,
  w: Window,
  questionFamilies: ReadonlySet<string>,
): { people: string[]; orgs: string[]; places: string[]; holdsAnswer: boolean } {
  const people = namesBeyond(w.people, questionFamilies);
  const orgs = namesBeyond(w.orgs, questionFamilies);
  const places = namesBeyond(w.places, questionFamilies);
  const asked = ASKED_TYPE[q.analysis.kind];
  const holdsAnswer =
    asked === 'person'
      ? people.length > 0 || orgs.length > 0
      : asked === 'date'
        ? w.date
        : asked === 'place'
          ? places.length > 0
          : asked === 'number'
            ? q.analysis.counted
              ? countsNoun(w.text, q.analysis.counted)
              : w.number
            : false;
  return { people, orgs, places, holdsAnswer };
}

const NUMBER_WORD =
  /^(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozens?|hundreds?|thousands?|millions?|billions?|several|few)$/;

/**
 * A count of the thing a "how many" question counts: a number within three words before the noun ("some 9,000
 * fighters", "more than 6,000 trained fighters"). "Fighters, pictured on 2 September" counts nothing.
 */
export function countsNoun(text: string, counted: string): boolean {
  const stem = term(counted);
  if (!stem) return false;
  const words = tokenize(text);
  return words.some(
    (word, i) => term(word) === stem && words.slice(Math.max(0, i - 3), i).some((before) => NUMBER_WORD.test(before)),
  );
}

/** Plural nouns a number before them does not count things by: "25 years ago", "three times", "40 percent". */
const NOT_COUNTED =
  /^(?:years|months|weeks|days|hours|minutes|seconds|decades|centuries|times|percent|cents|kms|kilometres|kilometers|miles|metres|meters|feet)$/;
/** Plurals not written with an s. */
const PLURAL_WITHOUT_S = /^(?:people|men|women|children|police|staff|personnel)$/;
const plural = (word: string) => looksPlural(word) || PLURAL_WITHOUT_S.test(word);

/**
 * Whether a text counts things of some kind: a number within three words before a plural noun ("almost 30
 * ethnicities", "twenty nations") or after "of" with none ("a mother of four"), not a year's or a span's ("25 years
 * ago", "two days before 9/11").
 */
export function countsSomething(text: string): boolean {
  const words = tokenize(text);
  const count = (word: string) => NUMBER_WORD.test(word) && !/^(?:1[89]|20)\d\d$/.test(word);
  return words.some(
    (word, i) =>
      // "one" is as often no count: "No one knows …".
      (plural(word) &&
        !NOT_COUNTED.test(word) &&
        words.slice(Math.max(0, i - 3), i).some((w) => w !== 'one' && count(w))) ||
      // "a mother of four": the things counted are understood ("interest of 5 percent" is no count).
      (word === 'of' &&
        count(words[i + 1] ?? '') &&
        !plural(words[i + 2] ?? '') &&
        !NOT_COUNTED.test(words[i + 2] ?? '')),
  );
}

/** Titles written before a name: "Mr Obama" is the question's Obama. */
const HONORIFICS = new Set(
  'mr mrs ms miss mx dr prof sir dame lord lady rev fr gen col maj capt lt sgt sen rep gov pres st'.split(' '),
);

/** The names that say something the question doesn't: a word of theirs (titles aside) is not among the question's. */
export function namesBeyond(names: readonly string[], questionFamilies: ReadonlySet<string>): string[] {
  return names.filter((name) => nameWordsAsked(name, questionFamilies).some((asked) => !asked));
}

/** The names none of whose words (titles aside) are the question's: "Ali Nazary" beside "Massoud", not "Ahmad Massoud". */
export function namesApart(names: readonly string[], questionFamilies: ReadonlySet<string>): string[] {
  return names.filter((name) => !nameWordsAsked(name, questionFamilies).some((asked) => asked));
}

/** For each word of a name (titles and stop words aside), whether the question has it. */
function nameWordsAsked(name: string, questionFamilies: ReadonlySet<string>): boolean[] {
  return tokenize(name)
    .filter((word) => !HONORIFICS.has(word))
    .map(term)
    .filter((t): t is string => t !== null)
    .map((t) => stemFamily(t).some((f) => questionFamilies.has(f)));
}

/** Terms of a free text, folded and analysed: for callers building `idf` lookups. */
export function analysedTerms(text: string): string[] {
  return analyse(fold(text));
}
