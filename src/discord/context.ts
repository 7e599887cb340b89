import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  ContextMenuCommandBuilder,
  MessageComponentInteraction,
  MessageContextMenuCommandInteraction,
  MessageMentionOptions,
  SlashCommandOptionsOnlyBuilder,
} from 'discord.js';
import type { Logger } from 'pino';
import type { Dossier } from '../dossier.ts';
import type { Cooldowns } from './cooldown.ts';
import type { WorkQueue } from './queue.ts';
import type { Precondition } from './preconditions/index.ts';
import type { AnswerLog, FeedbackStore } from '../store/feedback.ts';
import type { Turn } from '../answer/followup.ts';

/** What every handler gets: the engine, the rate limiter, the queue for engine work and a logger. */
export interface BotContext {
  dossier: Pick<
    Dossier,
    'ask' | 'who' | 'sources' | 'completeName' | 'articles' | 'settings' | 'paragraph' | 'reindex'
  >;
  cooldowns: Cooldowns;
  log: Logger;
  /** Bounds concurrent engine work, so acknowledgements never wait behind answers. */
  queue: WorkQueue;
  /** Votes, and the questions behind answers (so their buttons work after a restart). */
  store: FeedbackStore & AnswerLog;
  /** The last turn of each conversation thread, by thread id (the thread's first message is the fallback). */
  threads: Map<string, Turn>;
}

/** The discord.js guide's command module: a definition and its handler. */
export interface Command {
  data: SlashCommandOptionsOnlyBuilder;
  /** Checks run before `execute`, in order; the first refusal is sent privately. */
  preconditions?: Precondition[];
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

/** A message context-menu command ("Apps > …" on a message). */
export interface MessageMenuCommand {
  data: ContextMenuCommandBuilder;
  preconditions?: Array<Precondition<MessageContextMenuCommandInteraction>>;
  execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void>;
}

/**
 * A button or select menu, Sapphire-style: `parse` reads everything it needs from the custom id (so it keeps
 * working after a restart) or returns null when the id is not its own; `run` handles it.
 */
export interface Component<T = unknown> {
  parse(customId: string): T | null;
  run(interaction: MessageComponentInteraction, parsed: T, ctx: BotContext): Promise<void>;
}

/** Nothing the bot sends may ping anyone: not @everyone, @here, roles, users, nor the asker. */
export const NO_PINGS: MessageMentionOptions = { parse: [], users: [], roles: [], repliedUser: false };
