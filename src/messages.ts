import type { Answer } from './answer/types.ts';
import type { ArticleMeta } from './corpus/article.ts';
import {
  isGreeting,
  isWebAddress,
  normaliseQuestion,
  unclearReferent,
  type QuestionProblem,
} from './answer/question.ts';
import { COUNTRY_QUESTION, nameAsked, numberWanted } from './answer/question-type.ts';
import { counted } from './text/counted.ts';

/** Words shared by every surface, so the REPL, the CLI and Discord say the same thing. */
/** "¶15", or "¶18–19" when a quote runs into the next paragraph. */
export function paragraphLabel(paragraph: number, lastParagraph?: number): string {
  return lastParagraph ? `¶${paragraph}–${lastParagraph}` : `¶${paragraph}`;
}

/**
 * Who published it: the outlet the page names, else the site of its web address ("finance.yahoo.com"), which the page
 * states too; "outlet unknown" for a file with neither.
 */
export function outletName(article: Pick<ArticleMeta, 'outlet' | 'url'>): string {
  if (article.outlet) return article.outlet;
  const host = article.url ? URL.parse(article.url)?.hostname.replace(/^www\./, '') : undefined;
  return host || 'outlet unknown';
}

/** When it was published, as the page dates it; "date unknown" when it doesn't (nothing is guessed). */
export function dateShown(article: Pick<ArticleMeta, 'date'>): string {
  return article.date ?? 'date unknown';
}

export function citation(article: ArticleMeta, paragraph?: number, lastParagraph?: number): string {
  const parts = [article.title, outletName(article), dateShown(article)];
  if (paragraph !== undefined) parts.push(paragraphLabel(paragraph, lastParagraph));
  return parts.join(' · ');
}

/**
 * A question to show as an example, about the articles at hand: "Who is <their most-named person>?" (`people` as
 * `dossier.completeName('')` lists them, best known first); none when they name no one.
 */
export function exampleQuestion(people: string[]): string | undefined {
  return people[0] ? `Who is ${people[0]}?` : undefined;
}

/** `example`: a question about the articles at hand (`exampleQuestion`); without one, a hint that fits any articles. */
export function questionProblemMessage(
  problem: QuestionProblem,
  question: string,
  maxQuestionChars: number,
  example?: string,
): string {
  if (problem === 'too_long')
    return `That question is ${normaliseQuestion(question).length} characters long; please keep it to ${maxQuestionChars} or fewer.`;
  const ask = example
    ? `Ask a question in words, for example: "${example}"`
    : 'Ask a question in words, about a person, place or event in the articles.';
  if (isWebAddress(question)) return `That is a web address, not a question. ${ask}`;
  if (!isGreeting(question)) return ask;
  return /\b(?:thanks?|thx|ty|cheers)\b/i.test(question) ? `You're welcome. ${ask}` : `Hello! ${ask}`;
}

/**
 * What the closest passages under a refusal are: "not an answer" when a check found what they lack (a year, a name,
 * the value asked for); otherwise only "not clearly" one, since the ranker was merely unsure (a new user found the
 * answer itself labelled "not an answer").
 */
export function closestLabel(answer: Answer): string {
  return missingMessage(answer) ? 'Closest passages (not an answer):' : 'Closest passages (not clearly an answer):';
}

