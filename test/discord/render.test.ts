import { describe, expect, it } from 'vitest';
import type { EmbedBuilder } from 'discord.js';
import { answerEmbed, blockQuote, escapeText, profileEmbed, sourcesEmbed } from '../../src/discord/render.ts';
import { truncate } from '../../src/discord/limits.ts';
import type { Answer } from '../../src/answer/types.ts';

const article = { id: 'a', title: 'T'.repeat(400), outlet: 'O'.repeat(300), date: '2021-08-23', url: 'https://example.org/a' };
const total = (e: EmbedBuilder) => {
  const j = e.toJSON();
  return (j.title?.length ?? 0) + (j.description?.length ?? 0) + (j.footer?.text.length ?? 0) + (j.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
};

describe('Discord rendering stays within limits', () => {
  it('shortens huge quotes and titles instead of failing', () => {
    const answer: Answer = {
      question: 'Q'.repeat(1000),
      answered: true,
      excerpts: Array.from({ length: 10 }, (_, i) => ({ quote: `word${i} `.repeat(2000), score: 1, paragraph: i + 1, article, passageId: `a#${i}` })),
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
    expect(page.footer!.text).toBe('Page 10 of 10 · /sources page:<n>');
    const profile = profileEmbed({
      query: 'x',
      status: 'found',
      candidates: [],
      person: { name: 'N'.repeat(300), aliases: ['A'.repeat(900)], roles: ['R'.repeat(3000)], articles: [article], excerpts: Array.from({ length: 4 }, () => ({ quote: 'q '.repeat(3000), article, paragraph: 1 })) },
    });
    expect(total(profile)).toBeLessThanOrEqual(6000);
    expect(profile.toJSON().description!.length).toBeLessThanOrEqual(4096);
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
