import { Client, Events, GatewayIntentBits, type ClientOptions, type Interaction, type Message } from 'discord.js';
import type { BotContext } from './context.ts';
import { NO_PINGS } from './context.ts';
import { commands } from './commands/index.ts';
import { answerMessage, notice, refuseQuestion } from './replies.ts';

/** "<@123> who leads the NRF?" -> "who leads the NRF?"; null when the bot is not mentioned. */
export function questionFromMention(content: string, botId: string): string | null {
  const mention = new RegExp(`<@!?${botId}>`, 'g');
  if (!mention.test(content)) return null;
  return content.replace(mention, ' ').replace(/\s+/g, ' ').trim();
}

async function onInteraction(interaction: Interaction, ctx: BotContext): Promise<void> {
  if (interaction.isAutocomplete()) {
    await commands.get(interaction.commandName)?.autocomplete?.(interaction, ctx);
    return;
  }
  if (!interaction.isChatInputCommand()) return;
  const command = commands.get(interaction.commandName);
  if (!command) return void (await interaction.reply(notice(`I don't know /${interaction.commandName}. Try /help.`)));
  const started = performance.now();
  try {
    await command.execute(interaction, ctx);
  } catch (error) {
    ctx.log.error({ err: { name: (error as Error)?.name, message: (error as Error)?.message }, command: interaction.commandName }, 'command failed');
    const sorry = notice('Sorry, something went wrong while answering. It has been logged; please try again.');
    await (interaction.deferred || interaction.replied ? interaction.followUp(sorry) : interaction.reply(sorry)).catch(() => undefined);
  } finally {
    ctx.log.debug({ command: interaction.commandName, ms: Math.round(performance.now() - started) }, 'interaction done');
  }
}

async function onMessage(message: Message, ctx: BotContext, botId: string): Promise<void> {
  if (message.author.bot) return;
  const question = questionFromMention(message.content, botId);
  if (question === null) return;
  const refusal = refuseQuestion(question, message.author.id, ctx);
  if (refusal) return void (await message.reply({ content: refusal, allowedMentions: NO_PINGS }));
  if ('sendTyping' in message.channel) await message.channel.sendTyping().catch(() => undefined);
  await message.reply(await answerMessage(question, ctx, 'mention', message.author.id));
}

/**
 * A logged-in client that serves slash commands and mentions. Only non-privileged intents:
 * slash commands need none, and a message that mentions the bot carries its text without Message Content.
 */
export function createBot(ctx: BotContext, options: Partial<ClientOptions> = {}): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    allowedMentions: NO_PINGS,
    ...options,
  });
  // One failing interaction or message is logged and answered; it never takes the process down.
  const guard = (what: string, work: () => Promise<void>) =>
    work().catch((error: Error) => ctx.log.error({ err: { name: error?.name, message: error?.message }, what }, 'handler failed'));
  client.on(Events.InteractionCreate, (interaction) => void guard('interaction', () => onInteraction(interaction, ctx)));
  client.on(Events.MessageCreate, (message) => void guard('message', () => onMessage(message, ctx, client.user!.id)));
  client.on(Events.Error, (error) => ctx.log.error({ err: { name: error.name, message: error.message } }, 'discord client error'));
  client.once(Events.ClientReady, (ready) => ctx.log.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'logged in'));
  return client;
}
