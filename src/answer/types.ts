import type { QuestionProblem } from './question.ts';
import type { ArticleMeta } from '../corpus/article.ts';
import type { Disagreement } from './disagreements.ts';
import type { Missing } from './missing.ts';

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
  /**
   * The learned ranker's view of an answer (absent with the rules method): 'likely' when the first excerpt's
   * probability reaches the ranker's threshold; 'uncertain' when it was quoted below that because retrieval was sure
   * of the passage, because retrieval's best passage is the ranker's too (answer/rank.ts, AGREEMENT_FLOOR), or for a
   * why- or how-question (OPEN_QUESTION_FLOOR). On
   * news about half of the uncertain answers quote the answer (README, "How sure an answer is"), so the surfaces say
   * the quotes may not answer exactly.
   */
  confidence?: 'likely' | 'uncertain';
  /** Why nothing was quoted, when `answered` is false. */
  reason?: QuestionProblem | 'unclear_referent' | 'not_covered';
  /** What the question asks that the articles (or the closest passages) lack: a year, a name, the thing asked for. */
  missing?: Missing[];
  /** The dates the articles span, when the question asks about a time outside them. */
  covers?: { from: string; to: string };
  /** When not answered: the closest passages, shown as such (they do not answer the question). */
  closest?: Excerpt[];
  /** What the abstention decision rested on: the best passage's cosine and question coverage. */
  evidence?: { similarity: number; coverage: number };
  /** Figures about the same thing that differ between articles, among the excerpts and close candidates. */
  disagreements?: Disagreement[];
  ms: number;
}
