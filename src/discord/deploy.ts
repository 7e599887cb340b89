import { REST, Routes, type RESTOptions } from 'discord.js';
import { commandDefinitions } from './commands/index.ts';

export interface DeployTarget {
  token: string;
  clientId: string;
  /** One server: instant, for development. Without it, commands are global (can take up to an hour to show). */
  guildId?: string | null;
}

/** Registers (replaces) the bot's slash commands. Returns how many Discord now has. */
export async function deployCommands(
  target: DeployTarget,
  rest: Partial<RESTOptions> = {},
): Promise<{ count: number; scope: string }> {
  const client = new REST(rest).setToken(target.token);
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.clientId, target.guildId)
    : Routes.applicationCommands(target.clientId);
  const result = (await client.put(route, { body: commandDefinitions() })) as unknown[];
  return { count: result.length, scope: target.guildId ? `server ${target.guildId}` : 'all servers (global)' };
}
