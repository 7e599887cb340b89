import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { Events, type Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dossier } from '../../src/dossier.ts';
import { createBot } from '../../src/discord/bot.ts';
import { Cooldowns } from '../../src/discord/cooldown.ts';
import { FakeDiscord, isCallbackOf, isOriginalEditOf, MANAGE_GUILD_PERMISSIONS } from './fake-discord.ts';
import { startPageServer, html, type PageServer } from '../page-server.ts';
import { fixtures } from '../html-fixtures.ts';
import { SEEDS_DIR, tempDir, testSettings } from '../helpers.ts';

const EPHEMERAL = 64;

describe('admins add articles and re-index while the bot answers (loopback Discord, real client)', () => {
  const fake = new FakeDiscord();
  const seeds = tempDir('admin-seeds');
  let client: Client;
  let dossier: Dossier;
  let pages: PageServer;
  let user = 500;
  const freshUser = () => `9100000000000${String(++user).padStart(5, '0')}`;

  beforeAll(async () => {
    await fake.start();
    for (const f of fs.readdirSync(SEEDS_DIR)) fs.copyFileSync(path.join(SEEDS_DIR, f), path.join(seeds, f));
    const cnet = fixtures().find((f) => f.name === 'cnet')!;
    pages = await startPageServer({
      '/whatsapp': html(cnet.html),
      '/login': html('<html><body><form>Sign in</form></body></html>'),
    });
    dossier = await Dossier.open(testSettings(tempDir('admin-index'), { SEEDS_DIR: seeds }));
    client = createBot(
      { dossier, cooldowns: new Cooldowns(0), log: pino({ level: 'silent' }) },
      { rest: { api: fake.api } },
    );
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login('admin.fake.token-for-loopback-only');
    await ready;
    fake.memberPermissions = MANAGE_GUILD_PERMISSIONS;
  });

  afterAll(async () => {
    await client?.destroy();
    await fake.stop();
    await pages?.close();
    await dossier?.close();
  });

  const edits = (i: { token: string }) => fake.requests.filter(isOriginalEditOf(i));
  const finalEdit = (i: { token: string }, pattern: RegExp) =>
    fake.waitForRequest((r) => isOriginalEditOf(i)(r) && pattern.test(r.body.content ?? ''));

  it('/add url: fetches the page, stores it, re-indexes, and the article answers', async () => {
    const i = fake.interaction('add', [{ name: 'url', type: 3, value: `${pages.base}/whatsapp` }]);
    const done = await finalEdit(i, /Done:/);
    expect(done.body.content).toMatch(/Added “.+” \(CNET, 2017-01-1\d\)\. Done: 6 articles/);
    expect((await fake.waitForRequest(isCallbackOf(i))).body.data.flags).toBe(EPHEMERAL);
    expect(fs.readdirSync(seeds).some((f) => f.endsWith('.html'))).toBe(true);
    const answer = await dossier.ask('How much did Facebook pay for WhatsApp?');
    expect(answer.excerpts[0]!.quote).toMatch(/\$19 billion/);
    expect(answer.excerpts[0]!.article.outlet).toBe('CNET');
  });

  it('/add with a page that is not an article, or not a web address: a private refusal, nothing stored', async () => {
    const before = fs.readdirSync(seeds).length;
    const login = fake.interaction('add', [{ name: 'url', type: 3, value: `${pages.base}/login` }]);
    expect((await finalEdit(login, /Not added/)).body.content).toMatch(/login|article|readable/i);
    const local = fake.interaction('add', [{ name: 'url', type: 3, value: '/etc/passwd' }]);
    expect((await finalEdit(local, /web address/)).body.content).toMatch(/https:\/\//);
    const again = fake.interaction('add', [{ name: 'url', type: 3, value: `${pages.base}/whatsapp` }]);
    expect((await finalEdit(again, /Already there/)).body.content).toMatch(/same URL/);
    expect(fs.readdirSync(seeds)).toHaveLength(before);
  });

  it('/reindex: a question asked meanwhile is answered before the re-index finishes', async () => {
    // A long new article: tagging and embedding it take a while, and the question must not wait for that.
    const villages = Array.from(
      { length: 120 },
      (_, k) =>
        `Elders in village number ${k + 1} of Rukha district told reporters on Monday that apricot harvest ${k + 1} was late this year, and that Mohammad Karim ${k + 1} had counted the trees.`,
    );
    fs.writeFileSync(path.join(seeds, 'zz_harvest.txt'), ['Harvest report from Rukha', ...villages].join('\n\n'));
    const reindex = fake.interaction('reindex', []);
    await fake.waitForRequest(isCallbackOf(reindex));
    const ask = fake.interaction(
      'ask',
      [{ name: 'question', type: 3, value: 'Who is Amrullah Saleh?' }],
      'command',
      freshUser(),
    );
    const answered = await fake.waitForRequest(isOriginalEditOf(ask));
    expect(answered.body.embeds[0].description).toContain('Saleh');
    const reindexDone = await finalEdit(reindex, /Done:/);
    expect(fake.requests.indexOf(answered)).toBeLessThan(fake.requests.indexOf(reindexDone));
    expect(edits(reindex).at(-1)!.body.content).toMatch(/Done: 7 articles/);
  });
});
