import { MessageFlags, type MessageComponentInteraction } from 'discord.js';
import type { BotContext, Component } from '../context.ts';
import { parseMoreId, type MoreId } from '../ids.ts';
import { answerPage, BUSY, INDEX_CHANGED, NO_MORE, notice, STALE_COMPONENT } from '../replies.ts';
import { QueueFullError } from '../queue.ts';
import { recallAnswer } from './recall.ts';

/** "More": the next excerpts of an answer, in the same format, with no excerpt an earlier page showed. */
export const more: Component<MoreId> = {
  parse: parseMoreId,
  async run(interaction: MessageComponentInteraction, id: MoreId, ctx: BotContext) {
    const record = recallAnswer(id.key, interaction.message, ctx);
    if (!record) return void (await interaction.reply(notice(STALE_COMPONENT)));
    await interaction.deferReply(id.visibility === 'private' ? { flags: MessageFlags.Ephemeral } : {});
    try {
      const page = await ctx.queue.run(() =>
        answerPage(
          {
            question: record.question,
            via: 'More',
            userId: interaction.user.id,
            page: id.page,
            visibility: id.visibility,
          },
          ctx,
        ),
      );
      // Another index generation: the first page is no longer what the user saw, so "next" means nothing.
      if (record.shown.length && record.shown.join() !== page.firstPage.join())
        return void (await interaction.editReply({
          content: INDEX_CHANGED,
          allowedMentions: page.body.allowedMentions,
        }));
      if (!page.excerpts.length)
        return void (await interaction.editReply({ content: NO_MORE, allowedMentions: page.body.allowedMentions }));
      await interaction.editReply(page.body);
    } catch (error) {
      if (!(error instanceof QueueFullError)) throw error;
      await interaction.editReply({ content: BUSY });
    }
  },
};
