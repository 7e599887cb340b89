import { familySet, groupPresent } from './aliases.ts';
import type { PreparedQuestion } from './features.ts';
import type { Missing } from './missing.ts';
import { term, terms } from '../text/analyze.ts';

/**
 * What a question asks of a name, and whose it is: "the Taliban's supreme leader" (leader, of the Taliban), "the
 * capital of Tajikistan" (capital, of Tajikistan). Pure.
 */
export interface AskedAttribute {
  /** The attribute as the question writes it: "supreme leader". */
  phrase: string;
  /** Its head noun: "leader". */
  noun: string;
  /** Whose, with "the" when the question writes it: "the Taliban". */
  owner: string;
}

const NAME = String.raw`\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*)*`;
/** Words that end a noun phrase after a possessive: "the Taliban's defence minister in the new government". */
const PHRASE_END = new Set(
  'in of for at on from with after before during when who whom whose that which and or now today then is was are were be been being do does did have has had say said says'.split(
    ' ',
  ),
);
/** Nouns followed by "of" and a place's own name: "the capital of Bazarak" is Bazarak. */
const PLACE_NOUNS = new Set('capital city town village province district region state county valley island'.split(' '));
const DETERMINER = new Set('the a an its their his her our your my this that these those what which whose'.split(' '));
/** Nouns that ask for no attribute of their own: "the name of …", "one of …", "most of …". */
const NOT_ATTRIBUTE = new Set(
  'name names one ones some most all part parts rest kind kinds type types number lot lots many much any each none half'.split(
    ' ',
  ),
);

