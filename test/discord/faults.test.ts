import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { DiscordAPIError, Events, REST, Routes, type Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dossier } from '../../src/dossier.ts';
import { createBot, type BotSetup } from '../../src/discord/bot.ts';
import { Cooldowns } from '../../src/discord/cooldown.ts';
import {
  DISCORD_LIMITS,
  FakeDiscord,
  FAULTS,
  IDS,
  isCallbackOf,
  isOriginalEditOf,
  limitProblems,
} from './fake-discord.ts';
import { SEEDS_DIR, tempDir, testSettings } from '../helpers.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.token-for-loopback-tests-only';

/**
 * The faults a live bot meets, played by the loopback Discord against the real discord.js client: gateway
 * closes and invalid sessions, rate limits, server errors, missing permissions, expired interactions, removal
 * from a guild, and Discord's size limits. After each one the bot must still answer, and nothing may crash it.
 */
describe('the bot through Discord faults', () => {
  const fake = new FakeDiscord();
  const logLines: string[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  let client: Client;
  let dossier: Dossier;
  let nextUser = 500;
  const freshUser = () => `9000000000000${String(++nextUser).padStart(5, '0')}`;

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    await fake.start();
    const seeds = tempDir('faults-seeds');
    for (const f of fs.readdirSync(SEEDS_DIR)) fs.copyFileSync(path.join(SEEDS_DIR, f), path.join(seeds, f));
    // One enormous sentence (250 long words, 12,000 characters, no full stop): its quote can't fit in an embed as it is.
    fs.writeFileSync(
      path.join(seeds, 'zz_granary.txt'),
      `Granary of Gamma burns\n\nThe granary of Gamma burned for three days while ${'extraordinarily-uncharacteristically-overwhelmed '.repeat(250)}farmers watched\n`,
    );
    // Many articles with long titles, for /sources.
    for (let n = 0; n < 30; n++) {
      fs.writeFileSync(
        path.join(seeds, `zz_${String(n).padStart(2, '0')}.txt`),
        `${'Very long headline about the harvest festival in the valley '.repeat(4)}${n}\n\nThe harvest festival number ${n} drew farmers from the valley, organisers said.\n`,
      );
    }
    dossier = await Dossier.open(testSettings(tempDir('faults-index'), { SEEDS_DIR: seeds }));
    const sink = new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) });
    const ctx: BotSetup = { dossier, cooldowns: new Cooldowns(0), log: pino({ level: 'debug' }, sink) };
    client = createBot(ctx, { rest: { api: fake.api, retries: 3, timeout: 5_000 } });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(TOKEN);
    await ready;
  }, 60_000);

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await client?.destroy();
    await fake.stop();
    await dossier?.close();
  });

  const ask = (question: string) =>
    fake.interaction('ask', [{ name: 'question', type: 3, value: question }], 'command', freshUser());
  /** The edit that Discord accepted (after any faults). */
  const answered = (i: { token: string }, timeoutMs = 15_000) =>
    fake.waitForRequest((r) => isOriginalEditOf(i)(r) && r.status === 200, timeoutMs);
  const stillAnswers = async () => {
    const i = ask('Who is Matin Bek?');
    expect((await answered(i)).body.embeds[0].description).toContain('Matin Bek');
  };
  const logged = (text: string) => logLines.some((l) => l.includes(text));

  it('the fake enforces Discord limits like Discord does (400, code 50035)', async () => {
    expect(limitProblems({ content: 'x'.repeat(DISCORD_LIMITS.content + 1) })).toEqual(['content: 2001 > 2000']);
    expect(
      limitProblems({
        embeds: [
          { title: 't'.repeat(257), description: 'd'.repeat(4096), fields: [{ name: 'n', value: 'v'.repeat(1025) }] },
        ],
      }),
    ).toEqual(['embeds[0].title: 257 > 256', 'embeds[0].fields[0].value: 1025 > 1024']);
    expect(limitProblems({ embeds: [{ description: 'd'.repeat(4000) }, { description: 'd'.repeat(2001) }] })).toEqual([
      'embeds: 6001 characters in all > 6000',
    ]);
    expect(
      limitProblems({ choices: Array.from({ length: 26 }, (_, n) => ({ name: `n${n}`, value: `v${n}` })) }),
    ).toEqual(['choices: 26 > 25']);
    const rest = new REST({ api: fake.api, retries: 0 }).setToken(TOKEN);
    const error: any = await rest
      .post(Routes.channelMessages(IDS.channel), { body: { content: 'x'.repeat(2001) } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error.code).toBe(50035);
    fake.violations.length = 0; // that one was on purpose
  });

  it('over-long content stays within the limits: a 12,000-character quote, 35 long-titled sources, autocomplete', async () => {
    const i = ask('What happened to the granary of Gamma while the farmers watched?');
    const edit = await answered(i);
    expect(edit.body.embeds[0].description).toContain('granary of Gamma');
    expect(edit.body.embeds[0].description).toContain('…');
    for (const page of [1, 2, 3]) {
      const s = fake.interaction('sources', [{ name: 'page', type: 4, value: page }]);
      expect((await fake.waitForRequest(isCallbackOf(s))).status).toBe(204);
    }
    const a = fake.interaction('who', [{ name: 'name', type: 3, value: 'a', focused: true }], 'autocomplete');
    expect((await fake.waitForRequest(isCallbackOf(a))).status).toBe(204);
    expect(fake.violations).toEqual([]);
  });

  it('REST 429 with retry_after: waits as told, retries, and the answer arrives', async () => {
    const i = ask('Who is Matin Bek?');
    fake.failNext(isOriginalEditOf(i), FAULTS.rateLimited(0.6));
    const edit = await answered(i);
    const tries = fake.requests.filter(isOriginalEditOf(i));
    expect(tries.map((r) => r.status)).toEqual([429, 200]);
    expect(edit.at - tries[0]!.at).toBeGreaterThanOrEqual(500);
    expect(edit.body.embeds[0].description).toContain('Matin Bek');
  });

  it('a global 429 on the acknowledgement: retried, then answered', async () => {
    const i = ask('Who is Bilal Karimi?');
    fake.failNext(isCallbackOf(i), FAULTS.rateLimited(0.3, true));
    await answered(i);
    expect(fake.requests.filter(isCallbackOf(i)).map((r) => r.status)).toEqual([429, 204]);
  });

  it('5xx from Discord: retried, then answered', async () => {
    const i = ask('Who is Matin Bek?');
    fake.failNext(isOriginalEditOf(i), FAULTS.serverError(500));
    fake.failNext(isOriginalEditOf(i), FAULTS.serverError(502));
    await answered(i);
    expect(fake.requests.filter(isOriginalEditOf(i)).map((r) => r.status)).toEqual([500, 502, 200]);
  });

  it('5xx that outlasts the retries: logged, the user is told, and the bot carries on', async () => {
    const i = ask('Who is Matin Bek?');
    fake.failNext(isOriginalEditOf(i), FAULTS.serverError(503), 10);
    const sorry = await fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/webhooks/${IDS.app}/${i.token}` && r.status === 200,
    );
    expect(sorry.body.content).toContain('something went wrong');
    expect(fake.requests.filter(isOriginalEditOf(i)).map((r) => r.status)).toEqual([503, 503, 503, 503]); // 1 + 3 retries
    await expect.poll(() => logged('interaction failed')).toBe(true);
    await stillAnswers();
  });

  it('403 Missing Permissions on a mention reply: logged, no crash, the next question is answered', async () => {
    const messageId = fake.message(`<@${IDS.bot}> Who is Matin Bek?`, true, freshUser());
    fake.failNext(
      (r) =>
        r.method === 'POST' &&
        r.path === `/channels/${IDS.channel}/messages` &&
        r.body?.message_reference?.message_id === messageId,
      FAULTS.missingPermissions(),
    );
    await fake.waitForRequest((r) => r.status === 403);
    await expect.poll(() => logged('Missing Permissions')).toBe(true);
    await stillAnswers();
  });

  it('expired interaction (10062 on the acknowledgement) and expired token (10015 on the edit): logged, no crash', async () => {
    const late = ask('Who is Matin Bek?');
    fake.failNext(isCallbackOf(late), FAULTS.unknownInteraction(), 5);
    await fake.waitForRequest((r) => isCallbackOf(late)(r) && r.status === 404);
    await expect.poll(() => logged('Unknown interaction')).toBe(true);

    const expired = ask('Who is Bilal Karimi?');
    fake.failNext(isOriginalEditOf(expired), FAULTS.unknownWebhook(), 5);
    fake.failNext(
      (r) => r.method === 'POST' && r.path === `/webhooks/${IDS.app}/${expired.token}`,
      FAULTS.unknownWebhook(),
      5,
    );
    await fake.waitForRequest((r) => isOriginalEditOf(expired)(r) && r.status === 404);
    await expect.poll(() => logged('Unknown Webhook')).toBe(true);
    await stillAnswers();
  });

  it.each([
    ['closed with 4000 (unknown error)', () => fake.closeGateway(4000)],
    ['closed with 4009 (session timed out)', () => fake.closeGateway(4009)],
    ['dropped without a close frame (network loss)', () => fake.dropGateway()],
    ['asked to reconnect (op 7)', () => fake.requestReconnect()],
    ['told its session is invalid but resumable (op 9, true)', () => fake.invalidateSession(true)],
  ])(
    'gateway %s: the client resumes its session and keeps answering',
    async (_what, fault) => {
      const identifies = fake.identified.length;
      const resumes = fake.resumed.length;
      fault();
      await expect.poll(() => fake.resumed.length, { timeout: 15_000 }).toBe(resumes + 1);
      expect(fake.resumed.at(-1)).toMatchObject({ token: TOKEN, session_id: expect.stringMatching(/^fake-session-/) });
      expect(fake.identified.length).toBe(identifies); // resumed, not a new session
      await stillAnswers();
    },
    20_000,
  );

  it('invalid session (op 9, not resumable): the client identifies again and keeps answering', async () => {
    const identifies = fake.identified.length;
    fake.invalidateSession(false);
    await expect.poll(() => fake.identified.length, { timeout: 15_000, interval: 200 }).toBe(identifies + 1);
    await new Promise((resolve) => (client.ws.status === 0 ? resolve(null) : client.once(Events.ShardReady, resolve)));
    await stillAnswers();
  }, 25_000);

  it('removed from the guild: forgets it without crashing, still answers elsewhere, and rejoins', async () => {
    const gone = new Promise((resolve) => client.once(Events.GuildDelete, resolve));
    fake.removeFromGuild();
    await gone;
    expect(client.guilds.cache.has(IDS.guild)).toBe(false);
    await stillAnswers(); // an interaction still arriving for it (e.g. in flight) is answered, not a crash
    const back = new Promise((resolve) => client.once(Events.GuildCreate, resolve));
    fake.addToGuild();
    await back;
    expect(client.guilds.cache.has(IDS.guild)).toBe(true);
  });

  it('through all of it: no unhandled rejection, no message over the limits, and the token never logged', () => {
    expect(unhandled).toEqual([]);
    expect(fake.violations).toEqual([]);
    expect(logLines.join('\n')).not.toContain(TOKEN);
  });
});
