import type { Answer, Excerpt } from '../answer/types.ts';

/** An excerpt as JSON: `lastParagraph` only when the quote runs on into the following paragraph(s). */
const excerptJson = ({ quote, score, paragraph, lastParagraph, article }: Excerpt) => ({
  quote,
  score,
  paragraph,
  ...(lastParagraph ? { lastParagraph } : {}),
  article,
});

/** The stable JSON shape other tools read; `reason` says why nothing was quoted (empty, too_long, unclear_referent, not_covered, error). */
export function answerJson(answer: Answer | (Omit<Answer, 'reason'> & { reason: 'error'; error: string })) {
  return {
    question: answer.question,
    answered: answer.answered,
    excerpts: answer.excerpts.map(excerptJson),
    /** The learned ranker's view of an answer: 'likely', or 'uncertain' (the quotes may not answer it exactly). */
    ...(answer.confidence ? { confidence: answer.confidence } : {}),
    /** Figures about the same thing that differ between articles: `[{ about, claims: [{ figure, value, sentence, article, paragraph, passageId }] }]`. */
    disagreements: answer.disagreements ?? [],
    ...(answer.answered ? {} : { reason: answer.reason ?? 'not_covered' }),
    /** What the question asks that the articles lack: `[{ kind: 'year' | 'entity' | 'answer_type' | 'attribute', value, reason?, of? }]`. */
    ...(answer.missing?.length ? { missing: answer.missing } : {}),
    /** Unanswered: the closest passages, same shape as excerpts, shown as such (they do not answer the question). */
    ...(answer.closest?.length
      ? {
          closest: answer.closest.map(excerptJson),
        }
      : {}),
    ...('error' in answer ? { error: answer.error } : {}),
    ms: answer.ms,
  };
}
