import { Client, Events, GatewayIntentBits, type ClientOptions, type Interaction, type Message } from 'discord.js';
import type { BotContext } from './context.ts';
import { NO_PINGS } from './context.ts';
import { commands, components, messageMenus } from './commands/index.ts';
import { firstRefusal, cooldownRefusal, questionRefusal } from './preconditions/index.ts';
import { answerMessage, BUSY, notice, replyWithNotice, SORRY } from './replies.ts';
import { QueueFullError, WorkQueue } from './queue.ts';
import { logError } from '../log.ts';

/** "<@123> who leads the NRF?" -> "who leads the NRF?"; null when the bot is not mentioned. */
export function questionFromMention(content: string, botId: string): string | null {
  const mention = new RegExp(`<@!?${botId}>`, 'g');
  if (!mention.test(content)) return null;
  return content.replace(mention, ' ').replace(/\s+/g, ' ').trim();
}

export const STALE_COMPONENT = 'That button belongs to an answer I can no longer find. Ask again with /ask.';

/** Routes each kind of interaction to its registry: slash commands, context menus, autocomplete, components. */
async function onInteraction(interaction: Interaction, ctx: BotContext): Promise<void> {
  if (interaction.isAutocomplete()) {
    await commands.get(interaction.commandName)?.autocomplete?.(interaction, ctx);
    return;
  }
  const started = performance.now();
  const what = interaction.isCommand() ? interaction.commandName : interaction.isMessageComponent() ? interaction.customId : interaction.type;
  try {
    if (interaction.isChatInputCommand()) {
      const command = commands.get(interaction.commandName);
      if (!command) return void (await interaction.reply(notice(`I don't know /${interaction.commandName}. Try /help.`)));
      const refusal = firstRefusal(command.preconditions ?? [], interaction, ctx);
      if (refusal) return void (await interaction.reply(notice(refusal.message)));
      await command.execute(interaction, ctx);
    } else if (interaction.isMessageContextMenuCommand()) {
      const command = messageMenus.get(interaction.commandName);
      if (!command) return void (await interaction.reply(notice(`I don't know "${interaction.commandName}". Try /help.`)));
      const refusal = firstRefusal(command.preconditions ?? [], interaction, ctx);
      if (refusal) return void (await interaction.reply(notice(refusal.message)));
      await command.execute(interaction, ctx);
    } else if (interaction.isMessageComponent()) {
      for (const component of components) {
        const parsed = component.parse(interaction.customId);
        if (parsed !== null) return void (await component.run(interaction, parsed, ctx));
      }
      await interaction.reply(notice(STALE_COMPONENT));
    }
  } catch (error) {
    logError(ctx.log, error, { interaction: what }, 'interaction failed');
    if (interaction.isRepliable()) await replyWithNotice(interaction, error instanceof QueueFullError ? BUSY : SORRY);
  } finally {
    ctx.log.debug({ interaction: what, ms: Math.round(performance.now() - started) }, 'interaction done');
  }
}

async function onMessage(message: Message, ctx: BotContext, botId: string): Promise<void> {
  if (message.author.bot) return;
  const question = questionFromMention(message.content, botId);
  if (question === null) return;
  const refusal = questionRefusal(question, ctx) ?? cooldownRefusal(message.author.id, ctx);
  if (refusal) return void (await message.reply({ content: refusal.message, allowedMentions: NO_PINGS }));
  if ('sendTyping' in message.channel) await message.channel.sendTyping().catch(() => undefined);
  try {
    await message.reply(await ctx.queue.run(() => answerMessage(question, ctx, 'mention', message.author.id)));
  } catch (error) {
    if (!(error instanceof QueueFullError)) throw error;
    await message.reply({ content: BUSY, allowedMentions: NO_PINGS });
  }
}

/**
 * discord.js counts every request against a client-side global limit of 50/s, but Discord exempts interaction
 * responses and their follow-ups from the global rate limit (Discord docs, "Rate Limits"): with the default, a burst
 * of 200 /ask queued its acknowledgements behind each other past the 3-second deadline. The bot's own authenticated
 * requests (mention replies) go through the work queue, which keeps them far below 50/s.
 */
const INTERACTION_REQUESTS_PER_SECOND = 1000;

export type BotSetup = Omit<BotContext, 'queue'> & Partial<Pick<BotContext, 'queue'>>;

/**
 * A logged-in client that serves slash commands, context menus, components and mentions. Only non-privileged
 * intents: slash commands need none, and a message that mentions the bot carries its text without Message Content.
 */
export function createBot(setup: BotSetup, options: Partial<ClientOptions> = {}): Client {
  const ctx: BotContext = { ...setup, queue: setup.queue ?? new WorkQueue() };
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    allowedMentions: NO_PINGS,
    ...options,
    rest: { globalRequestsPerSecond: INTERACTION_REQUESTS_PER_SECOND, ...options.rest },
  });
  // One failing interaction or message is logged and answered; it never takes the process down.
  const guard = (what: string, work: () => Promise<void>) => work().catch((error: unknown) => logError(ctx.log, error, { what }, 'handler failed'));
  client.on(Events.InteractionCreate, (interaction) => void guard('interaction', () => onInteraction(interaction, ctx)));
  client.on(Events.MessageCreate, (message) => void guard('message', () => onMessage(message, ctx, client.user!.id)));
  client.on(Events.Error, (error) => logError(ctx.log, error, {}, 'discord client error'));
  client.once(Events.ClientReady, (ready) => ctx.log.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'logged in'));
  return client;
}
