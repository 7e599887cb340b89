import type { MessageComponentInteraction } from 'discord.js';
import { NO_PINGS, type BotContext, type Component } from '../context.ts';
import { parseSourcesId } from '../ids.ts';
import { sourcesEmbed, sourcesPages } from '../render.ts';
import { sourcesButtons } from '../buttons.ts';

export function sourcesMessage(ctx: BotContext, requested: number) {
  const sources = ctx.dossier.sources();
  const pages = sourcesPages(sources.length);
  const page = Math.min(Math.max(1, requested), pages);
  return { embeds: [sourcesEmbed(sources, page)], components: sourcesButtons(page, pages), allowedMentions: NO_PINGS };
}

/** /sources Previous / Next: the list pages in place. */
export const sourcesPage: Component<{ page: number }> = {
  parse: parseSourcesId,
  async run(interaction: MessageComponentInteraction, id: { page: number }, ctx: BotContext) {
    await interaction.update(sourcesMessage(ctx, id.page));
  },
};
