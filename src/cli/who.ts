import { exitWithError, openWithProgress } from '../entry/run.ts';
import { parseCommandLine, UsageError } from '../entry/args.ts';
import { inputs } from './inputs.ts';
import { renderProfile } from './render-profile.ts';
import type { WhoResult } from '../people/profile.ts';
import { hasWords } from '../answer/question.ts';

const USAGE = `Usage: npm run who -- [--json] "NAME"
  With no NAME, reads names from stdin, one per line.
  --json   one JSON object per input line on stdout (logs go to stderr); a blank line gets "reason": "empty"`;

/**
 * The JSON line for a name. A blank one (no letter or digit) is `not_found` with `"reason": "empty"`, as `ask --json`
 * marks a blank question, so a reader can tell it from a name nobody has. A greeting is a name here ("Hola").
 */
function whoJson(result: WhoResult, name: string): WhoResult & { reason?: 'empty' } {
  return hasWords(name) ? result : { ...result, reason: 'empty' };
}

async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine(
    {
      options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    },
    USAGE,
  );
  if (values.help) return void console.log(USAGE);
  if (positionals.length && !positionals.join(' ').trim()) throw new UsageError(`Give a name to look up.\n${USAGE}`);
  const dossier = await openWithProgress();
  for await (const name of inputs(positionals, 'Type a name per line (Ctrl-D to end), or run: npm run who -- "NAME"')) {
    // Readable mode skips blank lines; --json answers every line, to keep pairs with the input.
    if (!values.json && !name.trim()) continue;
    const result = dossier.who(name);
    console.log(values.json ? JSON.stringify(whoJson(result, name)) : `${renderProfile(result)}\n`);
  }
  await dossier.close();
}

main().catch(exitWithError);
