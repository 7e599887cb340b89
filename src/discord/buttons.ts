import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  StringSelectMenuBuilder,
  type MessageActionRowComponentBuilder,
} from 'discord.js';
import type { Excerpt } from '../answer/types.ts';
import type { WhoResult } from '../people/profile.ts';
import { LIMITS, truncate } from './limits.ts';
import { moreId, paragraphId, sourcesId, voteId, WHO_PICK, whoNameId, type Visibility } from './ids.ts';
import { numberArticles } from './render.ts';
import { paragraphLabel } from '../messages.ts';

/** Pure: the buttons and menus under the bot's messages, within Discord's limits (5 rows of 5). */

type Row = ActionRowBuilder<MessageActionRowComponentBuilder>;
const row = (...components: MessageActionRowComponentBuilder[]): Row =>
  new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(...components);

export interface AnswerButtons {
  key: string;
  excerpts: Excerpt[];
  /** The page these excerpts are; More shows the next. */
  page: number;
  hasMore: boolean;
  visibility: Visibility;
}

/** More, 👍, 👎; then "Full ¶" for each quote. */
export function answerButtons({ key, excerpts, page, hasMore, visibility }: AnswerButtons): Row[] {
  const first = [
    ...(hasMore
      ? [
          new ButtonBuilder()
            .setCustomId(moreId({ key, page: page + 1, visibility }))
            .setLabel('More')
            .setStyle(ButtonStyle.Primary),
        ]
      : []),
    new ButtonBuilder()
      .setCustomId(voteId({ key, vote: 'up' }))
      .setEmoji('👍')
      .setStyle(ButtonStyle.Secondary),
    new ButtonBuilder()
      .setCustomId(voteId({ key, vote: 'down' }))
      .setEmoji('👎')
      .setStyle(ButtonStyle.Secondary),
  ];
  const { numberOf } = numberArticles(excerpts);
  const seen = new Set<string>();
  const paragraphs = excerpts.flatMap((e) => {
    const id = paragraphId(e.passageId, e.paragraph);
    if (!id || seen.has(id)) return [];
    seen.add(id);
    return [
      new ButtonBuilder()
        .setCustomId(id)
        .setLabel(truncate(`Full ${paragraphLabel(e.paragraph)} [${numberOf(e)}]`, LIMITS.buttonLabel))
        .setStyle(ButtonStyle.Secondary),
    ];
  });
  return [row(...first), ...(paragraphs.length ? [row(...paragraphs.slice(0, 5))] : [])];
}

/** Several people share the name: a menu to pick one. A near miss: "did you mean" buttons. */
export function whoComponents(result: WhoResult): Row[] {
  if (result.status === 'ambiguous' && result.candidates.length) {
    const menu = new StringSelectMenuBuilder()
      .setCustomId(WHO_PICK)
      .setPlaceholder('Which one?')
      .addOptions(
        result.candidates.slice(0, LIMITS.selectOptions).map((c) => ({
          label: truncate(c.name, LIMITS.selectOption),
          value: truncate(c.name, LIMITS.selectOption),
          description: truncate(c.description, LIMITS.selectOption),
        })),
      );
    return [row(menu)];
  }
  if (result.status === 'not_found' && result.candidates.length) {
    return [
      row(
        ...result.candidates.slice(0, 5).map((c) =>
          new ButtonBuilder()
            .setCustomId(whoNameId(c.name))
            .setLabel(truncate(`Did you mean ${c.name}?`, LIMITS.buttonLabel))
            .setStyle(ButtonStyle.Secondary),
        ),
      ),
    ];
  }
  return [];
}

export function sourcesButtons(page: number, pages: number): Row[] {
  if (pages <= 1) return [];
  return [
    row(
      new ButtonBuilder()
        .setCustomId(sourcesId('prev', Math.max(1, page - 1)))
        .setLabel('Previous')
        .setStyle(ButtonStyle.Secondary)
        .setDisabled(page <= 1),
      new ButtonBuilder()
        .setCustomId(sourcesId('next', Math.min(pages, page + 1)))
        .setLabel('Next')
        .setStyle(ButtonStyle.Secondary)
        .setDisabled(page >= pages),
    ),
  ];
}
