import type { MessageComponentInteraction } from 'discord.js';
import { NO_PINGS, type BotContext, type Component } from '../context.ts';
import { parseWhoId } from '../ids.ts';
import { notice } from '../replies.ts';
import { profileEmbed } from '../render.ts';
import { whoComponents } from '../buttons.ts';
import { rememberPerson } from '../conversation.ts';

/** /who's menu of people sharing a name, and its "did you mean" buttons: the chosen profile replaces the list. */
export const whoPick: Component<{ name: string | null }> = {
  parse: parseWhoId,
  async run(interaction: MessageComponentInteraction, id: { name: string | null }, ctx: BotContext) {
    const name = id.name ?? (interaction.isStringSelectMenu() ? interaction.values[0] : undefined);
    if (!name) return void (await interaction.reply(notice('Pick a name from the list.')));
    const result = ctx.dossier.who(name);
    ctx.log.info({ via: 'who menu', status: result.status }, 'who');
    const embed = profileEmbed(result);
    await interaction.update({ embeds: [embed], components: whoComponents(result), allowedMentions: NO_PINGS });
    rememberPerson(ctx, interaction.channel, result.person?.name, embed.data.description);
  },
};
