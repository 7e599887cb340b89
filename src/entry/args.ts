import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FriendlyError } from '../errors.ts';

/** A command line that can't be understood: shown with the usage, exit code 2 (the convention for usage errors). */
export class UsageError extends FriendlyError {
  override name = 'UsageError';
  readonly exitCode = 2;
}

/** Is this one of `parseArgs`'s own errors (unknown option, missing value…)? */
export const isParseArgsError = (error: unknown): error is Error =>
  String((error as NodeJS.ErrnoException)?.code).startsWith('ERR_PARSE_ARGS');

/**
 * A `parseArgs` error as one short line. Node's own text for an unknown option goes on about placing it after `--`
 * (`as in '-- "--bogus"`, with unbalanced quotes), which under `npm run x -- …` only confuses: the option is named
 * plainly instead.
 */
export function parseArgsMessage(error: Error): string {
  const first = error.message.split('\n')[0]!;
  const unknown = /^Unknown option '([^']*)'/.exec(first);
  if (unknown) return `Unknown option ${unknown[1]}.`;
  const missing = /^Option '(\S+)[^']*' argument missing/.exec(first);
  if (missing) return `Option ${missing[1]} needs a value.`;
  const flag = /^Option '(\S+)' does not take an argument/.exec(first);
  if (flag) return `Option ${flag[1]} takes no value.`;
  const positional = /^Unexpected argument '([^']*)'/.exec(first);
  if (positional) return `Unexpected argument "${positional[1]}" (this command takes options only).`;
  return first;
}

/** `parseArgs` from node:util, with its errors (unknown option, missing value…) as one line plus the usage. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    if (!isParseArgsError(error)) throw error;
    throw new UsageError(`${parseArgsMessage(error)}\n${usage}`);
  }
}
