import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FriendlyError } from '../errors.ts';

/** A command line that can't be understood: shown with the usage, exit code 2 (the convention for usage errors). */
export class UsageError extends FriendlyError {
  override name = 'UsageError';
  readonly exitCode = 2;
}

/** `parseArgs` from node:util, with its errors (unknown option, missing value…) as one line plus the usage. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    if (!String((error as NodeJS.ErrnoException)?.code).startsWith('ERR_PARSE_ARGS')) throw error;
    throw new UsageError(`${(error as Error).message.split('\n')[0]}\n${usage}`);
  }
}
