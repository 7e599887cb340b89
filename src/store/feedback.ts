import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

/**
 * What the Discord bot keeps between restarts: the questions behind its answers (so "More" and votes work on an
 * answer from before a restart) and the votes on those answers. Behind two tiny interfaces so a database backend
 * can replace the local files; the local one is append-only JSON lines under DATA_DIR, read once at start.
 */

export interface Vote {
  /** Which answer: a short hash of its question (see `answerKey`). */
  answerKey: string;
  question: string;
  /** The passages quoted in the answer the user saw. */
  excerptIds: string[];
  /** The answer's text as shown. */
  shown: string;
  vote: 'up' | 'down';
  guild: string | null;
  /** sha256 of the Discord user id with this install's salt: votes can be counted per user, not traced to one. */
  user: string;
  /** ISO time. */
  time: string;
}

export interface FeedbackStore {
  /** Records a vote; a later vote by the same user on the same answer replaces the earlier one. */
  record(vote: Vote): Promise<void>;
  /** The votes that count: the latest per user per answer. */
  votes(): Promise<Vote[]>;
  hashUser(userId: string): string;
}

export interface AnswerRecord {
  key: string;
  question: string;
  /** Passage ids of the first page, to notice when the index changed under an old button. */
  shown: string[];
  time: string;
}

export interface AnswerLog {
  remember(record: AnswerRecord): Promise<void>;
  recall(key: string): AnswerRecord | undefined;
}

/** A short, stable key for a question: the same question always has the same key. */
export function answerKey(question: string): string {
  const normal = question.replace(/\s+/g, ' ').trim().toLowerCase();
  return crypto.createHash('sha256').update(normal).digest('base64url').slice(0, 12);
}

function readLines<T>(file: string): T[] {
  if (!fs.existsSync(file)) return [];
  const rows: T[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      rows.push(JSON.parse(line) as T);
    } catch {
      // A line cut short by a crash is skipped; every other line still counts.
    }
  }
  return rows;
}

function salt(dir: string): string {
  const file = path.join(dir, 'salt');
  if (!fs.existsSync(file)) {
    try {
      fs.writeFileSync(file, crypto.randomBytes(24).toString('hex'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}

export const FEEDBACK_FILE = 'feedback.jsonl';
export const ANSWERS_FILE = 'answers.jsonl';

/** Votes and answers as JSON lines in one folder: appended as they happen, read back at start. */
export class LocalFeedback implements FeedbackStore, AnswerLog {
  private readonly latest = new Map<string, Vote>();
  private readonly answers = new Map<string, AnswerRecord>();
  private readonly salt: string;

  private constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    this.salt = salt(dir);
    for (const vote of readLines<Vote>(path.join(dir, FEEDBACK_FILE)))
      this.latest.set(`${vote.answerKey}|${vote.user}`, vote);
    for (const record of readLines<AnswerRecord>(path.join(dir, ANSWERS_FILE))) this.answers.set(record.key, record);
  }

  static open(dir: string): LocalFeedback {
    return new LocalFeedback(dir);
  }

  hashUser(userId: string): string {
    return crypto.createHash('sha256').update(`${this.salt}:${userId}`).digest('hex').slice(0, 32);
  }

  async record(vote: Vote): Promise<void> {
    await fs.promises.appendFile(path.join(this.dir, FEEDBACK_FILE), `${JSON.stringify(vote)}\n`);
    this.latest.set(`${vote.answerKey}|${vote.user}`, vote);
  }

  async votes(): Promise<Vote[]> {
    return [...this.latest.values()];
  }

  async remember(record: AnswerRecord): Promise<void> {
    const known = this.answers.get(record.key);
    if (known && known.question === record.question && known.shown.join() === record.shown.join()) return;
    this.answers.set(record.key, record);
    await fs.promises.appendFile(path.join(this.dir, ANSWERS_FILE), `${JSON.stringify(record)}\n`);
  }

  recall(key: string): AnswerRecord | undefined {
    return this.answers.get(key);
  }
}

export interface QuestionRating {
  question: string;
  answerKey: string;
  up: number;
  down: number;
  /** up − down */
  score: number;
}

export interface FeedbackSummary {
  votes: number;
  up: number;
  down: number;
  users: number;
  questions: number;
  /** Most down-voted first (then fewest up-votes), only questions with at least one down-vote. */
  worst: QuestionRating[];
}

/** Pure: counts the votes that count (one per user per answer). */
export function summariseFeedback(votes: Vote[], worstLimit = 10): FeedbackSummary {
  const byAnswer = new Map<string, QuestionRating>();
  for (const v of votes) {
    const r = byAnswer.get(v.answerKey) ?? { question: v.question, answerKey: v.answerKey, up: 0, down: 0, score: 0 };
    if (v.vote === 'up') r.up++;
    else r.down++;
    r.score = r.up - r.down;
    byAnswer.set(v.answerKey, r);
  }
  const ratings = [...byAnswer.values()];
  return {
    votes: votes.length,
    up: votes.filter((v) => v.vote === 'up').length,
    down: votes.filter((v) => v.vote === 'down').length,
    users: new Set(votes.map((v) => v.user)).size,
    questions: ratings.length,
    worst: ratings
      .filter((r) => r.down > 0)
      .sort((a, b) => a.score - b.score || b.down - a.down || a.question.localeCompare(b.question))
      .slice(0, worstLimit),
  };
}
