import { describe, expect, it } from 'vitest';
import { blend, reciprocalRank, scaleByMax } from '../src/retrieve/fuse.ts';
import { LexicalIndex } from '../src/retrieve/lexical.ts';
import { terms } from '../src/text/analyze.ts';
import { lexicalCoverage, shouldAbstain } from '../src/answer/abstain.ts';
import { chooseSentences, isQuoteContinuation, quoteOf } from '../src/answer/excerpt.ts';
import { splitSentences } from '../src/text/sentences.ts';
import { cleanText } from '../src/corpus/clean.ts';
import { readSeed } from './helpers.ts';
import { candidatePassages } from '../src/retrieve/candidates.ts';
import { tagSentence } from '../src/corpus/sentence-tags.ts';

const paragraphs = ['000', '001', '002', '003', '004'].flatMap((p) => cleanText(readSeed(p)).paragraphs);

describe('fusion', () => {
  it('scales by the best score, so the weakest real match is not zeroed', () => {
    const scaled = scaleByMax([
      { id: '1', score: 16.8 },
      { id: '2', score: 15.2 },
    ]);
    expect(scaled.get('1')).toBe(1);
    expect(scaled.get('2')).toBeCloseTo(15.2 / 16.8);
  });

  it('blends: a strong lexical match can overtake a slightly closer vector', () => {
    const dense = [
      { id: '1', score: 0.5 },
      { id: '2', score: 0.45 },
      { id: '3', score: 0.2 },
    ];
    const lexical = [{ id: '2', score: 10 }];
    expect(blend(dense, lexical, 0.5).map((h) => h.id)).toEqual(['2', '1', '3']);
    expect(blend(dense, lexical, 1).map((h) => h.id)).toEqual(['1', '2', '3']);
    const top = blend(dense, lexical, 0.5)[0]!;
    expect(top.dense).toBe(0.45);
    expect(top.lexical).toBe(10);
  });

  it('reciprocal rank fusion rewards agreement', () => {
    const fused = reciprocalRank([
      [
        { id: '1', score: 0 },
        { id: '2', score: 0 },
      ],
      [
        { id: '2', score: 0 },
        { id: '3', score: 0 },
      ],
    ]);
    expect(fused[0]!.id).toBe('2');
  });
});

describe('lexical analysis and BM25 on the seeds', () => {
  const index = new LexicalIndex(paragraphs.map((text, i) => ({ id: String(i), text })));

  it('merges Dashti/Dashty and drops question words', () => {
    expect(terms('Who is Fahim Dashty?')).toEqual(terms('Fahim Dashti'));
  });

  it('finds both spellings of a name', () => {
    const hits = index.search('Who is Fahim Dashty?', 5).map((h) => paragraphs[Number(h.id)]!);
    expect(hits.some((p) => p.includes('Fahim Dashti'))).toBe(true);
    expect(hits.some((p) => p.includes('Fahim Dashty'))).toBe(true);
  });

  it('measures how much of a question a passage covers; unknown words count against it', () => {
    const nazary = paragraphs.find((p) => p.includes('its spokesman Ali Maisam Nazary'))!;
    expect(lexicalCoverage('Who is Ali Maisam Nazary?', nazary, index)).toBe(1);
    const currently = paragraphs.find((p) => p.startsWith('Massoud, who is currently in London'))!;
    expect(lexicalCoverage('Who is the current president of France?', currently, index)).toBeLessThan(0.5);
  });

  it('abstains only when both meaning and words are far off', () => {
    const policy = { minSimilarity: 0.6, minCoverage: 0.6, minCombined: 1.05 };
    expect(shouldAbstain(0.13, 0.0, policy)).toBe(true); // "recipe for chocolate cake"
    expect(shouldAbstain(0.55, 0.4, policy)).toBe(true); // close-ish in meaning, but about something else
    expect(shouldAbstain(0.65, 0.0, policy)).toBe(false); // a paraphrase
    expect(shouldAbstain(0.26, 1.0, policy)).toBe(false); // "Who is Ali Maisam Nazary?"
    expect(shouldAbstain(0.51, 0.68, policy)).toBe(false);
  });
});

