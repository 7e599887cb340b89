/**
 * `npm run bench:batches`: ingest's embedding at several batch sizes and token budgets (see `planBatches`), on the
 * same 1,000 stored passages the bench uses, in alternating rounds so a busy neighbour slows every setting alike.
 */
import { loadSettings } from '../config.ts';
import { Dossier } from '../dossier.ts';
import { exitWithError } from '../entry/run.ts';
import { LocalStore } from '../store/local.ts';
import { median, repeatTo, round, timed } from './stats.ts';

const SETTINGS: Array<[batchSize: number, tokenBudget: number]> = [
  [1, Infinity],
  [8, 2048],
  [16, 2048],
  [32, 1024],
  [32, 2048],
  [32, 4096],
  [64, 8192],
];
const ROUNDS = 3;

async function main(): Promise<void> {
  const settings = { ...loadSettings(), databaseUrl: null };
  const dossier = await Dossier.open(settings);
  const stored = (await LocalStore.open(settings.indexDir).allPassages()).map((p) => p.text);
  const texts = repeatTo(stored, 1000);
  const rates = SETTINGS.map(() => [] as number[]);
  for (let r = 0; r < ROUNDS; r++)
    for (const [i, [batchSize, budget]] of SETTINGS.entries()) {
      const { seconds } = await timed(() =>
        dossier.embedder.embedPassages(texts, undefined, { batchSize, tokenBudget: budget }),
      );
      rates[i]!.push(texts.length / seconds);
    }
  await dossier.close();
  for (const [i, [batchSize, budget]] of SETTINGS.entries())
    console.log(
      `batch ${String(batchSize).padEnd(3)} budget ${String(budget).padEnd(8)} ${round(median(rates[i]!), 1)} passages/s (rounds: ${rates[i]!.map((x) => round(x, 1)).join(', ')})`,
    );
}

main().catch(exitWithError);
