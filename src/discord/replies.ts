import { MessageFlags, type InteractionReplyOptions } from 'discord.js';
import type { BotContext } from './context.ts';
import { NO_PINGS } from './context.ts';
import { answerEmbed } from './render.ts';
import { corpusTopics, questionProblemMessage } from '../messages.ts';
import { questionProblem } from '../answer/question.ts';

/** A short private notice (cooldown, bad input, failure): only the asker sees it. */
export function notice(content: string): InteractionReplyOptions & { flags: MessageFlags.Ephemeral } {
  return { content, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS };
}

/** Why a question can't be taken now, or null. Shared by /ask and mentions. */
export function refuseQuestion(question: string, userId: string, ctx: BotContext): string | null {
  const max = ctx.dossier.settings.maxQuestionChars;
  const problem = questionProblem(question, max);
  if (problem) return questionProblemMessage(problem, question, max);
  const wait = ctx.cooldowns.take(userId);
  if (wait > 0) return `You're asking quickly — please wait ${Math.ceil(wait / 1000)} s before the next question.`;
  return null;
}

/** The answer to a question as a message body, with latency logged. */
export async function answerMessage(question: string, ctx: BotContext, via: string, userId: string) {
  const answer = await ctx.dossier.ask(question);
  ctx.log.info({ via, user: userId, ms: answer.ms, answered: answer.answered, excerpts: answer.excerpts.length }, 'answered');
  const embed = answerEmbed(answer, ctx.dossier.settings.maxQuestionChars, corpusTopics(ctx.dossier.articles));
  return { embeds: [embed], allowedMentions: NO_PINGS };
}
