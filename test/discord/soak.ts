/**
 * `npm run soak [-- --questions N] [--busy] [--json]`: a burst of N concurrent /ask interactions from N users,
 * through the real discord.js client and the real model, against the loopback fake Discord (127.0.0.1 only;
 * bounded in count and time). Reports answers per second, acknowledgements later than Discord's 3 s deadline,
 * and memory before and after. `--busy` runs a CPU-bound sibling process meanwhile, as on a shared machine;
 * `--no-engine` answers without searching, to measure the transport alone.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { Events } from 'discord.js';
import { loadSettings } from '../../src/config.ts';
import { Dossier } from '../../src/dossier.ts';
import { createBot } from '../../src/discord/bot.ts';
import { Cooldowns } from '../../src/discord/cooldown.ts';
import { FakeDiscord, isCallbackOf, isOriginalEditOf } from './fake-discord.ts';

const DEADLINE_MS = 3000;
const QUESTIONS = [
  'Who leads the NRF?',
  'Who is Amrullah Saleh?',
  'How many fighters does the resistance have?',
  'Which US general warned of a civil war?',
  'Where is the Panjshir valley?',
];
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const mb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

const { values } = parseArgs({
  options: {
    questions: { type: 'string', default: '200' },
    'no-engine': { type: 'boolean', default: false },
    busy: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const n = Math.min(1000, Math.max(1, Number(values.questions)));

const fake = new FakeDiscord();
await fake.start();
const dossier = await Dossier.open(loadSettings());
// --no-engine answers without searching: what the transport alone (client, loopback fake) costs.
const engine = Object.create(dossier) as Dossier;
if (values['no-engine'])
  engine.ask = async (question: string) => ({ question, answered: false, excerpts: [], reason: 'not_covered', ms: 0 });
const client = createBot(
  { dossier: engine, cooldowns: new Cooldowns(0), log: pino({ level: 'warn' }, pino.destination(2)) },
  { rest: { api: fake.api } },
);
const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
await client.login('soak.fake.token-for-loopback-only');
await ready;
const busy = values.busy
  ? spawn(process.execPath, ['-e', 'const end = Date.now() + 120000; while (Date.now() < end) {}'], { stdio: 'ignore' })
  : null;

// When the bot's client saw each interaction: tells gateway/event-loop delay apart from REST delay.
const seen = new Map<string, number>();
client.on(Events.InteractionCreate, (interaction) => void seen.set(interaction.id, performance.now()));
const rssStart = mb();
const started = performance.now();
const results = await Promise.all(
  Array.from({ length: n }, async (_, k) => {
    const sent = performance.now();
    const i = fake.interaction(
      'ask',
      [{ name: 'question', type: 3, value: QUESTIONS[k % QUESTIONS.length]! }],
      'command',
      `8000000000000${String(k).padStart(5, '0')}`,
    );
    await fake.waitForRequest(isCallbackOf(i), 120_000);
    const ack = performance.now() - sent;
    const received = (seen.get(i.id) ?? sent) - sent;
    const edit = await fake.waitForRequest(isOriginalEditOf(i), 120_000);
    return {
      ack,
      received,
      done: performance.now() - sent,
      answered: Boolean(edit.body.embeds?.length),
      busy: typeof edit.body.content === 'string',
    };
  }),
);
const seconds = (performance.now() - started) / 1000;
busy?.kill();
const report = {
  questions: n,
  busy_sibling: values.busy,
  answers_per_s: Math.round((results.filter((r) => r.answered).length / seconds) * 10) / 10,
  answered: results.filter((r) => r.answered).length,
  told_busy: results.filter((r) => r.busy).length,
  late_acks: results.filter((r) => r.ack > DEADLINE_MS).length,
  received_p50_ms: Math.round(
    percentile(
      results.map((r) => r.received),
      50,
    ),
  ),
  received_max_ms: Math.round(Math.max(...results.map((r) => r.received))),
  ack_p50_ms: Math.round(
    percentile(
      results.map((r) => r.ack),
      50,
    ),
  ),
  ack_max_ms: Math.round(Math.max(...results.map((r) => r.ack))),
  answer_p50_ms: Math.round(
    percentile(
      results.map((r) => r.done),
      50,
    ),
  ),
  answer_p99_ms: Math.round(
    percentile(
      results.map((r) => r.done),
      99,
    ),
  ),
  rss_start_mb: rssStart,
  rss_end_mb: mb(),
};
await client.destroy();
await fake.stop();
await dossier.close();
if (!values.json) {
  console.log(
    `${n} concurrent /ask${values.busy ? ' (with a busy sibling process)' : ''}: ${report.answered} answered, ${report.told_busy} told to retry, ${report.late_acks} acknowledged after 3 s`,
  );
  console.log(
    `${report.answers_per_s} answers/s; ack p50 ${report.ack_p50_ms} ms, max ${report.ack_max_ms} ms; answer p50 ${report.answer_p50_ms} ms, p99 ${report.answer_p99_ms} ms; RSS ${report.rss_start_mb} -> ${report.rss_end_mb} MB`,
  );
}
console.log(JSON.stringify(report));
process.exit(0);
