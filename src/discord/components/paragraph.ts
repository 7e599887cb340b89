import { MessageFlags, type MessageComponentInteraction } from 'discord.js';
import { NO_PINGS, type BotContext, type Component } from '../context.ts';
import { parseParagraphId, type ParagraphId } from '../ids.ts';
import { notice, STALE_COMPONENT } from '../replies.ts';
import { paragraphEmbed } from '../render.ts';

/** "Full ¶": the whole paragraph a quote came from, with the one before and after, for the clicker only. */
export const paragraph: Component<ParagraphId> = {
  parse: parseParagraphId,
  async run(interaction: MessageComponentInteraction, id: ParagraphId, ctx: BotContext) {
    const view = ctx.dossier.paragraph(id.articleId, id.paragraph);
    if (!view) return void (await interaction.reply(notice(STALE_COMPONENT)));
    await interaction.reply({
      embeds: [paragraphEmbed(view)],
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_PINGS,
    });
  },
};
