import { loadSettings, redactSecrets, type Settings } from '../config.ts';
import { Dossier, type OpenOptions } from '../dossier.ts';
import { FriendlyError } from '../errors.ts';
import { isParseArgsError, parseArgsMessage, UsageError } from './args.ts';
import { downloadProgress, embeddingProgress } from './progress.ts';

/** Prints what went wrong (a stack only for the unexpected) and exits non-zero. */
export function exitWithError(error: unknown): never {
  // A command-line parsing error that was not turned into a UsageError still gets no stack.
  if (isParseArgsError(error)) {
    process.stderr.write(`${redactSecrets(parseArgsMessage(error))}\nRun with --help for usage.\n`);
    process.exit(2);
  }
  // A file named on the command line that can't be read (eval --set missing.jsonl): say so, no stack.
  const io = error as NodeJS.ErrnoException;
  if (io?.path && ['ENOENT', 'EACCES', 'EISDIR', 'ENOTDIR', 'EPERM'].includes(io.code ?? '')) {
    const why = {
      ENOENT: 'it does not exist',
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      EISDIR: 'it is a folder',
      ENOTDIR: 'part of the path is a file',
    }[io.code!];
    process.stderr.write(`\nCould not read ${redactSecrets(io.path)}: ${why}.\n`);
    process.exit(1);
  }
  // Messages can quote settings (paths, model ids): a token pasted into one is hidden here, whatever the error. The
  // blank line sets the message apart from any progress above it; a usage error comes before any, so it has none.
  const message = error instanceof FriendlyError ? error.message : ((error as Error)?.stack ?? String(error));
  process.stderr.write(`${error instanceof UsageError ? '' : '\n'}${redactSecrets(message)}\n`);
  process.exit(error instanceof UsageError ? error.exitCode : 1);
}

// `ask --json ... | head -1`: a reader that stops early is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

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
