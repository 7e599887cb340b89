import nlp from 'compromise';
import { findMentions, lowercaseTags } from '../people/extract.ts';
import { isGreeting, normaliseQuestion } from './question.ts';
import { properNames } from './question-type.ts';
import { escapeRegExp } from './aliases.ts';

/**
 * Follow-ups with context: "and his brother?" after "Who is Ahmad Shah Massoud?" becomes "Ahmad Shah Massoud's
 * brother?". Pure: the previous turn (its question, and the answer's text when there is one) names the people
 * and places a pronoun or an elliptical question refers to.
 */

export interface Turn {
  question: string;
  /** The answer's text (quotes), used when the question itself names no one. */
  answer?: string;
}

export interface Focus {
  person?: string;
  place?: string;
  /** A name in the previous question that is neither (the NRF, the Taliban): what "it" and "they" stand for first. */
  thing?: string;
  /**
   * When the previous question named two people or more: the one "he" and the one "she" stand for, where the names,
   * titles or pronouns of the previous turn tell ("What did Alito say to Prelogar?" … "and what did she answer?").
   */
  he?: string;
  she?: string;
  /** The first plural thing the previous question named ("goats" in "How many goats were on Redonda?"): "they". */
  plural?: string;
}

export interface FollowUp {
  question: string;
  /** Whether the previous turn changed anything. */
  rewritten: boolean;
  focus: Focus;
}

const PLACE_CUE =
  /\b(?:in|at|from|to|into|near|around|across|of)\s+(?:the\s+)?((?:\p{Lu}[\p{L}\p{M}’'-]+)(?:\s+(?:\p{Lu}[\p{L}\p{M}’'-]+|Valley|Province|valley|province))*)/gu;
const NOT_PLACES =
  /^(?:The|A|An|He|She|They|It|His|Her|Their|Its|What|Who|Why|How|When|Where|Which|Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|January|February|March|April|May|June|July|August|September|October|November|December)$/;

const QUESTION_WORD = /^(?:who|whom|whose|what|which|when|where|why|how)\b/i;

/**
 * Words that open a question and name no one, though the tagger may take them for a name ("When did he …?"): a
 * question word is never part of a name; "Will" or "Can" alone is none ("Will Smith" is).
 */
const AUXILIARY = /^(?:Did|Does|Do|Is|Are|Was|Were|Will|Would|Can|Could|Should|Has|Have|Had)$/;

function people(text: string): string[] {
  try {
    return findMentions(text)
      .map((m) =>
        m.name
          .replace(/[’']s$/, '')
          .replace(QUESTION_WORD, '')
          .trim(),
      )
      .filter((name) => name && !AUXILIARY.test(name));
  } catch {
    return [];
  }
}

/** Where-words only: "in Kabul", "in the Panjshir Valley" (not "to the Taliban"). */
const IN_CUE = new RegExp(PLACE_CUE.source.replace(/\(\?:in\|[^)]*\)/, '(?:in|inside)'), 'gu');
/**
 * Where a question places something: "… on Redonda?", "… at Harvard?". A name after these is taken for a place even
 * when the tagger reads it as a person's, but not one that owns what follows ("at Biden's inauguration").
 */
const AT_CUE = new RegExp(PLACE_CUE.source.replace(/\(\?:in\|[^)]*\)/, '(?:in|inside|on|at)'), 'gu');

