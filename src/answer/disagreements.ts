import type { ArticleMeta } from '../corpus/article.ts';
import { terms } from '../text/analyze.ts';
import { looksPlural } from '../text/counted.ts';
import { splitSentences } from '../text/sentences.ts';
import { numberWanted, questionKind } from './question-type.ts';

/**
 * "Sources differ": figures about the same thing that disagree across articles ("some 9,000 fighters" in one,
 * "more than 6,000 fighters" in another; "four of the valley's seven districts" vs "three districts"). Pure:
 * works on the text of the excerpts (and any close candidates), so every surface shows the same check.
 */

export interface ClaimSource {
  /** Text to look for figures in: an excerpt's quote or a close candidate's passage. */
  text: string;
  article: ArticleMeta;
  paragraph: number;
  passageId: string;
  /** True for text the user is shown; a disagreement needs at least one shown side. */
  shown: boolean;
}

export interface Claim {
  /** The figure as written: "more than 6,000 fighters". */
  figure: string;
  value: number;
  /** The whole sentence, in the article's own words. */
  sentence: string;
  article: ArticleMeta;
  paragraph: number;
  passageId: string;
}

export interface Disagreement {
  /** What the figures count: "fighters". */
  about: string;
  /** One claim per article, at least two different values. */
  claims: Claim[];
}

