import { parseArgs } from 'node:util';
import { loadSettings } from '../config.ts';
import { Embedder } from '../embed/embedder.ts';
import { buildIndex } from '../index/build.ts';
import { staleReason } from '../dossier.ts';
import { downloadProgress, embeddingProgress } from './progress.ts';
import { exitWithError } from './open.ts';

/** `npm run ingest [-- --force]`: (re)builds the index when the articles or the model changed; --force re-embeds everything. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { force: { type: 'boolean', default: false } } });
  const settings = loadSettings();
  const started = performance.now();
  const embedder = await Embedder.load({ ...settings, modelId: settings.embedModel, onProgress: downloadProgress() });
  const reason = values.force ? 'rebuild requested' : staleReason(settings.indexDir, settings.seedsDir, embedder.modelId, embedder.signature);
  if (!reason) {
    console.log(`The index in ${settings.indexDir} is up to date (use --force to rebuild).`);
  } else {
    console.error(`Building the index (${reason})…`);
    const manifest = await buildIndex(settings, embedder, embeddingProgress(), { reuse: !values.force });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Indexed ${manifest.passages} passages (${manifest.sentences} sentences) with ${manifest.model} in ${seconds} s -> ${settings.indexDir}`);
  }
  await embedder.dispose();
}

main().catch(exitWithError);
