import { fold, term, terms, tokenize } from '../text/analyze.ts';
import { distance } from 'fastest-levenshtein';
import { soundAlike } from '../text/sound.ts';

/**
 * Aliases a corpus defines for itself, as plain data: acronyms spelled out in the text ("National Resistance
 * Front (NRF)", "NRF (National Resistance Front)"), name variants passed in from the people index, and simple
 * morphology (leader/leads/led -> lead). Keys and values are analysed terms (the lexical analyser's).
 */
export interface Aliases {
  /**
   * term -> alternatives that mean the same thing in this corpus. An alternative with spaces ("nation resist
   * front") is present only when all of its terms are.
   */
  terms: Record<string, string[]>;
}

const SMALL = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'de', 'du', 'des', 'la', 'le', 'al', 'el', '&']);

/** Does `acronym` spell the initials of `words` (small words optional)? "NRF" ~ "National Resistance Front". */
export function spellsAcronym(acronym: string, words: string[]): boolean {
  const letters = acronym.replace(/[^A-Za-z]/g, '').toUpperCase();
  if (letters.length < 2) return false;
  // Match from the right: the long form is the run of words just before "(ACR)".
  const match = (li: number, wi: number): boolean => {
    if (li < 0) return wi < 0;
    if (wi < 0) return false;
    const w = words[wi]!;
    if (w[0]?.toUpperCase() === letters[li]) {
      if (match(li - 1, wi - 1)) return true;
    }
    // Small words inside the long form need no letter ("Organization of the Petroleum ...").
    return SMALL.has(w.toLowerCase()) && li < letters.length - 1 && li >= 0 ? match(li, wi - 1) : false;
  };
  return match(letters.length - 1, words.length - 1);
}

