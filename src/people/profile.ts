import { distance } from 'fastest-levenshtein';
import { metaOf, type Article, type ArticleMeta } from '../corpus/article.ts';
import type { Person } from './resolve.ts';
import { foldToken, nameParts, sameName, sameNamePart, stripTitles } from './names.ts';
import { terms } from '../text/analyze.ts';
import { soundAlike } from '../text/sound.ts';
import { nearDuplicate } from '../text/sets.ts';
import { counted } from '../text/counted.ts';

export interface ProfileExcerpt {
  quote: string;
  article: ArticleMeta;
  paragraph: number;
}

export interface Profile {
  name: string;
  aliases: string[];
  roles: string[];
  articles: Array<Omit<ArticleMeta, 'url'>>;
  excerpts: ProfileExcerpt[];
}

export interface Candidate {
  name: string;
  description: string;
}

export interface WhoResult {
  query: string;
  status: 'found' | 'ambiguous' | 'not_found';
  person: Profile | null;
  candidates: Candidate[];
}

export const MAX_PROFILE_EXCERPTS = 4;

/** "Who is Gen. Mark Milley?" -> ["Mark", "Milley"]. */
export function queryParts(query: string): string[] {
  const cleaned = query
    .replace(/^\s*(?:who\s+(?:is|was|are)|tell me about|about)\s+/i, '')
    .replace(/[?!.,;:"“”]+/g, ' ')
    .trim();
  return stripTitles(nameParts(cleaned));
}

/** Query parts appear, in order, among the person's name parts ("Shah Massoud" in "Ahmad Shah Massoud"). */
function containsInOrder(name: string[], query: string[]): boolean {
  let i = 0;
  for (const part of name) if (i < query.length && sameNamePart(part, query[i]!)) i++;
  return i === query.length;
}

const variantsOf = (p: Person) => [p.name, ...p.aliases].map(nameParts);

export function describePerson(person: Person, articleCount = person.articles.length): string {
  const role = person.roles[0];
  const seen = `in ${counted(articleCount, 'article')}`;
  return role ? `${role} (${seen})` : `mentioned ${seen}`;
}

/** Finds the person a name means: one match, several (a list to choose from), or none (close suggestions). */
export function findPerson(people: Person[], query: string): { status: WhoResult['status']; matches: Person[] } {
  const parts = queryParts(query);
  if (parts.length === 0) return { status: 'not_found', matches: [] };
  const exact = people.filter((p) => variantsOf(p).some((v) => sameName(v, parts)));
  // A full name beats a bare surname: "Ahmad Massoud" is one person even though "Massoud" is also an alias of his father.
  const exactFull = exact.filter((p) => variantsOf(p).some((v) => v.length > 1 && sameName(v, parts)));
  const partial = people.filter((p) => variantsOf(p).some((v) => containsInOrder(v, parts)));
  const chosen = exactFull.length ? exactFull : [...new Set([...exact, ...partial])];
  if (chosen.length === 1) return { status: 'found', matches: chosen };
  if (chosen.length > 1) return { status: 'ambiguous', matches: chosen };
  return { status: 'not_found', matches: suggestions(people, parts.join(' ')) };
}

/**
 * Names within a few typos of the query, by whole name or by any part of it. For a query of several words the
 * person's surname must be within a typo of one of them: a shared first name alone ("Hamid Karzai", "Hamid Saifi")
 * is no suggestion.
 */
export function suggestions(people: Person[], query: string, limit = 3): Person[] {
  const q = foldToken(query.replace(/\s+/g, ''));
  const words = query.trim().split(/\s+/).map(foldToken);
  const close = (a: string, b: string) => distance(a, b) <= Math.max(1, Math.round(b.length * 0.34));
  const surnameClose = (p: Person) =>
    words.length < 2 || variantsOf(p).some((v) => words.some((w) => close(w, foldToken(v.at(-1)!))));
  const scored = people.filter(surnameClose).map((p) => {
    const forms = variantsOf(p).flatMap((v) => [v.join(''), ...v]);
    const best = Math.min(...forms.map((f) => distance(q, foldToken(f))));
    return { p, best };
  });
  const allowed = Math.max(2, Math.round(q.length * 0.35));
  // Close in letters is not enough: "Faker" is not "Bader". Some part must sound like the query or one of its words.
  const soundsLike = (p: Person) =>
    variantsOf(p).some((v) => [v.join(''), ...v].some((f) => [q, ...words].some((w) => soundAlike(w, foldToken(f)))));
  return scored
    .filter((s) => s.best <= allowed && soundsLike(s.p))
    .sort((a, b) => a.best - b.best || b.p.mentions.length - a.p.mentions.length)
    .slice(0, limit)
    .map((s) => s.p);
}

/** The profile card: quoted sentences, descriptive ones first, spread across articles. */
export function buildProfile(person: Person, articles: Article[]): Profile {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const excerpts: ProfileExcerpt[] = [];
  const seenQuotes: Array<Set<string>> = [];
  const perArticle = new Map<string, number>();
  for (const pass of [1, Infinity]) {
    for (const m of person.mentions) {
      if (excerpts.length >= MAX_PROFILE_EXCERPTS) break;
      const article = byId.get(m.articleId);
      if (!article) continue;
      const quote = article.text.slice(m.start, m.end);
      if ((perArticle.get(m.articleId) ?? 0) >= pass) continue;
      // The same words twice (a subheading and the sentence it repeats) make one excerpt, not two.
      const words = new Set(terms(quote));
      if (seenQuotes.some((seen) => nearDuplicate(seen, words))) continue;
      seenQuotes.push(words);
      perArticle.set(m.articleId, (perArticle.get(m.articleId) ?? 0) + 1);
      excerpts.push({ quote, article: metaOf(article), paragraph: m.paragraph });
    }
  }
  return {
    name: person.name,
    aliases: person.aliases,
    roles: person.roles,
    articles: person.articles
      .map((id) => byId.get(id))
      .filter((a): a is Article => !!a)
      .map(({ id, title, outlet, date }) => ({ id, title, outlet, date })),
    excerpts,
  };
}

export function who(people: Person[], articles: Article[], query: string): WhoResult {
  const trimmed = query.replace(/\s+/g, ' ').trim();
  const { status, matches } = findPerson(people, trimmed);
  return {
    query: trimmed,
    status,
    person: status === 'found' ? buildProfile(matches[0]!, articles) : null,
    candidates: status === 'found' ? [] : matches.map((p) => ({ name: p.name, description: describePerson(p) })),
  };
}

/** Autocomplete: canonical names that start with (or contain) what was typed, best known first. */
export function completeName(people: Person[], typed: string, limit = 25): string[] {
  const q = foldToken(typed.trim());
  if (!q) return people.slice(0, limit).map((p) => p.name);
  const starts = people.filter((p) =>
    [p.name, ...p.aliases].some(
      (n) => nameParts(n).some((part) => foldToken(part).startsWith(q)) || foldToken(n).startsWith(q),
    ),
  );
  const contains = people.filter((p) => !starts.includes(p) && foldToken(p.name).includes(q));
  return [...starts, ...contains].slice(0, limit).map((p) => p.name);
}
