import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.ts';
import { cooldown, questionOption } from '../preconditions/index.ts';
import { answerMessage, BUSY } from '../replies.ts';
import { QueueFullError } from '../queue.ts';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask the articles a question; get exact quotes with their sources')
  .addStringOption((option) => option.setName('question').setDescription('Your question, e.g. Who leads the NRF?').setRequired(true).setMaxLength(500));

export const preconditions = [questionOption('question'), cooldown];

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const question = interaction.options.getString('question', true);
  // Acknowledge before any engine work: answers wait in the queue, acknowledgements never do.
  await ctx.queue.acknowledge(interaction.deferReply());
  try {
    await interaction.editReply(await ctx.queue.run(() => answerMessage(question, ctx, '/ask', interaction.user.id)));
  } catch (error) {
    if (!(error instanceof QueueFullError)) throw error;
    await interaction.editReply({ content: BUSY });
  }
}
