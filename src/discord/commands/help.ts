import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { NO_PINGS, type BotContext } from '../context.ts';
import { helpEmbed } from '../render.ts';
import { corpusTopics, suggestQuestions } from '../../messages.ts';
import { followUps } from '../lazy.ts';

export const data = new SlashCommandBuilder().setName('help').setDescription('What Dossier knows and how to ask');

let cached: { articles: unknown; questions: string[] } | null = null;

/** A few questions drawn from the corpus: its most-named people, and the places its opening paragraphs name. */
export async function suggestedQuestions(ctx: BotContext): Promise<string[]> {
  if (cached?.articles === ctx.dossier.articles) return cached.questions;
  const { placesNamed } = await followUps();
  const leads = ctx.dossier.articles.flatMap((a) =>
    [1, 2].map((n) => ctx.dossier.paragraph(a.id, n, 0)?.paragraphs[0]?.text ?? ''),
  );
  const questions = suggestQuestions(ctx.dossier.completeName('', 3), placesNamed(leads, 2));
  cached = { articles: ctx.dossier.articles, questions };
  return questions;
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const embed = helpEmbed(
    corpusTopics(ctx.dossier.articles),
    ctx.dossier.settings.maxQuestionChars,
    await suggestedQuestions(ctx),
  );
  await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
}
