/**
 * Sentences that lean on the one before for their subject or speaker, and subheadings, which nothing leans on. Pure,
 * and free of the NLP tagger, so the engine can use them when quoting (answer/excerpt.ts) without loading the tagger.
 * These rules make the `continuation` and `heading` sentence tags: a change here needs TAGGER_VERSION
 * (sentence-tags.ts) bumped.
 */

const PRONOUN_START =
  /^(?:He|She|They|It|His|Her|Their|Its|This|These|Those|That|The group|The movement|The man|The woman)\b/;
const QUOTE_START = /^[‘“"']/;
/** Words that attribute a statement to someone. */
export const ATTRIBUTION =
  /\b(?:said|says|say|told|tells|added|adds|wrote|writes|tweeted|according|asked|insisted|warned|stated|explained|argued)\b/i;

/** A quotation said by a pronoun: "“At the moment, they have a mindset of violence,” he said." */
const PRONOUN_ATTRIBUTION =
  /[,.!?—–-]\s*[’”"']?\s*(?:he|she|they)\s+(?:said|says|added|adds|told|tells|wrote|writes|insisted|warned|stated|explained|argued|continued|noted)\b|\b(?:said|says|added)\s+(?:he|she)\b/i;

/**
 * Opens with a pronoun, is a quotation with nobody named as saying it (or only "he said"), or is too short to say
 * what it is about ("About 23,000 die." after "Every year, about 2 million people get sick from a superbug."): the
 * sentence before carries the subject or the speaker.
 */
export function isContinuation(text: string): boolean {
  const t = text.trim();
  return (
    (PRONOUN_START.test(t) && !EXPLETIVE_IT.test(t)) ||
    (QUOTE_START.test(t) && (!ATTRIBUTION.test(t) || PRONOUN_ATTRIBUTION.test(t))) ||
    elliptical(t)
  );
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
