import { parseArgs } from 'node:util';
import { loadSettings } from '../config.ts';
import { Embedder } from '../embed/embedder.ts';
import { ingest } from '../ingest/ingest.ts';
import { staleLive, staleReason } from '../ingest/stale.ts';
import { connect, liveGeneration } from '../store/postgres/store.ts';
import { IngestBusyError } from '../store/postgres/writer.ts';
import { FriendlyError } from '../errors.ts';
import { downloadProgress, embeddingProgress } from '../entry/progress.ts';
import { exitWithError } from '../entry/run.ts';

/**
 * `npm run ingest [-- --force] [-- --no-wait]`: (re)builds the index when the articles or the model changed;
 * --force re-embeds everything. With DATABASE_URL, one ingest writes at a time: a second waits (saying who holds
 * the lock), or with --no-wait stops at once.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { force: { type: 'boolean', default: false }, 'no-wait': { type: 'boolean', default: false } } });
  const settings = loadSettings();
  const started = performance.now();
  const embedder = await Embedder.load({ ...settings, modelId: settings.embedModel, onProgress: downloadProgress() });
  const target = settings.databaseUrl ? `the database (schema ${settings.databaseSchema})` : settings.indexDir;
  const reason = values.force ? 'rebuild requested' : await currentStaleness(settings, embedder.modelId);
  if (!reason) {
    console.log(`The index in ${target} is up to date (use --force to rebuild).`);
  } else {
    console.error(`Building the index (${reason})…`);
    try {
      const report = await ingest(settings, embedder, embeddingProgress(), {
        reuse: !values.force,
        wait: !values['no-wait'],
        onWait: (holder) => console.error(`Waiting for another ingest to finish (${holder})…`),
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`Indexed ${report.passages} passages (${report.sentences} sentences) with ${report.model} in ${seconds} s -> ${target}${settings.databaseUrl ? `, generation ${report.generation} live` : ''}`);
    } catch (error) {
      if (error instanceof IngestBusyError) throw new FriendlyError(error.message);
      throw error;
    }
  }
  await embedder.dispose();
}

async function currentStaleness(settings: ReturnType<typeof loadSettings>, modelId: string): Promise<string | null> {
  if (!settings.databaseUrl) return staleReason(settings.indexDir, settings.seedsDir, modelId);
  const db = await connect(settings.databaseUrl, { schema: settings.databaseSchema });
  try {
    return staleLive(await liveGeneration(db), settings.seedsDir, modelId);
  } finally {
    await db.close();
  }
}

main().catch(exitWithError);