/** A question that asks what something is: "Who is …", "What was …", "Who's …". */
const ASKS_WHAT_IT_IS = /^\s*(?:who|what|which)(?:['’]s|\s+(?:is|was|are|were))\s+(?:the\s+)?/i;

/** "X's [up to four words]" after the opening. */
const ASKED_POSSESSIVE = new RegExp(String.raw`^(${NAME})['’]s\s+([\p{Ll}-]+(?:\s+[\p{Ll}-]+){0,3})`, 'u');
/** "[modifier] noun of (the) X" after the opening. */
const ASKED_OF = new RegExp(String.raw`^(?:([\p{Ll}-]+)\s+)?([\p{Ll}-]+)\s+of\s+(the\s+)?(${NAME})`, 'u');

/**
 * "Who is X's [modifiers] noun?" or "What is the [modifier] noun of (the) X?", X a name; null for any other question
 * ("What date did the Taliban take effective control of Kabul?" asks for a date, not for Kabul's control).
 */
export function askedAttribute(question: string): AskedAttribute | null {
  const opening = ASKS_WHAT_IT_IS.exec(question);
  if (!opening) return null;
  // "What is the name of X's wife?" asks for X's wife.
  const rest = question.slice(opening[0].length).replace(/^(?:full\s+|first\s+)?names?\s+of\s+(?:the\s+)?/i, '');
  const possessive = ASKED_POSSESSIVE.exec(rest);
  if (possessive) {
    const words: string[] = [];
    for (const word of possessive[2]!.split(/\s+/)) {
      if (PHRASE_END.has(word)) break;
      words.push(word);
    }
    const noun = words.at(-1);
    // "the Taliban's", as the question writes it (not the "the" of "the name of X's wife").
    const the = /\bthe\s+$/i.exec(question.slice(0, question.length - rest.length))?.[0] ?? '';
    const owner = `${the}${possessive[1]!}`;
    return noun && !NOT_ATTRIBUTE.has(noun) ? { phrase: words.slice(-3).join(' '), noun, owner } : null;
  }
  // "the leader of Panjshir's resistance" asks for the resistance's leader, whose owner is no name.
  const of = ASKED_OF.exec(rest);
  if (!of || NOT_ATTRIBUTE.has(of[2]!) || PHRASE_END.has(of[2]!) || /[’']s$/.test(of[4]!)) return null;
  const modifier = of[1] && !PHRASE_END.has(of[1]) && !DETERMINER.has(of[1]) ? `${of[1]} ` : '';
  return { phrase: `${modifier}${of[2]!}`, noun: of[2]!, owner: `${of[3] ?? ''}${of[4]!}` };
}

/**
 * Family relations, each with the words that state it from either side: "Ahmad Massoud, son of Ahmad Shah Massoud"
 * says who the father is. Analysed terms.
 */
const KIN = (() => {
  const groups = [
    'wife husband spouse married marry marriage widow widower',
    'mother father parent parents son sons daughter daughters child children kid kids mom dad',
    'brother brothers sister sisters sibling siblings',
    'uncle uncles aunt aunts nephew nephews niece nieces',
    'grandfather grandmother grandson granddaughter grandchild grandchildren',
    'cousin cousins',
  ];
  const byTerm = new Map<string, ReadonlySet<string>>();
  for (const group of groups) {
    const family = new Set(terms(group));
    for (const t of family) byTerm.set(t, family);
  }
  return byTerm;
})();

/**
 * Whether the quotes never state the family relation asked for ("What is the name of Ahmad Massoud's wife?"): none of
 * them has a word of it, from either side (wife, husband, married …). False for any other attribute.
 */
export function relationUnsaid(asked: AskedAttribute, texts: readonly string[]): boolean {
  const family = KIN.get(term(asked.noun) ?? '');
  return family !== undefined && !texts.some((text) => terms(text).some((t) => family.has(t)));
}

/**
 * What an unsure answer's quotes lack of the attribute asked, as `missing` says it: given only as another's
 * (attributeOfAnother), or, a family relation, not stated at all (relationUnsaid); null when they lack neither.
 */
export function attributeLacking(asked: AskedAttribute, q: PreparedQuestion, texts: readonly string[]): Missing | null {
  const lacking = { kind: 'attribute', value: asked.phrase, of: asked.owner } as const;
  if (attributeOfAnother(asked, q, texts)) return lacking;
  return relationUnsaid(asked, texts) ? { ...lacking, reason: 'not_in_excerpt' } : null;
}

/**
 * Whose each mention of the noun in a text is: "the leader of the NRF" -> NRF, "Iran's leader" -> Iran, "the leader of
 * a military alliance" -> "a military alliance"; null when the text doesn't say ("the capital").
 */
function ownersIn(text: string, noun: string): Array<string | null> {
  const stem = term(noun);
  // "the capital of Bazarak", "the city of Kabul": a place's own name, not whose it is.
  const naming = PLACE_NOUNS.has(noun);
  const out: Array<string | null> = [];
  for (const m of text.matchAll(WORD)) {
    if (term(m[0]) !== stem) continue;
    const after = OWNER_AFTER.exec(text.slice(m.index + m[0].length));
    const before = OWNER_BEFORE.exec(text.slice(0, m.index));
    out.push((naming ? null : after?.[1]) ?? before?.[1] ?? null);
  }
  return out;
}

const WORD = /[\p{L}-]+/gu;
/** "… of the NRF", and "… of a military alliance": someone's too, a thing the question's name is not. */
const OWNER_AFTER = new RegExp(String.raw`^\s+of\s+(?:the\s+)?(${NAME}|an?\s+[\p{Ll}-]+(?:\s+[\p{Ll}-]+)?)`, 'u');
/** "Iran's [new] …". */
const OWNER_BEFORE = new RegExp(String.raw`(${NAME})['’]s\s+(?:[\p{Ll}-]+\s+){0,2}$`, 'u');

/**
 * Whether the quotes give the attribute asked for only as someone else's: "Who is the Taliban's supreme leader?"
 * quoted from "Ahmad Massoud, the leader of the Afghan National Resistance Front". Every mention of the noun in the
 * quotes must belong to another name (by its words and the corpus's aliases, as the question's names are matched);
 * a bare mention ("the capital") or none at all says nothing either way.
 */
export function attributeOfAnother(asked: AskedAttribute, q: PreparedQuestion, texts: readonly string[]): boolean {
  const owners = texts.flatMap((text) => ownersIn(text, asked.noun));
  if (!owners.length || owners.some((o) => o === null)) return false;
  const ownerTerms = familySet(terms(asked.owner));
  const entity = q.entities.find((e) => terms(e.name).some((t) => ownerTerms.has(t)));
  return owners.every((owner) => {
    const said = familySet(terms(owner!));
    if ([...ownerTerms].some((t) => said.has(t))) return false;
    return !entity || !entity.groups.some((g) => groupPresent(g, said));
  });
}
