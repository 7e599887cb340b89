import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'discord.js';
import { deployCommands } from '../../src/discord/deploy.ts';
import { discordFailure } from '../../src/discord/failure.ts';
import { FakeDiscord, IDS } from './fake-discord.ts';
import { ROOT, tempDir, testEnv } from '../helpers.ts';

const run = promisify(execFile);
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.token-for-loopback-tests-only';
/** Nothing listens on the discard port: connections are refused at once. */
const CLOSED_PORT = 'http://127.0.0.1:9/api';

describe('deploy-commands and login failures, through the real entry points', () => {
  const fake = new FakeDiscord();
  const indexDir = tempDir('startup-index');
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  it('deploy-commands sends to DISCORD_API_URL', async () => {
    const { stdout } = await run(TSX, [path.join(ROOT, 'src/discord/deploy-commands.ts')], {
      env: testEnv(indexDir, {
        DISCORD_TOKEN: TOKEN,
        DISCORD_CLIENT_ID: IDS.app,
        DISCORD_GUILD_ID: IDS.guild,
        DISCORD_API_URL: fake.api,
      }),
      cwd: tempDir('cwd'),
    });
    expect(stdout).toContain(`Registered 7 slash commands for server ${IDS.guild}`);
    expect(
      fake.requests.some(
        (r) => r.method === 'PUT' && r.path === `/applications/${IDS.app}/guilds/${IDS.guild}/commands`,
      ),
    ).toBe(true);
  });

  it('npm start: a network failure at login is reported as one, not blamed on the token', async () => {
    const error = await run(TSX, [path.join(ROOT, 'src/discord/main.ts')], {
      env: testEnv(indexDir, { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: CLOSED_PORT }),
      cwd: ROOT,
      timeout: 60_000,
    }).catch((e) => e);
    expect(error.code).toBe(1);
    expect(error.stderr).toContain('Discord login failed: could not reach Discord (ECONNREFUSED)');
    expect(error.stderr).toContain('DISCORD_API_URL');
    expect(error.stderr).not.toContain('Check DISCORD_TOKEN');
    expect(error.stderr).not.toMatch(/    at /);
    expect(error.stderr).not.toContain(TOKEN);
  }, 60_000);

  it('the same words for deploy-commands, and a token Discord rejects is blamed on the token', async () => {
    const unreachable = await deployCommands(
      { token: TOKEN, clientId: IDS.app },
      { api: CLOSED_PORT, retries: 0 },
    ).catch((e) => e);
    expect(discordFailure(unreachable, 'Registering the commands')).toMatch(
      /^Registering the commands failed: could not reach Discord \(ECONNREFUSED\)\. .*the token was not checked/,
    );
    fake.failNext((r) => r.path === '/gateway/bot', { status: 401, body: { message: '401: Unauthorized', code: 0 } });
    const client = new Client({ intents: [], rest: { api: fake.api, retries: 0 } });
    const rejected = await client.login(TOKEN).catch((e) => e);
    await client.destroy();
    expect(discordFailure(rejected, 'Discord login')).toBe(
      'Discord login failed: Discord rejected the token. Check DISCORD_TOKEN (Developer Portal > Bot > Reset Token).',
    );
  });
});
