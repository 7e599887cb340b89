/**
 * Sentences that lean on the one before for their subject or speaker, and subheadings, which nothing leans on. Pure,
 * and free of the NLP tagger, so the engine can use them when quoting (answer/excerpt.ts) without loading the tagger.
 * These rules make the `continuation` and `heading` sentence tags: a change here needs TAGGER_VERSION
 * (sentence-tags.ts) bumped.
 */

const PRONOUN_START =
  /^(?:He|She|They|It|His|Her|Their|Its|This|These|Those|That|The group|The movement|The man|The woman)\b/;
const QUOTE_START = /^[‘“"']/;
/**
 * "The man in charge is Ahmad Massoud, 32, …": a description that the sentence itself names, no one before (a new
 * user's "How old is Ahmad Massoud?" was quoted from the paragraph before, the age buried in the next).
 */
const NAMES_ITSELF =
  /^The (?:man|woman|group|movement)\b(?![’']s)[^.,;:]{0,60}?\b(?:is|was)\s+\p{Lu}[\p{L}’'-]+\s+\p{Lu}/u;
/** Words that attribute a statement to someone. */
export const ATTRIBUTION =
  /\b(?:said|says|say|told|tells|added|adds|wrote|writes|tweeted|according|asked|insisted|warned|stated|explained|argued)\b/i;

/** A quotation said by a pronoun: "“At the moment, they have a mindset of violence,” he said." */
const PRONOUN_ATTRIBUTION =
  /[,.!?—–-]\s*[’”"']?\s*(?:he|she|they)\s+(?:said|says|added|adds|told|tells|wrote|writes|insisted|warned|stated|explained|argued|continued|noted)\b|\b(?:said|says|added)\s+(?:he|she)\b/i;

/**
 * Opens with a pronoun or against the sentence before ("But …"), is a quotation with nobody named as saying it (or
 * only "he said"), or is too short to say what it is about ("About 23,000 die." after "Every year, about 2 million
 * people get sick from a superbug."): the sentence before carries the subject or the speaker.
 */
export function isContinuation(text: string): boolean {
  const t = text.trim();
  return (
    (PRONOUN_START.test(t) && !EXPLETIVE_IT.test(t) && !NAMES_ITSELF.test(t)) ||
    (QUOTE_START.test(t) && (!ATTRIBUTION.test(t) || PRONOUN_ATTRIBUTION.test(t))) ||
    elliptical(t) ||
    pronounAfterOpening(t) ||
    CONTRAST_OPENING.test(t)
  );
}

/**
 * A sentence that opens by setting itself against the one before leans on it for what it is about: "But Massoud
 * insists he was not involved in any operation …" after "… anti-Taliban forces took back three districts in …
 * Baghlan".
 */
const CONTRAST_OPENING = /^(?:But\b|Yet\b(?! another)|(?:However|Still|Instead|Nevertheless|Nonetheless),)/;

/**
 * A sentence that opens on a word in lowercase starts in the middle of one: the splitter cut it after an abbreviation
 * ("stayed up until 4 a.m. / recently to take down …") or the page broke it ("… military studies. / war before
 * returning to Afghanistan in 2016"). Words with a capital inside ("iPhone", "eBay") or after a particle ("al-Qaeda",
 * "de Blasio") are names, not the middle of a sentence. Not a tag (`continuation`): the first sentence of a paragraph
 * may be a list item in lowercase.
 */
export const opensMidSentence = (text: string): boolean => {
  const t = text.trim();
  return /^\p{Ll}[\p{Ll}’']*(?:-\p{Ll}+)*(?![\p{L}\d-])/u.test(t) && !NAME_PARTICLE_START.test(t);
};
/** Small words that open a name: "al-Qaeda claimed …", "bin Laden was …", "de Blasio said …", "van Gogh …". */
const NAME_PARTICLE_START = /^(?:al|el|bin|ibn|de|da|di|du|van|von|der|la|le)[\s-]\p{Lu}/u;

/** A subject pronoun as one word, contracted or not: "he", "they’ve". */
const SUBJECT_PRONOUN = /^(?:he|she|they)(?:[’'](?:d|s|ll|ve|re))?$/;
/** Words that open a sentence and leave its subject to the one before: "But he admitted …". */
const LINKING_WORD =
  /^(?:But|And|Yet|So|Still|Then|Now|Instead|Meanwhile|Also|Later|Earlier|Eventually|Afterwards|Today|Previously|Subsequently|However|Indeed|Thus)$/;
/** A time before the subject without a comma: "Last week he …", "In 1971 he …", "Ten hours later he …". */
const TIME_OPENING =
  /^(?:(?:Last|This|Next|Earlier|Later) (?:\S+ )?(?:week|weekend|month|year|spring|summer|autumn|fall|winter|night|morning|afternoon|evening|time)|(?:In|On|By|Since|Until|Within|From) (?:\S+ )?\S+|\S+ (?:\S+ )?(?:later|earlier|ago))$/;
/** Capitalised words that name a time, not the subject: "On Sunday, he …", "In May he …". */
const TIME_NAME =
  /^(?:\d[\d,]*s?|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|August|September|October|November|December)$/;

/**
 * A pronoun subject after a short opening: "Last week he proclaimed himself the rightful president of Afghanistan",
 * "But he admitted …", "Eventually, he joined …". The opening names nobody (no capitalised word but a time), so the
 * pronoun stands for someone before; "When he was 16, Azza …" and "Massoud says he …" name their subject themselves.
 */
function pronounAfterOpening(t: string): boolean {
  const words = t.split(/\s+/).slice(0, 7);
  const k = words.findIndex((w, i) => i > 0 && SUBJECT_PRONOUN.test(w.replace(/,$/, '')));
  if (k < 1 || k > 5) return false;
  const opening = words.slice(0, k);
  if (opening.some((w) => /[“”"‘]/.test(w))) return false;
  if (opening.slice(1).some((w) => /^\p{Lu}/u.test(w) && !TIME_NAME.test(w.replace(/,$/, '')))) return false;
  if (opening.at(-1)!.endsWith(',')) return true;
  return (k === 1 && LINKING_WORD.test(opening[0]!)) || TIME_OPENING.test(opening.join(' '));
}

/** A whole sentence of three words or fewer. */
function elliptical(t: string): boolean {
  return /[.!?…]["”’]?$/.test(t) && t.split(/\s+/).length <= 3;
}

/** "It is clear that …", "It was not known whether …": an "it" that stands for nothing before. */
const EXPLETIVE_IT =
  /^It (?:is|was|has been|had been|seems|seemed|appears|appeared|remains|remained) (?:\w+ ){0,2}(?:that|to|whether|if|how|why|when)\b/;

/** A short line with no final punctuation that is not a sentence: a subheading or a menu item. */
export function isHeading(text: string): boolean {
  const t = text.trim();
  const words = t.split(/\s+/).filter(Boolean).length;
  if (words === 0) return true;
  if (/[.!?…"”’)]$/.test(t)) return false;
  return words <= 14;
}
