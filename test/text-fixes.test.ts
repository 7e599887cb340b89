import { describe, expect, it } from 'vitest';
import { cleanText, tidyTitle } from '../src/corpus/clean.ts';

/** Fixes for what was seen on real articles saved as text (issue 13). */
describe('text articles: a dateline alone on its line, a " | Author" title suffix', () => {
  it('takes the date from a dateline alone on its line instead of dropping it as clutter', () => {
    const us = cleanText(
      [
        'Taliban claim control of Panjshir valley',
        'Feb. 21, 2019',
        'The Taliban said on Monday they had taken control of the Panjshir valley, the last holdout of resistance.',
        'Resistance leaders denied the claim and said fighting continued in the valley.',
      ].join('\n'),
    );
    expect(us.date).toBe('2019-02-21');
    expect(us.paragraphs.join(' ')).not.toContain('Feb. 21, 2019');
    expect(us.paragraphs).toHaveLength(2);

    const eu = cleanText(
      [
        'Resistance fighters regroup in the north',
        '25/08/2021',
        'Fighters loyal to Ahmad Massoud gathered in the valley on Wednesday, officials said.',
      ].join('\n'),
    );
    expect(eu.date).toBe('2021-08-25');
    expect(eu.paragraphs).toEqual([
      'Fighters loyal to Ahmad Massoud gathered in the valley on Wednesday, officials said.',
    ]);
  });

  it('a date inside a sentence is text, not a dateline', () => {
    const text = cleanText(
      ['Talks resume', 'Talks resumed on Feb. 21, 2019, after a week of fighting near the pass.'].join('\n'),
    );
    expect(text.paragraphs).toEqual(['Talks resumed on Feb. 21, 2019, after a week of fighting near the pass.']);
    expect(text.date).toBe('2019-02-21');
  });

  it('drops a " | Author Name" or " | Outlet" suffix from the title, and keeps bars inside a headline', () => {
    expect(tidyTitle('Taliban claim control of Panjshir valley | Jane Smith')).toBe(
      'Taliban claim control of Panjshir valley',
    );
    expect(tidyTitle('Afghan resistance vows to fight on | Lynne O’Donnell | Foreign Policy')).toBe(
      'Afghan resistance vows to fight on',
    );
    expect(tidyTitle('Fighters defend – 25/08/2021 – World')).toBe('Fighters defend');
    expect(tidyTitle('Panjshir | what we know so far about the valley')).toBe(
      'Panjshir | what we know so far about the valley',
    );
    expect(tidyTitle('Anti-Taliban leader says ready to fight Taliban')).toBe(
      'Anti-Taliban leader says ready to fight Taliban',
    );
    const cleaned = cleanText(
      [
        'Valley villagers return | Reuters',
        'August 24, 2021 - 13:41',
        'Villagers returned to the valley on Tuesday morning.',
      ].join('\n'),
    );
    expect(cleaned).toMatchObject({ title: 'Valley villagers return', date: '2021-08-24' });
  });
});
