import { MessageFlags, type InteractionReplyOptions, type RepliableInteraction } from 'discord.js';
import type { BotContext } from './context.ts';
import { NO_PINGS } from './context.ts';
import { answerEmbed } from './render.ts';
import { corpusTopics } from '../messages.ts';

/** A short private notice (cooldown, bad input, failure): only the asker sees it. */
export function notice(content: string): InteractionReplyOptions & { flags: MessageFlags.Ephemeral } {
  return { content, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS };
}

/**
 * Tells the user something went wrong in the way the interaction still allows: a private reply, or a follow-up
 * once it was acknowledged. Never throws (the interaction may have expired).
 */
export async function replyWithNotice(interaction: RepliableInteraction, content: string): Promise<void> {
  const message = notice(content);
  await (interaction.deferred || interaction.replied ? interaction.followUp(message) : interaction.reply(message)).catch(() => undefined);
}

export const SORRY = 'Sorry, something went wrong while answering. It has been logged; please try again.';
export const BUSY = "I'm answering a lot of questions right now — please ask again in a minute.";

/** The answer to a question as a message body, with latency logged (latency stays out of what users see). */
export async function answerMessage(question: string, ctx: BotContext, via: string, userId: string) {
  const answer = await ctx.dossier.ask(question);
  ctx.log.info({ via, user: userId, ms: answer.ms, answered: answer.answered, excerpts: answer.excerpts.length }, 'answered');
  const embed = answerEmbed(answer, ctx.dossier.settings.maxQuestionChars, corpusTopics(ctx.dossier.articles));
  return { embeds: [embed], allowedMentions: NO_PINGS };
}
