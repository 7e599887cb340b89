import readline from 'node:readline';

/**
 * What to ask about: the command-line words as one input, or else every line of stdin, in order, blank ones
 * included, so that `--json` output lines pair one-to-one with input lines.
 */
export async function* inputs(positionals: string[], hint: string): AsyncGenerator<string> {
  if (positionals.length) {
    yield positionals.join(' ');
    return;
  }
  // At a terminal, say what the silence is waiting for.
  if (process.stdin.isTTY) process.stderr.write(`${hint}\n`);
  for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) yield line;
}