/** Acronym definitions in one text: [acronym, long form] pairs. */
export function acronymDefinitions(text: string): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  // "Long Name (ACR)"
  for (const m of text.matchAll(/((?:[\p{L}&'’-]+\s+){1,10})\(([A-Z][A-Za-z&.]{1,9})\)/gu)) {
    const acronym = m[2]!;
    if (!/[A-Z].*[A-Z]/.test(acronym)) continue;
    const words = m[1]!.trim().split(/\s+/);
    const letters = acronym.replace(/[^A-Za-z]/g, '').length;
    for (let n = Math.min(letters, words.length); n <= Math.min(words.length, letters + 4); n++) {
      const tail = words.slice(words.length - n);
      if (SMALL.has(tail[0]!.toLowerCase())) continue;
      if (spellsAcronym(acronym, tail)) {
        found.push([acronym, tail.join(' ')]);
        break;
      }
    }
  }
  // "ACR (Long Name)"
  for (const m of text.matchAll(/\b([A-Z][A-Z&.]{1,9})\s+\(([^()]{3,80})\)/g)) {
    const words = m[2]!.trim().split(/\s+/);
    if (spellsAcronym(m[1]!, words)) found.push([m[1]!, m[2]!.trim()]);
  }
  return found;
}

/**
 * The initials of the long names a text writes, as the acronyms a reader may ask by though the text never defines
 * them: "SEC" for "Securities and Exchange Commission", "NRF" for the "Afghan National Resistance Front". Names
 * and their tails of three or more capitalised words (small words between them need no letter, a leading "The"
 * none). `buildAliases` leaves out those that are a term of the corpus ("ARM" where it writes "arms") or its own
 * acronym; initials that make a word it never writes ("WAR") stay, an alias no quote is likely to need.
 */
export function initialisms(text: string): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const m of text.matchAll(LONG_NAME)) {
    // After a possessive: "Trump's Securities and Exchange Commission" is the commission's name.
    const all = m[0].split(/\s+/);
    const owner = all.map((w) => /['’]s$/.test(w)).lastIndexOf(true);
    const words = all.slice(owner + 1).filter((w, i) => !(i === 0 && /^the$/i.test(w)));
    // Its tails too: "Afghan National Resistance Front" is also the "NRF".
    for (let from = 0; from < words.length; from++) {
      if (SMALL.has(words[from]!.toLowerCase())) continue;
      const long = words.slice(from);
      const initials = long.filter((w) => !SMALL.has(w.toLowerCase())).map((w) => w[0]!);
      if (initials.length < 3) break;
      const acronym = initials.join('').toUpperCase();
      if (initials.length <= 6) found.push([acronym, long.join(' ')]);
    }
  }
  return found;
}
const LONG_NAME = /\p{Lu}[\p{L}'’-]+(?:\s+(?:(?:of|and|for|the|&)\s+)?\p{Lu}[\p{L}'’-]+){2,}/gu;

/**
 * Abbreviations news writes without defining them, each with its long form: "Who is the CEO of Microsoft?" when the
 * article says "Chief Executive Satya Nadella", "the UN meeting" for "United Nations". Used only when a text writes the
 * long form. ("US" and "PM" are left out: "us" and "5 pm" would match them.)
 */
const COMMON_ABBREVIATIONS: Array<[string, string]> = [
  ['CEO', 'chief executive'],
  ['CFO', 'chief financial officer'],
  ['COO', 'chief operating officer'],
  ['CTO', 'chief technology officer'],
  ['UN', 'United Nations'],
  ['EU', 'European Union'],
  ['UK', 'United Kingdom'],
  ['NATO', 'North Atlantic Treaty Organization'],
  ['FBI', 'Federal Bureau of Investigation'],
  ['CIA', 'Central Intelligence Agency'],
  ['IMF', 'International Monetary Fund'],
  ['GDP', 'gross domestic product'],
  ['UAE', 'United Arab Emirates'],
];

/**
 * Aliases from a corpus's texts, plus name variants (e.g. from the people index: [["Massoud", "Ahmad Massoud",
 * "Masood"]]). `termSets`: each text's analysed terms, when the caller has them, so the texts are not analysed again.
 */
export function buildAliases(
  texts: Iterable<string>,
  nameVariants: string[][] = [],
  termSets?: Iterable<ReadonlySet<string>>,
): Aliases {
  const out = new Map<string, Set<string>>();
  const link = (from: string[], to: string[]) => {
    for (const f of from) {
      const set = out.get(f) ?? new Set<string>();
      for (const t of to) if (t !== f) set.add(t);
      if (set.size) out.set(f, set);
    }
  };
  const all = [...texts];
  const lower = all.map((text) => text.toLowerCase());
  const people = new Set(nameVariants.flat().map((name) => name.toLowerCase()));
  // The corpus's own words: an initialism that is one of its terms is that word ("arm" of "arms"), one it writes in
  // capitals its own acronym, defined or not ("NRF" for "National Resistance Forces" too).
  let used: { terms: Set<string>; capitals: Set<string> } | null = null;
  const written = (acronym: string) => {
    used ??= {
      terms: new Set(termSets ? [...termSets].flatMap((set) => [...set]) : all.flatMap((text) => terms(text))),
      capitals: new Set(all.flatMap((text) => text.match(/\b[A-Z]{2,}\b/g) ?? [])),
    };
    return used.capitals.has(acronym) || used.terms.has(term(acronym.toLowerCase()) ?? '');
  };
  const definitions = [
    ...all.flatMap(acronymDefinitions),
    // Not of people's names: no one asks for "ASM" by Ahmad Shah Massoud's initials.
    ...all.flatMap(initialisms).filter(([acronym, long]) => !people.has(long.toLowerCase()) && !written(acronym)),
    ...COMMON_ABBREVIATIONS.filter(([, long]) => lower.some((text) => text.includes(long.toLowerCase()))),
  ];
  for (const [acronym, long] of definitions) {
    const a = term(tokenize(acronym).join(''));
    const longTerms = terms(long);
    if (!a || longTerms.length === 0) continue;
    // An acronym stands for its whole long form (all of its terms, written as one space-joined alternative);
    // a window that names the acronym covers each word of the long form.
    link([a], [longTerms.join(' ')]);
    link(longTerms, [a]);
  }
  for (const group of nameVariants) for (const [from, to] of variantPairs(group)) link([from], [to]);
  return { terms: Object.fromEntries([...out].map(([k, v]) => [k, [...v].sort()])) };
}

/**
 * Spelling variants within one person's names, part by part: names with as many parts are aligned by position
 * ("Ahmad Massoud" / "Ahmed Massoud": ahmad <-> ahmed). Parts in different positions are never linked: linking
 * every part to every other made "ahmad" an alias of "massoud", and through other people's names, of every name.
 */
export function variantPairs(names: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const parts = names.map((n) => terms(n));
  for (const a of parts)
    for (const b of parts)
      if (a !== b && a.length === b.length) a.forEach((t, i) => t !== b[i] && pairs.push([t, b[i]!]));
  return pairs;
}

/** Morphological relatives of a word the stemmer keeps apart: leader/leads/led -> lead, agent nouns, irregular pasts. */
const IRREGULAR: Record<string, string> = {
  led: 'lead',
  leader: 'lead',
  leadership: 'lead',
  won: 'win',
  winner: 'win',
  fought: 'fight',
  fighter: 'fight',
  began: 'begin',
  begun: 'begin',
  wrote: 'write',
  writer: 'write',
  written: 'write',
  founded: 'found',
  founder: 'found',
  built: 'build',
  builder: 'build',
  killed: 'kill',
  killer: 'kill',
  born: 'birth',
  died: 'die',
  death: 'die',
  dead: 'die',
  ruled: 'rule',
  ruler: 'rule',
  captured: 'captur',
  seized: 'seiz',
  said: 'sai',
  spoke: 'speak',
  spoken: 'speak',
  speaker: 'speak',
  taught: 'teach',
  teacher: 'teach',
  thought: 'think',
  bought: 'buy',
  buyer: 'buy',
  sold: 'sell',
  seller: 'sell',
  held: 'hold',
  holder: 'hold',
  chose: 'choos',
  chosen: 'choos',
  gave: 'give',
  given: 'give',
  took: 'take',
  taken: 'take',
  made: 'make',
  maker: 'make',
  went: 'go',
  gone: 'go',
  fled: 'flee',
  met: 'meet',
  meeting: 'meet',
  owner: 'own',
  owned: 'own',
  player: 'plai',
  played: 'plai',
  produced: 'produc',
  producer: 'produc',
  invented: 'invent',
  inventor: 'invent',
  discovered: 'discov',
  discoverer: 'discov',
  designed: 'design',
  designer: 'design',
  governor: 'govern',
  government: 'govern',
  commander: 'command',
  president: 'presid',
  presidency: 'presid',
  minister: 'minist',
  ministry: 'minist',
};

/**
 * Demonyms that are not the country's name plus "-i" (see stemFamily): "British institutions" are found where a text
 * writes "Britain". The US is left out: its term is the pronoun "us".
 */
const DEMONYMS: Record<string, string | string[]> = {
  british: ['Britain', 'UK'],
  american: 'America',
  french: 'France',
  german: 'Germany',
  chinese: 'China',
  russian: 'Russia',
  indian: 'India',
  afghan: 'Afghanistan',
  iranian: 'Iran',
  turkish: 'Turkey',
  japanese: 'Japan',
  italian: 'Italy',
  spanish: 'Spain',
  canadian: 'Canada',
  mexican: 'Mexico',
  brazilian: 'Brazil',
  australian: 'Australia',
  ukrainian: 'Ukraine',
  syrian: 'Syria',
  egyptian: 'Egypt',
  european: 'Europe',
  african: 'Africa',
  palestinian: 'Palestine',
  dutch: 'Netherlands',
};

const IRREGULAR_STEM = new Map<string, string>();
for (const [word, base] of Object.entries(IRREGULAR)) {
  const stem = term(word);
  if (stem) IRREGULAR_STEM.set(stem, base);
}
/** A demonym's stem -> its countries' stems ("british" -> britain, uk). */
const DEMONYM_STEMS = new Map<string, string[]>();
for (const [demonym, countries] of Object.entries(DEMONYMS)) {
  const stem = term(demonym);
  const bases = [countries]
    .flat()
    .map((c) => term(c))
    .filter((b): b is string => b !== null && b !== stem);
  if (stem && bases.length) DEMONYM_STEMS.set(stem, bases);
}

/** The stem family of an analysed term: itself, its irregular base ("led" -> "lead"), and its agent-noun base ("leader" -> "lead"). */
const familyCache = new Map<string, readonly string[]>();

export function stemFamily(stem: string): readonly string[] {
  const cached = familyCache.get(stem);
  if (cached) return cached;
  const out = [stem];
  const base = IRREGULAR_STEM.get(stem);
  if (base && base !== stem) out.push(base);
  out.push(...(DEMONYM_STEMS.get(stem) ?? []));
  if (/(?:er|or)$/.test(stem) && stem.length > 5) out.push(stem.slice(0, -2));
  // Demonyms: Panjshiri -> Panjshir, Pakistani -> Pakistan, Israeli -> Israel.
  else if (stem.endsWith('i') && stem.length > 5) out.push(stem.slice(0, -1));
  if (familyCache.size > 200_000) familyCache.clear();
  familyCache.set(stem, out);
  return out;
}

/** The stem family of a word as written ("leads" -> lead, "leader" -> leader, lead). */
export function morphologyOf(word: string): string[] {
  const stem = term(fold(word));
  return stem ? [...stemFamily(stem)] : [];
}

/** A window's term set with every term's family added: what question term groups are matched against. */
export function familySet(stems: Iterable<string>): Set<string> {
  const set = new Set<string>();
  for (const s of stems) for (const f of stemFamily(s)) set.add(f);
  return set;
}

/**
 * The question's terms, each with the alternatives the corpus accepts for it. Returns groups: one group per
 * question term, any member of which counts as that term being present.
 */
export function expandTerms(questionWords: string[], aliases: Aliases): string[][] {
  const groups: string[][] = [];
  const seen = new Set<string>();
  for (const word of questionWords) {
    const t = term(fold(word));
    if (!t || seen.has(t)) continue;
    seen.add(t);
    const group = new Set<string>([t, ...morphologyOf(word)]);
    for (const alt of aliases.terms[t] ?? []) group.add(alt);
    for (const g of [...group]) for (const alt of aliases.terms[g] ?? []) group.add(alt);
    groups.push([...group]);
  }
  return groups;
}

/**
 * The question with the corpus's aliases of its words appended, for BM25 ("How many fighters does the resistance
 * have?" also looks for "NRF", which the article uses instead). Aliases are analysed terms; BM25 analyses them again.
 */
export function withAliases(question: string, aliases: Aliases): string {
  const extra = new Set<string>();
  for (const word of questionWords(question)) {
    const t = term(fold(word));
    for (const alt of (t && aliases.terms[t]) || []) for (const part of alt.split(' ')) extra.add(part);
  }
  return extra.size ? `${question} ${[...extra].join(' ')}` : question;
}

/** True when any alternative of a group is in the term set (a multi-term alternative needs all its terms). */
export function groupPresent(group: readonly string[], set: ReadonlySet<string>): boolean {
  return group.some((alt) => (alt.includes(' ') ? alt.split(' ').every((t) => set.has(t)) : set.has(alt)));
}

/** Question tokens for `expandTerms` (raw words, not stems, so morphology sees "leads", "leader"). */
export function questionWords(question: string): string[] {
  return tokenize(question);
}

/** A text's analysed terms in order (what is precomputed per sentence at ingest). */
export function sentenceTerms(text: string): string[] {
  return terms(text);
}

/** The corpus's own terms by first letter: where a misspelled name in a question looks for its spelling. */
export type Vocabulary = ReadonlyMap<string, readonly string[]>;

export function vocabularyOf(allTerms: Iterable<string>): Vocabulary {
  const byLetter = new Map<string, string[]>();
  for (const t of new Set(allTerms)) {
    const list = byLetter.get(t[0]!);
    if (list) list.push(t);
    else byLetter.set(t[0]!, [t]);
  }
  return byLetter;
}

/** At most this many corpus spellings are taken for one misspelled name: more means the name is too short to tell. */
const MAX_SPELLINGS = 2;

/** A word of the question's names that the corpus never uses, with the corpus's spellings of it. */
export interface Misspelling {
  /** The word as typed ("Masood"). */
  word: string;
  /** Its analysed term ("masood"). */
  term: string;
  /** The corpus terms it is taken for ("massoud"). */
  spellings: string[];
  /** The corpus's word to write in its place when that is not its term ("negotiations" for "negotations"). */
  written?: string;
}

/**
 * The names a question misspells: a word of the question's names that the corpus never uses, and the corpus terms
 * one edit away (two for words of six letters or more) that start with the same letter and sound alike ("Rogio" ->
 * roggio, "Amrulah" -> amrullah, "Masood" -> massoud). Pure; `known` says whether the corpus uses a term, and the vocabulary
 * should hold the corpus's names (capitalised words), so "Masood" is not taken for "mood".
 */
export function misspellings(
  names: readonly string[],
  vocabulary: Vocabulary,
  known: (term: string) => boolean,
): Misspelling[] {
  const out: Misspelling[] = [];
  for (const word of names.flatMap((n) => tokenize(n))) {
    const t = term(fold(word));
    if (!t || t.length < 4 || known(t) || out.some((m) => m.term === t)) continue;
    const limit = t.length >= 6 ? 2 : 1;
    let best = limit + 1;
    let found: string[] = [];
    for (const candidate of vocabulary.get(t[0]!) ?? []) {
      if (Math.abs(candidate.length - t.length) > limit) continue;
      const d = distance(t, candidate);
      if (d > limit || d > best || !soundAlike(t, candidate)) continue;
      if (d < best) [best, found] = [d, [candidate]];
      else if (d === best) found.push(candidate);
    }
    if (found.length && found.length <= MAX_SPELLINGS) out.push({ word, term: t, spellings: found });
  }
  return out;
}

/** The corpus's lowercase words, each with how often it is used, and by first letter: where a typo finds its word. */
export interface WordVocabulary {
  counts: ReadonlyMap<string, number>;
  byLetter: ReadonlyMap<string, readonly string[]>;
}

export function wordVocabularyOf(texts: Iterable<string>): WordVocabulary {
  const counts = new Map<string, number>();
  for (const text of texts)
    for (const word of tokenize(text)) if (/^[a-z]{4,}$/.test(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return { counts, byLetter: vocabularyOf(counts.keys()) };
}

/**
 * The common words a question misspells: a word typed in lowercase, of five letters or more, that is neither the
 * corpus's nor English (`isWord`), taken for the corpus word one edit away (two for words of eight letters or more)
 * that starts with the same two letters, the most used one on a tie: "negotations" -> negotiations, "fightters" ->
 * fighters, a lowercase "massod" -> massoud. A letter added, dropped or swapped with the next is a typo as it is; a
 * letter changed, or two edits, must also sound alike ("carson" is no typo for "carbon"). Left as typed: a capitalised
 * word (a name, which `misspellings` reads), a word English has though the corpus lacks it ("wife"), and every word of
 * a question mostly in another language ("qué dijo Massoud sobre los talibanes y las mujeres": of four words or more,
 * fewer than two in three English or of a family the corpus uses, `known`). The corpus's words are counted when a
 * question first has a word English lacks. Pure.
 */
export function wordMisspellings(
  question: string,
  words: () => WordVocabulary,
  known: (term: string) => boolean,
  isWord: (word: string) => boolean,
): Misspelling[] {
  const written = question.match(/[\p{L}'’]+/gu) ?? [];
  const familiar = (w: string) => {
    const t = term(w.toLowerCase());
    return isWord(w.toLowerCase()) || (t !== null && known(t));
  };
  const longish = written.filter((w) => w.length >= 3);
  if (longish.length >= 4 && longish.filter(familiar).length * 3 < longish.length * 2) return [];
  const typos = [...new Set(written.filter((w) => /^[a-z]{5,}$/.test(w) && term(w) !== null && !isWord(w)))].filter(
    (w) => !words().counts.has(w),
  );
  const out: Misspelling[] = [];
  for (const word of typos) {
    const limit = word.length >= 8 ? 2 : 1;
    let best = limit + 1;
    let found: string | null = null;
    for (const candidate of words().byLetter.get(word[0]!) ?? []) {
      if (candidate[1] !== word[1] || Math.abs(candidate.length - word.length) > limit) continue;
      const d = typoDistance(word, candidate);
      if (d > limit || d > best) continue;
      const plain = d === 1 && (candidate.length !== word.length || swapped(word, candidate));
      if (!plain && !soundAlike(word, candidate)) continue;
      if (d < best || words().counts.get(candidate)! > words().counts.get(found!)!) [best, found] = [d, candidate];
    }
    const spelled = found && term(found);
    if (spelled) out.push({ word, term: term(word)!, spellings: [spelled], written: found! });
  }
  return out;
}

/** Levenshtein distance, with two neighbouring letters swapped counting as one edit ("figthers" for "fighters"). */
function typoDistance(a: string, b: string): number {
  const d = distance(a, b);
  return d === 2 && swapped(a, b) ? 1 : d;
}

/** Whether two words differ only by two neighbouring letters swapped. */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** The aliases with each misspelled name's corpus spellings as its alternatives. */
export function withSpellings(aliases: Aliases, found: readonly Misspelling[]): Aliases {
  const extra = Object.fromEntries(
    found.filter((m) => !aliases.terms[m.term]).map((m) => [m.term, m.spellings] as const),
  );
  return Object.keys(extra).length ? { terms: { ...aliases.terms, ...extra } } : aliases;
}

/**
 * The question as searched: each misspelled name with one corpus spelling written that way, so the model embeds
 * the name the articles use ("how old is Masood" -> "how old is massoud"; the model is uncased). The question shown
 * to the user is unchanged.
 */
export function respelled(question: string, found: readonly Misspelling[]): string {
  let out = question;
  for (const m of found)
    if (m.spellings.length === 1)
      out = out.replace(
        new RegExp(`(?<![\\p{L}])${escapeRegExp(m.word)}(?![\\p{L}])`, 'giu'),
        m.written ?? m.spellings[0]!,
      );
  return out;
}

/** A text matched as itself in a regular expression. */
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
