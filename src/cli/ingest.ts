import { parseArgs } from 'node:util';
import { loadSettings } from '../config.ts';
import { rebuildIndex } from './rebuild.ts';
import { exitWithError } from '../entry/run.ts';

/** `npm run ingest [-- --force]`: (re)builds the index when the articles or the model changed; --force re-embeds everything. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { force: { type: 'boolean', default: false } } });
  await rebuildIndex(loadSettings(), { force: values.force });
}

main().catch(exitWithError);
