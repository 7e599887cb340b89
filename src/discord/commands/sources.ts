import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.ts';
import { sourcesMessage } from '../components/sources.ts';

export const data = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('The articles Dossier quotes from, by date')
  .addIntegerOption((option) => option.setName('page').setDescription('Page number, for long lists').setMinValue(1));

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await interaction.reply(sourcesMessage(ctx, interaction.options.getInteger('page') ?? 1));
}
