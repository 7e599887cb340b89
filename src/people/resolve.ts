import type { Article } from '../corpus/article.ts';
import { splitSentences } from '../text/sentences.ts';
import { isCaption } from '../corpus/clean.ts';
import { paragraphStarts } from '../corpus/passages.ts';
import { findMentions, findOrganisations } from './extract.ts';
import { foldToken, NAME_PARTICLE, nameParts, sameName, sameNamePart } from './names.ts';
import { isEnglishWord } from '../text/english.ts';

export interface PersonMention {
  articleId: string;
  paragraph: number;
  /** The sentence, as offsets into the cleaned article text (for exact quotes). */
  start: number;
  end: number;
  /** The name as written here ("Dashty", "Saleh"). */
  name: string;
  roles: string[];
}

export interface Person {
  id: string;
  name: string;
  aliases: string[];
  roles: string[];
  articles: string[];
  organisations: string[];
  /** Most informative first: sentences that describe the person, then full-name mentions, then the rest. */
  mentions: PersonMention[];
}

export interface Found extends PersonMention {
  parts: string[];
  caption: boolean;
  personCue: boolean;
  organisations: string[];
}

interface Cluster {
  variants: string[][];
  found: Found[];
}

/** The name mentions in one article, sentence by sentence, with offsets into its cleaned text (the tagger-bound step). */
export function mentionsOf(article: Article, from = 0, to = article.paragraphs.length): Found[] {
  const all: Found[] = [];
  const starts = paragraphStarts(article.paragraphs);
  article.paragraphs.slice(from, to).forEach((paragraph, i) => {
    const index = from + i;
    const offset = starts[index]!;
    for (const sentence of splitSentences(paragraph)) {
      const mentions = findMentions(sentence.text);
      const organisations = mentions.length ? findOrganisations(sentence.text) : [];
      for (const m of mentions) {
        all.push({
          articleId: article.id,
          paragraph: index + 1,
          start: offset + sentence.start,
          end: offset + sentence.end,
          name: m.name,
          roles: m.roles,
          parts: partsOf(m.name),
          caption: isCaption(paragraph),
          personCue: m.personCue,
          organisations,
        });
      }
    }
  });
  return all;
}

/**
 * A name's parts, a surname written with its small words ("de Blasio", "von der Leyen") being one bare surname: it
 * belongs to the person named in full ("Bill de Blasio") as "Blasio" would.
 */
function partsOf(name: string): string[] {
  const parts = nameParts(name);
  const particles = parts.findIndex((p) => !NAME_PARTICLE.test(p));
  return particles > 0 && particles === parts.length - 1 ? [parts.at(-1)!] : parts;
}

/** Whether a bare name is this full name's surname as written (not merely alike: "Céline" is not "Colin"). */
const surnameAsWritten = (parts: readonly string[], name: string) => foldToken(parts.at(-1)!) === foldToken(name);

/** A middle name's initial: "J." of "Donald J. Trump". */
const INITIAL = /^\p{Lu}\.?$/u;

/**
 * "Donald J. Trump" and "Donald Trump": one name with a middle initial, the other without any (two different
 * initials, George H.W. and George W. Bush, stay two people).
 */
function sameButMiddleInitial(a: string[], b: string[]): boolean {
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  if (longer.length !== shorter.length + 1 || shorter.length < 2) return false;
  const middle = longer.slice(1, -1);
  if (!middle.some((p) => INITIAL.test(p)) || shorter.slice(1, -1).some((p) => INITIAL.test(p))) return false;
  return sameName(
    longer.filter((p, i) => i === 0 || i === longer.length - 1 || !INITIAL.test(p)),
    shorter,
  );
}

/** Most common, then most widespread, then first seen. */
function pickCanonical(found: Found[]): string {
  const full = found.filter((f) => f.parts.length > 1);
  const stats = new Map<string, { count: number; articles: Set<string>; first: number }>();
  full.forEach((f, i) => {
    const s = stats.get(f.name) ?? { count: 0, articles: new Set<string>(), first: i };
    s.count++;
    s.articles.add(f.articleId);
    stats.set(f.name, s);
  });
  return [...stats.entries()].sort(
    ([, a], [, b]) => b.count - a.count || b.articles.size - a.articles.size || a.first - b.first,
  )[0]![0];
}

function ranked<T>(items: T[], key: (t: T) => string, limit: number): T[] {
  const counts = new Map<string, { item: T; count: number; first: number }>();
  items.forEach((item, i) => {
    const k = key(item);
    const entry = counts.get(k) ?? { item, count: 0, first: i };
    entry.count++;
    counts.set(k, entry);
  });
  return [...counts.values()]
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .slice(0, limit)
    .map((e) => e.item);
}

const roleKey = (role: string) => role.toLowerCase().replace(/^(?:the|a|an)\s+/, '');

/** Roles without those another one ends with: "Solicitor General" says "General" already. */
function withoutShorterForms(roles: string[]): string[] {
  return roles.filter((r) => !roles.some((o) => o !== r && roleKey(o).endsWith(` ${roleKey(r)}`)));
}

const slug = (name: string) => nameParts(name).map(foldToken).join('-');

