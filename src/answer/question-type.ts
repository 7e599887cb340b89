import { MONTHS } from '../corpus/dates.ts';
import { NOT_PLURAL } from '../text/counted.ts';
import { yearsIn } from '../text/years.ts';

/** What a question asks for. */
export type QuestionKind = 'who' | 'when' | 'where' | 'number' | 'why' | 'how' | 'what' | 'yesno';

export interface QuestionAnalysis {
  kind: QuestionKind;
  /** Proper names in the question, as written ("Ahmad Massoud", "NRF", "Tajikistan"). */
  entities: string[];
  /** Four-digit years the question mentions. */
  years: number[];
  /** What a "how many" question counts ("how many fighters" -> "fighters"), if it names it. */
  counted: string | null;
  /**
   * The word before the counted noun ("how many ethnic groups" -> "ethnic"): an article may count the thing by it
   * ("almost 30 ethnicities").
   */
  countedModifier: string | null;
}

const WHEN =
  /\b(?:when|what (?:year|years|date|day|month|time|century|decade|era|period|season)|which (?:year|date|day|month|century|decade)|how long ago|since when|in what year)\b/i;
const WHERE =
  /\b(?:where|what (?:is|was|are|were) the capital\b|(?:what|which) (?:\w+ ){0,2}(?:country|city|town|state|province|region|place|continent|location|area|county|river|island|district|village|capital|nation)|from what (?:country|city|place))\b/i;
const NUMBER =
  /\b(?:how (?:many|much|old|long|far|big|large|tall|high|deep|wide|often|fast|heavy|few)|what (?:percentage|percent|proportion|number|amount|age|size|fraction|share|population|temperature|speed|distance|length|height|cost|price|rate)|which (?:percentage|number))\b/i;
const WHO =
  /\b(?:who|whom|whose|(?:what|which) (?:\w+ ){0,2}(?:person|man|woman|people|leader|president|king|queen|emperor|general|scientist|author|team|group|company|organization|organisation|party|band))\b/i;
const WHY = /\b(?:why|for what reason|what (?:caused|causes|led to|was the reason|is the reason))\b/i;
const HOW = /\bhow\b/i;
const YES_NO = /^(?:is|are|was|were|do|does|did|can|could|will|would|has|have|had|should)\b/i;

/** Words that start a question or a sentence and are capitalised for that reason only. */
const NOT_ENTITY = new Set(
  // (with the question words of German, French, Spanish and Italian: "Wer ist Tahir Della?" names Tahir Della only)
  "Who Whom Whose What When Where Which Why How Is Are Was Were Do Does Did Can Could Will Would Has Have Had Should In On At By For Of The A An To From With Name According After Before During Since Besides Along Other Than Then Also I I’m I'm Im Whats Whos Wheres Whens Hows Whys Tell Give Show List Explain Describe Please And But So Any Wer Wie Wo Wann Warum Welche Welcher Welches Qui Quoi Quand Où Pourquoi Comment Quel Quelle Quién Qué Cómo Dónde Cuándo Cuál Cuántos Perché".split(
    ' ',
  ),
);

/**
 * Initialisms that stand for a kind of thing, not a name: "On which TV show …" asks for a show, and an article that
 * says "CNN's State of the Union" answers it without writing "TV".
 */
const GENERIC_INITIALISM = new Set(
  'TV TVs CEO CEOs CFO COO CTO PR HR DJ MP MPs PM VP GP DNA ID IDs IQ PC PCs FAQ URL USB GPS UFO VIP MVP CD DVD ATM SUV'.split(
    ' ',
  ),
);

