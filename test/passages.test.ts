import { describe, expect, it } from 'vitest';
import { splitSentences } from '../src/text/sentences.ts';
import { joinParagraphs, toPassages } from '../src/corpus/passages.ts';
import fs from 'node:fs';
import path from 'node:path';
import { findDate, isDateline, openingDateline } from '../src/corpus/dates.ts';
import { cleanText } from '../src/corpus/clean.ts';
import { readSeed, ROOT } from './helpers.ts';

describe('splitSentences', () => {
  it('does not break at U.K., U.S., Aug., Gen. or decimals', () => {
    const text =
      'Ahmad Wali Massoud, formerly the Afghan ambassador to the U.K., told Yahoo News that so far the dialogue has failed. The U.S. ended its involvement on Aug. 31, a deadline agreed to with the Taliban. Gen. Mark Milley said 3.5 percent left.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'Ahmad Wali Massoud, formerly the Afghan ambassador to the U.K., told Yahoo News that so far the dialogue has failed.',
      'The U.S. ended its involvement on Aug. 31, a deadline agreed to with the Taliban.',
      'Gen. Mark Milley said 3.5 percent left.',
    ]);
  });

  it('keeps "U.S. President Donald Trump" in one sentence, and still ends one at "… to the U.S. The next day"', () => {
    // Reuters on the SAG awards (trafilatura's test pages): the quote was cut at "U.S." and lost whom it meant.
    const text =
      'De Niro used his speech to take a veiled shot at U.S. President Donald Trump. They flew back to the U.S. The next day they left. Officials at the U.K. Foreign Office agreed.';
    const spans = splitSentences(text);
    expect(spans.map((s) => s.text)).toEqual([
      'De Niro used his speech to take a veiled shot at U.S. President Donald Trump.',
      'They flew back to the U.S.',
      'The next day they left.',
      'Officials at the U.K. Foreign Office agreed.',
    ]);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('keeps "10:30 p.m. Tuesday" in one sentence, and still ends one at "… at 5 p.m. The next day"', () => {
    // NBC News on South Korea's martial law (Readability's test pages): the time it was lifted was cut off.
    const text =
      'Military officers and government officials described a chaotic six hours from the time Yoon declared martial law around 10:30 p.m. Tuesday to the time he lifted the order around 4:30 a.m. Wednesday. The vote ended at 5 p.m. The next day was calm.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'Military officers and government officials described a chaotic six hours from the time Yoon declared martial law around 10:30 p.m. Tuesday to the time he lifted the order around 4:30 a.m. Wednesday.',
      'The vote ended at 5 p.m.',
      'The next day was calm.',
    ]);
  });

  it('keeps initials with the nickname in brackets after them: "H.R. (Bum) Bright", "J.W. (Pat) Jones"', () => {
    // Sports Illustrated on Stephen Jones (a new user's trial): the price was cut off at "from H.R. …".
    const text =
      'In short order he found himself helping to sell that company to finance Jerry’s 1989 purchase of the Cowboys from H.R. (Bum) Bright for $151 million. Stephen’s MBA plans were put on hold.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'In short order he found himself helping to sell that company to finance Jerry’s 1989 purchase of the Cowboys from H.R. (Bum) Bright for $151 million.',
      'Stephen’s MBA plans were put on hold.',
    ]);
    // The New Yorker (another new user's trial): "A.T. & T." is one name.
    const shor =
      'That changed in 1994, when Peter Shor, then at A.T. & T. Bell Laboratories, demonstrated how it could apply to cryptography. Then it grew.';
    expect(splitSentences(shor).map((s) => s.text)).toEqual([
      'That changed in 1994, when Peter Shor, then at A.T. & T. Bell Laboratories, demonstrated how it could apply to cryptography.',
      'Then it grew.',
    ]);
  });

  it('ends a sentence at a number after "No." and its full stop (a new user\'s trial, Sports Illustrated)', () => {
    const text = 'The Cowboys used their selection at No. 16. The next pick came an hour later. He ranked No. 3 on it.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'The Cowboys used their selection at No. 16.',
      'The next pick came an hour later.',
      'He ranked No. 3 on it.',
    ]);
  });

  it("gives a closing quotation mark back to the question it closes (seed 004, a new user's trial)", () => {
    const text =
      '“Are you going to resist or are you going to negotiate?” I don’t know who is supporting her. First, you have the “hey, Marco earned his status!” lot.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      '“Are you going to resist or are you going to negotiate?”',
      'I don’t know who is supporting her.',
      'First, you have the “hey, Marco earned his status!” lot.',
    ]);
  });

  it('keeps a closing quote with its sentence and reports exact offsets', () => {
    const text =
      '“We prefer peace,” Massoud’s chief of staff Fahim Dashty said in a telephone message. “We are ready to participate in negotiations.”';
    const spans = splitSentences(text);
    expect(spans).toHaveLength(2);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(spans[1]!.text.endsWith('”')).toBe(true);
  });

  it('separates list items a page ran together (the Daily Mail summary), leaving brand names whole', () => {
    const summary = readSeed('003').split('\n')[2]!;
    const texts = splitSentences(summary).map((s) => s.text);
    expect(texts.slice(0, 2)).toEqual([
      'Ahmad Massoud, the leader of the Afghan National Resistance Front, said he would stop fighting with the Taliban and offered peace talks',
      expect.stringMatching(/^But the Taliban warned them that they must surrender or die/),
    ]);
    expect(texts).toContain('The rugged valley of Panjshir held out against Soviet Union for nearly a decade');
    expect(texts.some((t) => t.startsWith('Former vice-president Amrullah Saleh'))).toBe(true);
    for (const s of splitSentences(summary)) expect(summary.slice(s.start, s.end)).toBe(s.text);
    const brands = 'LinkedIn, iPhone, @realDonaldTrump, McDonald, PowerPoint and a 2.3Ghz processor stay whole.';
    expect(splitSentences(brands).map((s) => s.text)).toEqual([brands]);
  });

  it('separates sentences a page ran together after a full stop (MSNBC), not initialisms or a.m.', () => {
    const glued =
      'Four electors in Washington cast one vote each.Seven different people ended up receiving electoral votes, the most since the 1800s.The fact that the process unfolded like this seems oddly appropriate.';
    expect(splitSentences(glued).map((s) => s.text)).toEqual([
      'Four electors in Washington cast one vote each.',
      'Seven different people ended up receiving electoral votes, the most since the 1800s.',
      'The fact that the process unfolded like this seems oddly appropriate.',
    ]);
    const whole =
      'The U.S.Army said the vote closed at 5 a.m.Tuesday, as Node.js, ASP.Net, java.lang.String, Mrs.Smith and System.Collections.Generic users know.';
    expect(splitSentences(whole).map((s) => s.text)).toEqual([whole]);
  });
});

