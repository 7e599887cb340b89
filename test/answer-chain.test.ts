import { describe, expect, it } from 'vitest';
import { buildArticle } from '../src/corpus/articles.ts';
import type { Article } from '../src/corpus/article.ts';
import fs from 'node:fs';
import path from 'node:path';
import { paragraphStarts, toPassages, type Passage } from '../src/corpus/passages.ts';
import { splitSentences } from '../src/text/sentences.ts';
import { tagSentence } from '../src/corpus/sentence-tags.ts';
import { terms } from '../src/text/analyze.ts';
import { LexicalIndex } from '../src/retrieve/lexical.ts';
import { selectPassages, toCandidates } from '../src/answer/select.ts';
import { excerptOf, quoteSpan } from '../src/answer/excerpt.ts';
import { answerDefaults, mergeOptions } from '../src/answer/policy.ts';
import type { SentenceRecord } from '../src/store/store.ts';
import { readSeed, ROOT } from './helpers.ts';

// The answer chain is pure: real seed articles, hand-set retrieval scores, no model and no index.
const articles: Article[] = ['000', '001', '003'].map((p) => buildArticle(`${p}.txt`, readSeed(p)).article!);
const passages: Passage[] = articles.flatMap((a) => toPassages(a.id, a.paragraphs));
const byId = new Map(passages.map((p) => [p.id, p]));
const lexical = new LexicalIndex(passages);
const policy = { minSimilarity: 0.5, minCoverage: 0.7, minCombined: 0.86 };
const find = (text: string) => passages.find((p) => p.text.includes(text))!;
const hit = (p: Passage, score: number, dense = 0.6) => ({ id: p.id, score, dense, lexical: 0 });

describe('choosing passages to quote', () => {
  const question = 'Who is Fahim Dashti?';
  const asked = terms(question);

  it('GIVEN a weak best passage THEN abstains', () => {
    const candidates = toCandidates([hit(find('Bazarak'), 1, 0.2)], byId, terms('recipe for chocolate cake'), lexical);
    expect(selectPassages(candidates, policy, 3)).toEqual({ answered: false, reason: 'not_covered' });
  });

  it('GIVEN a caption and reporting of equal relevance THEN quotes the reporting first', () => {
    const caption = passages.find((p) => p.caption && p.text.includes('Ahmad Wali Massoud'))!;
    const reporting = find('Ahmad Wali Massoud, formerly the Afghan ambassador');
    expect(caption).toBeDefined();
    const candidates = toCandidates(
      [hit(caption, 1), hit(reporting, 0.95)],
      byId,
      terms('Ahmad Wali Massoud'),
      lexical,
    );
    const selection = selectPassages(candidates, policy, 3);
    expect(selection.answered && selection.chosen.map((c) => c.passage.id)).toEqual([reporting.id, caption.id]);
  });

  it('GIVEN the same wire copy in two articles THEN quotes it once', () => {
    const original = find('Ahmad Massoud, son of late Afghan commander Ahmad Shah Massoud, center');
    const copy = { ...original, id: 'other-outlet#3.1', articleId: 'other-outlet' };
    const withCopy = new LexicalIndex([...passages, copy]);
    const candidates = toCandidates(
      [hit(original, 1), hit(copy, 1)],
      new Map([...byId, [copy.id, copy]]),
      terms('Ahmad Massoud Paris'),
      withCopy,
    );
    const selection = selectPassages(candidates, policy, 3);
    expect(selection.answered && selection.chosen).toHaveLength(1);
  });

  it('GIVEN a follower far below the best THEN leaves it out rather than quote filler', () => {
    const best = find('Fahim Dashti, a spokesman');
    const filler = find('Bazarak');
    const candidates = toCandidates([hit(best, 1, 0.7), hit(filler, 0.3, 0.3)], byId, asked, lexical);
    const selection = selectPassages(candidates, policy, 3);
    expect(selection.answered && selection.chosen.map((c) => c.passage.id)).toEqual([best.id]);
  });
});