/** Runs of capitalised words (and acronyms, "al-" and "d'" names), e.g. "Afghan National Resistance Front", "NRF", "Ballon d'Or". */
export function properNames(text: string): string[] {
  const names: string[] = [];
  let run: string[] = [];
  const flush = () => {
    while (run.length && NOT_ENTITY.has(run[0]!)) run.shift();
    if (run.length) names.push(run.join(' '));
    run = [];
  };
  const tokens = text.split(/\s+/);
  tokens.forEach((raw, i) => {
    if (/^[(\[]/.test(raw)) flush();
    const stripped = raw.replace(/^[("“‘'[]+/, '').replace(/(?:[’']s)?[)"”’'\],.;:!?]*$/, '');
    // An initialism keeps its last dot: "the U.S.?" names the U.S. (whose term is "us"), not "U.S" ("u", "s").
    const word = /^(?:\p{Lu}\.)+\p{Lu}$/u.test(stripped) ? `${stripped}.` : stripped;
    const capital =
      /^(?:\p{Lu}[\p{L}\p{M}\d’'.&-]*(?:\/\p{Lu}[\p{L}\p{M}\d’'.&-]*)*|(?:al|el|bin|ibn|de|van|von)-\p{Lu}[\p{L}-]*|[dl][’']\p{Lu}[\p{L}-]*|\d{1,4}(?:st|nd|rd|th)?)$/u.test(
        word,
      ) && !/^\d+$/.test(word);
    const joiner =
      /^(?:of|the|de|al|bin|ibn|van|von|and|for)$/.test(word) &&
      run.length > 0 &&
      i + 1 < tokens.length &&
      /^\p{Lu}/u.test(tokens[i + 1]!.replace(/^[("“‘']+/, ''));
    // "Roughly how many …": an adverb before the question word is capitalised for its place only.
    const adverb = /^\p{Lu}\p{Ll}+ly$/u.test(word) && /^(?:how|what|where|when|who|which|why)$/i.test(tokens[1] ?? '');
    const opener = i === 0 && (NOT_ENTITY.has(word) || adverb);
    if (capital && !opener && !GENERIC_INITIALISM.has(word)) run.push(word);
    else if (joiner) run.push(word);
    else flush();
    if (/[,.;:!?)"”]$/.test(raw)) flush();
  });
  flush();
  // A run that began the question ("Tajikistan's capital?" aside) may hold a question word: drop those words.
  return [
    ...new Set(
      names
        .map((n) =>
          withoutRole(
            n
              .split(' ')
              .filter((w) => !NOT_ENTITY.has(w))
              .join(' '),
          ),
        )
        .filter((n) => n.length > 1 && !isDate(n)),
    ),
  ];
}

/**
 * A date written as a name ("January 6", "Jan. 6", "Monday"): no one's name, so it is no name a quote must mention
 * ("they don't mention January" above a quote that says "Jan. 6"). A bare "May" may be Theresa May.
 */
const isDate = (name: string) => name !== 'May' && name.split(' ').every((w) => DATE_WORD.test(w));
const DATE_WORD = new RegExp(
  String.raw`^(?:(?:${MONTHS.map((m) => m.slice(0, 3)).join('|')}|sept)\.?|${MONTHS.join('|')}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{1,4}(?:st|nd|rd|th)?)$`,
  'i',
);

/** Offices and roles written before "of" and a name: "CEO of Microsoft", "Prime Minister of Pakistan". */
const ROLE = new Set(
  `ceo cfo cto coo chair chairman chairwoman president vice-president director head founder co-founder mayor governor
  minister prime secretary chief leader king queen prince princess ambassador spokesman spokeswoman spokesperson editor
  owner coach manager captain commander general emperor pope bishop dean professor deputy vice`.split(/\s+/),
);

/** "CEO of Microsoft" names Microsoft: what the question asks about it (its CEO) is not part of the name. */
function withoutRole(name: string): string {
  const at = name.indexOf(' of ');
  if (at < 0) return name;
  const head = name.slice(0, at).split(' ');
  return head.every((w) => ROLE.has(w.toLowerCase())) ? name.slice(at + 4) : name;
}

/** A question word other than "when": what a "when" that opens a clause is found beside (here and in answer/rank.ts). */
export const OTHER_QUESTION_WORD = /\b(?:what|which|who|whom|whose|where|why|how)\b/i;

/**
 * A "when" after the question's own question word opens a clause of it: "How did Massoud get to the valley when Kabul
 * fell?" asks how, "Where was he when …" where, "What does a T cell extend when it meets a pathogen?" what.
 */
function whenOpensClause(q: string): boolean {
  const at = q.search(WHEN);
  return at > 0 && OTHER_QUESTION_WORD.test(q.slice(0, at));
}

export function questionKind(question: string): QuestionKind {
  const q = question.trim();
  if (WHY.test(q)) return 'why';
  if (NUMBER.test(q)) return 'number';
  if (WHEN.test(q) && !whenOpensClause(q)) return 'when';
  if (WHERE.test(q)) return 'where';
  if (WHO.test(q)) return 'who';
  if (HOW.test(q)) return 'how';
  if (/\b(?:what|which)\b/i.test(q)) return 'what';
  if (YES_NO.test(q)) return 'yesno';
  return 'what';
}

/**
 * A what-question that wants a number, in its own words: "What's the population of Panjshir?" -> "the population".
 * (The question kind stays 'what': the ranker was trained on the kinds as they are.)
 */
export function numberWanted(question: string): string | null {
  const m = /\bwhat(?:['’]s| is| was| are| were)? (the (?:population|number|amount|size|total|death toll))\b/i.exec(
    question,
  );
  return m ? m[1]!.toLowerCase() : null;
}

/** A question that wants a country by name ("Which country did Ghani flee to?"). */
export const COUNTRY_QUESTION = /\b(?:which|what) countr(?:y|ies)\b/i;

/** Nouns for people: a question asking which of them, or their name, wants a person's name. */
const PERSON_NOUNS =
  'aide aides official officials officer officers general generals colonel commander commanders minister ministers senator senators judge judges author authors co-authors engineer engineers developer developers director directors actor actors actress player players coach journalist journalists reporter reporters spokesman spokeswoman spokesperson founder founders man men woman women person people gunman gunmen leader leaders chief ceo scientist scientists researcher researchers professor doctor wife husband mother father parents son sons daughter daughters brother sister';
/** Nouns for things known by their names: "which company …", "what newspaper …". */
const NAMED_NOUNS =
  'city cities town towns village villages province provinces district districts company companies firm firms vendor vendors brand brands university universities college hospital hospitals website websites newspaper newspapers magazine channel network airline airlines bank banks agency agencies party parties team teams club clubs publisher studio';
const PERSON = new Set(PERSON_NOUNS.split(' '));
const NAMED = new Set(NAMED_NOUNS.split(' '));
const WHICH_NAMED = new RegExp(
  String.raw`\b(?:which|what)\s+(?:(?!(?:do|does|did|is|are|was|were|has|have|had|will|would|can|could)\b)[\p{L}-]+\s+)?(${PERSON_NOUNS.replaceAll(' ', '|')}|${NAMED_NOUNS.replaceAll(' ', '|')})(?:['’]s)?\b`,
  'iu',
);
/** "the name(s) of …" up to the clause that says which: "the name of the Massoud aide | who said …". */
const NAME_OF = /\b(names?) of\s+([^?,.;]*?)(?=\s+(?:who|whom|that|which|when|where)\b|[?,.;]|$)/i;

/**
 * The name a question asks for, as it words it ("which pakistani officials", "the name"), and whether it is a person's:
 * "What was the name of the Massoud aide who said …", "Which Soviet generals …", "which company makes …". Null for
 * any other question; a country is COUNTRY_QUESTION's.
 */
export function nameAsked(question: string): { words: string; person: boolean } | null {
  const of = NAME_OF.exec(question);
  if (of) {
    // Only of a person or a thing known by its name: "the name of the alphabet" may be "binary".
    const nouns = of[2]!
      .toLowerCase()
      .split(/\s+/)
      .slice(0, 6)
      .map((w) => w.replace(/['’]s$/, ''));
    const person = nouns.some((w) => PERSON.has(w));
    return person || nouns.some((w) => NAMED.has(w)) ? { words: `the ${of[1]!.toLowerCase()}`, person } : null;
  }
  const which = WHICH_NAMED.exec(question);
  if (!which) return null;
  return { words: which[0].toLowerCase(), person: PERSON.has(which[1]!.toLowerCase()) };
}

/** Not "us", "its", "this" …: "how many US troops" counts troops. */
const COUNTED = new RegExp(
  String.raw`\b(?:how many|number of)\s+(?:(?!(?:${NOT_PLURAL.join('|')})\b)([a-z]+s)\b|([\w-]+)\s+([a-z]+s)\b)`,
  'i',
);

/**
 * "how many fighters" -> "fighters", "how many Afghan soldiers" -> "soldiers" with the modifier "afghan" (a plural noun
 * after one word at most).
 */
function countedNoun(question: string): { noun: string | null; modifier: string | null } {
  const m = COUNTED.exec(question);
  const noun = (m?.[1] ?? m?.[3])?.toLowerCase() ?? null;
  const modifier = m?.[2]?.toLowerCase() ?? null;
  return { noun, modifier: modifier && !/^(?:the|of|a|an|more|other|such)$/.test(modifier) ? modifier : null };
}

export function analyseQuestion(question: string): QuestionAnalysis {
  const counted = countedNoun(question);
  return {
    kind: questionKind(question),
    entities: properNames(question),
    years: yearsIn(question),
    counted: counted.noun,
    countedModifier: counted.modifier,
  };
}
