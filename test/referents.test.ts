import { describe, expect, it } from 'vitest';
import { buildArticle } from '../src/corpus/articles.ts';
import { isCaption } from '../src/corpus/clean.ts';
import { toPassages } from '../src/corpus/passages.ts';
import { tagSentence } from '../src/corpus/sentence-tags.ts';
import { buildWindows, type CandidatePassage } from '../src/answer/candidates.ts';
import { sentenceTerms } from '../src/answer/aliases.ts';
import { quoteSpan } from '../src/answer/excerpt.ts';
import { referentsByArticle, surnameReferents } from '../src/people/referents.ts';
import { splitSentences } from '../src/text/sentences.ts';
import { readSeed } from './helpers.ts';

/** One seed article's sentences in order, with what ingest gives surnameReferents: the tagger's people, captions. */
function sentencesOf(seed: string) {
  const article = buildArticle(`${seed}.txt`, readSeed(seed)).article!;
  const sentences = article.paragraphs.flatMap((p) =>
    splitSentences(p).map(({ text }) => {
      const tags = tagSentence(text);
      return { text, people: tags.people, caption: isCaption(p) || tags.caption || tags.credit };
    }),
  );
  return { article, sentences };
}

const referentOf = (all: ReturnType<typeof sentencesOf>['sentences'], start: string) => {
  const referents = surnameReferents(all);
  const i = all.findIndex((s) => s.text.startsWith(start));
  expect(i).toBeGreaterThanOrEqual(0);
  return referents[i];
};

describe('who a bare surname stands for (seed 001: Ahmad Wali Massoud interviewed about his nephew)', () => {
  const { sentences } = sentencesOf('001');

  it('gives "Massoud" to the uncle the article is about, not to the brother named after him in the same sentence', () => {
    expect(referentOf(sentences, 'Massoud, who is currently in London')).toEqual(['Ahmad Wali Massoud']);
  });

  it('is not thrown by a photo caption naming the nephew between two of the uncle’s quotes', () => {
    expect(referentOf(sentences, '“We really think of it as a betrayal')).toEqual(['Ahmad Wali Massoud']);
  });

  it('leaves full names alone', () => {
    expect(referentOf(sentences, 'Ahmad Wali Massoud, formerly the Afghan ambassador')).toEqual([]);
  });
});

describe('a corpus read article by article', () => {
  it('gives each sentence what its own article says, whatever comes between', () => {
    const wali = sentencesOf('001').sentences.map((s) => ({ ...s, article: '001' }));
    const nephew = sentencesOf('000').sentences.map((s) => ({ ...s, article: '000' }));
    // The two articles interleaved, sentence by sentence.
    const mixed = Array.from({ length: Math.max(wali.length, nephew.length) }, (_, i) => [wali[i], nephew[i]])
      .flat()
      .filter((s) => s !== undefined);
    const found = referentsByArticle(mixed);
    expect(found.filter((_, i) => mixed[i]!.article === '001')).toEqual(surnameReferents(wali));
    expect(found.filter((_, i) => mixed[i]!.article === '000')).toEqual(surnameReferents(nephew));
  });
});

describe('surnames in another seed (000: the nephew, and President Biden)', () => {
  const { sentences } = sentencesOf('000');

  it('gives each surname its own full name', () => {
    expect(referentOf(sentences, '“If Taliban warlords launch an assault')).toEqual(['Ahmad Massoud']);
    expect(referentOf(sentences, '“There’s discussions going among us')).toEqual(['Joe Biden']);
  });

  it('takes no name from a photo credit ("Christophe Archambault/Pool Photo")', () => {
    const referents = surnameReferents(sentences).flat();
    expect(referents.every((name) => /^[\p{Lu}][\p{L}'’.-]*(?: [\p{Lu}][\p{L}'’.-]*)+$/u.test(name))).toBe(true);
  });
});

describe('a quotation whose speaker is named after it (seed 001)', () => {
  const article = buildArticle('001.txt', readSeed('001')).article!;
  const passage = toPassages(article.id, article.paragraphs).find((p) =>
    p.text.startsWith('“Afghanistan is made up of almost 30 ethnicities'),
  )!;
  const sentences = splitSentences(passage.text);
  const candidate: CandidatePassage = {
    passageId: passage.id,
    passageCos: 0.6,
    bm25: 5,
    sentences: sentences.map(({ text }) => ({
      text,
      cos: 0.5,
      focusCos: 0.5,
      tags: tagSentence(text),
      terms: sentenceTerms(text),
    })),
  };

  it('reads on to “…,” Massoud said. instead of back to the paragraph before', () => {
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    const [first] = buildWindows([candidate]);
    expect(first).toMatchObject({ first: 0, last: 1, anchor: 0, extended: true });
    expect(first!.text).toMatch(/Massoud said\.$/);
    expect(first!.terms).toContain('massoud');
    expect(first!.lead).toBeUndefined();
  });

  it('quotes the two sentences without the paragraph before', () => {
    const excerpt = quoteSpan({ passage, article, score: 0.5 }, { start: sentences[0]!.start, end: sentences[1]!.end });
    expect(excerpt.quote.startsWith('“Afghanistan is made up')).toBe(true);
    expect(excerpt.paragraph).toBe(passage.paragraph);
  });
});
