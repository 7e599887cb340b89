import { parseCommandLine } from '../entry/args.ts';
import { openWithProgress, exitWithError } from '../entry/run.ts';
import { shouldAbstain, type AbstainPolicy } from '../answer/abstain.ts';
import { readQaSet } from '../datasets/qa.ts';
import { readSquad, sampleQuestions } from '../datasets/squad.ts';

interface Point {
  similarity: number;
  coverage: number;
  answerable: boolean;
}

export function rates(points: Point[], policy: AbstainPolicy) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of points) {
    const answers = !shouldAbstain(p.similarity, p.coverage, policy);
    if (answers && p.answerable) tp++;
    else if (answers) fp++;
    else if (p.answerable) fn++;
  }
  const negatives = points.filter((p) => !p.answerable).length;
  return {
    precision: tp + fp ? tp / (tp + fp) : 1,
    recall: tp + fn ? tp / (tp + fn) : 1,
    falseAnswerRate: negatives ? fp / negatives : 0,
  };
}

/**
 * Grid search: among the policies that answer at most `maxFalse` of the out-of-corpus questions, the one that
 * answers the most answerable ones, and of those the most willing to answer. The many out-of-corpus questions
 * make the false-answer rate a reliable constraint; the few answerable ones would overfit a stricter choice.
 */
export function choosePolicy(points: Point[], maxFalse = 0.002): AbstainPolicy {
  const steps = (from: number, to: number, step: number) =>
    Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Math.round((from + i * step) * 100) / 100);
  let best: AbstainPolicy | null = null;
  let bestRecall = -1;
  const looseness = (p: AbstainPolicy) => -(p.minSimilarity + p.minCoverage + p.minCombined);
  for (const minSimilarity of steps(0.4, 1, 0.02))
    for (const minCoverage of steps(0.4, 1, 0.05))
      for (const minCombined of steps(0.8, 2, 0.02)) {
        const policy = { minSimilarity, minCoverage, minCombined };
        const r = rates(points, policy);
        if (r.falseAnswerRate > maxFalse) continue;
        if (r.recall > bestRecall || (r.recall === bestRecall && looseness(policy) > looseness(best!)))
          [best, bestRecall] = [policy, r.recall];
      }
  return best ?? { minSimilarity: 2, minCoverage: 2, minCombined: 4 };
}

/** `npm run eval:abstain`: when to say "not in the articles", chosen from data. */
async function main(): Promise<void> {
  const { values } = parseCommandLine(
    {
      options: {
        set: { type: 'string', default: '../shared/eval/dev.jsonl' },
        squad: { type: 'string', default: '1000' },
        'max-false': { type: 'string', default: '0.002' },
        json: { type: 'boolean', default: false },
      },
    },
    'Usage: npm run eval:abstain -- [--set FILE.jsonl] [--squad N] [--max-false SHARE] [--json]',
  );
  const dossier = await openWithProgress();
  const points: Point[] = [];
  const features = async (q: string) => (await dossier.ask(q)).evidence ?? { similarity: 0, coverage: 0 };
  for (const item of readQaSet(values.set!))
    points.push({ ...(await features(item.q)), answerable: item.type !== 'none' });
  // SQuAD's questions are about Wikipedia articles: asked of these news articles, all of them should abstain.
  for (const q of sampleQuestions(readSquad(), Number(values.squad)))
    points.push({ ...(await features(q.question)), answerable: false });
  await dossier.close();
  const current = dossier.defaults.abstain;
  const chosen = choosePolicy(points, Number(values['max-false']));
  const report = {
    model: dossier.embedder.modelId,
    answerable: points.filter((p) => p.answerable).length,
    unanswerable: points.filter((p) => !p.answerable).length,
    current: { policy: current, ...rates(points, current) },
    chosen: { policy: chosen, ...rates(points, chosen) },
  };
  if (!values.json) {
    const fmt = (r: ReturnType<typeof rates>) =>
      `precision ${(r.precision * 100).toFixed(1)}%, recall ${(r.recall * 100).toFixed(1)}%, false answers ${(r.falseAnswerRate * 100).toFixed(2)}%`;
    console.log(`${report.model}: ${report.answerable} answerable, ${report.unanswerable} out-of-corpus questions`);
    console.log(`current ${JSON.stringify(current)}: ${fmt(report.current)}`);
    console.log(`chosen  ${JSON.stringify(chosen)}: ${fmt(report.chosen)}`);
  }
  console.log(JSON.stringify(report));
}

if (import.meta.url === `file://${process.argv[1]}`) main().catch(exitWithError);
