import fs from 'node:fs';
import type { Settings } from '../config.ts';
import type { Embedder } from '../embed/embedder.ts';
import { LocalStore } from '../store/local.ts';
import { StoreError, type Store } from '../store/store.ts';
import { connect, liveGeneration, PostgresStore } from '../store/postgres/store.ts';
import type { BuildProgress } from './ingest.ts';
import { staleLive, staleModel, staleReason } from './stale.ts';

export interface OpenStoreOptions {
  progress?: BuildProgress;
  /** Told why the content is being rebuilt before it happens. */
  onRebuild?: (reason: string) => void;
  /** Postgres: told who holds the ingest lock when waiting for another process's build. */
  onWait?: (holder: string) => void;
}

/**
 * The store the settings select, up to date with the articles and the model: `postgres` when DATABASE_URL is set,
 * otherwise `local` (files in INDEX_DIR). Stale or missing content is rebuilt first.
 */
export async function openStore(
  settings: Settings,
  embedder: Embedder,
  options: OpenStoreOptions = {},
): Promise<Store> {
  // Loaded only when needed: ingesting pulls in the NLP tagger, which a warm start does not need.
  const rebuild = async (reason: string, ifStale = false) => {
    options.onRebuild?.(reason);
    const { ingest } = await import('./ingest.ts');
    await ingest(settings, embedder, options.progress, { ifStale, onWait: options.onWait });
  };
  if (settings.databaseUrl) return openPostgres(settings, embedder, rebuild);

  const reason = staleReason(settings.indexDir, settings.seedsDir, embedder, settings);
  if (reason) await rebuild(reason);
  try {
    return LocalStore.open(settings.indexDir);
  } catch (error) {
    // Checksums are verified while reading: a damaged file means a rebuild, never wrong answers.
    if (!(error instanceof StoreError)) throw error;
    await rebuild(`the index is damaged (${error.message})`);
    return LocalStore.open(settings.indexDir);
  }
}

/**
 * Several processes share one database: each that finds it stale asks for a build, the first takes the ingest
 * lock and builds, the others wait and then find it fresh (`ifStale`). A process without articles of its own (a
 * bot host with no SEEDS_DIR) answers from whatever is live rather than replacing it with an empty corpus.
 */
async function openPostgres(
  settings: Settings,
  embedder: Embedder,
  rebuild: (reason: string, ifStale: boolean) => Promise<void>,
): Promise<Store> {
  const db = await connect(settings.databaseUrl!, { schema: settings.databaseSchema });
  try {
    const live = await liveGeneration(db);
    const hasArticles =
      fs.existsSync(settings.seedsDir) &&
      fs.readdirSync(settings.seedsDir).some((f) => /\.(txt|md|markdown|html?)$/i.test(f));
    // Without articles here, only a model change can make the live generation unusable for this process.
    const reason =
      hasArticles || !live ? staleLive(live, settings.seedsDir, embedder, settings) : staleModel(live, embedder);
    if (reason) await rebuild(reason, true);
    return await PostgresStore.openDb(db, { schema: settings.databaseSchema });
  } catch (error) {
    await db.close();
    throw error;
  }
}
