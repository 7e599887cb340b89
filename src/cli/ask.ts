import { exitWithError, openWithProgress } from '../entry/run.ts';
import { parseCommandLine, UsageError } from '../entry/args.ts';
import { inputs } from './inputs.ts';
import { questionHeading, renderAnswer, terminalWidth } from './render.ts';
import { corpusTopics, exampleQuestion } from '../messages.ts';
import { answerJson } from './answer-json.ts';
import type { Answer } from '../answer/types.ts';

const USAGE = `Usage: npm run ask -- [--json] "question"
  With no question, reads questions from stdin, one per line.
  --json   one JSON object per input line on stdout (logs go to stderr); unanswered ones carry a "reason"`;

async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine(
    {
      options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    },
    USAGE,
  );
  if (values.help) return void console.log(USAGE);
  // The index is opened when the first question comes: a forgotten question costs no index load.
  const open = async () => {
    const dossier = await openWithProgress();
    const topics = corpusTopics(dossier.articles);
    const example = exampleQuestion(dossier.completeName('', 1));
    // Questions piped in are shown over their answers (the JSON lines carry theirs; typed ones are on screen).
    const heading = (answer: Answer) =>
      positionals.length || process.stdin.isTTY ? '' : `${questionHeading(answer.question, terminalWidth())}\n\n`;
    const print = (answer: Answer) =>
      console.log(
        values.json
          ? JSON.stringify(answerJson(answer))
          : `${heading(answer)}${renderAnswer(answer, dossier.settings.maxQuestionChars, topics, terminalWidth(), example)}\n`,
      );
    return { dossier, print };
  };

  let session: Awaited<ReturnType<typeof open>> | null = null;
  for await (const question of inputs(
    positionals,
    'Type a question per line (Ctrl-D to end), or run: npm run ask -- "QUESTION"',
  )) {
    // Readable mode skips blank lines of stdin; --json answers every line (blank ones as {"reason": "empty"}) to keep
    // pairs. A blank question given as an argument (`ask -- ""`) gets the hint for an empty question.
    if (!values.json && !question.trim() && !positionals.length) continue;
    session ??= await open();
    try {
      session.print(await session.dossier.ask(question));
    } catch (error) {
      // One failing question is reported in its own line; the others are still answered.
      if (!values.json) throw error;
      console.log(
        JSON.stringify(
          answerJson({
            question,
            answered: false,
            excerpts: [],
            reason: 'error',
            error: (error as Error)?.message ?? String(error),
            ms: 0,
          }),
        ),
      );
    }
  }
  await session?.dossier.close();
  // A readable `npm run ask` with the question forgotten and nothing on stdin says so, rather than end in silence
  // (--json answers line for line: nothing for nothing).
  if (!session && !values.json) throw new UsageError(`No question given.\n${USAGE}`);
}

main().catch(exitWithError);
