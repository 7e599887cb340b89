import { loadSettings, type Settings } from '../config.ts';
import { Dossier, type OpenOptions } from '../dossier.ts';
import { FriendlyError } from '../errors.ts';
import { downloadProgress, embeddingProgress } from './progress.ts';

/** Prints what went wrong (a stack only for the unexpected) and exits non-zero. */
export function exitWithError(error: unknown): never {
  process.stderr.write(`\n${error instanceof FriendlyError ? error.message : ((error as Error)?.stack ?? String(error))}\n`);
  process.exit(1);
}

/** Settings + model + index, with progress on a terminal: what every program's entry point needs. */
export async function openWithProgress(settingsOverride?: Settings, options: OpenOptions = {}): Promise<Dossier> {
  const settings = settingsOverride ?? loadSettings();
  return Dossier.open(settings, {
    progress: embeddingProgress(),
    onDownload: downloadProgress(),
    onRebuild: (reason) => process.stderr.write(`Building the index (${reason})…\n`),
    ...options,
  });
}