describe('excerpts', () => {
  const long = paragraphs.find((p) => p.startsWith('BAZARAK'))!;
  const spans = splitSentences(long);

  it('quotes the best sentence of a long paragraph, with ellipses where cut', () => {
    const scored = spans.map((s) => ({ ...s, score: s.text.includes('assassinated on September 9, 2001') ? 1 : 0.1 }));
    const cut = chooseSentences(long, scored);
    const quote = quoteOf(long, cut.start, cut.end);
    expect(quote).toBe(
      '… Ahmad Shah Massoud was assassinated on September 9, 2001, in Takhar province by two Arab militants from al Qaeda posing as journalists. …',
    );
    expect(long).toContain(quote.replace(/^… | …$/g, ''));
  });

  it('adds a neighbour that is nearly as relevant', () => {
    const scored = spans.map((s, i) => ({ ...s, score: i === 1 ? 1 : i === 2 ? 0.9 : 0.1 }));
    const cut = chooseSentences(long, scored);
    expect(long.slice(cut.start, cut.end)).toBe(`${spans[1]!.text} ${spans[2]!.text}`);
  });

  it('keeps a short paragraph whole', () => {
    const short = 'Both sides claim to have inflicted heavy losses on the other.';
    expect(
      chooseSentences(
        short,
        splitSentences(short).map((s) => ({ ...s, score: 1 })),
      ),
    ).toEqual({ start: 0, end: short.length });
    expect(quoteOf(short, 0, short.length)).toBe(short);
  });

  it('recognises a quotation that continues the paragraph before', () => {
    expect(isQuoteContinuation('‘We don’t want to kill you… but surrender you must. Our victory is inevitable.’')).toBe(
      true,
    );
    expect(
      isQuoteContinuation('“We prefer peace,” Massoud’s chief of staff Fahim Dashty said in a telephone message.'),
    ).toBe(false);
    expect(isQuoteContinuation('Both sides claim to have inflicted heavy losses on the other.')).toBe(false);
  });
});

describe('candidate passages', () => {
  // Two paragraphs of the AP report: the second's quotation is said by "he", named in the first.
  const lead =
    '“If Taliban warlords launch an assault, they will of course face staunch resistance from us,” Massoud told the Dubai-based news channel, while also expressing openness to dialogue with the Taliban.';
  const said = '“We confronted the Soviet Union, and we will be able to confront the Taliban,” he said.';
  const texts = new Map([
    ['ap#16', lead],
    ['ap#18', said],
  ]);
  const vector = Float32Array.of(1, 0);
  const store = {
    knn: async () => [{ id: 'ap#18', score: 0.9 }],
    sentenceKnn: async () => [],
    similarity: async (_q: Float32Array, ids: readonly string[]) => new Map(ids.map((id) => [id, 0.5])),
    passages: async (ids: readonly string[]) =>
      ids.map((id) => ({ id, articleId: 'ap', paragraph: 0, start: 0, end: 0, text: texts.get(id)!, caption: false })),
    sentences: async (ids: readonly string[]) =>
      ids.flatMap((id) =>
        splitSentences(texts.get(id)!).map((s) => ({
          passageId: id,
          start: s.start,
          end: s.end,
          tags: tagSentence(s.text),
          vector,
        })),
      ),
  };
  const lexical = new LexicalIndex([...texts].map(([id, text]) => ({ id, text })));

  it('brings the sentence before a passage that opens "…,” he said." from the paragraph before, only then', async () => {
    const [found] = await candidatePassages(store, lexical, { vector, focus: vector }, 'Soviet Union', 8, (id) =>
      id === 'ap#18' ? 'ap#16' : undefined,
    );
    expect(found!.passageId).toBe('ap#18');
    expect(found!.before?.text).toBe(lead);
    const [alone] = await candidatePassages(store, lexical, { vector, focus: vector }, 'Soviet Union', 8);
    expect(alone!.before).toBeUndefined();
  });

  it('scores each sentence against the question and against its focus (the question without its names)', async () => {
    const focus = Float32Array.of(0.6, 0.8);
    const [found] = await candidatePassages(store, lexical, { vector, focus }, 'Soviet Union', 8);
    expect(found!.sentences.map((s) => [s.cos, s.focusCos])).toEqual([[1, expect.closeTo(0.6, 6)]]);
  });

  it("takes the passages of the sentences closest to the question's focus as well, when it has one", async () => {
    // Only the focus reaches ap#16 here: the sentence search answers by the vector it is given.
    const focus = Float32Array.of(0, 1);
    const searched: Float32Array[] = [];
    const byFocus = {
      ...store,
      sentenceKnn: async (q: Float32Array) => {
        searched.push(q);
        return q === focus ? [{ passageId: 'ap#16', score: 0.8 }] : [];
      },
    };
    const ids = async (f: Float32Array) =>
      (await candidatePassages(byFocus, lexical, { vector, focus: f }, 'nothing', 8)).map((p) => p.passageId);
    expect(await ids(focus)).toEqual(['ap#16', 'ap#18']);
    expect(await ids(vector)).toEqual(['ap#18']);
    // No second search when the question names nothing (its focus is the question).
    expect(searched.filter((q) => q === vector)).toHaveLength(2);
  });
});
