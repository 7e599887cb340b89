import fs from 'node:fs';
import path from 'node:path';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { Writable } from 'node:stream';
import pino from 'pino';
import { Events, type Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dossier } from '../../src/dossier.ts';
import { createBot, questionFromMention, type BotSetup } from '../../src/discord/bot.ts';
import { Cooldowns } from '../../src/discord/cooldown.ts';
import { deployCommands } from '../../src/discord/deploy.ts';
import { FakeDiscord, IDS, isCallbackOf, isOriginalEditOf } from './fake-discord.ts';
import { expectNoPings } from './expect-no-pings.ts';
import { ROOT, SEEDS_DIR, tempDir, testEnv, testSettings } from '../helpers.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.token-for-loopback-tests-only';
const EPHEMERAL = 64;

describe('the Discord bot against a loopback Discord, with the real discord.js client', () => {
  const fake = new FakeDiscord();
  const logLines: string[] = [];
  let client: Client;
  let dossier: Dossier;
  let nextUser = 100;
  const freshUser = () => `9000000000000${String(++nextUser).padStart(5, '0')}`;

  beforeAll(async () => {
    await fake.start();
    // The seeds plus one article whose text tries to ping everyone.
    const seeds = tempDir('discord-seeds');
    for (const f of fs.readdirSync(SEEDS_DIR)) fs.copyFileSync(path.join(SEEDS_DIR, f), path.join(seeds, f));
    fs.writeFileSync(
      path.join(seeds, 'zz_ping.txt'),
      'Prankster floods village chat\n\nA prankster posted @everyone and @here and <@&123456789012345678> in the village chat group, the elders said on Tuesday.\n',
    );
    dossier = await Dossier.open(testSettings(tempDir('discord-index'), { SEEDS_DIR: seeds }));
    // Fault injection: one question makes the engine throw, to show one bad interaction can't take the bot down.
    const faulty = Object.create(dossier) as Dossier;
    faulty.ask = async (q: string) => {
      if (q.includes('explode')) throw new Error('injected failure');
      return dossier.ask(q);
    };
    const sink = new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) });
    const ctx: BotSetup = { dossier: faulty, cooldowns: new Cooldowns(30), log: pino({ level: 'debug' }, sink) };
    client = createBot(ctx, { rest: { api: fake.api } });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(TOKEN);
    await ready;
  });

  afterAll(async () => {
    await client?.destroy();
    await fake.stop();
    await dossier?.close();
  });

  const callbackOf = (i: { id: string; token: string }) => fake.waitForRequest(isCallbackOf(i));
  const editOf = (i: { token: string }) => fake.waitForRequest(isOriginalEditOf(i));
  const ask = (question: string, user = freshUser()) =>
    fake.interaction('ask', [{ name: 'question', type: 3, value: question }], 'command', user);

  it('logs in with only the non-privileged intents it needs', () => {
    expect(fake.identified[0]!.token).toBe(TOKEN);
    expect(fake.identified[0]!.intents).toBe(1 | 512); // Guilds | GuildMessages: no Message Content
  });

  it('/ask: defers within the deadline, then edits in an embed of quotes with numbered citations', async () => {
    const i = ask('Who is Ali Maisam Nazary?');
    expect((await callbackOf(i)).body.type).toBe(5);
    const edit = await editOf(i);
    const embed = edit.body.embeds[0];
    expect(embed.title).toBe('Who is Ali Maisam Nazary?');
    expect(embed.description).toMatch(/^> .*spokesman Ali Maisam Nazary/m);
    expect(embed.description).toMatch(/^\*\*\[1\]\*\* ¶\d+$/m);
    expect(embed.description).toContain(
      '**[1]** *Afghan opposition leader warns civil war ‘unavoidable’ if Taliban refuse talks* · The Times of Israel · 2021-08-23',
    );
    expect(embed.description.length).toBeLessThanOrEqual(4096);
    expectNoPings(edit);
  });

  it('/ask out of corpus: the abstention message, not an unrelated quote', async () => {
    const i = ask('What is the recipe for chocolate cake?');
    const embed = (await editOf(i)).body.embeds[0];
    expect(embed.description).toContain("couldn't find that in the articles");
    expect(embed.description).not.toContain('> ');
  });

  it('/who: a profile card for one person, a list for a shared name', async () => {
    const saleh = fake.interaction('who', [{ name: 'name', type: 3, value: 'Amrullah Saleh' }]);
    const card = (await callbackOf(saleh)).body;
    expect(card.type).toBe(4);
    expect(card.data.embeds[0].title).toBe('Amrullah Saleh');
    expect(card.data.embeds[0].description).toMatch(/Described as:.*vice.president/i);
    expect(card.data.allowed_mentions.parse).toEqual([]);

    const massoud = fake.interaction('who', [{ name: 'name', type: 3, value: 'Massoud' }]);
    const list = (await callbackOf(massoud)).body.data.embeds[0];
    expect(list.title).toContain('Several people');
    for (const name of ['Ahmad Massoud', 'Ahmad Shah Massoud', 'Ahmad Wali Massoud'])
      expect(list.description).toContain(`**${name}**`);
  });

  it('/who autocomplete: names from the corpus, at most 25', async () => {
    const i = fake.interaction('who', [{ name: 'name', type: 3, value: 'ahm', focused: true }], 'autocomplete');
    const reply = (await callbackOf(i)).body;
    expect(reply.type).toBe(8);
    const names = reply.data.choices.map((c: { name: string }) => c.name);
    expect(names).toEqual(expect.arrayContaining(['Ahmad Massoud', 'Ahmad Shah Massoud', 'Ahmad Wali Massoud']));
    expect(names.length).toBeLessThanOrEqual(25);
  });

  it('/sources and /help', async () => {
    const sources = (await callbackOf(fake.interaction('sources', []))).body.data.embeds[0];
    expect(sources.title).toBe('The articles (6) · 2021-08-23 to 2021-09-05');
    expect(sources.description).toContain('Daily Mail · 2021-09-05');
    const help = (await callbackOf(fake.interaction('help', []))).body.data;
    expect(help.flags).toBe(EPHEMERAL);
    expect(help.embeds[0].description).toContain('/ask');
  });

  it('answers a mention as a reply, without pinging the asker', async () => {
    const messageId = fake.message(`<@${IDS.bot}> Who is Matin Bek?`, true, freshUser());
    const reply = await fake.waitForRequest(
      (r) =>
        r.method === 'POST' &&
        r.path === `/channels/${IDS.channel}/messages` &&
        r.body?.message_reference?.message_id === messageId,
    );
    expect(reply.body.embeds[0].description).toContain('negotiating team');
    expectNoPings(reply);
  });

  it('ignores messages that do not mention it', async () => {
    const before = fake.requests.length;
    fake.message('Who is Matin Bek?', false);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.requests.slice(before).filter((r) => r.path.startsWith('/channels/'))).toHaveLength(0);
  });

  it('a cooldown hit gets a friendly private notice', async () => {
    const user = freshUser();
    await editOf(ask('Who is Matin Bek?', user));
    const second = (await callbackOf(ask('Who is Bilal Karimi?', user))).body;
    expect(second.type).toBe(4);
    expect(second.data.flags).toBe(EPHEMERAL);
    expect(second.data.content).toMatch(/asking quickly.*wait \d+ s/);
  });

  it('an over-long question gets a clear private message', async () => {
    const reply = (await callbackOf(ask('why '.repeat(150)))).body;
    expect(reply.data.flags).toBe(EPHEMERAL);
    expect(reply.data.content).toContain('please keep it to 500 or fewer');
  });

  it('quoting text with @everyone, @here or a role never pings', async () => {
    const i = ask('What did the prankster post in the village chat group?');
    const edit = await editOf(i);
    expect(edit.body.embeds[0].description).toContain('@everyone');
    expect(edit.body.content ?? '').not.toContain('@everyone');
    expectNoPings(edit);
    expect(edit.body.allowed_mentions.roles ?? []).toEqual([]);
  });

  it('a handler that throws: the user is told, the bot carries on', async () => {
    const failing = ask('explode please');
    const sorry = await fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/webhooks/${IDS.app}/${failing.token}`,
    );
    expect(sorry.body.content).toContain('something went wrong');
    expect(sorry.body.flags).toBe(EPHEMERAL);
    expect(logLines.some((l) => l.includes('injected failure'))).toBe(true);
    const after = ask('Who is Matin Bek?');
    expect((await editOf(after)).body.embeds[0].description).toContain('Matin Bek');
  });

  it('/reindex from a member who cannot manage the server: a private refusal, nothing rebuilt', async () => {
    const i = fake.interaction('reindex', []);
    const callback = await callbackOf(i);
    expect(callback.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(callback.body.data.content).toMatch(/manage this server/);
  });

  it('a burst of 40 questions from 40 users at once: every one deferred and answered', async () => {
    const burst = Array.from({ length: 40 }, (_, n) =>
      ask(n % 2 ? 'Who is Matin Bek?' : 'Which US general warned of a broader civil war?'),
    );
    const edits = await Promise.all(burst.map((i) => editOf(i)));
    for (const i of burst) expect((await callbackOf(i)).body.type).toBe(5);
    expect(edits.every((e) => e.body.embeds[0].description.includes('> '))).toBe(true);
  });

  it("nothing the bot sent broke Discord's message, embed or autocomplete limits (the fake refuses those)", () => {
    expect(fake.violations).toEqual([]);
  });

  it('logs question latency, and never the token', () => {
    const answered = logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'answered');
    expect(answered.length).toBeGreaterThan(0);
    expect(typeof answered[0].ms).toBe('number');
    expect(logLines.join('\n')).not.toContain(TOKEN);
  });

  it('deploy-commands sends the command definitions to one server or globally', async () => {
    const guild = await deployCommands(
      { token: 'deploy-token', clientId: IDS.app, guildId: IDS.guild },
      { api: fake.api },
    );
    expect(guild).toEqual({ count: 7, scope: `server ${IDS.guild}` });
    const put = fake.requests.find(
      (r) => r.method === 'PUT' && r.path === `/applications/${IDS.app}/guilds/${IDS.guild}/commands`,
    )!;
    expect(put.authorization).toBe('Bot deploy-token');
    expect(put.body.map((c: { name: string }) => c.name).sort()).toEqual([
      'Check in articles',
      'add',
      'ask',
      'help',
      'reindex',
      'sources',
      'who',
    ]);
    const askCommand = put.body.find((c: { name: string }) => c.name === 'ask');
    expect(askCommand.options[0]).toMatchObject({ name: 'question', type: 3, required: true, max_length: 500 });
    expect(askCommand.options.slice(1)).toMatchObject([
      { name: 'private', type: 5 },
      { name: 'thread', type: 5 },
    ]);
    expect(put.body.find((c: { name: string }) => c.name === 'Check in articles')).toMatchObject({ type: 3 });
    expect(put.body.find((c: { name: string }) => c.name === 'who').options[0]).toMatchObject({
      name: 'name',
      autocomplete: true,
    });

    await deployCommands({ token: 'deploy-token', clientId: IDS.app }, { api: fake.api });
    expect(fake.requests.some((r) => r.method === 'PUT' && r.path === `/applications/${IDS.app}/commands`)).toBe(true);
  });
});

describe('starting the bot', () => {
  it('npm start: logs in, answers, and shuts down cleanly on SIGTERM', async () => {
    const fake = new FakeDiscord();
    await fake.start();
    const bot = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/discord/main.ts')], {
      env: testEnv(tempDir('start'), { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.api, LOG_LEVEL: 'info' }),
      cwd: ROOT,
    });
    let logs = '';
    bot.stdout.on('data', (d) => (logs += d));
    bot.stderr.on('data', (d) => (logs += d));
    const exited = new Promise<number | null>((resolve) => bot.on('exit', resolve));
    try {
      await fake.waitForRequest((r) => r.path === '/gateway/bot', 60_000);
      await new Promise((r) => setTimeout(r, 500)); // READY and GUILD_CREATE
      const i = fake.interaction('ask', [{ name: 'question', type: 3, value: 'Who is Matin Bek?' }]);
      const edit = await fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(i.token));
      expect(edit.body.embeds[0].description).toContain('Matin Bek');
      bot.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(logs).toContain('shutting down');
      expect(logs).toContain('"msg":"stopped"');
      expect(logs).not.toContain(TOKEN);
    } finally {
      bot.kill('SIGKILL');
      await fake.stop();
    }
  });

  it('without DISCORD_TOKEN: exits with how to get one, and that the REPL works without Discord', async () => {
    const run = promisify(execFile);
    const error = await run(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/discord/main.ts')], {
      env: testEnv(tempDir('notoken'), { DISCORD_TOKEN: '' }),
      cwd: tempDir('cwd'), // no .env here
    }).catch((e) => e);
    expect(error.code).toBe(1);
    expect(error.stderr).toContain('DISCORD_TOKEN is not set');
    expect(error.stderr).toContain('npm run repl');
  });

  it('finds the bot mention in a message', () => {
    expect(questionFromMention(`<@${IDS.bot}> who leads the NRF?`, IDS.bot)).toBe('who leads the NRF?');
    expect(questionFromMention(`hey <@!${IDS.bot}>   who?`, IDS.bot)).toBe('hey who?');
    expect(questionFromMention('who leads the NRF?', IDS.bot)).toBeNull();
  });
});
