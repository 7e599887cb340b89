import nlp from 'compromise';
import { isEnglishWord } from '../text/english.ts';
import { eng } from 'stopword';
import { isTitle, NAME_PARTICLE, NOT_A_NAME } from './names.ts';

/** A name found in a sentence, with what the sentence says the person is. */
export interface RawMention {
  /** The name without titles, as written. */
  name: string;
  /** Offsets of `name` in the sentence. */
  start: number;
  end: number;
  /** Descriptions from the text: appositions ("X, a spokesman for Y") and titles ("spokesman X"). */
  roles: string[];
  /** The context says this is a person (title, role, speech verb, or the NLP tagger). */
  personCue: boolean;
}

// Words that open a clause, capitalised at a sentence's start ("When Stephen was nine …"), which stopword's list lacks.
const STOP = new Set([
  ...eng.map((w) => w.toLowerCase()),
  ...'when whenever though although unless until whether why whom whose'.split(' '),
]);

/** Nouns that make a phrase a role or a relation ("a spokesman for", "son of"). */
const ROLE_NOUN =
  /\b(spokes(?:man|woman|men|person)|leader|commander|chief|official|president|vice[- ]president|minister|ambassador|general|secretary(?:-general)?|under-secretary-general|chairman|chairwoman|mayor|editor|colonel|head|member|son|brother|father|nephew|uncle|daughter|wife|aide|founder|analyst|envoy|governor|director|advis[eo]r|correspondent|officer|negotiator|diplomat|collaborator|lawmaker|senator|spokesperson|chief of staff|representative|king|prince|mullah|maulawi|mayor)\b/i;
const ROLE_NOUN_AT_END = new RegExp(`${ROLE_NOUN.source}$`, 'i');
const DETERMINER = /^(?:the|a|an|its|his|her|their|our|my|your)$/i;
const KIN_OF = /\b(?:son|brother|father|nephew|uncle|daughter|wife|cousin)\s+of\s+/i;
const STARTS_WITH_VERB = /^(?:is|was|are|were|has|had|have|said|says|told|will|would|could|can)\b/i;
const APPOSITION_START = /^(?:a|an|the|former|formerly|late|his|her|its|their|another|now|then|also|currently)\b/i;
const SPEECH_AFTER =
  /^\s*(?:,\s*)?(said|says|told|tells|tweeted|wrote|writes|added|insisted|warned|stated|explained|argued|commented)\b/;
/** "Priya Nair, who represents the Harbourside ward": "who" stands for a person. */
const WHO_AFTER = /^\s*,\s*who\b/;
/** Photo credits name photographers, not people in the story. */
const CREDIT = /\((?:[^()]*\b(?:Photo|AFP|AP|Getty Images|Reuters|Pool)\b[^()]*)\)/g;

function maskCredits(sentence: string): string {
  return sentence.replace(CREDIT, (m) => ' '.repeat(m.length));
}

interface Token {
  text: string;
  start: number;
  end: number;
}

