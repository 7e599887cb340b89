import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import readline from 'node:readline';
import { exitWithError, openWithProgress } from '../entry/run.ts';
import { renderAnswer, renderSources, terminalWidth } from './render.ts';
import { corpusTopics, exampleQuestion } from '../messages.ts';
import { counted } from '../text/counted.ts';
import { renderProfile } from './render-profile.ts';
import { parseCommandLine } from '../entry/args.ts';
import type { Answer } from '../answer/types.ts';
import type { Turn } from '../answer/followup.ts';
import { loadFollowUps } from '../answer/load-followup.ts';

const HELP = `Ask a question about the articles and get their own words back, with citations.
  :who NAME   what the articles say about a person (/who NAME works too)
  :sources    the articles Dossier has read
  :reindex    re-read the articles folder now (it is also watched)
  :new        a new topic: the next question is not read as a follow-up
  :help       this help
  :quit       leave (Ctrl-D works too)
A question that names no one of its own is read against the previous one ("where is he now?"), or against the
person :who looked up.`;

const QUIT = [':quit', ':q', ':exit'];
/** The commands that are a word on their own: one given more is refused, not taken as another command. */
const BARE = [...QUIT, ':help', ':sources', ':new', ':reindex'];

/**
 * The bot's slash commands typed here work as the REPL's own: "/who Fahim Dashty" is ":who Fahim Dashty", "/ask Who
 * leads the NRF?" the question itself. Other lines are unchanged.
 */
function fromDiscordSpelling(line: string): string {
  const ask = /^\/ask\s+(.+)$/i.exec(line);
  if (ask) return ask[1]!;
  const command = /^\/(who|sources|help)\b/i.exec(line);
  if (!command) return line;
  const rest = line.slice(command[0].length);
  // The bot pages its sources ("/sources page:2"); the REPL lists them all at once.
  const argument = command[1]!.toLowerCase() === 'sources' ? rest.replace(/^\s*page:\s*\d+\s*$/i, '') : rest;
  return `:${command[1]!.toLowerCase()}${argument}`;
}

const HISTORY_FILE = path.join(os.homedir(), '.dossier_history');

function loadHistory(): string[] {
  try {
    return fs.readFileSync(HISTORY_FILE, 'utf8').split('\n').filter(Boolean).reverse().slice(0, 500);
  } catch {
    return [];
  }
}

/** The question as asked, or as a follow-up of the previous turn, with the line that says so. */
async function readAgainst(line: string, previous: Turn | null): Promise<{ question: string; note?: string }> {
  if (!previous) return { question: line };
  // Loaded for the second question, not at start (see load-followup.ts).
  const followUp = (await loadFollowUps()).rewriteFollowUp(line, previous);
  return followUp.rewritten
    ? { question: followUp.question, note: `(following up on "${previous.question}": ${followUp.question})` }
    : { question: line };
}

/** What a follow-up is read against: the question and the words quoted for it. */
const turnOf = (answer: Answer): Turn => ({
  question: answer.question,
  answer: answer.excerpts.map((e) => e.quote).join('\n'),
});

const USAGE = `Usage: npm run repl
  Then type questions; :help lists the commands.`;

async function main(): Promise<void> {
  const { values } = parseCommandLine({ options: { help: { type: 'boolean', short: 'h' } } }, USAGE);
  if (values.help) return void console.log(`${USAGE}\n\n${HELP}`);
  // Articles dropped into the folder while the REPL runs are indexed in the background and answered from.
  const dossier = await openWithProgress(undefined, {
    serveWhileRebuilding: true,
    watch: true,
    onReindex: (event) =>
      process.stderr.write(
        event.ok
          ? `\n(Re-indexed: ${counted(event.articles, 'article')}, ${counted(event.passages, 'passage')}, in ${(event.ms / 1000).toFixed(1)} s.)\n`
          : `\n(Re-indexing failed, still answering from the previous index: ${event.error.message})\n`,
      ),
  });
  const topics = corpusTopics(dossier.articles);
  const example = exampleQuestion(dossier.completeName('', 1));
  const rl = readline.createInterface({
    input: process.stdin,
    output: process.stdout,
    history: loadHistory(),
    historySize: 500,
  });
  rl.on('history', (history: string[]) => {
    try {
      fs.writeFileSync(HISTORY_FILE, [...history].reverse().join('\n') + '\n');
    } catch {
      // history is a convenience; never fail a question over it
    }
  });
  console.log(`Dossier: ${topics}.\nType a question, or :help.\n`);
  rl.setPrompt('dossier> ');
  rl.prompt();
  let previous: Turn | null = null;
  // The line iterator buffers input, so pasted or piped questions are all answered, in order.
  for await (const raw of rl) {
    const line = fromDiscordSpelling(raw.trim());
    // ":who Fahim Dashty" -> ":who" and "Fahim Dashty"; a question is no command.
    const [command = '', ...words] = line.startsWith(':') ? line.split(/\s+/) : [];
    const argument = words.join(' ');
    if (BARE.includes(command) && argument) console.log(`${command} takes no argument.`);
    else if (QUIT.includes(command)) break;
    else if (command === ':help') console.log(HELP);
    else if (command === ':sources') console.log(renderSources(dossier.sources()));
    else if (command === ':new') {
      previous = null;
      console.log('New topic: the next question is read on its own.');
    } else if (command === ':reindex')
      await dossier.reindex('requested'); // reported by onReindex
    else if (command === ':who' && argument) {
      const found = dossier.who(argument);
      console.log(renderProfile(found));
      // The person looked up is whom "he" or "she" means next ("what did he say about the ferry?"), also when the
      // articles don't name them: "where does he work?" is then asked of that name, not of the question before.
      previous = { question: `Who is ${found.person?.name ?? argument}?` };
    } else if (command === ':who') console.log('Usage: :who NAME');
    else if (command) console.log(`Unknown command ${command}. ${HELP}`);
    else if (line) {
      const { question, note } = await readAgainst(line, previous);
      if (note) console.log(note);
      const answer = await dossier.ask(question);
      previous = turnOf(answer);
      console.log(renderAnswer(answer, dossier.settings.maxQuestionChars, topics, terminalWidth(), example));
    }
    if (line) console.log();
    rl.prompt();
  }
  rl.close();
  await dossier.close();
}

main().catch(exitWithError);