export function notAnsweredMessage(answer: Answer, maxQuestionChars: number, topics: string, example?: string): string {
  switch (answer.reason) {
    case 'empty':
    case 'too_long':
      return questionProblemMessage(answer.reason, answer.question, maxQuestionChars, example);
    case 'unclear_referent':
      return `I can't tell who “${unclearReferent(answer.question) ?? 'they'}” is here: ask again with the name${example ? `, for example “${example}”` : ''}.`;
    default: {
      const missing = missingMessage(answer);
      if (missing) {
        if (!answer.closest?.length) return missing;
        // Not "the closest passages" twice in a row.
        const they = /closest passages/i.test(missing) ? 'They are' : 'The closest passages are';
        return `${missing} ${they} below, marked as such: they do not answer it.`;
      }
      // Closest passages shown below: say they may be near it, rather than "nothing related" over a relevant quote.
      if (answer.closest?.length)
        return "I found no passage that clearly answers that, so I won't quote one as the answer. The closest passages are below, marked as such.";
      return [
        "I couldn't find that in the articles, so I won't quote something unrelated.",
        `They cover: ${topics}.`,
        'Try naming a person, place or event from them, or use fewer, more specific words.',
      ].join(' ');
    }
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "17 Aug – 6 Sep 2021" from ISO dates. */
export function dateSpan(from: string, to: string): string {
  const day = (iso: string, withYear: boolean) => {
    const [y, m, d] = iso.split('-');
    return [d ? String(Number(d)) : '', m ? MONTHS[Number(m) - 1] : '', withYear ? y : ''].filter(Boolean).join(' ');
  };
  if (from === to) return day(from, true);
  return `${day(from, from.slice(0, 4) !== to.slice(0, 4))} – ${day(to, true)}`;
}

const THING: Record<string, string> = { person: 'who', date: 'when', number: 'how many or how much', place: 'where' };

/** The thing asked for, in the question's own words where it has them ("how old", "how long"). */
function thingAsked(value: string, question: string): string {
  if (value === 'place') return COUNTRY_QUESTION.exec(question)?.[0].toLowerCase() ?? THING.place!;
  if (value === 'name') return nameAsked(question)?.words ?? 'the name';
  if (value !== 'number') return THING[value]!;
  const how = /\bhow (?:many|much|old|long|often|far|big|large|tall|high|heavy)\b/i.exec(question);
  return how?.[0].toLowerCase() ?? numberWanted(question) ?? THING[value]!;
}

/** What the articles lack of the question, in words; null when nothing specific is known to be missing. */
export function missingMessage(answer: Answer): string | null {
  const missing = answer.missing ?? [];
  const said: string[] = [];
  for (const m of missing) {
    if (m.kind === 'year' && m.reason === 'outside_corpus') {
      said.push(
        answer.covers
          ? `The articles cover ${dateSpan(answer.covers.from, answer.covers.to)} and say nothing about ${m.value}.`
          : `The articles say nothing about ${m.value}.`,
      );
    } else if (m.kind === 'entity' && m.reason === 'not_in_corpus') said.push(`The articles never mention ${m.value}.`);
  }
  if (said.length) return said.join(' ');
  const attribute = missing.find((m) => m.kind === 'attribute');
  if (attribute?.reason === 'not_in_excerpt')
    return `The closest passages don't mention ${attribute.of}'s ${attribute.value}, so I won't quote them as an answer.`;
  if (attribute)
    return `The closest passages don't name ${attribute.of}'s ${attribute.value}, only someone else's, so I won't quote them as an answer.`;
  const year = missing.find((m) => m.kind === 'year' && m.reason === 'not_in_excerpt');
  if (year) return `The closest passages don't mention ${year.value}, so I won't quote them as an answer.`;
  const type = missing.find((m) => m.kind === 'answer_type');
  const entity = missing.find((m) => m.kind === 'entity');
  if (type && entity)
    return `The articles mention ${entity.value}, but the closest passages don't say ${thingAsked(type.value, answer.question)}.`;
  if (type)
    return `The closest passages don't say ${thingAsked(type.value, answer.question)}, so I won't quote them as an answer.`;
  if (entity) return `The articles mention ${entity.value}, but not what you asked about it.`;
  return null;
}

/** Said above quotes the ranker was not sure of (`confidence: 'uncertain'`), on every surface. */
export const UNCERTAIN_NOTE = 'These are the closest passages; they may not answer it exactly.';

/**
 * The note over an uncertain answer (null for a likely one): naming the question's names that none of the quotes
 * mentions, when one or two are missing ("Who is the Taliban's defence minister?" quoted from a sentence about
 * Massoud's father); a long question missing more gets the plain note rather than a list.
 */
export function uncertainNote(answer: Answer): string | null {
  if (answer.confidence !== 'uncertain') return null;
  const absent = (answer.missing ?? []).filter((m) => m.kind === 'entity').map((m) => m.value);
  return absent.length && absent.length <= 2
    ? `These are the closest passages; they don't mention ${absent.join(' or ')}, so they may not answer it.`
    : UNCERTAIN_NOTE;
}

/** A one-line description of what the corpus covers, from its titles. */
export function corpusTopics(articles: ArticleMeta[]): string {
  const dates = articles
    .map((a) => a.date)
    .filter((d): d is string => !!d)
    .sort();
  const span = dates.length
    ? ` (${dates[0]!.slice(0, 7)}${dates.length > 1 && dates.at(-1)!.slice(0, 7) !== dates[0]!.slice(0, 7) ? ` to ${dates.at(-1)!.slice(0, 7)}` : ''})`
    : '';
  return `${counted(articles.length, 'article')}${span}, such as "${articles[0]?.title ?? ''}"`;
}

/** The heading over figures that differ between articles, shared by every surface. */
export function sourcesDifferHeading(about: string): string {
  return `Sources differ on the number of ${about}:`;
}

/** "The Times of Israel, 2021-08-23": who said it and when, for a side-by-side figure. */
export function outletAndDate(article: ArticleMeta): string {
  return `${outletName(article)}, ${dateShown(article)}`;
}

/** Questions to try, drawn from the corpus itself: its most-named people and places. */
export function suggestQuestions(people: string[], places: string[], limit = 4): string[] {
  const asks = [
    ...people.slice(0, 2).map((p) => `Who is ${p}?`),
    ...places.slice(0, 2).map((p) => `What happened in ${p}?`),
    ...people.slice(2).map((p) => `What did ${p} say?`),
  ];
  return asks.slice(0, limit);
}

/** Checking a message against the articles ("Check in articles"). */
export const checkTitle = (claim: string) => `Checking: “${claim}”`;
export const checkNotCovered = () =>
  "The articles don't cover this: nothing in them supports or bears on it, so I won't quote something unrelated.";
