import { exitWithError, openWithProgress } from '../entry/run.ts';
import { parseCommandLine } from '../entry/args.ts';
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
  const dossier = await openWithProgress();
  const print = (result: WhoResult) => console.log(values.json ? JSON.stringify(result) : `${renderProfile(result)}\n`);
  for await (const name of inputs(positionals)) {
    if (!values.json && !name.trim()) continue;
    print(dossier.who(name));
  }
  await dossier.close();
}

main().catch(exitWithError);
