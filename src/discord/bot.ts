import { Client, Events, GatewayIntentBits, type ClientOptions, type Interaction, type Message } from 'discord.js';
import type { BotContext } from './context.ts';
import { NO_PINGS } from './context.ts';
import { commands, components, messageMenus } from './commands/index.ts';
import { firstRefusal, cooldownRefusal, questionRefusal } from './preconditions/index.ts';
import { answerMessage, BUSY, notice, replyWithNotice, SORRY, STALE_COMPONENT } from './replies.ts';
import { followingUp, readConversation, rememberTurn } from './conversation.ts';
import { followUps, warmUp } from './lazy.ts';
import { LocalFeedback } from '../store/feedback.ts';
import { QueueFullError, WorkQueue } from './queue.ts';
import { logError } from '../log.ts';

/** "<@123> who leads the NRF?" -> "who leads the NRF?"; null when the bot is not mentioned. */
export function questionFromMention(content: string, botId: string): string | null {
  const mention = new RegExp(`<@!?${botId}>`, 'g');
  if (!mention.test(content)) return null;
  return content.replace(mention, ' ').replace(/\s+/g, ' ').trim();
}

export { STALE_COMPONENT };

/** Routes each kind of interaction to its registry: slash commands, context menus, autocomplete, components. */
async function onInteraction(interaction: Interaction, ctx: BotContext): Promise<void> {
  if (interaction.isAutocomplete()) {
    await commands.get(interaction.commandName)?.autocomplete?.(interaction, ctx);
    return;
  }
  const started = performance.now();
  const what = interaction.isCommand()
    ? interaction.commandName
    : interaction.isMessageComponent()
      ? interaction.customId
      : interaction.type;
  try {
    if (interaction.isChatInputCommand()) {
      const command = commands.get(interaction.commandName);
      if (!command)
        return void (await interaction.reply(notice(`I don't know /${interaction.commandName}. Try /help.`)));
      const refusal = firstRefusal(command.preconditions ?? [], interaction, ctx);
      if (refusal) return void (await interaction.reply(notice(refusal.message)));
      await command.execute(interaction, ctx);
    } else if (interaction.isMessageContextMenuCommand()) {
      const command = messageMenus.get(interaction.commandName);
      if (!command)
        return void (await interaction.reply(notice(`I don't know "${interaction.commandName}". Try /help.`)));
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
  const mentioned = questionFromMention(message.content, botId);
  // Only messages that mention the bot, reply to one of its messages or are written in a thread (which may have
  // grown from one of its answers): nothing else is fetched or read.
  const repliesToBot = message.mentions.repliedUser?.id === botId;
  if (mentioned === null && (!message.content.trim() || (!repliesToBot && !message.channel.isThread()))) return;
  const conversation = await readConversation(message, mentioned, botId, ctx);
  if (conversation.text === null) return;
  const followUp = (await followUps()).rewriteFollowUp(conversation.text, conversation.previous);
  const refusal = questionRefusal(followUp.question, ctx) ?? cooldownRefusal(message.author.id, ctx);
  if (refusal) return void (await message.reply({ content: refusal.message, allowedMentions: NO_PINGS }));
  if ('sendTyping' in message.channel) await message.channel.sendTyping().catch(() => undefined);
  try {
    const via = conversation.previous ? 'follow-up' : 'mention';
    const context = conversation.previous ? followingUp(conversation.previous) : undefined;
    const result = await ctx.queue.run(() =>
      answerMessage(
        { question: followUp.question, via, userId: message.author.id, ...(context ? { context } : {}) },
        ctx,
      ),
    );
    await message.reply(result.body);
    if (conversation.threadId)
      rememberTurn(ctx, conversation.threadId, {
        question: result.answer.question,
        answer: result.body.embeds[0]?.data.description ?? '',
      });
  } catch (error) {
    if (!(error instanceof QueueFullError)) throw error;
    await message.reply({ content: BUSY, allowedMentions: NO_PINGS });
  }
}

export type BotSetup = Omit<BotContext, 'queue' | 'store' | 'threads'> &
  Partial<Pick<BotContext, 'queue' | 'store' | 'threads'>>;

/**
 * A logged-in client that serves slash commands, context menus, components and mentions. Only non-privileged
 * intents: slash commands need none, and a message that mentions the bot carries its text without Message Content.
 */
export function createBot(setup: BotSetup, options: Partial<ClientOptions> = {}): Client {
  const ctx: BotContext = {
    ...setup,
    queue: setup.queue ?? new WorkQueue(),
    store: setup.store ?? LocalFeedback.open(setup.dossier.settings.dataDir),
    threads: setup.threads ?? new Map(),
  };
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    allowedMentions: NO_PINGS,
    ...options,
  });
  // One failing interaction or message is logged and answered; it never takes the process down.
  const guard = (what: string, work: () => Promise<void>) =>
    work().catch((error: unknown) => logError(ctx.log, error, { what }, 'handler failed'));
  client.on(
    Events.InteractionCreate,
    (interaction) => void guard('interaction', () => onInteraction(interaction, ctx)),
  );
  client.on(Events.MessageCreate, (message) => void guard('message', () => onMessage(message, ctx, client.user!.id)));
  client.on(Events.Error, (error) => logError(ctx.log, error, {}, 'discord client error'));
  client.once(Events.ClientReady, (ready) => {
    ctx.log.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'logged in');
    warmUp();
  });
  return client;
}
