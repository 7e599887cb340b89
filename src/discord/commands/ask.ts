import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.ts';
import { answerMessage, notice, refuseQuestion } from '../replies.ts';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask the articles a question; get exact quotes with their sources')
  .addStringOption((option) => option.setName('question').setDescription('Your question, e.g. Who leads the NRF?').setRequired(true).setMaxLength(500));

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const question = interaction.options.getString('question', true);
  const refusal = refuseQuestion(question, interaction.user.id, ctx);
  if (refusal) return void (await interaction.reply(notice(refusal)));
  // Embedding and search can outlast Discord's 3-second deadline on a cold start: acknowledge first.
  await interaction.deferReply();
  await interaction.editReply(await answerMessage(question, ctx, '/ask', interaction.user.id));
}