/** "We’ve", "They’ll", "You’re": a pronoun's contraction, capitalised only where it opens a sentence. */
const CONTRACTION = /^\p{L}+['’](?:ve|re|ll|d|m|t)$/iu;

/**
 * Compounds that are no names: "Picture-in-Picture", and a place or role joined to a word that describes ("Columbia-
 * based", "President-elect", "Co-founder", "Writer-director"). Korean given names stay names ("Han Dong-hoon").
 */
const NOT_A_NAME_COMPOUND =
  /-[a-z]+-[A-Z]|-(?:based|born|bred|elect|led|backed|owned|founder|director|producer|writer|star|host|anchor|designate)$/;

const isCapitalised = (t: string) =>
  !CONTRACTION.test(t) &&
  !NOT_A_NAME_COMPOUND.test(t) &&
  (/^\p{Lu}\p{Ll}/u.test(t) ||
    /^\p{Lu}\.?$/u.test(t) ||
    /^\p{Lu}['’]\p{Lu}\p{Ll}/u.test(t) ||
    /^(?:al|el|bin|ibn)-\p{Lu}/u.test(t));

/** Runs of capitalised words separated by single spaces ("Ahmad Shah Massoud", "Ludwig van Beethoven"). */
function capitalisedRuns(sentence: string): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  let lastEnd = -1;
  // Particles after a capitalised word, kept only when another capitalised word follows them.
  let particles: Token[] = [];
  // Letters of any script: "Tomás Reyes" is one name, not "Tom".
  for (const m of sentence.matchAll(/\p{L}[\p{L}\p{M}\d_’'.-]*/gu)) {
    const raw = m[0].replace(/[’']s$/, '').replace(/\.$/, (dot) => (/^\p{Lu}\p{Ll}?\.$/u.test(m[0]) ? dot : ''));
    const token = { text: raw, start: m.index, end: m.index + raw.length };
    const joined = lastEnd >= 0 && sentence.slice(lastEnd, token.start) === ' ' && /^\p{L}/u.test(m[0]);
    const possessiveBreak = /[’']s$/.test(m[0]);
    if (joined && run.length && NAME_PARTICLE.test(raw) && particles.length < 2 && raw === m[0]) {
      particles.push(token);
      lastEnd = token.end;
      continue;
    }
    if (!isCapitalised(raw) || /^\p{Lu}{4,}$/u.test(raw)) {
      if (run.length) runs.push(run);
      run = [];
      particles = [];
      lastEnd = -1;
      continue;
    }
    if (!joined && run.length) {
      runs.push(run);
      run = [];
    }
    run.push(...particles, token);
    particles = [];
    lastEnd = possessiveBreak ? -1 : token.end;
    if (possessiveBreak) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

const lower = (t: Token) => t.text.toLowerCase().replace(/\.$/, '');

/** Splits a run into its leading title words and the name; null if it names a place or an organisation. */
function splitTitle(run: Token[]): { title: Token[]; name: Token[] } | null {
  let i = 0;
  while (i < run.length && (isTitle(run[i]!.text) || NOT_A_NAME.has(lower(run[i]!)) || STOP.has(lower(run[i]!)))) i++;
  // "Paris Mayor Anne Hidalgo": the name starts after the last title word.
  for (let j = i; j < run.length - 1; j++) if (isTitle(run[j]!.text) && !NOT_A_NAME.has(lower(run[j]!))) i = j + 1;
  const name = run.slice(i);
  if (name.length === 0 || name.some((t) => NOT_A_NAME.has(lower(t)) || STOP.has(lower(t)))) return null;
  return { title: run.slice(0, i), name };
}

/** "X, a spokesman for Y," / "X – the son of Z –" / "X, who served as Y". */
function appositionAfter(rest: string): string | null {
  const nickname = rest.match(/^\s*,\s*((?:known|nicknamed|dubbed) as [“"‘][^”"’]{2,60}[”"’])/);
  if (nickname) return nickname[1]!;
  const m = rest.match(/^\s*(?:\([^)]*\)\s*)?[,–—]\s*(?:\d{1,3},\s*)?([^,–—;:“”"‘]+)/);
  if (!m || listItem(m[1]!, rest.slice(m[0].length))) return null;
  // End at a full stop, but not inside "U.K." or "U.S." or after "St." ("officer of St. Luke's Hospital").
  let phrase = m[1]!
    .split(/(?<![A-Z]\.[A-Z]|\b(?:St|Mt|Ft|Dr|Jr|Sr|Inc|Corp|Co|Gen|Gov|Sen|Rep|Lt|Col|Capt|No))\.(?=\s|$)/)[0]!
    .trim();
  const who = phrase.match(/^who (?:served|serves|is|was) (?:as )?(.+)$/i);
  if (who) phrase = who[1]!;
  phrase = phrase.split(/\s+(?:who|which|said|says|told|is|was|has|had|and now|speaks|spoke|warned)\b/)[0]!.trim();
  const words = phrase.split(/\s+/);
  if (words.length < 2 || words.length > 16 || STARTS_WITH_VERB.test(phrase)) return null;
  if (!APPOSITION_START.test(phrase) && !ROLE_NOUN.test(words.slice(0, 6).join(' '))) return null;
  return ROLE_NOUN.test(phrase) ? phrase : null;
}

/**
 * A phrase after a name's comma that is the first of a list, not the name's description: "Lorenz, his secretary, his
 * programmer and his graduate students all shared …" (the next item and the one after "and" open with its word).
 */
function listItem(phrase: string, after: string): boolean {
  const first = phrase.trim().split(/\s+/)[0]!.toLowerCase();
  // The item after "and" must open with that word too: "the leader of the NRF, the group resisting the Taliban and
  // its allies" is one description, not a list.
  const next = after.match(/^\s*,\s*(\S+)[^,.;:]*?,?\s+and\s+(\S+)/);
  return next !== null && next[1]!.toLowerCase() === first && next[2]!.toLowerCase() === first;
}

/**
 * The role written just before a name: "its spokesman Ali Maisam Nazary", "Massoud’s chief of staff Fahim Dashty",
 * "US Secretary of State Antony Blinken". In "son of legendary commander X" only "legendary commander" is X's.
 */
function roleBefore(before: string, isVerbAt: (offset: number) => boolean): string | null {
  let clause = before.split(/[,;:“”"(–—]/).at(-1)!;
  clause = clause
    .split(
      /\b(?:to|for|by|with|from|about|on|in|at|after|before|alongside|including|among|like|and|but|while|as|when|that|according|under|over|against|amid|amidst|during|without|within|through|across|toward|towards|behind|via|than|despite|following|into|upon|near|around|between)\s+|\bof\s+(?![A-Z]|staff\b)/,
    )
    .at(-1)!;
  clause = clause.split(KIN_OF).at(-1)!.trim();
  if (!clause || !ROLE_NOUN.test(clause.split(/\s+/).slice(-3).join(' '))) return null;
  const noun = clause.match(new RegExp(ROLE_NOUN.source, 'gi'))!.at(-1)!;
  // A capitalised title ("US General", "Paris Mayor") is the trailing run of capitalised words, with a word that says
  // when it was held ("former Secretary of State").
  const formal = /^[A-Z]/.test(noun)
    ? clause.match(
        /(?:\b(?:former|ex-|late|acting|outgoing|incoming|then-)\s*)?(?:[A-Z][\w’'.-]*\s+(?:of\s+)?)*[A-Z][\w’'.-]*$/,
      )?.[0]
    : undefined;
  // The role ends right before the name: in "President-elect Trump praised Giuliani" it is Trump's, not Giuliani's.
  if (!formal && !ROLE_NOUN_AT_END.test(clause)) return null;
  let role = (formal ?? clause).split(/\s+/);
  const offset = before.length - clause.length - (before.length - before.trimEnd().length);
  let skipped = 0;
  while (
    role.length > 1 &&
    /^[a-z]/.test(role[0]!) &&
    (STOP.has(role[0]!) || DETERMINER.test(role[0]!) || isVerbAt(offset + skipped))
  ) {
    skipped += role[0]!.length + 1;
    role = role.slice(1);
  }
  // "son of", "aide to": the role belongs to someone else in the sentence.
  if (/^(?:of|to|for|by|with|from)$/i.test(role.at(-1)!)) return null;
  return role.length <= 8 ? role.join(' ') : null;
}

/** A bare kinship word ("Son Massoud") or lone article is no description. */
const usefulRole = (role: string) => !/^(?:son|brother|father|nephew|uncle|daughter|wife|former|late)$/i.test(role);

const NAME_TAGS = ['ProperNoun', 'Person', 'FirstName', 'LastName'];
/** Word classes the tagger gives words that open a sentence before a name: "Enter", "Welcome", "No". */
const NOT_NAME_TAGS = ['Verb', 'Actor', 'Expression'];
const taggedAsName = (tags: string[]) => tags.some((tag) => NAME_TAGS.includes(tag));
/** A verb, a role or an exclamation, or (with `adjective`) a describing word too. */
const taggedAsNoName = (tags: string[], adjective: boolean) =>
  tags.some((tag) => NOT_NAME_TAGS.includes(tag) || (adjective && tag === 'Adjective'));

/**
 * A name without a first word the tagger reads as a verb, a role or an exclamation rather than a name, when two words
 * remain: "Enter Stuart R. Kaplan, a graduate …" names Stuart R. Kaplan, "Writer-director Greta Gerwig made …" Greta
 * Gerwig. An adjective goes too when the tagger knows the next word as a first name or a person ("Longtime Donald
 * Trump" is Donald Trump), and of two words only then: "Welcome Amy!" names Amy, "No Chris, …" Chris, but "Super
 * Mario" stays.
 */
function withoutLeadingWord(name: Token[], tagsOf: (t: Token) => string[]): Token[] {
  if (name.length < 2) return name;
  const tags = tagsOf(name[0]!);
  // A word before "van der …" is the first name, whatever the tagger takes it for ("Laurens van der Maaten"), unless it
  // is a joining word ("Even de Miranda").
  if (NAME_PARTICLE.test(name[1]!.text)) return joiningWord(name[0]!.text) ? name.slice(1) : name;
  if (taggedAsName(tags)) return name;
  const firstNameNext = tagsOf(name[1]!).some((tag) => tag === 'FirstName' || tag === 'Person');
  // "Longtime Donald Trump advocate Rudy Giuliani": an adjective before a first name too.
  if (name.length >= 3) return taggedAsNoName(tags, firstNameNext) ? name.slice(1) : name;
  return taggedAsNoName(tags, true) && firstNameNext ? name.slice(1) : name;
}

/**
 * Small words lead to one surname ("van der Maaten", "de Gaulle"): when more than one word follows them, they are a
 * preposition of another language before a place ("Garten Eden von New York"), and the name ends before them.
 */
function surnameAfterParticles(name: Token[]): Token[] {
  const first = name.findIndex((t) => NAME_PARTICLE.test(t.text));
  if (first <= 0) return name;
  const after = name.slice(first).filter((t) => !NAME_PARTICLE.test(t.text)).length;
  return after > 1 ? name.slice(0, first) : name;
}

/** A one-word "name" the tagger reads as a verb, an exclamation or an adjective: "Thanks to …", "Noted …". */
function notAName(name: Token[], tagsOf: (t: Token) => string[]): boolean {
  if (name.length !== 1) return false;
  const tags = tagsOf(name[0]!);
  return !taggedAsName(tags) && taggedAsNoName(tags, true);
}

/** People-like names in one sentence, with the descriptions the sentence gives them. */
export function findMentions(sentence: string): RawMention[] {
  const text = maskCredits(sentence);
  const tagged = nlp(text).json({ offset: true, terms: { offset: true } }) as Array<{
    terms: Array<{ offset: { start: number }; tags: string[] }>;
  }>;
  const tagsAt = new Map<number, string[]>();
  for (const s of tagged) for (const t of s.terms) tagsAt.set(t.offset.start, t.tags);

  const mentions: RawMention[] = [];
  for (const run of capitalisedRuns(text)) {
    const parts = splitTitle(run);
    if (!parts) continue;
    const { title } = parts;
    const name = surnameAfterParticles(withoutLeadingWord(parts.name, (t) => tagsAt.get(t.start) ?? []));
    if (notAName(name, (t) => tagsAt.get(t.start) ?? [])) continue;
    const start = name[0]!.start;
    const end = name.at(-1)!.end;
    const roles: string[] = [];
    const spokenTitle = title.some(
      (t) => isTitle(t.text) && !['former', 'late', 'of', 'us', 'u.s.'].includes(lower(t)),
    );
    const before = roleBefore(text.slice(0, start).trimEnd(), (offset) => (tagsAt.get(offset) ?? []).includes('Verb'));
    if (before) roles.push(before);
    const after = appositionAfter(text.slice(end));
    if (after) roles.push(after);
    const tagsOf = (t: Token) => tagsAt.get(t.start) ?? [];
    if (
      name.every((t) => tagsOf(t).some((tag) => ['Place', 'Country', 'City', 'Region', 'Organization'].includes(tag)))
    )
      continue;
    const tagged = name.some((t) =>
      (tagsAt.get(t.start) ?? []).some((tag) => ['Person', 'FirstName', 'LastName', 'Honorific'].includes(tag)),
    );
    mentions.push({
      name: text.slice(start, end),
      start,
      end,
      roles: roles.map((r) => r.replace(/\s+/g, ' ').trim()).filter(usefulRole),
      personCue:
        roles.length > 0 ||
        spokenTitle ||
        SPEECH_AFTER.test(text.slice(end)) ||
        WHO_AFTER.test(text.slice(end)) ||
        tagged,
    });
  }
  return withListedPeople(mentions, text);
}

/** Closed-class words: a name has none of them ("Once Upon" a Time). */
const JOINING = new Set(['Adverb', 'Preposition', 'Determiner', 'Conjunction', 'Pronoun']);

/** The tagger's tags for each word of a text read in lowercase, as a word and not as a name ("blue", not "Blue"). */
export function lowercaseTags(text: string): string[][] {
  return (nlp(text.toLowerCase()).json() as Array<{ terms: Array<{ tags: string[] }> }>).flatMap((s) =>
    s.terms.map((t) => t.tags),
  );
}

const joins = (tags: readonly string[]) => tags.some((tag) => JOINING.has(tag));

/** Whether a word, written in lowercase, is a joining word ("Even" opening "Even de Miranda's own example"). */
function joiningWord(word: string): boolean {
  return lowercaseTags(word).some(joins);
}

/**
 * Whether a name, written in lowercase, reads as words rather than a name: it holds a joining word, or ends in an
 * English common noun ("blue origin", "phantom thread", "las vegas sands"; "pascual jordan" and "massimo banzi" end in
 * names).
 */
function describes(name: string): boolean {
  const words = lowercaseTags(name);
  const lastWord = name.toLowerCase().split(/\s+/).at(-1) ?? '';
  const last = words.at(-1) ?? [];
  const commonNoun =
    isEnglishWord(lastWord) &&
    last.includes('Noun') &&
    !last.some((tag) => ['ProperNoun', 'Person', 'Place'].includes(tag));
  return commonNoun || words.some(joins);
}

/** Between two names of one list: "Werner Heisenberg, Max Born, and Pascual Jordan", "Maaten and Geoffrey Hinton". */
const LISTED = /^(?:\s*,\s*|\s*,?\s+(?:and|or|&)\s+)$/;

/**
 * A name listed beside people is a person's too, though nothing else marks it ("Pascual Jordan", "Laurens van der
 * Maaten": names the tagger doesn't know, one of them a country's), unless it reads as words (`describes`) and has no
 * "van" or "de": "Blue Origin" and "Once Upon" (a Time) beside people are not people. The tagger reads a name again
 * only when it is so listed.
 */
function withListedPeople(mentions: RawMention[], text: string): RawMention[] {
  const listed = mentions.map((m) => m.personCue);
  for (let changed = true; changed;) {
    changed = false;
    mentions.forEach((m, i) => {
      if (listed[i]) return;
      const neighbours = [i - 1, i + 1].filter((j) => j >= 0 && j < mentions.length && listed[j]);
      const joined = neighbours.some((j) => {
        const [a, b] = j < i ? [mentions[j]!, m] : [m, mentions[j]!];
        return LISTED.test(text.slice(a.end, b.start));
      });
      if (!joined) return;
      const particled = m.name.split(/\s+/).some((w) => NAME_PARTICLE.test(w));
      if (particled || !describes(m.name)) listed[i] = changed = true;
    });
  }
  return mentions.map((m, i) => (listed[i] && !m.personCue ? { ...m, personCue: true } : m));
}

/** Organisations named in a sentence (for context on a profile). */
export function findOrganisations(sentence: string): string[] {
  return (nlp(maskCredits(sentence)).organizations().out('array') as string[])
    .map((o) =>
      o
        .replace(/^the\s+/i, '')
        .replace(/[’']s$|[,.:;)’']+$/g, '')
        .trim(),
    )
    .filter((o) => o.split(/\s+/).length <= 6 && /^[A-Z]/.test(o));
}
