import type { MessageComponentInteraction } from 'discord.js';
import type { BotContext, Component } from '../context.ts';
import { parseParagraphId, parseVoteId, type VoteId } from '../ids.ts';
import { notice, STALE_COMPONENT } from '../replies.ts';
import { recallAnswer } from './recall.ts';

/** The passages an answer message quoted, read from its "Full ¶" buttons (what this user actually saw). */
function excerptIdsOn(interaction: MessageComponentInteraction, fallback: string[]): string[] {
  const ids: string[] = [];
  for (const row of interaction.message.components ?? []) {
    for (const component of ('components' in row ? row.components : []) as Array<{ customId?: string | null }>) {
      const para = parseParagraphId(component.customId ?? '');
      if (para) ids.push(para.passageId);
    }
  }
  return ids.length ? ids : fallback;
}

/** 👍 / 👎: one vote per user per answer, kept durably; clicking again changes it. */
export const vote: Component<VoteId> = {
  parse: parseVoteId,
  async run(interaction: MessageComponentInteraction, id: VoteId, ctx: BotContext) {
    const record = recallAnswer(id.key, interaction.message, ctx);
    if (!record) return void (await interaction.reply(notice(STALE_COMPONENT)));
    const user = ctx.store.hashUser(interaction.user.id);
    const before = (await ctx.store.votes()).find((v) => v.answerKey === id.key && v.user === user);
    await ctx.store.record({
      answerKey: id.key,
      question: record.question,
      excerptIds: excerptIdsOn(interaction, record.shown),
      shown: interaction.message.embeds[0]?.description ?? interaction.message.content ?? '',
      vote: id.vote,
      guild: interaction.guildId,
      user,
      time: new Date().toISOString(),
    });
    ctx.log.info(
      { via: 'vote', vote: id.vote, answer: id.key, changed: !!before && before.vote !== id.vote },
      'feedback',
    );
    const thanks =
      before && before.vote !== id.vote
        ? `Changed your vote to ${id.vote === 'up' ? '👍' : '👎'}. Thanks!`
        : `Thanks for the ${id.vote === 'up' ? '👍' : '👎'} — it helps improve the answers. Click the other one to change it.`;
    await interaction.reply(notice(thanks));
  },
};