describe('toPassages', () => {
  const cleaned = cleanText(readSeed('001'));
  const passages = toPassages('001', cleaned.paragraphs);
  const text = joinParagraphs(cleaned.paragraphs);

  it('knows its article, paragraph and offsets in the cleaned text', () => {
    for (const p of passages) expect(text.slice(p.start, p.end)).toBe(p.text);
    const dashti = passages.find((p) => p.text.startsWith('Fahim Dashti'))!;
    expect(dashti.paragraph).toBe(4);
    expect(dashti.id).toBe('001#4.1');
  });

  it('gives the same ids on every run', () => {
    expect(toPassages('001', cleaned.paragraphs).map((p) => p.id)).toEqual(passages.map((p) => p.id));
  });

  it('cuts a long paragraph only at sentence ends', () => {
    const long = cleanText(readSeed('001')).paragraphs.find((p) => p.startsWith('BAZARAK'))!;
    const pieces = toPassages('x', [long], 30);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.map((p) => p.text).join(' ')).toBe(long);
    for (const p of pieces) expect(p.text).toMatch(/[.)]$/);
  });
});

describe('dates', () => {
  it('reads the common forms and refuses ambiguous ones', () => {
    expect(findDate('August 24, 2021 - 13:41')).toBe('2021-08-24');
    expect(findDate('on 22 August 2021.')).toBe('2021-08-22');
    expect(findDate('Fighters – 25/08/2021 – World')).toBe('2021-08-25');
    expect(findDate('on Aug. 31, 2021')).toBe('2021-08-31');
    // AP style, as The New York Times dates its pages ("Sept. 19, 2016" had stayed the article's first paragraph).
    expect(findDate('Sept. 19, 2016')).toBe('2016-09-19');
    expect(isDateline('Sept. 19, 2016')).toBe(true);
    expect(findDate('May 3, 2016')).toBe('2016-05-03');
    expect(findDate('03/04/2021')).toBeNull();
    expect(findDate('DW | 19.01.2020')).toBe('2020-01-19');
    expect(findDate('31.02.2020')).toBeNull();
    expect(findDate('February 30, 2021')).toBeNull();
  });

  it('tells a dateline from a sentence with a date', () => {
    expect(isDateline('August 24, 2021 - 13:41')).toBe(true);
    expect(isDateline('19.01.2020')).toBe(true);
    expect(isDateline('Kabul on August 20, 2021, hoping to flee')).toBe(false);
    // A new user's trial: People's only date, the New York Daily News' byline time.
    expect(isDateline('Updated on December 12, 2016 09:22 AM')).toBe(true);
    expect(isDateline('Dec 16, 2016 at 1:38 pm')).toBe(true);
    expect(isDateline('Kabul at dawn on August 20, 2021')).toBe(false);
    // A wire-style dateline opening an article's first paragraph (WebMD, eval/fresh8-news) dates the article; a
    // caption's "BAZARAK, AFGHANISTAN - SEPTEMBER 5:" (seed 001) and Reuters' "LOS ANGELES (Reuters) -" do not.
    const webmd = fs.readFileSync(path.join(ROOT, 'eval/fresh8-news/webmd-1.md'), 'utf8');
    expect(openingDateline(webmd.split('\n---\n')[1]!.trim())).toBe('2015-02-23');
    expect(
      openingDateline(
        readSeed('001')
          .split('\n')
          .find((l) => l.startsWith('BAZARAK'))!,
      ),
    ).toBeNull();
    expect(openingDateline('LOS ANGELES (Reuters) - South Korean thriller “Parasite” was the upset winner')).toBeNull();
  });
});
