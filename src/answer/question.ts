import { terms } from '../text/analyze.ts';

/**
 * What a question must be before any search: some words, not a greeting or a web address alone, and not too long.
 * Pure; shared by every surface.
 */
export type QuestionProblem = 'empty' | 'too_long';

/** Tags of the markup a pasted question may carry; "Array<string>" and "the <main> element" are words. */
const MARKUP_TAG = /<\/?(?:a|b|i|u|em|strong|span|div|p|br|img|iframe|font|script|style)\b[^<>]*>/gi;

/**
 * The question's words: markup pasted with it (a script and its code, tags) and mass mentions ("@everyone") are not
 * part of what is asked, and spacing is one space.
 */
export function normaliseQuestion(question: string): string {
  return question
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(MARKUP_TAG, ' ')
    .replace(/@(?:everyone|here)\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .replace(/ ([?!.,])(?=\s|$)/g, '$1')
    .trim();
}

/**
 * A greeting or a thank-you on its own asks nothing ("hi", "ok thanks", "Thank you, Dossier"): a new user's "hi" got
 * the nearest photo caption as its closest passage.
 */
const GREETING_WORD =
  /^(?:hi|hello|hey|hiya|howdy|yo|hola|greetings|good|morning|afternoon|evening|thanks?|thank|you|thx|ty|cheers|ok|okay|cool|great|nice|bye|goodbye|so|much|a|lot|there|all|everyone|dossier|bot)$/i;

export function isGreeting(text: string): boolean {
  const words = normaliseQuestion(text)
    .split(/[\s!.,?…]+/)
    .filter(Boolean);
  return words.length > 0 && words.length <= 6 && words.every((w) => GREETING_WORD.test(w));
}

/** A web address pasted alone ("https://www.wired.com/2016/09/…"): it asks nothing (its year is no question about 2016). */
export function isWebAddress(text: string): boolean {
  return /^<?(?:https?:\/\/|www\.)\S+>?$/i.test(normaliseQuestion(text));
}

/** Some letter or digit: "?!" and "   " have none. */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

export function questionProblem(question: string, maxChars: number): QuestionProblem | null {
  const normalised = normaliseQuestion(question);
  if (!hasWords(normalised) || isGreeting(normalised) || isWebAddress(normalised)) return 'empty';
  if (normalised.length > maxChars) return 'too_long';
  return null;
}

/** Pronouns that stand for a person named earlier. */
const PERSON_PRONOUN = /\b(he|she|him|her|his|hers|they|them|their)\b/i;
const PRONOUN_TERMS = new Set(terms('he she him her his hers they them their'));

/**
 * The pronoun a question leans on when it names no one and asks about nothing else ("what did she say?", "how old
 * is he?", "why did he resign?"): asked without a conversation to refer back to, there is no one to search for, and
 * quoting whoever comes closest would answer about a stranger. Null otherwise. The surfaces rewrite follow-ups
 * against the previous turn before asking (answer/followup.ts), so a follow-up names its person by then.
 */
export function unclearReferent(question: string): string | null {
  const pronoun = question.match(PERSON_PRONOUN)?.[1];
  if (!pronoun) return null;
  // A capital after the first word is a name ("what did she tell Biden?"), or "I".
  if (/\s(?!I\b)\p{Lu}/u.test(question)) return null;
  const content = terms(question).filter((t) => !PRONOUN_TERMS.has(t));
  return content.length <= 1 ? pronoun.toLowerCase() : null;
}
