import type { Message } from 'discord.js';
import type { BotContext } from './context.ts';
import type { Turn } from '../answer/followup.ts';
import { keyOfMessage, questionFromTitle } from './components/recall.ts';
import { LIMITS, truncate } from './limits.ts';

/**
 * Conversations: a reply to one of the bot's answers, or a message in a thread that started from one, is a
 * follow-up to that answer. The previous turn is read back from the answer message itself (its title is the
 * question, its description the quotes), or from the answer log by the key on its buttons.
 */

/** The turn an answer message records, or null when the message is not one of the bot's answers. */
export function turnFromAnswer(
  message: Pick<Message, 'embeds' | 'components' | 'author'>,
  botId: string,
  ctx: BotContext,
): Turn | null {
  if (message.author?.id !== botId) return null;
  const embed = message.embeds[0];
  const key = keyOfMessage(message);
  const logged = key ? ctx.store.recall(key)?.question : undefined;
  const question = logged ?? questionFromTitle(embed?.title);
  if (!question) return null;
  return { question, ...(embed?.description ? { answer: embed.description } : {}) };
}

/** Text a user wrote, without mentions of users, roles, channels, @everyone or @here. */
export function plainText(content: string): string {
  return content
    .replace(/<@[!&]?\d+>|<#\d+>/g, ' ')
    .replace(/@(everyone|here)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface Conversation {
  /** What to ask, as the user wrote it (mention removed); null when the message is not for the bot. */
  text: string | null;
  previous: Turn | null;
  /** Set in a thread: where the next turn is remembered. */
  threadId?: string;
}

/**
 * What a message asks and what it follows up on:
 * - a reply to one of the bot's answers: a follow-up to that answer (with or without a mention);
 * - a mention that replies to someone else's message: that message is the context (or, alone, the question);
 * - a message in a thread that started from one of the bot's answers: a follow-up to the thread's last turn;
 * - a mention anywhere else: a fresh question.
 * Without the Message Content intent Discord only delivers the text of messages that mention the bot (or reply
 * to it), so in threads users mention the bot.
 */
export async function readConversation(
  message: Message,
  mentioned: string | null,
  botId: string,
  ctx: BotContext,
): Promise<Conversation> {
  const written = plainText(message.content);
  if (message.reference?.messageId) {
    const referenced = await message.fetchReference().catch(() => null);
    if (referenced) {
      const turn = turnFromAnswer(referenced, botId, ctx);
      if (turn)
        return {
          text: mentioned ?? (written || null),
          previous: turn,
          ...(message.channel.isThread() ? { threadId: message.channel.id } : {}),
        };
      if (mentioned !== null) {
        const theirs = plainText(referenced.content);
        if (!mentioned) return { text: theirs || null, previous: null };
        return { text: mentioned, previous: theirs ? { question: theirs } : null };
      }
    }
  }
  if (message.channel.isThread()) {
    const thread = message.channel;
    let previous = ctx.threads.get(thread.id) ?? null;
    if (!previous) {
      const starter = await thread.fetchStarterMessage().catch(() => null);
      previous = starter ? turnFromAnswer(starter, botId, ctx) : null;
    }
    if (previous) return { text: mentioned ?? (written || null), previous, threadId: thread.id };
  }
  return { text: mentioned, previous: null };
}

export function followingUp(previous: Turn): string {
  return truncate(`↪ following up on: ${previous.question}`, LIMITS.embedAuthor);
}

/**
 * After a profile card posted in a thread (/who, or a name picked from its menu): "he" in the thread's next message is
 * that person, as in a reply to the card. A list of namesakes or "no one by that name" sets no one.
 */
export function rememberPerson(
  ctx: BotContext,
  channel: { id: string; isThread(): boolean } | null,
  person: string | undefined,
  card: string | undefined,
): void {
  if (channel?.isThread() && person)
    rememberTurn(ctx, channel.id, { question: person, ...(card ? { answer: card } : {}) });
}

const MAX_THREADS = 1000;

/** Remembers a thread's last turn (the oldest threads are forgotten first; their first message still answers). */
export function rememberTurn(ctx: BotContext, threadId: string, turn: Turn): void {
  ctx.threads.delete(threadId);
  ctx.threads.set(threadId, turn);
  if (ctx.threads.size > MAX_THREADS) ctx.threads.delete(ctx.threads.keys().next().value!);
}
