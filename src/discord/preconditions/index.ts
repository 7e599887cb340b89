import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.ts';
import { questionProblem } from '../../answer/question.ts';
import { exampleQuestion, questionProblemMessage } from '../../messages.ts';

/** Why an interaction is refused, Sapphire-style: an identifier for logs and tests, and words for the user. */
export interface Refusal {
  identifier: 'question_empty' | 'question_too_long' | 'cooldown' | 'manage_server';
  message: string;
}

/** A check a command declares; it runs before the command, in order, and must be cheap (no engine work). */
export type Precondition<I = ChatInputCommandInteraction> = (interaction: I, ctx: BotContext) => Refusal | null;

export function questionRefusal(question: string, ctx: BotContext): Refusal | null {
  const max = ctx.dossier.settings.maxQuestionChars;
  const problem = questionProblem(question, max);
  return problem
    ? {
        identifier: problem === 'empty' ? 'question_empty' : 'question_too_long',
        message: questionProblemMessage(problem, question, max, exampleQuestion(ctx.dossier.completeName('', 1))),
      }
    : null;
}

/** Takes the user's turn when there is no wait, so run it last. */
export function cooldownRefusal(userId: string, ctx: BotContext): Refusal | null {
  const wait = ctx.cooldowns.take(userId);
  return wait > 0
    ? {
        identifier: 'cooldown',
        message: `You're asking quickly — please wait ${Math.ceil(wait / 1000)} s before the next question.`,
      }
    : null;
}

export const cooldown: Precondition<{ user: { id: string } }> = (interaction, ctx) =>
  cooldownRefusal(interaction.user.id, ctx);

/** The text of a string option is a question: not empty, not too long. */
export const questionOption =
  (name: string): Precondition =>
  (interaction, ctx) =>
    questionRefusal(interaction.options.getString(name, true), ctx);

/** The first refusal of a list of checks, or null when all pass. */
export function firstRefusal<I>(
  checks: ReadonlyArray<Precondition<I>>,
  interaction: I,
  ctx: BotContext,
): Refusal | null {
  for (const check of checks) {
    const refusal = check(interaction, ctx);
    if (refusal) return refusal;
  }
  return null;
}
