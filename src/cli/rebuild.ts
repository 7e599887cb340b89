import type { Settings } from '../config.ts';
import { Embedder } from '../embed/embedder.ts';
import { ingest } from '../ingest/ingest.ts';
import { staleReason } from '../ingest/stale.ts';
import { downloadProgress, embeddingProgress } from '../entry/progress.ts';

/**
 * (Re)builds the index when the articles or the model changed; `force` re-embeds everything. The one place the
 * command-line tools (`ingest`, `add`) build the index.
 */
export async function rebuildIndex(settings: Settings, { force = false }: { force?: boolean } = {}): Promise<void> {
  const started = performance.now();
  const embedder = await Embedder.load({ ...settings, modelId: settings.embedModel, onProgress: downloadProgress() });
  try {
    const reason = force ? 'rebuild requested' : staleReason(settings.indexDir, settings.seedsDir, embedder, settings);
    if (!reason) {
      console.log(`The index in ${settings.indexDir} is up to date (use --force to rebuild).`);
      return;
    }
    console.error(`Building the index (${reason})…`);
    const manifest = await ingest(settings, embedder, embeddingProgress(), { reuse: !force });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Indexed ${manifest.passages} passages (${manifest.sentences} sentences) with ${manifest.model} in ${seconds} s -> ${settings.indexDir}`);
  } finally {
    await embedder.dispose();
  }
}
