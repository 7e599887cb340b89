import { loadSettings, SettingsError, type Settings } from '../config.ts';
import { Dossier } from '../dossier.ts';
import { ModelLoadError } from '../embed/embedder.ts';
import { CorpusError } from '../corpus/articles.ts';
import { downloadProgress, embeddingProgress } from './progress.ts';

/** Errors users can fix themselves: shown as plain text, without a stack trace. */
export function isUserError(error: unknown): error is Error {
  return error instanceof SettingsError || error instanceof ModelLoadError || error instanceof CorpusError;
}

export function exitWithError(error: unknown): never {
  process.stderr.write(`\n${isUserError(error) ? error.message : (error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
}

/** Settings + model + index, with progress on a terminal: what every command-line entry point needs. */
export async function openFromCli(settingsOverride?: Settings): Promise<Dossier> {
  const settings = settingsOverride ?? loadSettings();
  return Dossier.open(settings, {
    progress: embeddingProgress(),
    onDownload: downloadProgress(),
    onRebuild: (reason) => process.stderr.write(`Building the index (${reason})…\n`),
  });
}
