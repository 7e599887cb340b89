import type { AutocompleteInteraction, ChatInputCommandInteraction, MessageMentionOptions, SlashCommandOptionsOnlyBuilder } from 'discord.js';
import type { Logger } from 'pino';
import type { Dossier } from '../dossier.ts';
import type { Cooldowns } from './cooldown.ts';

/** What every command handler gets: the engine, the rate limiter and a logger. */
export interface BotContext {
  dossier: Pick<Dossier, 'ask' | 'who' | 'sources' | 'completeName' | 'articles' | 'settings'>;
  cooldowns: Cooldowns;
  log: Logger;
}

/** The discord.js guide's command module: a definition and its handler. */
export interface Command {
  data: SlashCommandOptionsOnlyBuilder;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

/** Nothing the bot sends may ping anyone: not @everyone, @here, roles, users, nor the asker. */
export const NO_PINGS: MessageMentionOptions = { parse: [], users: [], roles: [], repliedUser: false };
