/**
 * A separate process for store-postgres.test.ts: ingests the seeds into CHILD_DATABASE_URL and, with everything
 * written but not committed, prints WRITTEN and waits to be killed.
 */
import { Embedder } from '../src/embed/embedder.ts';
import { ingest } from '../src/ingest/ingest.ts';
import { SEEDS_DIR, TEST_MODEL, TEST_MODELS_DIR } from './helpers.ts';

const embedder = await Embedder.load({
  modelId: TEST_MODEL,
  modelsDir: TEST_MODELS_DIR,
  allowRemoteModels: false,
  cacheDir: process.env.CHILD_CACHE_DIR!, // made by the parent, which removes it: this process is killed
});
await ingest(
  {
    seedsDir: SEEDS_DIR,
    indexDir: process.env.CHILD_INDEX_DIR!,
    databaseUrl: process.env.CHILD_DATABASE_URL!,
    databaseSchema: process.env.CHILD_SCHEMA!,
  },
  embedder,
  undefined,
  {
    reuse: false,
    beforeCommit: async () => {
      process.stdout.write('WRITTEN\n');
      await new Promise(() => setInterval(() => {}, 1000)); // until killed
    },
  },
);
