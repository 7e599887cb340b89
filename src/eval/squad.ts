import fs from 'node:fs';
import path from 'node:path';
import { parseCommandLine, UsageError } from '../entry/args.ts';
import { splitOf } from './squad-corpus.ts';
import { loadSettings } from '../config.ts';
import { Dossier } from '../dossier.ts';
import { exitWithError } from '../entry/run.ts';
import { embeddingProgress } from '../entry/progress.ts';
import { containsAnswer } from './metrics.ts';
import { readSquad, sampleQuestions, type SquadFile } from '../datasets/squad.ts';

/** SQuAD's Wikipedia articles as a Dossier corpus: one file per article, title first, a paragraph per block. */
function writeCorpus(squad: SquadFile, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const meta: Record<string, { title: string; outlet: string }> = {};
  squad.data.forEach((article, i) => {
    const file = `${String(i).padStart(3, '0')}.txt`;
    const title = article.title.replace(/_/g, ' ');
    meta[file] = { title, outlet: 'Wikipedia (SQuAD v1.1 dev)' };
    const text = [title, ...article.paragraphs.map((p) => p.context.replace(/\s+/g, ' ').trim())].join('\n\n');
    if (!fs.existsSync(path.join(dir, file)) || fs.readFileSync(path.join(dir, file), 'utf8') !== text)
      fs.writeFileSync(path.join(dir, file), text);
  });
  fs.writeFileSync(path.join(dir, 'articles.json'), JSON.stringify(meta));
}

async function main(): Promise<void> {
  const usage =
    'Usage: npm run eval:squad -- [--limit N] [--method ranker|rules] [--heldout] [--json] [--file dev-v1.1.json]';
  const { values } = parseCommandLine(
    {
      options: {
        limit: { type: 'string', default: '1000' },
        json: { type: 'boolean', default: false },
        file: { type: 'string' },
        method: { type: 'string' },
        heldout: { type: 'boolean', default: false },
      },
    },
    usage,
  );
  if (values.method && !['ranker', 'rules'].includes(values.method)) throw new UsageError(usage);
  const method = values.method ? { method: values.method as 'ranker' | 'rules' } : {};
  const started = performance.now();
  const settings = loadSettings();
  const squad = readSquad(values.file ? path.resolve(values.file) : undefined);
  const root = path.join(settings.cacheDir, 'squad');
  writeCorpus(squad, path.join(root, 'seeds'));
  const dossier = await Dossier.open(
    { ...settings, seedsDir: path.join(root, 'seeds'), indexDir: path.join(root, 'index') },
    { progress: embeddingProgress('Embedding SQuAD') },
  );
  // --heldout: only the articles `npm run train:ranker` keeps out of training (the ranker has seen the others).
  const questions = sampleQuestions(
    squad,
    Number(values.limit),
    values.heldout ? (i) => splitOf(i) === 'validation' : undefined,
  );

  const counts = { top1: 0, top3: 0, leadTop1: 0, abstained: 0 };
  for (const q of questions) {
    const answer = await dossier.ask(q.question, method);
    if (!answer.answered) counts.abstained++;
    if (answer.excerpts[0] && containsAnswer(answer.excerpts[0].quote, q.answers)) counts.top1++;
    if (answer.excerpts.slice(0, 3).some((e) => containsAnswer(e.quote, q.answers))) counts.top3++;
    const lead = await dossier.ask(q.question, { method: 'rules', selection: 'lead' }); // the passages' opening sentences
    if (lead.excerpts[0] && containsAnswer(lead.excerpts[0].quote, q.answers)) counts.leadTop1++;
  }
  await dossier.close();
  const share = (n: number) => Math.round((n / questions.length) * 10_000) / 10_000;
  const report = {
    dataset: 'squad-v1.1-dev',
    model: dossier.embedder.modelId,
    method: values.method ?? 'default',
    articles: values.heldout ? 'held out from train:ranker' : 'all',
    questions: questions.length,
    top1_excerpt: share(counts.top1),
    top3_excerpts: share(counts.top3),
    top1_excerpt_lead_baseline: share(counts.leadTop1),
    abstained: share(counts.abstained),
    ms: Math.round(performance.now() - started),
  };
  if (!values.json) {
    console.log(
      `SQuAD v1.1 dev, ${report.questions} questions (${report.articles} articles), ${report.model}, method ${report.method}`,
    );
    console.log(
      `answer in top excerpt: ${(report.top1_excerpt * 100).toFixed(1)}% (lead-sentence baseline ${(report.top1_excerpt_lead_baseline * 100).toFixed(1)}%)`,
    );
    console.log(
      `answer in top 3 excerpts: ${(report.top3_excerpts * 100).toFixed(1)}%; abstained on ${(report.abstained * 100).toFixed(1)}%`,
    );
  }
  console.log(JSON.stringify(report));
}

if (import.meta.url === `file://${process.argv[1]}`) main().catch(exitWithError);
