import readline from 'node:readline';

/**
 * What to ask about: the command-line words as one input, or else every line of stdin, in order, blank ones
 * included, so that `--json` output lines pair one-to-one with input lines.
 */
export async function* inputs(positionals: string[]): AsyncGenerator<string> {
  if (positionals.length) {
    yield positionals.join(' ');
    return;
  }
  for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) yield line;
}
