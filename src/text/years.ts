/** Four-digit years, 1000–2099. Pure, and free of the NLP tagger: the answering path uses it on every question. */
export const YEAR = /\b(1\d{3}|20\d{2})\b/g;

/** The distinct years a text mentions, in order of first mention. */
export function yearsIn(text: string): number[] {
  return [...new Set([...text.matchAll(YEAR)].map((m) => Number(m[1])))];
}
