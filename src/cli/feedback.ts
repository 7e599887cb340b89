import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadSettings } from '../config.ts';
import { exitWithError } from '../entry/run.ts';
import { counted } from '../text/counted.ts';
import { FEEDBACK_FILE, LocalFeedback, summariseFeedback, type FeedbackSummary } from '../store/feedback.ts';

const USAGE = `Usage: npm run feedback -- [--json] [--worst N]
  Summarises the 👍/👎 votes on the Discord bot's answers (kept under DATA_DIR) and lists the worst-rated questions.
  --json      the summary as one JSON object on stdout
  --worst N   how many worst-rated questions to list (default 10)`;

export function renderFeedback(summary: FeedbackSummary, dataDir: string): string {
  if (summary.votes === 0) return `No votes yet (looked in ${dataDir}).`;
  const lines = [
    `${counted(summary.votes, 'vote')} on ${counted(summary.questions, 'question')} from ${counted(summary.users, 'user')}: ${summary.up} 👍, ${summary.down} 👎`,
  ];
  if (summary.worst.length) {
    lines.push('', 'Worst rated:');
    summary.worst.forEach((w, i) =>
      lines.push(
        `${String(i + 1).padStart(3)}. ${w.score > 0 ? '+' : ''}${w.score} (${w.up} 👍, ${w.down} 👎)  ${w.question}`,
      ),
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      worst: { type: 'string', default: '10' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void console.log(USAGE);
  const worst = Number(values.worst);
  if (!Number.isInteger(worst) || worst < 0) throw new Error(`--worst must be a whole number, got "${values.worst}"`);
  const settings = loadSettings();
  // Reading creates nothing: without a feedback file there are simply no votes yet.
  const votes = fs.existsSync(path.join(settings.dataDir, FEEDBACK_FILE))
    ? await LocalFeedback.open(settings.dataDir).votes()
    : [];
  const summary = summariseFeedback(votes, worst);
  console.log(values.json ? JSON.stringify(summary) : renderFeedback(summary, settings.dataDir));
}

main().catch(exitWithError);
