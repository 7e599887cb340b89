import fs from 'node:fs';
import path from 'node:path';
import { FriendlyError } from '../errors.ts';

/** SQuAD v1.1 in its official JSON layout. */
export interface SquadFile {
  data: Array<{
    title: string;
    paragraphs: Array<{ context: string; qas: Array<{ question: string; answers: Array<{ text: string }> }> }>;
  }>;
}

export interface SquadQuestion {
  question: string;
  answers: string[];
}

export const SQUAD_FILE = path.resolve('../shared/datasets/squad/dev-v1.1.json');

export function readSquad(file = SQUAD_FILE): SquadFile {
  if (!fs.existsSync(file)) throw new FriendlyError(`SQuAD file not found: ${file} (use --file).`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SquadFile;
}

/** Every k-th question, so a limited run still covers all articles, and is the same on every run. */
export function sampleQuestions(
  squad: SquadFile,
  limit: number,
  articles: (index: number) => boolean = () => true,
): SquadQuestion[] {
  const all = squad.data.flatMap((a, i) =>
    articles(i)
      ? a.paragraphs.flatMap((p) => p.qas.map((q) => ({ question: q.question, answers: q.answers.map((x) => x.text) })))
      : [],
  );
  const step = Math.max(1, Math.floor(all.length / limit));
  return all.filter((_, i) => i % step === 0).slice(0, limit);
}
