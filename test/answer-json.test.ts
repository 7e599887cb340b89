import { describe, expect, it } from 'vitest';
import { answerJson } from '../src/cli/answer-json.ts';
import type { Answer, Excerpt } from '../src/answer/types.ts';

const article = {
  id: 'reuters',
  title: "'Parasite' scores historic upset at SAG awards",
  outlet: 'Reuters',
  date: '2020-01-19',
  url: null,
};
const excerpt = (quote: string, paragraph: number, lastParagraph?: number): Excerpt => ({
  quote,
  score: 0.8,
  paragraph,
  ...(lastParagraph ? { lastParagraph } : {}),
  article,
  passageId: `reuters#${paragraph}.0`,
});

describe('answerJson', () => {
  it('cites both paragraphs of a quote that runs on into the next one, and only then', () => {
    const answer: Answer = {
      question: 'Which film won the top prize at the SAG awards?',
      answered: true,
      excerpts: [
        excerpt(
          'LOS ANGELES (Reuters) - South Korean thriller “Parasite” was the upset winner … “Parasite,” the Korean language social satire …',
          1,
          2,
        ),
        excerpt('Brad Pitt picked up another trophy for his supporting role.', 10),
      ],
      ms: 3,
    };
    const json = answerJson(answer);
    expect(json.excerpts.map((e) => [e.paragraph, 'lastParagraph' in e ? e.lastParagraph : null])).toEqual([
      [1, 2],
      [10, null],
    ]);
    expect(Object.keys(json.excerpts[1]!)).toEqual(['quote', 'score', 'paragraph', 'article']);
  });
});
