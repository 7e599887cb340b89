import { parseCommandLine, UsageError } from '../entry/args.ts';
import { exitWithError, openWithProgress } from '../entry/run.ts';
import type { Dossier } from '../dossier.ts';
import type { AnswerOptions } from '../answer/policy.ts';
import { containsAnswer, mean } from './metrics.ts';
import { readQaSet, type QaItem } from '../datasets/qa.ts';
import { readSquad, sampleQuestions } from '../datasets/squad.ts';
import { withTypo } from './typos.ts';

export interface QaReport {
  questions: number;
  answerable: number;
  unanswerable: number;
  'hit@1': number;
  'hit@3': number;
  mrr: number;
  abstention_accuracy: number;
  false_abstentions: number;
  /**
   * Answered questions by the ranker's confidence (none with the rules method): how many, how many of them quote the
   * gold in the top 3, and how many should have been refused (near-topic questions).
   */
  by_confidence: Record<'likely' | 'uncertain', { answered: number; right: number; should_abstain: number }>;
  misses: Array<{ id?: string; q: string; why: string }>;
}

/** Runs each question through the same path users get and scores the quoted excerpts. */
export async function evaluateQa(
  dossier: Dossier,
  items: QaItem[],
  options: Partial<AnswerOptions> = {},
): Promise<QaReport> {
  const ranks: number[] = [];
  let abstainedCorrectly = 0;
  let falseAbstentions = 0;
  const misses: QaReport['misses'] = [];
  const byConfidence: QaReport['by_confidence'] = {
    likely: { answered: 0, right: 0, should_abstain: 0 },
    uncertain: { answered: 0, right: 0, should_abstain: 0 },
  };
  for (const item of items) {
    const answer = await dossier.ask(item.q, options);
    const tier = answer.confidence ? byConfidence[answer.confidence] : null;
    if (tier) tier.answered++;
    if (item.type === 'none') {
      if (tier) tier.should_abstain++;
      if (!answer.answered) abstainedCorrectly++;
      else
        misses.push({
          id: item.id,
          q: item.q,
          why: `should abstain, quoted: ${answer.excerpts[0]?.quote.slice(0, 80)}`,
        });
      continue;
    }
    if (!answer.answered) {
      falseAbstentions++;
      ranks.push(0);
      misses.push({ id: item.id, q: item.q, why: 'abstained' });
      continue;
    }
    const rank = answer.excerpts.findIndex((e) => containsAnswer(e.quote, item.any)) + 1;
    ranks.push(rank);
    if (tier && rank >= 1 && rank <= 3) tier.right++;
    if (rank === 0 || rank > 3)
      misses.push({
        id: item.id,
        q: item.q,
        why: `no gold in top 3; first: ${answer.excerpts[0]?.quote.slice(0, 80)}`,
      });
  }
  const unanswerable = items.filter((i) => i.type === 'none').length;
  return {
    questions: items.length,
    answerable: ranks.length,
    unanswerable,
    'hit@1': mean(ranks.map((r) => (r === 1 ? 1 : 0))),
    'hit@3': mean(ranks.map((r) => (r >= 1 && r <= 3 ? 1 : 0))),
    mrr: mean(ranks.map((r) => (r ? 1 / r : 0))),
    abstention_accuracy: unanswerable ? abstainedCorrectly / unanswerable : 1,
    false_abstentions: falseAbstentions,
    by_confidence: byConfidence,
    misses,
  };
}

/**
 * Off-topic questions: SQuAD's (Wikipedia: the Super Bowl, Normans, oxygen…) asked of this corpus, which should
 * refuse nearly all of them. Returns how many were answered, and by which confidence.
 */
export async function offTopicAnswered(dossier: Dossier, count: number, options: Partial<AnswerOptions> = {}) {
  const answered = { asked: count, answered: 0, likely: 0, uncertain: 0 };
  for (const q of sampleQuestions(readSquad(), count)) {
    const answer = await dossier.ask(q.question, options);
    if (!answer.answered) continue;
    answered.answered++;
    if (answer.confidence) answered[answer.confidence]++;
  }
  return answered;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

async function main(): Promise<void> {
  const usage = 'Usage: npm run eval -- --set FILE.jsonl [--method ranker|rules] [--off-topic N] [--typos] [--json]';
  const { values } = parseCommandLine(
    {
      options: {
        set: { type: 'string' },
        method: { type: 'string' },
        'off-topic': { type: 'string' },
        // Each question with one typo (eval/typos.ts): how answers hold up against hurried typing.
        typos: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    },
    usage,
  );
  const offTopic = Number(values['off-topic'] ?? 0);
  if (
    !values.set ||
    (values.method && !['ranker', 'rules'].includes(values.method)) ||
    !Number.isInteger(offTopic) ||
    offTopic < 0
  )
    throw new UsageError(usage);
  const dossier = await openWithProgress();
  const options = values.method ? { method: values.method as 'ranker' | 'rules' } : {};
  const items = readQaSet(values.set).map((item) => (values.typos ? { ...item, q: withTypo(item.q) } : item));
  const report = await evaluateQa(dossier, items, options);
  const off = offTopic ? { off_topic: await offTopicAnswered(dossier, offTopic, options) } : {};
  await dossier.close();
  if (values.json)
    return void console.log(JSON.stringify({ set: values.set, model: dossier.embedder.modelId, ...report, ...off }));
  console.log(
    `model ${dossier.embedder.modelId}, ${report.questions} questions (${report.answerable} answerable, ${report.unanswerable} to abstain)`,
  );
  console.log(
    `hit@1 ${pct(report['hit@1'])}  hit@3 ${pct(report['hit@3'])}  MRR ${report.mrr.toFixed(3)}  abstention accuracy ${pct(report.abstention_accuracy)}  false abstentions ${report.false_abstentions}`,
  );
  for (const [tier, c] of Object.entries(report.by_confidence))
    if (c.answered)
      console.log(
        `answered as ${tier}: ${c.answered} (gold in top 3: ${c.right}; near-topic, should have been refused: ${c.should_abstain})`,
      );
  if (off.off_topic)
    console.log(
      `off-topic (SQuAD questions asked of these articles): answered ${off.off_topic.answered} of ${off.off_topic.asked} (likely ${off.off_topic.likely}, uncertain ${off.off_topic.uncertain})`,
    );
  for (const m of report.misses) console.log(`  miss ${m.id ?? ''} ${m.q} -> ${m.why}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main().catch(exitWithError);
