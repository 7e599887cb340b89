import { loadSettings } from '../config.ts';
import { log, logError } from '../log.ts';
import { FriendlyError } from '../errors.ts';
import { exitWithError, openWithProgress } from '../entry/run.ts';
import { createBot } from './bot.ts';
import { Cooldowns } from './cooldown.ts';
import { discordFailure } from './failure.ts';

export const MISSING_TOKEN = `DISCORD_TOKEN is not set, so the bot can't log in.
  1. Create an application at https://discord.com/developers/applications and add a Bot.
  2. Bot > Reset Token, then put it in .env as DISCORD_TOKEN=... (and DISCORD_CLIENT_ID=<Application ID>).
  3. npm run deploy-commands, then invite the bot (scopes: bot, applications.commands).
Without Discord, \`npm run repl\` and \`npm run ask -- "question"\` work right away.`;

/** `npm start`: settings, model and index once, then serve until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const settings = loadSettings();
  if (!settings.discord.token) {
    process.stderr.write(`${MISSING_TOKEN}\n`);
    process.exit(1);
  }
  const dossier = await openWithProgress(settings, {
    serveWhileRebuilding: true,
    watch: true,
    onReindex: (event) =>
      event.ok
        ? log.info(event, 'reindexed')
        : logError(log, event.error, { reason: event.reason }, 'reindex failed; serving the previous index'),
  });
  const api = settings.discord.apiUrl;
  const client = createBot(
    { dossier, cooldowns: new Cooldowns(settings.discord.cooldownSeconds), log },
    api ? { rest: { api } } : {},
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await client.destroy();
    await dossier.close();
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('unhandledRejection', (error) => logError(log, error, {}, 'unhandled rejection'));

  try {
    await client.login(settings.discord.token);
  } catch (error) {
    await dossier.close();
    throw new FriendlyError(discordFailure(error, 'Discord login'));
  }
}

main().catch(exitWithError);
