import fs from 'node:fs';
import { loadSettings } from '../config.ts';
import { ArticleAdder } from '../ingest/add.ts';
import { rebuildIndex } from './rebuild.ts';
import { FriendlyError } from '../errors.ts';
import { exitWithError } from '../entry/run.ts';
import { parseCommandLine } from '../entry/args.ts';
import { articleFilesIn } from '../corpus/files.ts';
import { outletAndDate } from '../messages.ts';
import { counted } from '../text/counted.ts';

const USAGE =
  'usage: npm run add -- PATH_OR_URL… (saved .html pages, .txt/.md articles, folders of them, or http(s) URLs)';

/**
 * `npm run add -- PATH_OR_URL…`: adds pages to the articles folder (SEEDS_DIR), then rebuilds the index once.
 * Each refused page gets one line on stderr and changes nothing; the exit code is 1 when any page was refused.
 */
async function main(): Promise<void> {
  const { positionals, values } = parseCommandLine(
    {
      allowPositionals: true,
      options: { 'timeout-ms': { type: 'string' }, 'no-index': { type: 'boolean', default: false } },
    },
    USAGE,
  );
  if (positionals.length === 0) throw new FriendlyError(USAGE);
  const settings = loadSettings();
  const timeoutMs = values['timeout-ms'] ? Number(values['timeout-ms']) : undefined;
  const adder = new ArticleAdder(settings.seedsDir, { timeoutMs });
  let added = 0;
  let refused = 0;
  const inputs = positionals.flatMap((given) => {
    const files = inputsOf(given);
    if (!files.length) {
      refused++;
      console.error(`refused: ${given}: a folder with no .html, .htm, .txt or .md files`);
    }
    return files;
  });
  for (const input of inputs) {
    const outcome = await adder.add(input);
    if (outcome.status === 'added') {
      added++;
      const { title, url, paragraphs } = outcome.article;
      const count = counted(paragraphs.length, 'paragraph');
      // Worded as citations word them.
      const facts = `${outletAndDate(outcome.article)}, ${count}`;
      console.log(`added ${outcome.file}: “${title}” (${facts})${url ? ` ${url}` : ''}`);
    } else {
      refused++;
      console.error(`${outcome.status === 'duplicate' ? 'duplicate' : 'refused'}: ${outcome.message}`);
    }
  }
  console.error(`${added} added, ${refused} refused, in ${settings.seedsDir}`);
  if (added > 0 && !values['no-index']) await rebuildIndex(settings);
  if (refused > 0) process.exitCode = 1;
}

/** A folder stands for the article files in it (not its subfolders; none when it has none); anything else is itself. */
function inputsOf(given: string): string[] {
  return fs.existsSync(given) && fs.statSync(given).isDirectory() ? articleFilesIn(given) : [given];
}

main().catch(exitWithError);
