import { parseArgs } from 'node:util';
import { exitWithError, openWithProgress } from '../entry/run.ts';
import { inputs } from './inputs.ts';
import { renderAnswer } from './render.ts';
import { corpusTopics } from '../messages.ts';
import type { Answer } from '../answer/types.ts';

const USAGE = `Usage: npm run ask -- [--json] "question"
  With no question, reads questions from stdin, one per line.
  --json   one JSON object per answer on stdout (logs go to stderr)`;

/** The stable JSON shape other tools read. */
export function answerJson(answer: Answer) {
  return {
    question: answer.question,
    answered: answer.answered,
    excerpts: answer.excerpts.map(({ quote, score, paragraph, article }) => ({ quote, score, paragraph, article })),
    /** Figures about the same thing that differ between articles: `[{ about, claims: [{ figure, value, sentence, article, paragraph, passageId }] }]`. */
    disagreements: answer.disagreements ?? [],
    ms: answer.ms,
  };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  if (values.help) return void console.log(USAGE);
  const dossier = await openWithProgress();
  const topics = corpusTopics(dossier.articles);
  const print = (answer: Answer) =>
    console.log(values.json ? JSON.stringify(answerJson(answer)) : `${renderAnswer(answer, dossier.settings.maxQuestionChars, topics)}\n`);

  for await (const question of inputs(positionals)) print(await dossier.ask(question));
  await dossier.close();
}

main().catch(exitWithError);
