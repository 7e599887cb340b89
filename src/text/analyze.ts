import { stemmer } from 'stemmer';
import { eng } from 'stopword';

/**
 * The one text analyser for lexical matching (BM25, excerpt overlap, abstention):
 * lowercase, fold accents and curly quotes, drop stop words and possessives, Porter-stem.
 */
const STOP = new Set([...eng, 'said', 'says', 'told', 'also', 'would', 'could', 'one', 'two']);
const QUESTION_WORDS = new Set([
  'who',
  'what',
  'when',
  'where',
  'which',
  'why',
  'how',
  'whom',
  'whose',
  'many',
  'much',
  'did',
  'does',
  'do',
  'is',
  'are',
  'was',
  'were',
]);

/** Lowercase without accents: "Ahmād" and "ahmad" meet. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export function tokenize(text: string): string[] {
  return (
    fold(text)
      .replace(/[’‘`]/g, "'")
      // Dotted abbreviations are one word: "U.S." -> "us", "U.K." -> "uk".
      .replace(/\b((?:[a-z]\.){2,})/g, (m) => m.replace(/\./g, ''))
      .split(/[^a-z0-9']+/)
      .map((t) => t.replace(/'s$|^'+|'+$/g, ''))
      .filter(Boolean)
  );
}

/** Index/search term for one token, or null for a stop word. */
export function term(token: string): string | null {
  if (STOP.has(token) || QUESTION_WORDS.has(token)) return null;
  return stemmer(token);
}

export function terms(text: string): string[] {
  return tokenize(text)
    .map(term)
    .filter((t): t is string => t !== null);
}

/** `terms` of texts met question after question (candidate sentences, the names surnames stand for). */
const termCache = new Map<string, string[]>();
const TERM_CACHE_SIZE = 50_000;

export function memoTerms(text: string): string[] {
  let found = termCache.get(text);
  if (!found) {
    if (termCache.size >= TERM_CACHE_SIZE) termCache.clear();
    termCache.set(text, (found = terms(text)));
  }
  return found;
}
