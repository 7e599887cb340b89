import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { NO_PINGS, type BotContext } from '../context.ts';
import { sourcesEmbed } from '../render.ts';

export const data = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('The articles Dossier quotes from')
  .addIntegerOption((option) => option.setName('page').setDescription('Page number, for long lists').setMinValue(1));

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const page = interaction.options.getInteger('page') ?? 1;
  await interaction.reply({ embeds: [sourcesEmbed(ctx.dossier.sources(), page)], allowedMentions: NO_PINGS });
}
