import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.ts';
import { cooldown, questionOption } from '../preconditions/index.ts';
import { answerMessage, BUSY } from '../replies.ts';
import { QueueFullError } from '../queue.ts';
import { truncate } from '../limits.ts';
import { rememberTurn } from '../conversation.ts';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask the articles a question; get exact quotes with their sources')
  .addStringOption((option) =>
    option
      .setName('question')
      .setDescription('Your question, e.g. Who leads the NRF?')
      .setRequired(true)
      .setMaxLength(500),
  )
  .addBooleanOption((option) => option.setName('private').setDescription('Only you see the answer'))
  .addBooleanOption((option) => option.setName('thread').setDescription('Open a thread for follow-up questions'));

export const preconditions = [questionOption('question'), cooldown];

export const THREAD_NOT_PRIVATE = 'A private answer cannot start a thread; ask without `private` to open one.';

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const question = interaction.options.getString('question', true);
  const hidden = interaction.options.getBoolean('private') ?? false;
  const thread = interaction.options.getBoolean('thread') ?? false;
  // Acknowledge before any engine work: answers wait in the queue, acknowledgements never do.
  await ctx.queue.acknowledge(interaction.deferReply(hidden ? { flags: MessageFlags.Ephemeral } : {}));
  let result;
  try {
    result = await ctx.queue.run(() =>
      answerMessage(
        { question, via: '/ask', userId: interaction.user.id, visibility: hidden ? 'private' : 'public' },
        ctx,
      ),
    );
  } catch (error) {
    if (!(error instanceof QueueFullError)) throw error;
    return void (await interaction.editReply({ content: BUSY }));
  }
  const message = await interaction.editReply(result.body);
  if (!thread) return;
  if (hidden)
    return void (await interaction.followUp({
      content: THREAD_NOT_PRIVATE,
      flags: MessageFlags.Ephemeral,
      allowedMentions: result.body.allowedMentions,
    }));
  // The thread grows from the answer: follow-ups written in it are read against the thread's last answer.
  const started = await message.startThread({ name: truncate(result.answer.question, 100), autoArchiveDuration: 1440 });
  rememberTurn(ctx, started.id, {
    question: result.answer.question,
    answer: result.body.embeds[0]?.data.description ?? '',
  });
  ctx.log.info({ via: '/ask', thread: started.id }, 'thread opened');
}
