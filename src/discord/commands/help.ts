import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { NO_PINGS, type BotContext } from '../context.ts';
import { helpEmbed } from '../render.ts';
import { corpusTopics } from '../../messages.ts';

export const data = new SlashCommandBuilder().setName('help').setDescription('What Dossier knows and how to ask');

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const embed = helpEmbed(corpusTopics(ctx.dossier.articles), ctx.dossier.settings.maxQuestionChars);
  await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
}