/** How much a mention tells about the person: descriptions first, captions and very long sentences last. */
function informativeness(m: Found): number {
  const words = (m.end - m.start) / 6;
  return 3 * Math.min(m.roles.length, 1) + (m.parts.length > 1 ? 1 : 0) - (m.caption ? 2 : 0) - (words > 45 ? 1 : 0);
}

/**
 * Groups mentions into people. Full names merge across spelling variants (Ahmad/Ahmed/Ahman Massoud) but a
 * different number of name parts is a different person (Ahmad Shah Massoud is not Ahmad Massoud). A bare surname
 * is given to someone only when that is clear: the only candidate in the article, one who dominates the
 * article, or the only one in the whole corpus.
 */
export function buildPeople(articles: Article[]): Person[] {
  return peopleFrom(articles.flatMap((a) => mentionsOf(a)));
}

/** Groups the mentions of every article into people (see `buildPeople`). */
export function peopleFrom(mentions: Found[]): Person[] {
  const clusters: Cluster[] = [];
  for (const m of mentions.filter((m) => m.parts.length > 1)) {
    const cluster = clusters.find((c) =>
      c.variants.some((v) => sameName(v, m.parts) || sameButMiddleInitial(v, m.parts)),
    );
    if (cluster) {
      cluster.found.push(m);
      if (!cluster.variants.some((v) => v.join(' ') === m.parts.join(' '))) cluster.variants.push(m.parts);
    } else clusters.push({ variants: [m.parts], found: [m] });
  }
  // A full name with no cue of its own is a person when its bare surname has one in the same article, names no one
  // else there, and is no English word ("Swedish synth aesthete Hannes Norrvide's project" … "Norrvide and Malthe
  // Fischer soldier on"; not "Data Retention Bill" for a "Bill" who is Bill Shorten). The cued bare names are looked
  // up by article and spelling, not scanned for every cluster.
  const at = (articleId: string, name: string) => `${articleId}\u0000${foldToken(name)}`;
  const cuedBare = new Map<string, Found[]>();
  for (const m of mentions.filter((m) => m.parts.length === 1 && m.personCue)) {
    const key = at(m.articleId, m.parts[0]!);
    const found = cuedBare.get(key);
    if (found) found.push(m);
    else cuedBare.set(key, [m]);
  }
  const namedBy = (c: Cluster, m: Found) =>
    c.found.some((f) => f.articleId === m.articleId && f.parts.some((part) => sameNamePart(part, m.parts[0]!)));
  const cuedBySurname = (c: Cluster) =>
    !isEnglishWord(c.variants[0]!.at(-1)!.toLowerCase()) &&
    c.found.some((f) =>
      (cuedBare.get(at(f.articleId, f.parts.at(-1)!)) ?? []).some(
        (m) => clusters.filter((o) => namedBy(o, m)).length === 1,
      ),
    );
  const people = clusters.filter((c) => c.found.some((f) => f.personCue) || cuedBySurname(c));

  for (const m of mentions.filter((m) => m.parts.length === 1)) {
    const candidates = people.filter((c) =>
      c.variants.some((v) => sameNamePart(v.at(-1)!, m.parts[0]!) || sameNamePart(v[0]!, m.parts[0]!)),
    );
    const inArticle = candidates
      .map((c) => ({ c, count: c.found.filter((f) => f.articleId === m.articleId && f.parts.length > 1).length }))
      .filter((x) => x.count > 0)
      .sort((a, b) => b.count - a.count);
    let owner: Cluster | undefined;
    if (inArticle.length === 1 || (inArticle.length > 1 && inArticle[0]!.count >= 2 * inArticle[1]!.count))
      owner = inArticle[0]!.c;
    // In an article that never names them in full, only their surname as written: "Céline" (a jacket) is not Colin
    // Farrell of another article, though the two sound alike.
    else if (
      inArticle.length === 0 &&
      candidates.length === 1 &&
      candidates[0]!.variants.some((v) => surnameAsWritten(v, m.parts[0]!))
    )
      owner = candidates[0];
    owner?.found.push(m);
  }

  return people
    .map((c) => {
      const name = pickCanonical(c.found);
      const ordered = c.found
        .map((f, i) => ({ f, i }))
        .sort((a, b) => informativeness(b.f) - informativeness(a.f) || a.i - b.i)
        .map((x) => x.f);
      const seen = new Set<string>();
      const unique = ordered.filter(
        (f) => !seen.has(`${f.articleId}:${f.start}`) && seen.add(`${f.articleId}:${f.start}`),
      );
      return {
        id: slug(name),
        name,
        aliases: [...new Set(c.found.map((f) => f.name))].filter((n) => n !== name),
        roles: withoutShorterForms(
          ranked(
            c.found.flatMap((f) => f.roles),
            roleKey,
            6,
          ),
        ),
        articles: [...new Set(c.found.map((f) => f.articleId))],
        organisations: ranked(
          c.found.flatMap((f) => f.organisations),
          (o) => o.toLowerCase(),
          5,
        ),
        mentions: unique.map(({ articleId, paragraph, start, end, name: written, roles }) => ({
          articleId,
          paragraph,
          start,
          end,
          name: written,
          roles,
        })),
      };
    })
    .sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
}
