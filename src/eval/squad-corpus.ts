import { splitSentences } from '../text/sentences.ts';
import { readSquad } from '../datasets/squad.ts';

/** SQuAD v1.1 dev as plain data for training/validating the ranker: paragraphs are passages. */
export interface SquadPassage {
  article: number;
  text: string;
  /** Indices into `sentences`, in order. */
  sentences: number[];
}

export interface SquadSentence {
  passage: number;
  text: string;
}

export interface SquadQ {
  id: number;
  article: number;
  passage: number;
  question: string;
  answers: string[];
  split: 'train' | 'validation';
}

export interface SquadCorpus {
  titles: string[];
  passages: SquadPassage[];
  sentences: SquadSentence[];
  questions: SquadQ[];
}

/** Deterministic split by article index: every third article (index % 3 == 2) is held out for validation. */
export const splitOf = (article: number): 'train' | 'validation' => (article % 3 === 2 ? 'validation' : 'train');

export function loadSquadCorpus(file?: string): SquadCorpus {
  const squad = readSquad(file);
  const corpus: SquadCorpus = { titles: [], passages: [], sentences: [], questions: [] };
  squad.data.forEach((article, a) => {
    corpus.titles.push(article.title.replace(/_/g, ' '));
    for (const p of article.paragraphs) {
      const text = p.context.replace(/\s+/g, ' ').trim();
      const passage = corpus.passages.length;
      const ids: number[] = [];
      for (const s of splitSentences(text)) {
        ids.push(corpus.sentences.length);
        corpus.sentences.push({ passage, text: s.text });
      }
      corpus.passages.push({ article: a, text, sentences: ids });
      for (const q of p.qas) {
        corpus.questions.push({
          id: corpus.questions.length,
          article: a,
          passage,
          question: q.question.replace(/\s+/g, ' ').trim(),
          answers: q.answers.map((x) => x.text),
          split: splitOf(a),
        });
      }
    }
  });
  return corpus;
}

/** Every k-th question of a split, so a limited run covers all its articles and is the same on every run. */
export function sampleSplit(questions: SquadQ[], split: 'train' | 'validation', limit: number): SquadQ[] {
  const pool = questions.filter((q) => q.split === split);
  const step = Math.max(1, Math.floor(pool.length / limit));
  return pool.filter((_, i) => i % step === 0).slice(0, limit);
}
