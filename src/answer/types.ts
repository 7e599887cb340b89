import type { QuestionProblem } from './question.ts';
import type { ArticleMeta } from '../corpus/articles.ts';
import type { Disagreement } from './disagreements.ts';

export interface Excerpt {
  /** The article's own words; "…" marks where the paragraph was cut. */
  quote: string;
  score: number;
  paragraph: number;
  /** Set when the quote runs on into following paragraphs (a quotation kept with its speaker). */
  lastParagraph?: number;
  article: ArticleMeta;
  passageId: string;
}

export interface Answer {
  question: string;
  answered: boolean;
  excerpts: Excerpt[];
  /** Why nothing was quoted, when `answered` is false. */
  reason?: QuestionProblem | 'not_covered';
  /** What the abstention decision rested on: the best passage's cosine and question coverage. */
  evidence?: { similarity: number; coverage: number };
  /** Figures about the same thing that differ between articles, among the excerpts and close candidates. */
  disagreements?: Disagreement[];
  ms: number;
}