function places(text: string, persons: string[], cue: RegExp = PLACE_CUE, possessive = true): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(cue)) {
    if (!possessive && /[’']s$/.test(m[1]!)) continue;
    const name = m[1]!.replace(/[’']s$/, '');
    if (NOT_PLACES.test(name.split(/\s+/)[0]!) || persons.some((p) => p.includes(name) || name.includes(p))) continue;
    found.push(name);
  }
  return found;
}

/** The most-named of a list (ties: the first named); a longer name that contains a shorter one absorbs it. */
function mostNamed(names: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const name of names) {
    const longer = [...counts.keys()].find((k) => k.includes(name));
    const key = longer ?? name;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const k of [...counts.keys()])
      if (k !== key && key.includes(k)) (counts.set(key, counts.get(key)! + counts.get(k)!), counts.delete(k));
  }
  let best: string | undefined;
  for (const [name, n] of counts) if (best === undefined || n > counts.get(best)!) best = name;
  return best;
}

/** Who and where the previous turn was about: named in its question first, else most named in its answer. */
export function focusOf(turn: Turn): Focus {
  // The tagger reads "Android" in "Android/Filecoder.C" as a person: a part of one written name is none.
  const written = properNames(turn.question).filter((name) => !name.includes(' '));
  const wholeName = (name: string) => !written.some((w) => w !== name && w.includes(name));
  // The tagger takes some places for people ("How many goats were on Redonda?").
  const placed = places(turn.question, [], AT_CUE, false);
  const askedPeople = people(turn.question).filter((name) => wholeName(name) && !placed.includes(name));
  const answerPeople = turn.answer ? turn.answer.split(/\n+/).flatMap(people).filter(wholeName) : [];
  const person = askedPeople[0] ?? mostNamed(answerPeople);
  const askedPlaces = [...new Set([...places(turn.question, askedPeople), ...placed])];
  const place = askedPlaces[0] ?? (turn.answer ? mostNamed(places(turn.answer, answerPeople)) : undefined);
  const thing =
    properNames(turn.question).find(
      (name) => ![person, place].some((known) => known && (known.includes(name) || name.includes(known))),
    ) ?? (askedPeople.length || askedPlaces.length ? undefined : definedThing(turn.question));
  const gendered: Pick<Focus, 'he' | 'she'> = {};
  // The tagger misses some surnames ("Prelogar"): the question's other names may be people too.
  const named = [...new Set([...askedPeople, ...properNames(turn.question).filter((n) => n !== place)])];
  if (named.length > 1) {
    const texts = [turn.question, turn.answer ?? ''];
    for (const name of named) {
      const pronoun = genderOf(name, named, texts);
      if (pronoun && !gendered[pronoun]) gendered[pronoun] = name;
    }
    // "She" is not the man of the two (and "he" not the woman): the other one is meant.
    const other = (name: string | undefined) => named.find((n) => n !== name);
    if (gendered.he && !gendered.she && named.length === 2) gendered.she = other(gendered.he);
    if (gendered.she && !gendered.he && named.length === 2) gendered.he = other(gendered.she);
  }
  const plural = pluralOf(turn.question, person !== undefined);
  return {
    ...(person ? { person } : {}),
    ...(place ? { place } : {}),
    ...(thing ? { thing } : {}),
    ...gendered,
    ...(plural ? { plural } : {}),
  };
}

/**
 * What a question asks to have explained, when it names no one and nothing by a capitalised name: "What is pipenv?",
 * "what are add-ons", "What does docker-compose do?". "It" and "they" then mean that: "how is it different from
 * poetry?" asks how pipenv differs. "A" and "an" become "the" ("who named it?" after "What is a matrix?").
 */
const DEFINED =
  /^(?:what|who)\s+(?:is|are|was|were)\s+(?:(an?|the)\s+)?([\p{L}\d][\p{L}\d’'.+#-]*(?:\s+[\p{L}\d][\p{L}\d’'.+#-]*){0,2})\s*[?.!]*$|^what\s+(?:does|do|did)\s+(?:(an?|the)\s+)?([\p{L}\d][\p{L}\d’'.+#-]*(?:\s+[\p{L}\d][\p{L}\d’'.+#-]*){0,2})\s+(?:do|mean|stand for)\s*[?.!]*$/iu;

function definedThing(question: string): string | undefined {
  const m = DEFINED.exec(question.trim());
  if (!m) return undefined;
  const article = m[1] ?? m[3];
  const subject = (m[2] ?? m[4])!;
  // A thing is named, not "he" ("Who is he?"), "said" ("What was said?") or "going on".
  if (
    lowercaseTags(subject).some((tags) => tags.includes('Pronoun') || (tags.includes('Verb') && !tags.includes('Noun')))
  )
    return undefined;
  return article ? `the ${subject}` : subject;
}

/** Plurals that measure rather than act: "how many years did Saleh serve?" leaves "they" to Saleh. */
const MEASURES =
  /^(?:seconds|minutes|hours|days|weeks|months|years|decades|centuries|times|percent|miles|kilometres|kilometers|dollars)$/;

/**
 * The many things "they" stands for, with "the": what "how many" counts ("the goats"), or, when the question names
 * no person, its first plural common noun. Otherwise "they" is the person ("What did Massoud say about the talks?").
 */
function pluralOf(question: string, namesPerson: boolean): string | undefined {
  try {
    const doc = nlp(question);
    const counted = doc.match('how many #Adjective? [#Plural]', 0).text('normal');
    const first = namesPerson ? '' : doc.match('#Plural').not('#ProperNoun').not('#Pronoun').first().text('normal');
    const noun = (counted || first).replace(/[^\p{L}’'-]+/gu, '');
    return noun && !MEASURES.test(noun) ? `the ${noun}` : undefined;
  } catch {
    return undefined;
  }
}

const MALE_TITLE = /^(?:Mr|Sir|Lord|King|Prince|Father|Brother)\.?$/;
const FEMALE_TITLE = /^(?:Mrs|Ms|Miss|Dame|Lady|Queen|Princess|Sister)\.?$/;

/**
 * Whether a person is "he" or "she" in these texts: a title ("Ms Prelogar"), a first name compromise knows as a man's
 * or a woman's, or else the subject pronouns of the sentences that name this person and none of the others.
 * Undefined when nothing tells, or the evidence is split.
 */
export function genderOf(name: string, others: readonly string[], texts: readonly string[]): 'he' | 'she' | undefined {
  const byName = nameSex(name);
  if (byName) return byName;
  const surname = name.split(/\s+/).at(-1)!;
  // A surname asked alone ("What did Kimmel ask Aniston?") is written in full in the answer ("Jennifer Aniston").
  if (!name.includes(' ')) {
    const full = new RegExp(`(?<![\\p{L}])(\\p{Lu}\\p{Ll}+) ${escapeRegExp(surname)}(?![\\p{L}])`, 'gu');
    const sexes = new Set(texts.flatMap((t) => [...t.matchAll(full)].flatMap((m) => firstNameSex(m[1]!) ?? [])));
    if (sexes.size === 1) return [...sexes][0];
  }
  const otherSurnames = others.filter((o) => o !== name).map((o) => o.split(/\s+/).at(-1)!);
  let he = 0;
  let she = 0;
  for (const sentence of texts.flatMap((t) => t.split(/(?<=[.!?…])\s+/))) {
    const words = sentence.split(/[\s,;:“”"‘’()]+/).filter(Boolean);
    const at = words.findIndex((w) => w.replace(/[’']s$/, '') === surname);
    if (at < 0 || otherSurnames.some((o) => words.some((w) => w.replace(/[’']s$/, '') === o))) continue;
    const title = words[at - 1] ?? '';
    if (MALE_TITLE.test(title)) he += 2;
    if (FEMALE_TITLE.test(title)) she += 2;
    // Subject pronouns only: an object ("Alito challenged her") is usually someone else.
    he += (sentence.match(/\b(?:he|himself)\b/gi) ?? []).length;
    she += (sentence.match(/\b(?:she|herself)\b/gi) ?? []).length;
  }
  return he > she ? 'he' : she > he ? 'she' : undefined;
}

/** A title's sex ("Lady Gaga", "Ms Barakzai"), or a first name's as compromise knows it ("Jennifer", "Jimmy"). */
function nameSex(name: string): 'he' | 'she' | undefined {
  const first = name.split(/\s+/)[0]!;
  if (MALE_TITLE.test(first)) return 'he';
  if (FEMALE_TITLE.test(first)) return 'she';
  return firstNameSex(name);
}

function firstNameSex(name: string): 'he' | 'she' | undefined {
  const doc = nlp(name);
  if (doc.has('#MaleName') && !doc.has('#FemaleName')) return 'he';
  if (doc.has('#FemaleName') && !doc.has('#MaleName')) return 'she';
  return undefined;
}

const LEAD_IN = /^(?:and|but|so|also|ok(?:ay)?|then)\b[\s,]*|^(?:what|how)\s+about\b\s*/i;
const PRONOUN = /\b(his|her|hers|their|its|he|him|she|they|them|it|there)\b/gi;
const possessive = (name: string) => (/s$/.test(name) ? `${name}’` : `${name}’s`);

/** A name and nothing else: "the Taliban", "Baghlan", "Ahmad Wali Massoud". */
const ONLY_A_NAME = /^(?:the\s+)?\p{Lu}[\p{L}\p{M}’'.-]*(?:\s+\p{Lu}[\p{L}\p{M}’'.-]*){0,4}$/u;
/** Who may speak or act in a story, named by role: "the mayor", "the union", "the fire department". */
const ROLE = String.raw`the\s+(?:[\p{L}-]+\s+)?(?:mayor|union|company|council|police|government|governor|president|chief|spokes(?:man|woman|person)|department|agency|ministry|minister|army|military|firm|owners?|workers|residents|officials|authorities|prosecutors?|court|judge|committee|board|party|opposition|family|families|neighbou?rs|hospital|school|city|county|state|regulators?|inspectors?|investigators?|insurers?|landlords?|tenants|employees|staff|manager|management|employer|lawyers?)`;
const SPEAKER = new RegExp(String.raw`\b${ROLE}\b`, 'iu');
const ONLY_A_SPEAKER = new RegExp(`^${ROLE}$`, 'iu');

/**
 * The previous question asked again of another name, when an elliptical follow-up is a name and nothing else and the
 * previous question wrote out whom or what it was about: "and the Taliban?" after "How many fighters does Massoud
 * have?" is "How many fighters does the Taliban have?", and "and the union?" after "What did Rosa Delgado say?" is
 * "What did the union say?" (a role replaces a person, a name or another role). Never a place for a person or the
 * other way round: a question that also names a place leaves it open which name is replaced ("and Panjshir?" after
 * "Who leads the Taliban in Kabul?"), and a name the tagger knows as a place replaces no one ("and Kabul?" after
 * "Where was Massoud born?").
 */
function withOtherName(previous: string, focus: Focus, followUp: string): string | undefined {
  const name = followUp.replace(/[\s?.!…]+$/, '');
  const role = ONLY_A_SPEAKER.test(name);
  if (!role && (!ONLY_A_NAME.test(name) || AUXILIARY.test(name) || QUESTION_WORD.test(name) || isGreeting(name)))
    return undefined;
  const asked = normaliseQuestion(previous);
  if ((focus.place && asked.includes(focus.place)) || nlp(name).has('#Place')) return undefined;
  // A role replaces a person, a name or another role: "and the union?" after "What did the company say …?".
  const speaker = role ? SPEAKER.exec(asked)?.[0] : undefined;
  const about = [focus.person, focus.thing, speaker].find((known) => known && asked.includes(known));
  if (!about) return undefined;
  // The new name brings its own "the", or needs none: "What does Massoud want?", not "What does the Massoud want?".
  const at = asked.indexOf(about);
  return asked.slice(0, at).replace(/\bthe\s+$/i, '') + name + asked.slice(at + about.length);
}

/** True when the text names a person or place of its own. */
function namesSomeone(text: string): boolean {
  return people(text).length > 0 || places(text, []).length > 0;
}

/**
 * Rewrites a follow-up against the previous turn: pronouns become the person (or place) it was about, unless the
 * follow-up names a person of its own, and an elliptical question ("and in Kabul?", "what about the brother?") gets
 * that person or place in front.
 * A follow-up that stands on its own is returned as it is.
 */
export function rewriteFollowUp(followUp: string, previous: Turn | null): FollowUp {
  const original = normaliseQuestion(followUp);
  // "ok", "thanks": no question to rewrite ("ok" had become "Massoud").
  if (!previous || isGreeting(original)) return { question: original, rewritten: false, focus: {} };
  const focus = focusOf(previous);
  const elliptical = LEAD_IN.test(original);
  let text = original.replace(LEAD_IN, '');
  // "and the Taliban?" after "How many fighters does Massoud have?" asks the same of the Taliban.
  const swapped = elliptical ? withOtherName(previous.question, focus, text) : undefined;
  if (swapped) return { question: swapped, rewritten: true, focus };
  const subject = focus.person ?? focus.place ?? focus.thing;
  if (!subject) return { question: original, rewritten: false, focus };
  let replaced = false;
  // Each person or place is written out once; later pronouns for them stay ("where does Marco Arment host his …").
  const named = new Set<string>();
  // A follow-up that names a person of its own uses its pronouns for that person: "where was Saleh when he left?";
  // but not a pronoun of the other sex: "what did she say about Marco?" still asks about the woman before.
  const own = people(text);
  const ownSexes = own.map((name) => genderOf(name, own, [text]));
  // Nor is "he" the woman the previous turn was about ("what did he say about Samantha?" after Samantha Bielefeld),
  // when its texts tell her sex.
  const subjectSex = focus.person
    ? genderOf(focus.person, [focus.person], [previous.question, previous.answer ?? ''])
    : undefined;
  // A pronoun of the other sex than the person asked about is the answer's person of that sex: "what show is he on?"
  // after "Who is Lady Gaga's ex?" answered "Taylor Kinney".
  const answered = (pronoun: 'he' | 'she') => {
    const found = previous.answer ? previous.answer.split(/\n+/).flatMap(people) : [];
    const others = [...new Set(found)].filter((name) => name !== focus.person);
    const sexes = others.map((name) => genderOf(name, others, [previous.answer!]));
    const ofSex = others.filter((_, i) => sexes[i] === pronoun);
    if (ofSex.length) return ofSex.length === 1 ? ofSex[0] : undefined;
    // "Taylor" is a man's name and a woman's: the only other person the tagger reads as one, of no known sex, is meant
    // (not "The Little Monsters", Lady Gaga's fans).
    const named = others.filter((name, i) => sexes[i] === undefined && nlp(name).has('#Person'));
    return named.length === 1 ? named[0] : undefined;
  };
  text = text.replace(PRONOUN, (word, _p, offset: number, whole: string) => {
    const lower = word.toLowerCase();
    const sex = /^(?:she|her|hers)$/.test(lower) ? 'she' : /^(?:he|him|his)$/.test(lower) ? 'he' : null;
    if (own.length && (!sex || ownSexes.some((s) => s === undefined || s === sex))) return word;
    const next = whole.slice(offset + word.length).match(/^\s+([\p{L}]+)/u)?.[1];
    if (lower === 'there') {
      if (!focus.place || /^(?:is|are|was|were|be|been)$/i.test(next ?? '') || offset === 0) return word;
      replaced = true;
      return `in ${focus.place}`;
    }
    const gendered = sex === 'she' ? 'she' : 'he';
    const unlike = (pronoun: 'he' | 'she') => subjectSex !== undefined && subjectSex !== pronoun;
    // With no one named of its own, a pronoun no one else in the answer fits is still the previous person's.
    const otherThan = (pronoun: 'he' | 'she') => answered(pronoun) ?? (own.length ? undefined : subject);
    const who =
      lower === 'it' || lower === 'its'
        ? (focus.thing ?? focus.place ?? focus.person)!
        : /^(?:they|them|their)$/.test(lower)
          ? // Many things or a group, not one place: "how were they removed?" after the goats on Redonda.
            (focus.thing ?? focus.plural ?? focus.person)
          : (focus[gendered] ?? (unlike(gendered) ? otherThan(gendered) : subject));
    if (!who) return word;
    replaced = true;
    if (named.has(who)) return word;
    named.add(who);
    // "her" before a noun is possessive ("her brother"); at the end or before a verb-ish word it is an object.
    if (
      lower === 'his' ||
      lower === 'their' ||
      lower === 'its' ||
      lower === 'hers' ||
      (lower === 'her' && next && !/^(?:to|in|at|about|and|or|is|was|do|did)$/i.test(next))
    )
      return possessive(who);
    return who;
  });
  // "and in Kabul?" keeps the person; "and the casualties?" keeps the person or, failing that, the place.
  const carried =
    !replaced && elliptical
      ? people(text).length
        ? undefined
        : (focus.person ?? (namesSomeone(text) ? undefined : focus.place))
      : undefined;
  if (carried) {
    // A question of its own keeps its question word first ("how many rats?" asks how many, in Redonda).
    const asks = QUESTION_WORD.test(text);
    const where = carried === focus.person ? ` (${carried})` : ` in ${carried}`;
    text = asks ? text.replace(/[\s?.!…]*$/, `${where}?`) : `${carried} ${text}`;
    replaced = true;
  }
  if (!replaced) return { question: original, rewritten: false, focus };
  const question = text.charAt(0).toUpperCase() + text.slice(1);
  return { question, rewritten: question !== original, focus };
}

/** The places a set of texts names most often (for suggested questions), most named first. */
export function placesNamed(texts: string[], limit = 3): string[] {
  const counts = new Map<string, number>();
  for (const text of texts)
    for (const place of places(text, people(text), IN_CUE)) counts.set(place, (counts.get(place) ?? 0) + 1);
  return (
    [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([place]) => place)
      // "Panjshir valley" after "Panjshir province" is the same place.
      .filter(
        (place, i, all) =>
          !all
            .slice(0, i)
            .some((p) => p.includes(place) || place.includes(p) || p.split(' ')[0] === place.split(' ')[0]),
      )
      .slice(0, limit)
  );
}
