import { MessageFlags, type InteractionReplyOptions, type RepliableInteraction } from 'discord.js';
import type { BotContext } from './context.ts';
import { NO_PINGS } from './context.ts';
import { answerEmbed, type AnswerView } from './render.ts';
import { answerButtons } from './buttons.ts';
import type { Visibility } from './ids.ts';
import { corpusTopics } from '../messages.ts';
import { answerKey } from '../store/feedback.ts';
import type { Answer, Excerpt } from '../answer/types.ts';

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
  await (
    interaction.deferred || interaction.replied ? interaction.followUp(message) : interaction.reply(message)
  ).catch(() => undefined);
}

export const SORRY = 'Sorry, something went wrong while answering. It has been logged; please try again.';
export const BUSY = "I'm answering a lot of questions right now — please ask again in a minute.";
export const STALE_COMPONENT = 'That button belongs to an answer I can no longer find. Ask again with /ask.';
export const INDEX_CHANGED =
  'The articles have been updated since this answer, so its next excerpts may have moved. Please ask again with /ask.';
export const NO_MORE = 'That was everything the articles say on this: there are no further excerpts.';

export interface AnswerRequest extends AnswerView {
  question: string;
  /** Where it came from, for the logs: '/ask', 'mention', 'follow-up', 'More'… */
  via: string;
  userId: string;
  visibility?: Visibility;
}

export interface AnswerPage {
  body: {
    embeds: ReturnType<typeof answerEmbed>[];
    components: ReturnType<typeof answerButtons>;
    allowedMentions: typeof NO_PINGS;
  };
  answer: Answer;
  key: string;
  /** Passage ids of the first page: what the index gave when the answer was first shown. */
  firstPage: string[];
  excerpts: Excerpt[];
}

/**
 * One page of an answer (page 1 is the answer; More asks for the next ones): the engine is deterministic for an
 * index, so asking for more excerpts returns the earlier ones first, and a page shows only what no earlier page
 * showed. Latency is logged, never shown.
 */
export async function answerPage(request: AnswerRequest, ctx: BotContext): Promise<AnswerPage> {
  const page = request.page ?? 1;
  const per = ctx.dossier.settings.maxExcerpts;
  // One more than the page holds, to know whether "More" has anything to show.
  const full = await ctx.dossier.ask(request.question, { maxExcerpts: per * page + 1 });
  const earlier = full.excerpts.slice(0, per * (page - 1));
  const seen = new Set(earlier.flatMap((e) => [e.passageId, e.quote]));
  const excerpts = full.excerpts
    .slice(per * (page - 1), per * page)
    .filter((e) => !seen.has(e.passageId) && !seen.has(e.quote));
  const answer: Answer = { ...full, excerpts, ...(page > 1 ? { disagreements: undefined } : {}) };
  const key = answerKey(full.question);
  const firstPage = full.excerpts.slice(0, per).map((e) => e.passageId);
  ctx.log.info(
    {
      via: request.via,
      user: request.userId,
      ms: full.ms,
      answered: full.answered,
      excerpts: excerpts.length,
      page,
      disagreements: answer.disagreements?.length ?? 0,
    },
    'answered',
  );
  const embed = answerEmbed(answer, ctx.dossier.settings.maxQuestionChars, corpusTopics(ctx.dossier.articles), request);
  const components = answerButtons({
    key,
    excerpts: full.answered ? excerpts : [],
    page,
    hasMore: full.answered && full.excerpts.length > per * page,
    visibility: request.visibility ?? 'public',
  });
  return { body: { embeds: [embed], components, allowedMentions: NO_PINGS }, answer, key, firstPage, excerpts };
}

/** The answer to a question as a message body; the question is remembered so its buttons outlive a restart. */
export async function answerMessage(request: AnswerRequest, ctx: BotContext): Promise<AnswerPage> {
  const result = await answerPage({ ...request, page: 1 }, ctx);
  await ctx.store.remember({
    key: result.key,
    question: result.answer.question,
    shown: result.firstPage,
    time: new Date().toISOString(),
  });
  return result;
}
