import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import type { BotContext } from '../context.ts';
import { cooldown } from '../preconditions/index.ts';
import { answerMessage, BUSY, notice } from '../replies.ts';
import { QueueFullError } from '../queue.ts';
import { plainText } from '../conversation.ts';
import { truncate } from '../limits.ts';
import { checkNotCovered, checkTitle } from '../../messages.ts';

/** "Apps → Check in articles" on any message: its text as a claim or question, answered from the articles. */
export const data = new ContextMenuCommandBuilder()
  .setName('Check in articles')
  .setType(ApplicationCommandType.Message);

export const preconditions = [cooldown];

export const NOTHING_TO_CHECK = 'That message has no text to check.';

export async function execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void> {
  const target = interaction.targetMessage;
  // Mentions are dropped from what is searched; the title shows the words, which never ping (embeds can't).
  const claim = truncate(
    plainText(target.content || target.embeds[0]?.description || ''),
    ctx.dossier.settings.maxQuestionChars,
  );
  if (!/[\p{L}\p{N}]/u.test(claim)) return void (await interaction.reply(notice(NOTHING_TO_CHECK)));
  await interaction.deferReply();
  try {
    const result = await ctx.queue.run(() =>
      answerMessage(
        {
          question: claim,
          via: 'check',
          userId: interaction.user.id,
          title: checkTitle(claim),
          notCovered: checkNotCovered(),
        },
        ctx,
      ),
    );
    await interaction.editReply(result.body);
  } catch (error) {
    if (!(error instanceof QueueFullError)) throw error;
    await interaction.editReply({ content: BUSY });
  }
}
