import { describe, expect, it } from 'vitest';
import type { EmbedBuilder } from 'discord.js';
import {
  answerEmbed,
  blockQuote,
  escapeText,
  paragraphEmbed,
  profileEmbed,
  sourcesEmbed,
} from '../../src/discord/render.ts';
import { answerButtons } from '../../src/discord/buttons.ts';
import { truncate } from '../../src/discord/limits.ts';
import type { Answer } from '../../src/answer/types.ts';
import { renderAnswer, wrap } from '../../src/cli/render.ts';
import { notAnsweredMessage, UNCERTAIN_NOTE, uncertainNote } from '../../src/messages.ts';

const article = {
  id: 'a',
  title: 'T'.repeat(400),
  outlet: 'O'.repeat(300),
  date: '2021-08-23',
  url: 'https://example.org/a',
};
const total = (e: EmbedBuilder) => {
  const j = e.toJSON();
  return (
    (j.title?.length ?? 0) +
    (j.description?.length ?? 0) +
    (j.footer?.text.length ?? 0) +
    (j.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
};

describe('terminal wrapping', () => {
  it('never leaves an ellipsis alone on a line, and keeps every line within the width', () => {
    expect(wrap('aaaa bbbb …', 11, '│ ')).toBe('│ aaaa\n│ bbbb …');
    const text = 'The most prominent former head of government to have taken refuge in the valley is Saleh. …';
    for (let width = 20; width <= 90; width++)
      for (const line of wrap(text, width, '│ ').split('\n')) {
        expect(line.length).toBeLessThanOrEqual(width);
        expect(line.trim()).not.toBe('│ …');
      }
  });

  it('never opens a line with a citation’s separator or leaves its last part alone: the two go down together', () => {
    const cited = '— Apple Vision Pro hands-on · The Verge · 2023-06-07 · ¶7';
    expect(wrap(cited, 54, '  ')).toBe('  — Apple Vision Pro hands-on · The Verge ·\n  2023-06-07 · ¶7');
    for (let width = 20; width <= 70; width++)
      for (const line of wrap(cited, width, '  ').split('\n')) {
        expect(line.length).toBeLessThanOrEqual(width);
        expect(line.trim()).not.toMatch(/^[¶·]/);
      }
    // Only the last part is kept with its separator: the others break as any words do.
    expect(wrap('— Interview · Reuters · 2021-08-23 · ¶7', 26, '')).toBe('— Interview · Reuters ·\n2021-08-23 · ¶7');
    expect(wrap('— Interview · Reuters · 2021-08-23 · ¶7', 24, '')).toBe('— Interview · Reuters ·\n2021-08-23 · ¶7');
  });
});

describe('a refusal', () => {
  it('with closest passages below does not call them unrelated; without any, says the articles lack it', () => {
    const refusal: Answer = { question: 'q', answered: false, excerpts: [], reason: 'not_covered', ms: 1 };
    const closest = { ...refusal, closest: [{ quote: 'Q', score: 0.01, paragraph: 1, article, passageId: 'a#1' }] };
    expect(notAnsweredMessage(closest, 500, 'topics')).toMatch(/^I found no passage that clearly answers that/);
    expect(notAnsweredMessage(closest, 500, 'topics')).not.toContain('unrelated');
    expect(notAnsweredMessage(refusal, 500, 'topics')).toMatch(/^I couldn't find that in the articles/);
  });

  it('calls its closest passages "not an answer" only when a check found what they lack', () => {
    const unsure: Answer = {
      question: 'Where did Prelogar grow up?',
      answered: false,
      excerpts: [],
      reason: 'not_covered',
      closest: [
        { quote: 'Prelogar, who grew up in Boise, Idaho, …', score: 0.08, paragraph: 10, article, passageId: 'a#10' },
      ],
      ms: 1,
    };
    const lacking: Answer = { ...unsure, missing: [{ kind: 'year', value: '2023', reason: 'outside_corpus' }] };
    for (const render of [
      (a: Answer) => renderAnswer(a, 500, 'topics', 120),
      (a: Answer) => answerEmbed(a, 500, 'topics').toJSON().description!,
    ]) {
      expect(render(unsure)).toContain('Closest passages (not clearly an answer):');
      expect(render(lacking)).toContain('Closest passages (not an answer):');
    }
  });
});

describe('an answer the ranker was not sure of', () => {
  const answer = (confidence: Answer['confidence']): Answer => ({
    question: 'How long is the Panjshir valley?',
    answered: true,
    confidence,
    excerpts: [
      {
        quote: 'Anabah lies 15 miles north inside the 71-mile-long valley.',
        score: 0.1,
        paragraph: 4,
        article: { ...article, title: 'Panjshir', outlet: 'Reuters' },
        passageId: 'a#4',
      },
    ],
    ms: 5,
  });

  it('says so above the quotes in the terminal and in the embed; a likely answer does not', () => {
    expect(renderAnswer(answer('uncertain'), 500, 'topics', 80)).toContain(UNCERTAIN_NOTE);
    expect(
      answerEmbed(answer('uncertain'), 500, 'topics').toJSON().description!.startsWith(`*${UNCERTAIN_NOTE}*`),
    ).toBe(true);
    expect(renderAnswer(answer('likely'), 500, 'topics', 80)).not.toContain(UNCERTAIN_NOTE);
    expect(answerEmbed(answer('likely'), 500, 'topics').toJSON().description).not.toContain(UNCERTAIN_NOTE);
  });

  it('names the question’s names that the first quote lacks', () => {
    const lacking: Answer = {
      ...answer('uncertain'),
      missing: [{ kind: 'entity', value: 'Tajikistan', reason: 'not_in_excerpt' }],
    };
    const note = "These are the closest passages; they don't mention Tajikistan, so they may not answer it.";
    expect(uncertainNote(lacking)).toBe(note);
    expect(renderAnswer(lacking, 500, 'topics', 120)).toContain(note);
    expect(answerEmbed(lacking, 500, 'topics').toJSON().description).toContain(note);
    expect(uncertainNote({ ...lacking, confidence: 'likely' })).toBeNull();
    const many = ['Kabul', 'US', 'Europe'].map((value) => ({
      kind: 'entity' as const,
      value,
      reason: 'not_in_excerpt' as const,
    }));
    expect(uncertainNote({ ...lacking, missing: many })).toBe(UNCERTAIN_NOTE);
  });
});

describe('Discord rendering stays within limits', () => {
  it('shortens huge quotes and titles instead of failing', () => {
    const answer: Answer = {
      question: 'Q'.repeat(1000),
      answered: true,
      excerpts: Array.from({ length: 10 }, (_, i) => ({
        quote: `word${i} `.repeat(2000),
        score: 1,
        paragraph: i + 1,
        article,
        passageId: `a#${i}`,
      })),
      ms: 12,
    };
    const embed = answerEmbed(answer, 500, 'five articles').toJSON();
    expect(embed.title!.length).toBeLessThanOrEqual(256);
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(total(answerEmbed(answer, 500, 'five articles'))).toBeLessThanOrEqual(6000);
    expect(embed.description).toContain('…');
    expect((embed.description!.match(/\*\*\[\d+\]\*\*/g) ?? []).length).toBeGreaterThanOrEqual(3);
  });

  it('keeps long source lists and profiles within limits', () => {
    const sources = Array.from({ length: 95 }, (_, i) => ({ ...article, id: String(i), passages: 3 }));
    const page = sourcesEmbed(sources, 10).toJSON();
    expect(page.description!.length).toBeLessThanOrEqual(4096);
    expect(page.footer!.text).toBe('Page 10 of 19 · by date · Dossier quotes only these articles');
    const profile = profileEmbed({
      query: 'x',
      status: 'found',
      candidates: [],
      person: {
        name: 'N'.repeat(300),
        aliases: ['A'.repeat(900)],
        roles: ['R'.repeat(3000)],
        articles: [article],
        excerpts: Array.from({ length: 4 }, () => ({ quote: 'q '.repeat(3000), article, paragraph: 1 })),
      },
    });
    expect(total(profile)).toBeLessThanOrEqual(6000);
    expect(profile.toJSON().description!.length).toBeLessThanOrEqual(4096);
  });

  it('keeps "sources differ", full paragraphs and buttons within limits', () => {
    const claim = (n: number) => ({
      figure: `${n} ${'fighters'.repeat(60)}`,
      value: n,
      sentence: 'word '.repeat(2000),
      article,
      paragraph: n,
      passageId: `a#${n}.0`,
    });
    const answer: Answer = {
      question: 'Q'.repeat(600),
      answered: true,
      excerpts: Array.from({ length: 6 }, (_, i) => ({
        quote: `word${i} `.repeat(2000),
        score: 1,
        paragraph: i + 1,
        article: { ...article, id: `x${i}` },
        passageId: `${'a'.repeat(90)}#${i}.0`,
      })),
      disagreements: [0, 1, 2].map((d) => ({
        about: 'fighters'.repeat(80),
        claims: [claim(1 + d), claim(2 + d), claim(3 + d), claim(4 + d)],
      })),
      ms: 1,
    };
    const embed = answerEmbed(answer, 500, 'topics', { context: 'C'.repeat(900) });
    expect(total(embed) + (embed.toJSON().author?.name.length ?? 0)).toBeLessThanOrEqual(6000);
    expect(embed.toJSON().fields!.length).toBeLessThanOrEqual(25);
    for (const f of embed.toJSON().fields!) expect(f.value.length).toBeLessThanOrEqual(1024);
    const rows = answerButtons({
      key: 'abcdefghijkl',
      excerpts: answer.excerpts,
      page: 1,
      hasMore: true,
      visibility: 'public',
    }).map((r) => r.toJSON());
    expect(rows.length).toBeLessThanOrEqual(5);
    for (const row of rows) {
      expect(row.components.length).toBeLessThanOrEqual(5);
      for (const c of row.components)
        expect(((c as { custom_id: string }).custom_id ?? '').length).toBeLessThanOrEqual(100);
    }
    const paragraph = paragraphEmbed({
      article,
      paragraph: 2,
      paragraphs: [1, 2, 3].map((n) => ({ paragraph: n, text: 'long '.repeat(3000) })),
    });
    expect(total(paragraph)).toBeLessThanOrEqual(6000);
  });

  it('escapes Markdown so quoted text cannot break out of the quote', () => {
    expect(escapeText('**bold** _it_ # Heading [link](http://x)')).not.toMatch(/(?<!\\)\*\*bold/);
    expect(blockQuote('line one\nline two')).toBe('> line one\n> line two');
  });

  it('truncates at a word, with an ellipsis, never over the limit', () => {
    expect(truncate('one two three four five six', 20)).toBe('one two three four…');
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('x'.repeat(50), 10)).toHaveLength(10);
  });
});
