import { EmbedBuilder, escapeMarkdown } from 'discord.js';
import type { Answer, Excerpt } from '../answer/types.ts';
import type { ArticleMeta } from '../corpus/article.ts';
import type { SourceSummary } from '../dossier.ts';
import type { WhoResult } from '../people/profile.ts';
import type { ParagraphView } from '../dossier.ts';
import type { Disagreement } from '../answer/disagreements.ts';
import {
  closestLabel,
  notAnsweredMessage,
  outletAndDate,
  dateShown,
  outletName,
  paragraphLabel,
  sourcesDifferHeading,
  uncertainNote,
} from '../messages.ts';
import { counted } from '../text/counted.ts';
import { LIMITS, truncate } from './limits.ts';

/** Pure: Dossier results as Discord embeds, always within Discord's limits. */

const COLOR = { answer: 0x2b6cb0, none: 0x718096, person: 0x2f855a, info: 0x4a5568 } as const;

/** Article text is shown as text: no formatting, headings, lists or masked links can leak out of it. */
export function escapeText(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
}

/** A block quote, every line prefixed so a newline in the article cannot end the quote early. */
export function blockQuote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${escapeText(line)}`)
    .join('\n');
}

export function citationLine(n: number, article: ArticleMeta, paragraph: number, lastParagraph?: number): string {
  const title = escapeText(truncate(article.title, 150)).replace(/[[\]]/g, '');
  const linked = article.url ? `[${title}](<${article.url}>)` : `*${title}*`;
  return `**[${n}]** ${linked} · ${escapeText(outletName(article))} · ${dateShown(article)} · ${paragraphLabel(paragraph, lastParagraph)}`;
}

/** Quotes with citations, each quote shortened (at a word, with "…") only if all of them can't fit. */
function quotedList(items: Array<{ quote: string; cite: string }>, budget: number): string {
  const fixed = items.reduce((n, i) => n + i.cite.length + 6, 0);
  const perQuote = Math.max(40, Math.floor((budget - fixed) / Math.max(1, items.length)));
  const text = items.map((i) => `${blockQuote(truncate(i.quote, perQuote))}\n${i.cite}`).join('\n\n');
  return truncate(text, budget);
}

/** An article named once: "**[1]** *Title* · Outlet · Date". */
export function sourceLine(n: number, article: ArticleMeta): string {
  const title = escapeText(truncate(article.title, 150)).replace(/[[\]]/g, '');
  const linked = article.url ? `[${title}](<${article.url}>)` : `*${title}*`;
  return `**[${n}]** ${linked} · ${escapeText(truncate(outletName(article), 100))} · ${truncate(dateShown(article), 30)}`;
}

/** Numbers articles in order of first citation: each is named once, and every quote cites it by number. */
export function numberArticles(excerpts: Excerpt[]): { numberOf: (e: Excerpt) => number; articles: ArticleMeta[] } {
  const articles: ArticleMeta[] = [];
  const index = new Map<string, number>();
  for (const e of excerpts)
    if (!index.has(e.article.id)) (index.set(e.article.id, articles.length + 1), articles.push(e.article));
  return { numberOf: (e) => index.get(e.article.id)!, articles };
}

/** Figures that differ between articles, side by side (inline fields), each with outlet, date and paragraph. */
export function disagreementFields(
  disagreements: Disagreement[] = [],
): Array<{ name: string; value: string; inline?: boolean }> {
  const fields: Array<{ name: string; value: string; inline?: boolean }> = [];
  for (const d of disagreements.slice(0, 2)) {
    fields.push({
      name: truncate(`⚖️ ${sourcesDifferHeading(truncate(d.about, 60))}`, 100),
      value: 'The articles give different figures; compare them:',
    });
    for (const c of d.claims.slice(0, 3)) {
      fields.push({
        name: truncate(c.figure, 100),
        value: truncate(
          `${escapeText(truncate(outletAndDate(c.article), 100))} · ${paragraphLabel(c.paragraph)}\n${blockQuote(truncate(c.sentence, 250))}`,
          400,
        ),
        inline: true,
      });
    }
  }
  return fields;
}

export interface AnswerView {
  /** 1 for the answer itself; 2, 3… for "More". */
  page?: number;
  /** Shown above the title: how a follow-up was read ("Following up on …"). */
  context?: string;
  /** Replaces the question as the title (e.g. a checked claim). */
  title?: string;
  /** Replaces the "not in the articles" text. */
  notCovered?: string;
}

/**
 * Quotes, each with "[n] ¶p" (n numbers the article), then each article named once. Sources that differ are
 * shown side by side below. No latency here: it is logged, not shown.
 */
export function answerEmbed(
  answer: Answer,
  maxQuestionChars: number,
  topics: string,
  view: AnswerView = {},
): EmbedBuilder {
  const page = view.page ?? 1;
  const heading = view.title ?? (answer.question || 'Question');
  const embed = new EmbedBuilder().setTitle(
    truncate(page > 1 ? `${heading} (more, page ${page})` : heading, LIMITS.embedTitle),
  );
  if (view.context) embed.setAuthor({ name: truncate(view.context, LIMITS.embedAuthor) });
  if (!answer.answered) {
    const message = view.notCovered ?? notAnsweredMessage(answer, maxQuestionChars, topics);
    // The closest passages, when there are any, are shown under the message as what they are (closestLabel).
    const closest =
      view.notCovered || !answer.closest?.length
        ? []
        : answer.closest.map((e) => ({
            quote: e.quote,
            cite: `— ${sourceLine(1, e.article).replace(/^\*\*\[1\]\*\* /, '')} · ${paragraphLabel(e.paragraph, e.lastParagraph)}`,
          }));
    const body = closest.length
      ? `${message}\n\n**${closestLabel(answer)}**\n${quotedList(closest, LIMITS.embedDescription - message.length - 60)}`
      : message;
    return embed.setColor(COLOR.none).setDescription(truncate(body, LIMITS.embedDescription));
  }
  const { numberOf, articles } = numberArticles(answer.excerpts);
  const fields = page === 1 ? disagreementFields(answer.disagreements) : [];
  const fieldChars = fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const sources = articles.map((a, i) => sourceLine(i + 1, a)).join('\n');
  // Everything in an embed counts towards 6,000 characters: the description gets what the rest leaves.
  const footer = `Exact quotes from ${counted(articles.length, 'article')}${page > 1 ? ` · page ${page}` : ''}`;
  // Above the quotes, where it is read first: the ranker was not sure they answer the question.
  const uncertain = uncertainNote(answer);
  const note = uncertain ? `*${escapeText(uncertain)}*\n\n` : '';
  const room = Math.min(
    LIMITS.embedDescription,
    LIMITS.embedTotal -
      100 -
      fieldChars -
      (embed.data.title?.length ?? 0) -
      (embed.data.author?.name.length ?? 0) -
      footer.length,
  );
  const items = answer.excerpts.map((e) => ({
    quote: e.quote,
    cite: `**[${numberOf(e)}]** ${paragraphLabel(e.paragraph, e.lastParagraph)}`,
  }));
  return embed
    .setColor(COLOR.answer)
    .setDescription(
      truncate(
        `${note}${quotedList(items, Math.max(300, room - note.length - sources.length - 10))}\n\n${sources}`,
        room,
      ),
    )
    .addFields(fields)
    .setFooter({ text: footer });
}

/** "Full paragraph": the paragraph with the one before and after, the chosen one marked. */
export function paragraphEmbed(view: ParagraphView): EmbedBuilder {
  const per = Math.floor((LIMITS.embedDescription - 200) / Math.max(1, view.paragraphs.length));
  const body = view.paragraphs
    .map(
      (p) =>
        `${p.paragraph === view.paragraph ? `**${paragraphLabel(p.paragraph)}** (quoted)` : paragraphLabel(p.paragraph)}\n${blockQuote(truncate(p.text, per - 40))}`,
    )
    .join('\n\n');
  return new EmbedBuilder()
    .setColor(COLOR.info)
    .setTitle(truncate(view.article.title, LIMITS.embedTitle))
    .setURL(view.article.url ?? null)
    .setDescription(truncate(body, LIMITS.embedDescription))
    .setFooter({
      text: truncate(
        `${outletAndDate(view.article)} · ${paragraphLabel(view.paragraph)} with its neighbours`,
        LIMITS.embedFooter,
      ),
    });
}

export function profileEmbed(result: WhoResult): EmbedBuilder {
  const embed = new EmbedBuilder();
  if (result.status === 'ambiguous') {
    const list = result.candidates.map((c) => `• **${escapeText(c.name)}**: ${escapeText(c.description)}`).join('\n');
    return embed
      .setColor(COLOR.info)
      .setTitle(truncate(`Several people match “${result.query}”`, LIMITS.embedTitle))
      .setDescription(truncate(`${list}\n\nPick one from the menu below.`, LIMITS.embedDescription));
  }
  if (result.status === 'not_found' || !result.person) {
    const hint = result.candidates.length
      ? `\nDid you mean: ${result.candidates.map((c) => `**${escapeText(c.name)}**`).join(', ')}? (buttons below)`
      : '\nTry `/who` with a name from the autocomplete list.';
    return embed
      .setColor(COLOR.none)
      .setTitle(truncate(`No “${result.query}” in the articles`, LIMITS.embedTitle))
      .setDescription(truncate(`No one by that name appears in the articles.${hint}`, LIMITS.embedDescription));
  }
  const p = result.person;
  const header = [
    p.roles.length ? `**Described as:** ${escapeText(p.roles.slice(0, 3).join('; '))}` : '',
    p.aliases.length ? `**Also written:** ${escapeText(p.aliases.join(', '))}` : '',
    `**In ${counted(p.articles.length, 'article')}**`,
  ]
    .filter(Boolean)
    .map((line) => truncate(line, 600))
    .join('\n');
  const items = p.excerpts.map((e, i) => ({ quote: e.quote, cite: citationLine(i + 1, e.article, e.paragraph) }));
  return embed
    .setColor(COLOR.person)
    .setTitle(truncate(p.name, LIMITS.embedTitle))
    .setDescription(`${header}\n\n${quotedList(items, LIMITS.embedDescription - header.length - 300)}`);
}

export const SOURCES_PER_PAGE = 5;

/** Articles by date (undated last), then title. */
export function sourcesPages(count: number): number {
  return Math.max(1, Math.ceil(count / SOURCES_PER_PAGE));
}

/** `sources` in the order `Dossier.sources()` gives them (oldest first). */
export function sourcesEmbed(sources: SourceSummary[], page: number): EmbedBuilder {
  const pages = sourcesPages(sources.length);
  const current = Math.min(Math.max(1, page), pages);
  const slice = sources.slice((current - 1) * SOURCES_PER_PAGE, current * SOURCES_PER_PAGE);
  const lines = slice.map((s, i) => {
    const n = (current - 1) * SOURCES_PER_PAGE + i + 1;
    const title = escapeText(truncate(s.title, 200)).replace(/[[\]]/g, '');
    return `**${n}.** ${s.url ? `[${title}](<${s.url}>)` : title}\n${escapeText(outletName(s))} · ${dateShown(s)} · ${s.passages} passages`;
  });
  const dates = sources.map((s) => s.date).filter((d): d is string => !!d);
  const range = dates.length ? ` · ${dates[0]}${dates.at(-1) !== dates[0] ? ` to ${dates.at(-1)}` : ''}` : '';
  return new EmbedBuilder()
    .setColor(COLOR.info)
    .setTitle(`The articles (${sources.length})${range}`)
    .setDescription(truncate(lines.join('\n\n'), LIMITS.embedDescription))
    .setFooter({ text: `Page ${current} of ${pages} · by date · Dossier quotes only these articles` });
}

export function helpEmbed(topics: string, maxQuestionChars: number, suggestions: string[] = []): EmbedBuilder {
  return new EmbedBuilder()
    .setColor(COLOR.info)
    .setTitle('Dossier: answers in the articles’ own words')
    .setDescription(
      truncate(
        [
          `I answer questions about ${escapeText(topics)}.`,
          'Every answer is a set of **exact quotes** with their source (title, outlet, date, paragraph). I never paraphrase, and when the articles don’t answer, I say so.',
          '',
          '`/ask question:` ask anything about the articles',
          '`/who name:` what the articles say about a person (with spelling variants)',
          '`/sources` the articles I have read',
          // The example is about these articles (a suggestion drawn from their names), not the default corpus.
          `or mention me: \`@Dossier ${(suggestions[0] ?? 'who is …?').replace(/`/g, "'")}\``,
          '',
          '**Conversations:** reply to one of my answers (or write in its thread) to follow up: "and his brother?" ' +
            'Buttons under an answer: **More** excerpts, the **full paragraph** of a quote, 👍 / 👎. ' +
            'On any message: *Apps → Check in articles*.',
          '',
          ...(suggestions.length ? ['**Try:**', ...suggestions.map((q) => `• ${escapeText(q)}`), ''] : []),
          `Questions up to ${maxQuestionChars} characters. Names, places and events work best.`,
        ].join('\n'),
        LIMITS.embedDescription,
      ),
    );
}
