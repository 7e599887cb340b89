import { foldToken, nameParts, stripTitles } from './names.ts';

/**
 * Who a bare surname stands for, sentence by sentence through one article: after "Ahmad Wali Massoud, brother of …",
 * "“…,” Massoud said" is his, not his nephew's. A reader takes the latest full name with that surname (or, before
 * any, the article's first one), and so does this. Lets the ranker count "Wali" as present where the text writes
 * only "Massoud". Pure: the caller gives each sentence's text, the tagger's people and whether it is a caption, in
 * article order.
 */
export function surnameReferents(
  sentences: ReadonlyArray<{ text: string; people: readonly string[]; caption?: boolean }>,
): string[][] {
  // A photo caption breaks into the text: its names are not the ones the next sentence goes on about.
  const fullNames = sentences.map((s) =>
    (s.caption ? [] : s.people)
      .map((p) => stripTitles(nameParts(p)))
      .filter((p) => p.length > 1 && p.every((w) => NAME_WORD.test(w))),
  );
  const first = new Map<string, string>();
  for (const names of fullNames)
    for (const parts of names) {
      const key = foldToken(parts.at(-1)!);
      if (!first.has(key)) first.set(key, parts.join(' '));
    }
  const latest = new Map<string, string>();
  return sentences.map((s, i) => {
    const own = fullNames[i]!;
    const ownSurnames = new Set(own.map((parts) => foldToken(parts.at(-1)!)));
    const found = new Set<string>();
    for (const word of loneCapitalised(s.text)) {
      const key = foldToken(word);
      if (ownSurnames.has(key)) continue;
      const full = latest.get(key) ?? first.get(key);
      if (full) found.add(full);
    }
    // "Ahmad Wali Massoud, brother of Ahmad Shah Massoud": the sentence's subject, named first, is the one meant next.
    for (const parts of [...own].reverse()) latest.set(foldToken(parts.at(-1)!), parts.join(' '));
    return [...found];
  });
}

/** A word of a person's name as the tagger gives it ("(Christophe Archambault/Pool Photo" is no name). */
const NAME_WORD = /^\p{Lu}[\p{L}'’.-]*$/u;

/**
 * Capitalised words that stand alone (not part of a run of capitalised words such as a full name, titles aside):
 * "Massoud" in "Mr Massoud said", not in "Ahmad Shah Massoud". Possessives lose their "'s".
 */
function loneCapitalised(text: string): string[] {
  const runs = text.match(/\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*/gu) ?? [];
  return runs
    .map((run) => stripTitles(nameParts(run)))
    .filter((parts) => parts.length === 1)
    .map((parts) => parts[0]!.replace(/['’]s$/, '').replace(/[.'’-]+$/, ''))
    .filter((word) => word.length > 1);
}

/**
 * `surnameReferents` for a whole corpus: sentences in corpus order, each with its article; the result is aligned
 * with them. (Ingest and the ranker's training on SQuAD both read their corpus this way.)
 */
export function referentsByArticle(
  sentences: ReadonlyArray<{ article: string | number; text: string; people: readonly string[]; caption?: boolean }>,
): string[][] {
  const byArticle = new Map<string | number, number[]>();
  sentences.forEach((s, i) => {
    const list = byArticle.get(s.article);
    if (list) list.push(i);
    else byArticle.set(s.article, [i]);
  });
  const out: string[][] = [];
  for (const ids of byArticle.values()) {
    const found = surnameReferents(ids.map((i) => sentences[i]!));
    ids.forEach((i, k) => (out[i] = found[k]!));
  }
  return out;
}
