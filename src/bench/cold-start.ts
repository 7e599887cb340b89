/**
 * Child process of `npm run bench`: loads the bot's modules (discord.js included, as `npm start` does; logging in
 * to Discord is not timed), opens Dossier on an existing index, answers one question, and reports the time from
 * process start to that answer, then the resident memory after a short warm-up.
 */
import '../discord/bot.ts';
import { loadSettings } from '../config.ts';
import { Dossier } from '../dossier.ts';

const dossier = await Dossier.open(loadSettings());
await dossier.ask('Who leads the resistance in Panjshir?');
const coldStartMs = performance.now(); // performance's origin is this process's start
for (const q of [
  'Who is Amrullah Saleh?',
  'How many fighters does the NRF have?',
  'What did Milley warn?',
  'Where is Anabah?',
])
  await dossier.ask(q);
const rssMb = process.memoryUsage().rss / 1024 / 1024;
process.stdout.write(`${JSON.stringify({ coldStartMs, rssMb })}\n`);
await dossier.close();
