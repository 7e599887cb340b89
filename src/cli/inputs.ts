import readline from 'node:readline';

/** What to ask about: the command-line words as one input, or else each non-empty line of stdin, in order. */
export async function* inputs(positionals: string[]): AsyncGenerator<string> {
  if (positionals.length) {
    yield positionals.join(' ');
    return;
  }
  for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) if (line.trim()) yield line;
}
