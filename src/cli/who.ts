import { exitWithError, openWithProgress } from '../entry/run.ts';
import { parseCommandLine, UsageError } from '../entry/args.ts';
import { inputs } from './inputs.ts';
import { renderProfile } from './render-profile.ts';
import type { WhoResult } from '../people/profile.ts';

const USAGE = `Usage: npm run who -- [--json] "NAME"
  With no NAME, reads names from stdin, one per line.`;

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
  const print = (result: WhoResult) => console.log(values.json ? JSON.stringify(result) : `${renderProfile(result)}\n`);
  for await (const name of inputs(positionals, 'Type a name per line (Ctrl-D to end), or run: npm run who -- "NAME"')) {
    if (!values.json && !name.trim()) continue;
    print(dossier.who(name));
  }
  await dossier.close();
}

main().catch(exitWithError);