const NUMBER_WORDS: Record<string, number> = {
  no: 0,
  none: 0,
  zero: 0,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
};
const QUALIFIER = String.raw`(?:(?:more|fewer|less) than|over|under|at least|at most|about|around|some|nearly|almost|up to|roughly|approximately|an estimated|only)\s+`;
const NUMBER = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|${Object.keys(NUMBER_WORDS).join('|')})`;
const SCALE = String.raw`(?:\s+(?:thousand|million|billion|trillion|hundred))?`;
/** "four of the valley’s seven districts": the count comes first, the total is part of the figure. */
/** "none of the districts" counts districts too. */
const OF_TOTAL = String.raw`(?:\s+of\s+(?:(?:the|its|their|his)(?:\s+[\p{L}-]+[’']s)?(?:\s+${NUMBER})?|(?:[\p{L}-]+[’']s\s+)?${NUMBER}))?`;
const NOUN = String.raw`([a-z-]{2,})(?:\s+([a-z-]{3,}))?`;
const FIGURE = new RegExp(String.raw`\b(${QUALIFIER})?(${NUMBER})${SCALE}${OF_TOTAL}\s+${NOUN}\b`, 'giu');

/**
 * Nouns that measure rather than count things people report differently (weights, volumes and sums measure
 * different things in different articles: Microsoft's 16 million tons of CO2 are not the Amazon fires' 600).
 */
const UNITS = new Set(
  'ton tons tonne tonnes kilogram kilograms kg pound pounds lbs ounce ounces gallon gallons litre litres liter liters barrel barrels acre acres hectare hectares dollar dollars euro euros cent cents yen yuan rupee rupees bytes gigabytes megabytes year years month months week weeks day days hour hours minute minutes percent per cent kilometer kilometers kilometre kilometres mile miles meter meters metre metres feet foot km times am pm of the and or to in on at a an by for from with as than more them those these whom which own decade decades century centuries january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(
    ' ',
  ),
);

function toNumber(raw: string, whole: string): number | null {
  const lower = raw.toLowerCase();
  const value = lower in NUMBER_WORDS ? NUMBER_WORDS[lower]! : Number(lower.replace(/,/g, ''));
  if (!Number.isFinite(value)) return null;
  // A bare four-digit number is a year ("in 2001"), not a count.
  if (/^\d{4}$/.test(raw) && value >= 1900 && value <= 2100) return null;
  const head = whole.split(/\s+/).slice(0, 4).join(' ');
  const scale = /\btrillion\b/i.test(head)
    ? 1e12
    : /\bbillion\b/i.test(head)
      ? 1e9
      : /\bmillion\b/i.test(whole)
        ? 1e6
        : /\bthousand\b/i.test(head)
          ? 1e3
          : 1;
  return value * scale;
}

const ADJECTIVE =
  /^(?:local|foreign|armed|new|other|additional|more|former|active|experienced|elite|loyal|anti-taliban|taliban|metric|square|cubic|nautical|[a-z]+ed)$/;

/**
 * The counted noun: "fighters" in "9,000 fighters", "9,000 armed fighters" and "9,000 fighters loyal …"; "votes" in
 * "306 electoral votes" (a plural after a word that is none).
 */
function countedNoun(first: string, second: string | undefined): string {
  if (!second) return first;
  return ADJECTIVE.test(first.toLowerCase()) || (looksPlural(second) && !looksPlural(first)) ? second : first;
}

/** "fighters" and "fighter" are one thing. */
function nounKey(noun: string): string | null {
  const lower = noun.toLowerCase();
  if (UNITS.has(lower) || lower.length < 3 || /^no$/i.test(lower)) return null;
  return lower.replace(/ies$/, 'y').replace(/(?<!s)s$/, '');
}

/** Every counted figure in a text, with its sentence. */
export function claimsIn(source: ClaimSource): Array<Claim & { key: string }> {
  const claims: Array<Claim & { key: string }> = [];
  for (const { text: sentence } of splitSentences(source.text)) {
    for (const m of sentence.matchAll(FIGURE)) {
      const [whole, , number, first, second] = m;
      // One end of a range ("500-600 metric tons") is no figure of its own, and a sum of money ("$4 billion, No. 1
      // in the world") measures what its sentence says, as UNITS do.
      const at = m.index + whole.indexOf(number!);
      const before = sentence.slice(0, at);
      if (
        /\d\s?[-–]\s?$/.test(before) ||
        /[$£€¥₹]\s?$/.test(before) ||
        /^\s?[-–]\s?\d/.test(sentence.slice(at + number!.length))
      )
        continue;
      const noun = countedNoun(first!, second);
      const key = nounKey(noun);
      if (!key) continue;
      const value = toNumber(number!, whole);
      if (value === null) continue;
      const figure = (noun === first && second ? whole.slice(0, whole.lastIndexOf(second)) : whole).trim();
      claims.push({
        key,
        figure,
        value,
        sentence: sentence.trim(),
        article: source.article,
        paragraph: source.paragraph,
        passageId: source.passageId,
      });
    }
  }
  return claims;
}

function sharesWord(a: Claim & { key: string }, b: Claim & { key: string }): boolean {
  const words = new Set(terms(a.sentence).filter((t) => !/\d/.test(t)));
  const counted = terms(a.key);
  return terms(b.sentence).some((t) => words.has(t) && !counted.includes(t));
}

/**
 * Reports of one figure differ by a share of it (9,000 and 6,000 fighters; 85 and 90 firefighters): figures more than
 * four times apart count different things ("nearly 3 million votes", a margin, and "304 votes", the electors'; Texas's
 * 36 electoral votes and Washington's 8). Each is compared with the first. None is a figure too ("four of the
 * districts" vs "none of the districts").
 */
function alikeInSize(a: Claim, b: Claim): boolean {
  const [low, high] = a.value < b.value ? [a.value, b.value] : [b.value, a.value];
  return low === 0 || high / low <= MAX_RATIO;
}
const MAX_RATIO = 4;
const MAX_DISAGREEMENTS = 3;

/**
 * Whether a question's quotes are checked for figures that differ: when it asks for a count ("how many", "what was
 * the death toll") or names what a quoted figure counts (`countedAsked`). "Who is the Taliban's spokesman?" gets no
 * box about fighters because its quote mentions some.
 */
export function comparesFigures(question: string, countedAsked: readonly string[]): boolean {
  return countedAsked.length > 0 || questionKind(question) === 'number' || numberWanted(question) !== null;
}

/**
 * What the question counts among the things the shown figures count (claim keys, singular: "fighter"): those it
 * names as the quotes write them ("fighters"), among its analysed terms `asked`. "Who did Suprun vote for?" asks
 * about no figure of votes.
 */
export function countedAsked(
  question: string,
  asked: readonly string[],
  claims: ReadonlyArray<Pick<Claim, 'figure'> & { key: string }>,
): string[] {
  const words = new Set(question.toLowerCase().match(/[\p{L}-]+/gu) ?? []);
  const asks = new Set(asked);
  const named = claims.filter((c) => words.has(c.figure.split(/\s+/).at(-1)!.toLowerCase())).map((c) => c.key);
  return [...new Set(named)].filter((key) => terms(key).some((t) => asks.has(t)));
}

/**
 * Figures counting the same thing with different values in different articles, at most MAX_DISAGREEMENTS of them (of the
 * things `keys` names, when given). A disagreement needs a figure the user is shown on one side; the other may come
 * from a close candidate.
 */
export function findDisagreements(sources: ClaimSource[], { keys }: { keys?: readonly string[] } = {}): Disagreement[] {
  const byKey = new Map<string, Array<Claim & { key: string; shown: boolean }>>();
  const seen = new Set<string>();
  for (const source of sources) {
    if (seen.has(`${source.passageId}|${source.text}`)) continue;
    seen.add(`${source.passageId}|${source.text}`);
    for (const claim of claimsIn(source))
      byKey.set(claim.key, [...(byKey.get(claim.key) ?? []), { ...claim, shown: source.shown }]);
  }
  const found: Disagreement[] = [];
  for (const [key, claims] of byKey) {
    if (keys && !keys.includes(key)) continue;
    // One claim per article: the first (shown text comes first).
    const perArticle = new Map<string, (typeof claims)[number]>();
    for (const c of [...claims].sort((a, b) => Number(b.shown) - Number(a.shown)))
      if (!perArticle.has(c.article.id)) perArticle.set(c.article.id, c);
    // Figures about one thing say something else alike ("Massoud has amassed a force of some 9,000 fighters", "his
    // forces … number more than 6,000 fighters"): the claims must share a word besides the thing counted.
    const [first, ...others] = [...perArticle.values()];
    const kept = first ? [first, ...others.filter((c) => sharesWord(first, c) && alikeInSize(first, c))] : [];
    if (kept.length < 2 || new Set(kept.map((c) => c.value)).size < 2 || !kept.some((c) => c.shown)) continue;
    found.push({
      about: kept[0]!.figure.split(/\s+/).at(-1)!,
      claims: kept.map(({ key: _key, shown: _shown, ...claim }) => claim),
    });
    if (found.length >= MAX_DISAGREEMENTS) break;
  }
  return found;
}
