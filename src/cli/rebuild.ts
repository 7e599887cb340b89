import type { Settings } from '../config.ts';
import { Embedder } from '../embed/embedder.ts';
import { ingest } from '../ingest/ingest.ts';
import { staleLive, staleReason } from '../ingest/stale.ts';
import { connect, liveGeneration } from '../store/postgres/store.ts';
import { IngestBusyError } from '../store/postgres/writer.ts';
import { FriendlyError } from '../errors.ts';
import { downloadProgress, embeddingProgress } from '../entry/progress.ts';

/**
 * (Re)builds the index when the articles or the model changed; `force` re-embeds everything. The one place the
 * command-line tools (`ingest`, `add`) build the index. With DATABASE_URL one ingest writes at a time: a second
 * waits (saying who holds the lock), or with `wait: false` stops at once.
 */
export async function rebuildIndex(
  settings: Settings,
  { force = false, wait = true }: { force?: boolean; wait?: boolean } = {},
): Promise<void> {
  const started = performance.now();
  const embedder = await Embedder.load({ ...settings, modelId: settings.embedModel, onProgress: downloadProgress() });
  const target = settings.databaseUrl ? `the database (schema ${settings.databaseSchema})` : settings.indexDir;
  try {
    const reason = force ? 'rebuild requested' : await currentStaleness(settings, embedder);
    if (!reason) {
      console.log(`The index in ${target} is up to date (use --force to rebuild).`);
      return;
    }
    console.error(`Building the index (${reason})…`);
    const report = await ingest(settings, embedder, embeddingProgress(), {
      reuse: !force,
      wait,
      onWait: (holder) => console.error(`Waiting for another ingest to finish (${holder})…`),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const live = settings.databaseUrl ? `, generation ${report.generation} live` : '';
    console.log(
      `Indexed ${report.passages} passages (${report.sentences} sentences) with ${report.model} in ${seconds} s -> ${target}${live}`,
    );
  } catch (error) {
    if (error instanceof IngestBusyError) throw new FriendlyError(error.message);
    throw error;
  } finally {
    await embedder.dispose();
  }
}

async function currentStaleness(settings: Settings, embedder: Embedder): Promise<string | null> {
  if (!settings.databaseUrl) return staleReason(settings.indexDir, settings.seedsDir, embedder, settings);
  const db = await connect(settings.databaseUrl, { schema: settings.databaseSchema });
  try {
    return staleLive(await liveGeneration(db), settings.seedsDir, embedder, settings);
  } finally {
    await db.close();
  }
}
