import { EmbedBuilder, escapeMarkdown } from 'discord.js';
import type { Answer, Excerpt } from '../answer/types.ts';
import type { ArticleMeta } from '../corpus/articles.ts';
import type { SourceSummary } from '../dossier.ts';
import type { WhoResult } from '../people/profile.ts';
import { notAnsweredMessage, paragraphLabel } from '../messages.ts';
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
  return `**[${n}]** ${linked} · ${escapeText(article.outlet ?? 'outlet unknown')} · ${article.date ?? 'date unknown'} · ${paragraphLabel(paragraph, lastParagraph)}`;
}

/** Quotes with citations, each quote shortened (at a word, with "…") only if all of them can't fit. */
function quotedList(items: Array<{ quote: string; cite: string }>, budget: number): string {
  const fixed = items.reduce((n, i) => n + i.cite.length + 6, 0);
  const perQuote = Math.max(40, Math.floor((budget - fixed) / Math.max(1, items.length)));
  const text = items.map((i) => `${blockQuote(truncate(i.quote, perQuote))}\n${i.cite}`).join('\n\n');
  return truncate(text, budget);
}

export function answerEmbed(answer: Answer, maxQuestionChars: number, topics: string): EmbedBuilder {
  const embed = new EmbedBuilder().setTitle(truncate(answer.question || 'Question', LIMITS.embedTitle));
  if (!answer.answered) {
    return embed.setColor(COLOR.none).setDescription(truncate(notAnsweredMessage(answer, maxQuestionChars, topics), LIMITS.embedDescription));
  }
  const items = answer.excerpts.map((e: Excerpt, i) => ({ quote: e.quote, cite: citationLine(i + 1, e.article, e.paragraph, e.lastParagraph) }));
  const articles = new Set(answer.excerpts.map((e) => e.article.id)).size;
  return embed
    .setColor(COLOR.answer)
    .setDescription(quotedList(items, LIMITS.embedDescription - 200))
    .setFooter({ text: `Exact quotes from ${articles} article${articles === 1 ? '' : 's'} · ${Math.round(answer.ms)} ms` });
}

export function profileEmbed(result: WhoResult): EmbedBuilder {
  const embed = new EmbedBuilder();
  if (result.status === 'ambiguous') {
    const list = result.candidates.map((c) => `• **${escapeText(c.name)}**: ${escapeText(c.description)}`).join('\n');
    return embed
      .setColor(COLOR.info)
      .setTitle(truncate(`Several people match “${result.query}”`, LIMITS.embedTitle))
      .setDescription(truncate(`${list}\n\nPick one with \`/who\` and the full name (autocomplete lists them).`, LIMITS.embedDescription));
  }
  if (result.status === 'not_found' || !result.person) {
    const hint = result.candidates.length ? `\nDid you mean: ${result.candidates.map((c) => `**${escapeText(c.name)}**`).join(', ')}?` : '\nTry `/who` with a name from the autocomplete list.';
    return embed
      .setColor(COLOR.none)
      .setTitle(truncate(`No “${result.query}” in the articles`, LIMITS.embedTitle))
      .setDescription(truncate(`No one by that name appears in the articles.${hint}`, LIMITS.embedDescription));
  }
  const p = result.person;
  const header = [
    p.roles.length ? `**Described as:** ${escapeText(p.roles.slice(0, 3).join('; '))}` : '',
    p.aliases.length ? `**Also written:** ${escapeText(p.aliases.join(', '))}` : '',
    `**In ${p.articles.length} article${p.articles.length === 1 ? '' : 's'}**`,
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

export const SOURCES_PER_PAGE = 10;

export function sourcesEmbed(sources: SourceSummary[], page: number): EmbedBuilder {
  const pages = Math.max(1, Math.ceil(sources.length / SOURCES_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const slice = sources.slice((current - 1) * SOURCES_PER_PAGE, current * SOURCES_PER_PAGE);
  const lines = slice.map((s, i) => {
    const n = (current - 1) * SOURCES_PER_PAGE + i + 1;
    const title = escapeText(truncate(s.title, 200)).replace(/[[\]]/g, '');
    return `**${n}.** ${s.url ? `[${title}](<${s.url}>)` : title}\n${escapeText(s.outlet ?? 'outlet unknown')} · ${s.date ?? 'date unknown'} · ${s.passages} passages`;
  });
  return new EmbedBuilder()
    .setColor(COLOR.info)
    .setTitle(`The articles (${sources.length})`)
    .setDescription(truncate(lines.join('\n\n'), LIMITS.embedDescription))
    .setFooter({ text: pages > 1 ? `Page ${current} of ${pages} · /sources page:<n>` : 'Dossier quotes only these articles' });
}

export function helpEmbed(topics: string, maxQuestionChars: number): EmbedBuilder {
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
          'or mention me: `@Dossier who leads the resistance in Panjshir?`',
          '',
          `Questions up to ${maxQuestionChars} characters. Names, places and events work best.`,
        ].join('\n'),
        LIMITS.embedDescription,
      ),
    );
}
