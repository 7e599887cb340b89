import { loadSettings } from '../config.ts';
import { exitWithError } from '../entry/run.ts';
import { FriendlyError } from '../errors.ts';
import { deployCommands } from './deploy.ts';

/** `npm run deploy-commands`. */
async function main(): Promise<void> {
  const { discord } = loadSettings();
  if (!discord.token || !discord.clientId) {
    throw new FriendlyError('Set DISCORD_TOKEN and DISCORD_CLIENT_ID (the Application ID in the Developer Portal) in .env first.');
  }
  const { count, scope } = await deployCommands({ token: discord.token, clientId: discord.clientId, guildId: discord.guildId });
  console.log(`Registered ${count} slash commands for ${scope}.`);
}

main().catch(exitWithError);
