/** What a question must be before any search: some words, and not too long. Pure; shared by every surface. */
export type QuestionProblem = 'empty' | 'too_long';

export function normaliseQuestion(question: string): string {
  return question.replace(/\s+/g, ' ').trim();
}

export function questionProblem(question: string, maxChars: number): QuestionProblem | null {
  const normalised = normaliseQuestion(question);
  if (!/[\p{L}\p{N}]/u.test(normalised)) return 'empty';
  if (normalised.length > maxChars) return 'too_long';
  return null;
}
