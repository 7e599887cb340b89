import path from 'node:path';
import { REST, Routes, ShardingManager } from 'discord.js';
import { loadSettings } from '../config.ts';
import { log } from '../log.ts';
import { exitWithError } from '../entry/run.ts';
import { FriendlyError } from '../errors.ts';

/**
 * `npm run start:sharded`: discord.js's ShardingManager runs one bot process per shard (Discord requires sharding
 * from 2,500 guilds, and several processes mean no single point of failure). Every shard is `npm start`'s bot,
 * answering from the same store: set DATABASE_URL so they share one Postgres index (with the local backend each
 * shard reads its own copy of INDEX_DIR). SHARD_COUNT sets the number of shards; unset, Discord's recommendation
 * (GET /gateway/bot, through DISCORD_API_URL when set) is used.
 */
async function main(): Promise<void> {
  const settings = loadSettings();
  const token = settings.discord.token;
  if (!token) {
    // (main.ts's longer help is not imported: importing it would start a bot in this process.)
    process.stderr.write(
      'DISCORD_TOKEN is not set, so the shards cannot log in: see README, "Discord", for how to get one.\n',
    );
    process.exit(1);
  }
  if (!settings.databaseUrl)
    log.warn(
      'DATABASE_URL is not set: each shard uses the local index in INDEX_DIR (fine on one machine; set DATABASE_URL to share one index)',
    );
  const totalShards = await shardCount(token, settings.discord.apiUrl);
  // The shard script is the bot's own entry point, next to this file (.ts under tsx, .js once compiled).
  const file = path.join(import.meta.dirname, `main${path.extname(import.meta.filename)}`);
  const manager = new ShardingManager(file, {
    token,
    totalShards,
    mode: 'process',
    execArgv: process.execArgv,
    respawn: true,
  });
  manager.on('shardCreate', (shard) => {
    log.info({ shard: shard.id, totalShards }, 'shard starting');
    shard.on('ready', () => log.info({ shard: shard.id }, 'shard ready'));
    shard.on('death', () => log.warn({ shard: shard.id }, 'shard process exited'));
  });
  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping shards');
    manager.respawn = false;
    // Each shard shuts down cleanly on SIGTERM (npm start's handler), then the manager exits.
    await Promise.all(
      [...manager.shards.values()].map(
        (shard) =>
          new Promise<void>((resolve) => {
            if (!shard.process) return resolve();
            shard.process.once('exit', () => resolve());
            shard.process.kill('SIGTERM');
          }),
      ),
    );
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  const delay = Number(process.env.SHARD_SPAWN_DELAY_MS ?? 5500); // Discord allows one IDENTIFY per 5 s per bucket
  await manager.spawn({ amount: totalShards, delay, timeout: 120_000 });
  log.info({ totalShards }, 'all shards ready');
}

async function shardCount(token: string, api: string | null): Promise<number> {
  const fixed = process.env.SHARD_COUNT?.trim();
  if (fixed) {
    const n = Number(fixed);
    if (!Number.isInteger(n) || n < 1 || n > 4096)
      throw new FriendlyError(`SHARD_COUNT must be a whole number from 1 to 4096, got "${fixed}"`);
    return n;
  }
  const rest = new REST(api ? { api } : {}).setToken(token);
  const { shards } = (await rest.get(Routes.gatewayBot())) as { shards: number };
  return Math.max(1, shards);
}

main().catch(exitWithError);
