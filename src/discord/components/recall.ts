import type { Message } from 'discord.js';
import type { BotContext } from '../context.ts';
import { answerKey, type AnswerRecord } from '../../store/feedback.ts';
import { parseMoreId, parseVoteId } from '../ids.ts';

/** The answer's title is its question; "(more, page n)" is added to later pages. */
export const questionFromTitle = (title: string | null | undefined) =>
  title?.replace(/ \(more, page \d+\)$/, '').replace(/…$/, '') ?? '';

/**
 * The question behind an answer key: from the answer log, or else from the answer message's own title when its
 * hash matches (the log may have been lost; the message never is). Undefined when neither knows it.
 */
export function recallAnswer(
  key: string,
  message: Pick<Message, 'embeds'> | null,
  ctx: BotContext,
): AnswerRecord | undefined {
  const known = ctx.store.recall(key);
  if (known) return known;
  const title = questionFromTitle(message?.embeds[0]?.title);
  return title && answerKey(title) === key ? { key, question: title, shown: [], time: '' } : undefined;
}

/** The answer key on a bot message, read from its buttons. */
export function keyOfMessage(message: Pick<Message, 'components'>): string | null {
  for (const row of message.components ?? []) {
    for (const component of ('components' in row ? row.components : []) as Array<{ customId?: string | null }>) {
      const id = component.customId ?? '';
      const key = parseVoteId(id)?.key ?? parseMoreId(id)?.key;
      if (key) return key;
    }
  }
  return null;
}
