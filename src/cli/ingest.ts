import { loadSettings } from '../config.ts';
import { rebuildIndex } from './rebuild.ts';
import { exitWithError } from '../entry/run.ts';
import { parseCommandLine } from '../entry/args.ts';

const USAGE = `Usage: npm run ingest [-- --force] [--no-wait]
  Builds the index when the articles or the model changed.
  --force     rebuild and re-embed everything
  --no-wait   with DATABASE_URL: stop at once if another ingest is writing (default: wait for it)`;

/** `npm run ingest [-- --force] [--no-wait]`: (re)builds the index when the articles or the model changed. */
async function main(): Promise<void> {
  const { values } = parseCommandLine(
    {
      options: {
        force: { type: 'boolean', default: false },
        'no-wait': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    },
    USAGE,
  );
  if (values.help) return void console.log(USAGE);
  await rebuildIndex(loadSettings(), { force: values.force, wait: !values['no-wait'] });
}

main().catch(exitWithError);