describe('cutting the excerpt', () => {
  const sentencesOf = (p: Passage, best: string): SentenceRecord[] =>
    splitSentences(p.text).map((s) => ({
      passageId: p.id,
      start: s.start,
      end: s.end,
      tags: tagSentence(s.text),
      vector: Float32Array.of(s.text.includes(best) ? 1 : 0, 1),
    }));
  const query = Float32Array.of(1, 0);
  const articleOf = (p: Passage) => articles.find((a) => a.id === p.articleId)!;

  it('GIVEN a long paragraph THEN quotes its best sentence, the exact words, with ellipses', () => {
    const passage = find('assassinated on September 9, 2001');
    const excerpt = excerptOf(
      {
        passage,
        sentences: sentencesOf(passage, 'assassinated on September 9'),
        article: articleOf(passage),
        score: 0.9,
      },
      query,
      terms('When was he killed?'),
      lexical,
    );
    expect(excerpt.quote).toMatch(/^… Ahmad Shah Massoud was assassinated on September 9, 2001/);
    expect(articleOf(passage).text).toContain(excerpt.quote.replace(/^… | …$/g, ''));
    expect(excerpt).toMatchObject({ paragraph: passage.paragraph, passageId: passage.id, score: 0.9 });
  });

  // The speaker is in the paragraph before: a quotation said by no one named, or by "he".
  it.each([
    ['‘We don’t want to kill you', 'surrender', /Maulawi Mohammed Faruq, told The Times/],
    ['we will be able to confront the Taliban', 'Soviet Union', /Massoud told the Dubai-based news channel/],
  ])('GIVEN a paragraph opening "%s" THEN brings in the sentence before it', (opening, question, speaker) => {
    const passage = find(opening);
    const excerpt = excerptOf(
      { passage, sentences: sentencesOf(passage, question.split(' ')[0]!), article: articleOf(passage), score: 1 },
      query,
      terms(question),
      lexical,
    );
    const [before, quoted] = excerpt.quote.split('\n');
    expect(excerpt.paragraph).toBe(passage.paragraph - 1);
    expect(before).toMatch(speaker);
    expect(quoted).toContain(opening);
  });

  it('GIVEN a paragraph opening "It" after a subheading THEN quotes it alone; after a list item THEN with the item', () => {
    // Lifehacker's "How to Program Your Mind to Stop Buying Crap You Don't Need" (Readability's test page).
    const paragraphs = [
      'Understand How Your Own Brain Works Against You',
      'It may come as no surprise to learn that stores employ all kinds of tricks to get you to part ways with your cash, and your brain plays right along.',
    ];
    const article = {
      ...buildArticle('lifehacker.txt', `How to Stop Buying Crap\n\n${paragraphs.join('\n\n')}\n`).article!,
    };
    const passage = toPassages(article.id, article.paragraphs).find((p) => p.text.startsWith('It may come'))!;
    const alone = quoteSpan({ passage, article, score: 1 }, { start: 0, end: passage.text.length });
    expect(alone.quote).toBe(paragraphs[1]);
    const listed = { ...article, listItems: [passage.paragraph - 2] };
    expect(quoteSpan({ passage, article: listed, score: 1 }, { start: 0, end: passage.text.length }).quote).toBe(
      paragraphs.join('\n'),
    );
  });

  it('GIVEN a paragraph opening "He said" after a photo THEN brings in the story\'s paragraph before the photo', () => {
    // Seed 001 (Yahoo News): a portrait's caption, ending "(Getty Images)", stands between the two.
    const yahoo = buildArticle('001.txt', readSeed('001')).article!;
    const passage = toPassages(yahoo.id, yahoo.paragraphs).find((p) => p.text.startsWith('He said he was angry'))!;
    const excerpt = quoteSpan({ passage, article: yahoo, score: 1 }, { start: 0, end: passage.text.length });
    const [before, quoted] = excerpt.quote.split('\n');
    expect(before).toMatch(/Massoud said\.$/);
    expect(before).not.toContain('Getty Images');
    expect(quoted).toMatch(/^He said he was angry/);
    expect(excerpt).toMatchObject({ lastParagraph: passage.paragraph });
    expect(yahoo.paragraphs[excerpt.paragraph - 1]).toContain(before);
  });

  it('GIVEN a passage cut from a long paragraph opening with "It" THEN brings in the paragraph\'s sentence before', () => {
    // The ACLU's "Facebook Is Tracking Me …" (eval/fresh8-news): ¶27 is cut into passages, the second opening "It limits".
    const aclu = buildArticle('aclu.md', fs.readFileSync(path.join(ROOT, 'eval/fresh8-news/aclu.md'))).article!;
    const passage = toPassages(aclu.id, aclu.paragraphs, 80).find((p) => p.text.startsWith('It limits'))!;
    expect(passage.start).toBeGreaterThan(paragraphStarts(aclu.paragraphs)[passage.paragraph - 1]!);
    const excerpt = quoteSpan({ passage, article: aclu, score: 1 }, { start: 0, end: passage.text.length });
    expect(excerpt.quote).toMatch(/^… The most privacy-preserving modern browser is the Tor Browser, .* It limits the/);
    expect(excerpt.paragraph).toBe(passage.paragraph);
  });

  it('GIVEN a passage cut after its paragraph\'s first sentence, opening with "His" THEN brings in that sentence only', () => {
    // Seed 004: "“We are facing the Soviet Union …,” Massoud told … (22). His father withstood nine Soviet offensives …"
    const folha = buildArticle('004.txt', readSeed('004')).article!;
    const passage = toPassages(folha.id, folha.paragraphs, 20).find((p) => p.text.startsWith('His father withstood'))!;
    const excerpt = quoteSpan({ passage, article: folha, score: 1 }, { start: 0, end: passage.text.length });
    expect(excerpt.quote).toMatch(/^“We are facing the Soviet Union .* His father withstood nine Soviet offensives/);
    expect(excerpt.paragraph).toBe(passage.paragraph);
  });

  it('GIVEN an excerpt that starts inside a quotation THEN it starts where the quotation opens', () => {
    // Backchannel's "Inside the Deep Web Drug Lab" (eval/fresh8-news): the quote opens a sentence earlier.
    const medium = buildArticle(
      'keep-images.md',
      fs.readFileSync(path.join(ROOT, 'eval/fresh8-news/keep-images.md')),
    ).article!;
    const passage = toPassages(medium.id, medium.paragraphs).find((p) => p.text.startsWith('“In the white market'))!;
    const second = splitSentences(passage.text).find((x) => x.text.startsWith('In the dark market'))!;
    const excerpt = quoteSpan({ passage, article: medium, score: 1 }, { start: second.start, end: second.end });
    expect(excerpt.quote).toMatch(
      /^“In the white market, they have quality control\. In the dark market, it should be the same,”/,
    );
  });

  it('GIVEN selection "lead" THEN quotes the opening sentence whatever the scores', () => {
    const passage = find('assassinated on September 9, 2001');
    const excerpt = excerptOf(
      { passage, sentences: sentencesOf(passage, 'assassinated'), article: articleOf(passage), score: 1 },
      query,
      [],
      lexical,
      'lead',
    );
    expect(passage.text.startsWith(excerpt.quote.replace(/ …$/, ''))).toBe(true);
  });
});

describe('answer options', () => {
  it('GIVEN per-call overrides THEN merges them over the defaults without changing the defaults', () => {
    const defaults = answerDefaults('Xenova/all-MiniLM-L6-v2', 3);
    const merged = mergeOptions(defaults, { maxExcerpts: 1, search: { mode: 'bm25' } as never });
    expect(merged).toMatchObject({
      maxExcerpts: 1,
      search: { mode: 'bm25', candidates: 50 },
      abstain: defaults.abstain,
    });
    expect(defaults.maxExcerpts).toBe(3);
    expect(defaults.search.mode).toBe('hybrid');
  });

  it('answers with the learned ranker for the model its weights were fitted with, by the rules for others', () => {
    expect(answerDefaults('Xenova/all-MiniLM-L6-v2', 3).method).toBe('ranker');
    expect(answerDefaults('dossier-test/glove-6B-50d-10k', 3).method).toBe('rules');
  });
});
