import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Writable } from 'node:stream';
import pino from 'pino';
import { Events, type Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dossier } from '../../src/dossier.ts';
import { createBot } from '../../src/discord/bot.ts';
import { Cooldowns } from '../../src/discord/cooldown.ts';
import { LocalFeedback } from '../../src/store/feedback.ts';
import { FakeDiscord, IDS, isCallbackOf, isOriginalEditOf } from './fake-discord.ts';
import { expectNoPings } from './expect-no-pings.ts';
import { ROOT, SEEDS_DIR, tempDir, testEnv, testSettings } from '../helpers.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.token-for-conversation-tests';
const EPHEMERAL = 64;

/** Buttons, menus, follow-ups, threads, feedback and context menus, through the real discord.js client. */
describe('conversations with the bot: buttons, feedback, follow-ups, threads, context menus', () => {
  const fake = new FakeDiscord();
  const logLines: string[] = [];
  const dataDir = tempDir('conversation-data');
  let client: Client;
  let dossier: Dossier;
  let nextUser = 100;
  const freshUser = () => `9100000000000${String(++nextUser).padStart(5, '0')}`;

  let store: LocalFeedback;

  async function startBot(): Promise<Client> {
    const sink = new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) });
    store = LocalFeedback.open(dataDir);
    const bot = createBot(
      { dossier, cooldowns: new Cooldowns(0), log: pino({ level: 'debug' }, sink), store },
      { rest: { api: fake.api } },
    );
    const ready = new Promise((resolve) => bot.once(Events.ClientReady, resolve));
    await bot.login(TOKEN);
    await ready;
    return bot;
  }

  beforeAll(async () => {
    await fake.start();
    const seeds = tempDir('conversation-seeds');
    for (const f of fs.readdirSync(SEEDS_DIR)) fs.copyFileSync(path.join(SEEDS_DIR, f), path.join(seeds, f));
    fs.writeFileSync(
      path.join(seeds, 'zz_ping.txt'),
      'Prankster floods village chat\n\nA prankster posted @everyone and @here in the village chat group, the elders said on Tuesday.\n',
    );
    dossier = await Dossier.open(testSettings(tempDir('conversation-index'), { SEEDS_DIR: seeds }));
    client = await startBot();
  });

  afterAll(async () => {
    await client?.destroy();
    await fake.stop();
    await dossier?.close();
  });

  const callbackOf = (i: { id: string; token: string }) => fake.waitForRequest(isCallbackOf(i));
  const editOf = (i: { token: string }) => fake.waitForRequest(isOriginalEditOf(i));
  const followUpOf = (i: { token: string }) =>
    fake.waitForRequest((r) => r.method === 'POST' && r.path === `/webhooks/${IDS.app}/${i.token}`);
  const replyTo = (messageId: string) =>
    fake.waitForRequest(
      (r) =>
        r.method === 'POST' &&
        /^\/channels\/\d+\/messages$/.test(r.path) &&
        r.body?.message_reference?.message_id === messageId,
    );
  const ask = (
    question: string,
    extra: Array<{ name: string; type: number; value: unknown }> = [],
    user = freshUser(),
  ) => fake.interaction('ask', [{ name: 'question', type: 3, value: question }, ...extra], 'command', user);
  const customIds = (body: any): string[] =>
    (body.components ?? []).flatMap((row: any) => row.components.map((c: any) => c.custom_id));
  const button = (body: any, test: (c: any) => boolean) =>
    (body.components ?? []).flatMap((row: any) => row.components).find(test);
  const quotesOf = (description: string) => description.split('\n').filter((l) => l.startsWith('> '));

  async function answered(question: string, extra: Array<{ name: string; type: number; value: unknown }> = []) {
    const i = ask(question, extra);
    const edit = await editOf(i);
    return { i, edit, message: fake.messageOf(edit) };
  }

  it('an answer: each article named once, citations numbered, no latency shown, and its buttons', async () => {
    const { edit } = await answered('Who is Ahmad Massoud?');
    const embed = edit.body.embeds[0];
    const sources = embed.description.split('\n').filter((l: string) => /^\*\*\[\d+\]\*\* [*[]/.test(l));
    const cites = embed.description.split('\n').filter((l: string) => /^\*\*\[\d+\]\*\* ¶\d+/.test(l));
    expect(cites).toHaveLength(3);
    expect(new Set(sources).size).toBe(sources.length); // each article once
    expect(sources.length).toBe(new Set(cites.map((c: string) => c.match(/\[(\d+)\]/)![1])).size);
    expect(embed.footer.text).not.toMatch(/\bms\b/);
    expect(logLines.some((l) => l.includes('"msg":"answered"') && l.includes('"ms":'))).toBe(true);
    const labels = edit.body.components.flatMap((row: any) => row.components.map((c: any) => c.label ?? c.emoji?.name));
    expect(labels).toEqual(expect.arrayContaining(['More', '👍', '👎']));
    expect(labels.filter((l: string) => /^Full ¶\d+/.test(l)).length).toBe(3);
    for (const id of customIds(edit.body)) expect(id.length).toBeLessThanOrEqual(100);
    expectNoPings(edit);
  });

  it('More: the next excerpts in the same format, none repeated, with More again', async () => {
    const { edit, message } = await answered('Who is Ahmad Shah Massoud?');
    const first = quotesOf(edit.body.embeds[0].description);
    const moreId = customIds(edit.body).find((id) => id.startsWith('more:'))!;
    const click = fake.click(message, moreId);
    expect((await callbackOf(click)).body.type).toBe(5);
    const page2 = (await editOf(click)).body;
    expect(page2.embeds[0].title).toBe('Who is Ahmad Shah Massoud? (more, page 2)');
    expect(page2.embeds[0].footer.text).toContain('page 2');
    const second = quotesOf(page2.embeds[0].description);
    expect(second.length).toBeGreaterThan(0);
    for (const q of second) expect(first).not.toContain(q);
    expect(customIds(page2)).toContain(moreId.replace(':2:', ':3:'));
    const page3 = (await editOf(fake.click(fake.messageOf(await editOf(click)), moreId.replace(':2:', ':3:')))).body;
    for (const q of quotesOf(page3.embeds[0].description)) expect([...first, ...second]).not.toContain(q);
  });

  it('Full paragraph: the whole paragraph with the one before and after, privately', async () => {
    const { edit, message } = await answered('Who is Amrullah Saleh?');
    const full = button(edit.body, (c) => /^Full ¶\d+/.test(c.label ?? ''));
    const paragraph = Number(full.label.match(/¶(\d+)/)[1]);
    const reply = (await callbackOf(fake.click(message, full.custom_id))).body;
    expect(reply.type).toBe(4);
    expect(reply.data.flags).toBe(EPHEMERAL);
    const embed = reply.data.embeds[0];
    expect(embed.description).toContain(`**¶${paragraph}** (quoted)`);
    expect(embed.description).toContain(`¶${paragraph + 1}`);
    if (paragraph > 1) expect(embed.description).toContain(`¶${paragraph - 1}`);
    const articleId = full.custom_id.split(':')[2].split('#')[0];
    const text = dossier.paragraph(articleId, paragraph)!.paragraphs.find((p) => p.paragraph === paragraph)!.text;
    expect(embed.description).toContain(
      text
        .slice(0, 40)
        .replace(/[*_~`|]/g, (c: string) => `\\${c}`)
        .slice(0, 20),
    );
    expect(reply.data.allowed_mentions.parse).toEqual([]);
  });

  it('/ask private: an ephemeral answer whose More stays private', async () => {
    const i = ask('Who is Ahmad Massoud?', [{ name: 'private', type: 5, value: true }]);
    expect((await callbackOf(i)).body.data.flags).toBe(EPHEMERAL);
    const edit = await editOf(i);
    const moreId = customIds(edit.body).find((id) => id.startsWith('more:'))!;
    expect(moreId).toMatch(/:p$/);
    const click = fake.click(fake.messageOf(edit), moreId);
    expect((await callbackOf(click)).body.data.flags).toBe(EPHEMERAL);
  });

  it('/ask private with thread: no thread on a private answer, and a private note saying so', async () => {
    const i = ask('Who is Matin Bek?', [
      { name: 'private', type: 5, value: true },
      { name: 'thread', type: 5, value: true },
    ]);
    const note = await followUpOf(i);
    expect(note.body.flags).toBe(EPHEMERAL);
    expect(note.body.content).toContain('cannot start a thread');
  });

  it('sources differ: figures from different articles side by side with outlet and date', async () => {
    const { edit } = await answered('How many fighters do his forces number?');
    const fields = edit.body.embeds[0].fields;
    expect(fields[0].name).toContain('Sources differ on the number of fighters');
    const side = fields.filter((f: any) => f.inline);
    expect(side.map((f: any) => f.name)).toEqual(
      expect.arrayContaining(['more than 6,000 fighters', 'some 9,000 fighters']),
    );
    expect(side.find((f: any) => f.name === 'some 9,000 fighters').value).toContain('The Times of Israel, 2021-08-23');
  });

  it('a follow-up by replying to an answer resolves the pronoun from the previous question', async () => {
    const user = freshUser();
    const asked = fake.userMessage(`<@${IDS.bot}> Who is Ahmad Shah Massoud?`, { mentionsBot: true, userId: user });
    const answer = fake.messageOf(await replyTo(asked.id));
    const followUp = fake.userMessage('and his brother?', { replyTo: answer, userId: user });
    const reply = (await replyTo(followUp.id)).body;
    expect(reply.embeds[0].title).toBe('Ahmad Shah Massoud’s brother?');
    expect(reply.embeds[0].author.name).toContain('following up on: Who is Ahmad Shah Massoud?');
    expect(reply.embeds[0].description).toContain('Ahmad Wali Massoud');
    expect(reply.allowed_mentions.parse).toEqual([]);
  });

  it('a reply to a /who card follows up on its person', async () => {
    const user = freshUser();
    const card = await callbackOf(fake.interaction('who', [{ name: 'name', type: 3, value: 'Amrullah Saleh' }]));
    const message = fake.interactionMessages.get(card);
    expect(message.embeds[0].title).toBe('Amrullah Saleh');
    const followUp = fake.userMessage('where is he now?', { replyTo: message, userId: user });
    const reply = (await replyTo(followUp.id)).body;
    expect(reply.embeds[0].title).toBe('Where is Amrullah Saleh now?');
    expect(reply.embeds[0].author.name).toContain('following up on: Amrullah Saleh');
  });

  /** An answer opened as a thread with /ask, once the client knows the thread. */
  async function threadOf(question: string) {
    const { i, message } = await answered(question, [{ name: 'thread', type: 5, value: true }]);
    const created = await fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/channels/${IDS.channel}/messages/${message.id}/threads`,
    );
    await new Promise((r) => setTimeout(r, 100)); // THREAD_CREATE reaches the client
    return { i, message, created };
  }

  /** A mention written in a thread, and the bot's reply to it there. */
  async function askInThread(threadId: string, text: string, userId: string = freshUser()) {
    const inThread = fake.userMessage(`<@${IDS.bot}> ${text}`, { channelId: threadId, mentionsBot: true, userId });
    return fake.waitForRequest(
      (r) =>
        r.method === 'POST' &&
        r.path === `/channels/${threadId}/messages` &&
        r.body?.message_reference?.message_id === inThread.id,
    );
  }

  it('/ask thread: opens a thread, and a follow-up written in it resolves "his"', async () => {
    const { i, message, created } = await threadOf('Who is Ahmad Shah Massoud?');
    expect(created.body.name).toBe('Who is Ahmad Shah Massoud?');
    expect(i).toBeDefined();
    const reply = await askInThread(message.id, 'and his brother?');
    expect(reply.body.embeds[0].title).toBe('Ahmad Shah Massoud’s brother?');
    expect(reply.body.embeds[0].description).toContain('Ahmad Wali Massoud');
  });

  it('/who in a thread: a follow-up written in the thread is about that person', async () => {
    const { message } = await threadOf('Who is Ahmad Shah Massoud?');
    const user = freshUser();
    const who = [{ name: 'name', type: 3, value: 'Amrullah Saleh' }];
    const card = fake.interaction('who', who, 'command', user, message.id);
    expect((await callbackOf(card)).body.data.embeds[0].title).toBe('Amrullah Saleh');
    const reply = await askInThread(message.id, 'where is he now?', user);
    expect(reply.body.embeds[0].title).toBe('Where is Amrullah Saleh now?');
  });

  it('a mention replying to someone else’s message uses that message as context, or as the question', async () => {
    const theirs = fake.userMessage('Matin Bek is on the negotiating team, I read.', { userId: IDS.otherUser });
    const bare = fake.userMessage(`<@${IDS.bot}>`, { replyTo: theirs, mentionsBot: true, userId: freshUser() });
    const checked = (await replyTo(bare.id)).body.embeds[0];
    expect(checked.title).toBe('Matin Bek is on the negotiating team, I read.');
    expect(checked.description).toContain('negotiating team');
    const asked = fake.userMessage(`<@${IDS.bot}> who is he?`, {
      replyTo: theirs,
      mentionsBot: true,
      userId: freshUser(),
    });
    expect((await replyTo(asked.id)).body.embeds[0].title).toBe('Who is Matin Bek?');
  });

  it('Check in articles (message context menu): the message as a claim, and @everyone in it pings no one', async () => {
    const target = fake.userMessage('@everyone Amrullah Saleh is holed out in Panjshir alongside Ahmad Massoud!', {
      userId: IDS.otherUser,
    });
    const i = fake.messageCommand('Check in articles', target, freshUser());
    expect((await callbackOf(i)).body.type).toBe(5);
    const edit = await editOf(i);
    expect(edit.body.embeds[0].title).toContain('Checking: “Amrullah Saleh is holed out in Panjshir');
    expect(edit.body.embeds[0].title).not.toContain('@');
    expect(edit.body.embeds[0].description).toContain('> ');
    expect(edit.body.content ?? '').not.toContain('@everyone');
    expectNoPings(edit);
    expect(edit.body.allowed_mentions.users ?? []).toEqual([]);

    const off = fake.userMessage('The moon is made of green cheese.', { userId: IDS.otherUser });
    const uncovered = (await editOf(fake.messageCommand('Check in articles', off, freshUser()))).body.embeds[0];
    expect(uncovered.description).toContain("The articles don't cover this");
  });

  it('/who: a select menu for a shared name, "did you mean" buttons for a near miss', async () => {
    const list = (await callbackOf(fake.interaction('who', [{ name: 'name', type: 3, value: 'Massoud' }]))).body.data;
    const menu = list.components[0].components[0];
    expect(menu.custom_id).toBe('who:pick');
    expect(menu.options.map((o: any) => o.value)).toEqual(
      expect.arrayContaining(['Ahmad Massoud', 'Ahmad Shah Massoud', 'Ahmad Wali Massoud']),
    );
    const picked = (
      await callbackOf(
        fake.click({ id: '1', channel_id: IDS.channel, author: { id: IDS.bot }, ...list }, 'who:pick', {
          values: ['Ahmad Wali Massoud'],
        }),
      )
    ).body;
    expect(picked.type).toBe(7); // the list becomes the profile
    expect(picked.data.embeds[0].title).toBe('Ahmad Wali Massoud');
    expect(picked.data.components).toEqual([]);

    const near = (await callbackOf(fake.interaction('who', [{ name: 'name', type: 3, value: 'Mattin Beck' }]))).body
      .data;
    const suggestion = near.components[0].components[0];
    expect(suggestion.label).toBe('Did you mean Matin Bek?');
    const card = (await callbackOf(fake.click({ id: '2', channel_id: IDS.channel, ...near }, suggestion.custom_id)))
      .body;
    expect(card.data.embeds[0].title).toBe('Matin Bek');
  });

  it('/sources: by date, with the corpus’s date range, paged with Previous / Next', async () => {
    const first = (await callbackOf(fake.interaction('sources', []))).body.data;
    expect(first.embeds[0].title).toBe('The articles (6) · 2021-08-23 to 2021-09-05');
    const dates = [...first.embeds[0].description.matchAll(/· (\d{4}-\d\d-\d\d) ·/g)].map(
      (m: RegExpMatchArray) => m[1],
    );
    expect(dates).toEqual([...dates].sort());
    const [prev, next] = first.components[0].components;
    expect(prev.disabled).toBe(true);
    const second = (await callbackOf(fake.click({ id: '3', channel_id: IDS.channel, ...first }, next.custom_id))).body;
    expect(second.type).toBe(7);
    expect(second.data.embeds[0].description).toContain('Prankster floods village chat');
    expect(second.data.embeds[0].footer.text).toContain('Page 2 of 2');
    const back = (
      await callbackOf(
        fake.click(
          { id: '3', channel_id: IDS.channel, ...second.data },
          second.data.components[0].components[0].custom_id,
        ),
      )
    ).body;
    expect(back.data.embeds[0].footer.text).toContain('Page 1 of 2');
  });

  it('/help suggests questions drawn from the corpus’s own people and places', async () => {
    const help = (await callbackOf(fake.interaction('help', []))).body.data.embeds[0].description;
    const [top] = dossier.completeName('', 1);
    expect(help).toContain(`Who is ${top}?`);
    expect(help).toMatch(/What happened in [A-Z]/);
  });

  it('an old or foreign button gets a polite private reply', async () => {
    for (const id of [
      'someone-elses-button',
      'more:AAAAAAAAAAAA:2:o',
      'vote:AAAAAAAAAAAA:up',
      'para:3:no-such-article#3.0',
    ]) {
      const reply = (
        await callbackOf(
          fake.click(
            { id: '4', channel_id: IDS.channel, author: { id: IDS.bot }, embeds: [{ title: 'Something else' }] },
            id,
          ),
        )
      ).body;
      expect(reply.type).toBe(4);
      expect(reply.data.flags).toBe(EPHEMERAL);
      expect(reply.data.content).toContain('Ask again with /ask');
    }
  });

  it('More after the articles changed (another index generation) says so politely', async () => {
    const { edit, message } = await answered('What did the Taliban say about Panjshir?');
    const moreId = customIds(edit.body).find((id) => id.startsWith('more:'))!;
    const record = store.recall(moreId.split(':')[1]!)!;
    await store.remember({ ...record, shown: ['another-generation#1.0', ...record.shown.slice(1)] });
    const click = fake.click(message, moreId);
    expect((await editOf(click)).body.content).toContain('The articles have been updated since this answer');
  });

  it('votes: kept per user (a second click changes it), and everything survives a restart, old buttons included', async () => {
    const { edit, message } = await answered('Who is Amrullah Saleh?');
    const up = customIds(edit.body).find((id) => id.endsWith(':up'))!;
    const down = customIds(edit.body).find((id) => id.endsWith(':down'))!;
    const moreId = customIds(edit.body).find((id) => id.startsWith('more:'))!;
    const [alice, bob] = ['910000000000000777', '910000000000000888'];
    expect((await callbackOf(fake.click(message, up, { userId: alice }))).body.data.content).toContain('Thanks');
    expect((await callbackOf(fake.click(message, down, { userId: alice }))).body.data.content).toContain(
      'Changed your vote to 👎',
    );
    await callbackOf(fake.click(message, up, { userId: bob }));

    // Restart: a new client, a new store read from the same folder.
    await client.destroy();
    client = await startBot();
    const votes = (await LocalFeedback.open(dataDir).votes()).filter((v) => v.question === 'Who is Amrullah Saleh?');
    expect(votes.map((v) => v.vote).sort()).toEqual(['down', 'up']);
    expect(votes[0]).toMatchObject({ guild: IDS.guild, question: 'Who is Amrullah Saleh?' });
    expect(votes[0]!.excerptIds.length).toBeGreaterThan(0);
    expect(votes[0]!.shown).toContain('> ');
    const raw = fs.readFileSync(path.join(dataDir, 'feedback.jsonl'), 'utf8');
    expect(raw).not.toContain(alice);
    expect(raw).not.toContain(bob);

    // The button from before the restart still works: More, and a changed vote still counts once.
    const click = fake.click(message, moreId);
    expect((await editOf(click)).body.embeds[0].title).toBe('Who is Amrullah Saleh? (more, page 2)');
    await callbackOf(fake.click(message, up, { userId: alice }));
    const after = (await LocalFeedback.open(dataDir).votes()).filter((v) => v.question === 'Who is Amrullah Saleh?');
    expect(after.map((v) => v.vote)).toEqual(['up', 'up']);

    // npm run feedback: the summary and the worst-rated questions, --json for tools.
    const run = promisify(execFile);
    const bek = await answered('Who is Matin Bek?');
    await callbackOf(
      fake.click(
        bek.message,
        customIds(bek.edit.body).find((id) => id.endsWith(':down'))!,
        { userId: bob },
      ),
    );
    const env = testEnv(tempDir('feedback-cli'), { DATA_DIR: dataDir });
    const json = JSON.parse(
      (
        await run(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/cli/feedback.ts'), '--json'], {
          env,
          cwd: ROOT,
        })
      ).stdout,
    );
    expect(json).toMatchObject({ votes: 3, up: 2, down: 1, questions: 2 });
    expect(json.worst[0]).toMatchObject({ question: 'Who is Matin Bek?', down: 1 });
    const text = (
      await run(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/cli/feedback.ts')], { env, cwd: ROOT })
    ).stdout;
    expect(text).toContain('3 votes on 2 questions');
    expect(text).toMatch(/Worst rated:\n\s+1\. -1 \(0 👍, 1 👎\)\s+Who is Matin Bek\?/);
  });

  it('a follow-up in a thread still resolves after a restart (from the thread’s first message)', async () => {
    const { message } = await answered('Who is Ahmad Shah Massoud?', [{ name: 'thread', type: 5, value: true }]);
    await fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/channels/${IDS.channel}/messages/${message.id}/threads`,
    );
    await client.destroy();
    client = await startBot();
    fake.dispatch('THREAD_CREATE', fake.threads.get(message.id)); // a restarted bot learns its threads from the gateway
    await new Promise((r) => setTimeout(r, 100));
    const inThread = fake.userMessage(`<@${IDS.bot}> when was he assassinated?`, {
      channelId: message.id,
      mentionsBot: true,
      userId: freshUser(),
    });
    const reply = await fake.waitForRequest(
      (r) =>
        r.method === 'POST' &&
        r.path === `/channels/${message.id}/messages` &&
        r.body?.message_reference?.message_id === inThread.id,
    );
    expect(reply.body.embeds[0].title).toBe('When was Ahmad Shah Massoud assassinated?');
  });

  it('everything sent stays within Discord’s limits and pings no one', () => {
    const sent = fake.requests.filter(
      (r) =>
        r.body &&
        typeof r.body === 'object' &&
        (r.body.embeds || r.body.data?.embeds || r.body.content || r.body.data?.content),
    );
    expect(sent.length).toBeGreaterThan(20);
    for (const r of sent) {
      const body = r.body.data ?? r.body;
      expect(body.allowed_mentions?.parse ?? []).toEqual([]);
      for (const e of body.embeds ?? []) {
        const total =
          (e.title ?? '').length +
          (e.description ?? '').length +
          (e.footer?.text ?? '').length +
          (e.author?.name ?? '').length +
          (e.fields ?? []).reduce((n: number, f: any) => n + f.name.length + f.value.length, 0);
        expect(total).toBeLessThanOrEqual(6000);
        expect((e.description ?? '').length).toBeLessThanOrEqual(4096);
      }
      for (const id of customIds(body)) expect(id.length).toBeLessThanOrEqual(100);
    }
  });
});
