import { loadSettings } from '../config.ts';
import { exitWithError } from '../entry/run.ts';
import { FriendlyError } from '../errors.ts';
import { deployCommands } from './deploy.ts';
import { discordFailure } from './failure.ts';

/** `npm run deploy-commands`. */
async function main(): Promise<void> {
  const { discord } = loadSettings();
  if (!discord.token || !discord.clientId) {
    throw new FriendlyError(
      'Set DISCORD_TOKEN and DISCORD_CLIENT_ID (the Application ID in the Developer Portal) in .env first.',
    );
  }
  const target = { token: discord.token, clientId: discord.clientId, guildId: discord.guildId };
  const { count, scope } = await deployCommands(target, discord.apiUrl ? { api: discord.apiUrl } : {}).catch(
    (error: unknown) => {
      throw new FriendlyError(discordFailure(error, 'Registering the commands'));
    },
  );
  console.log(`Registered ${count} slash commands for ${scope}.`);
}

main().catch(exitWithError);
