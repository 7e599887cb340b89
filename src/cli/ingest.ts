import { loadSettings } from '../config.ts';
import { rebuildIndex } from './rebuild.ts';
import { exitWithError } from '../entry/run.ts';
import { parseCommandLine } from '../entry/args.ts';

const USAGE = `Usage: npm run ingest [-- --force]
  Builds the index when the articles or the model changed.
  --force   rebuild and re-embed everything`;

/** `npm run ingest [-- --force]`: (re)builds the index when the articles or the model changed; --force re-embeds everything. */
async function main(): Promise<void> {
  const { values } = parseCommandLine({ options: { force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } } }, USAGE);
  if (values.help) return void console.log(USAGE);
  await rebuildIndex(loadSettings(), { force: values.force });
}

main().catch(exitWithError);
