import { describe, expect, it } from 'vitest';
import {
  cleanText,
  withTweetSignatures,
  endsWithCredit,
  isCaption,
  isCodeLine,
  isFurnitureLine,
  isReporterBio,
  splitGluedBullets,
  tidyTitle,
} from '../src/corpus/clean.ts';
import { readSeed } from './helpers.ts';

const all = (prefix: string) => {
  const cleaned = cleanText(readSeed(prefix));
  return { ...cleaned, text: cleaned.paragraphs.join('\n') };
};

describe('embedded tweets', () => {
  it('keeps a tweet’s signature with its text, list items following (Uproxx, in the Postlight parser’s test pages)', () => {
    const paragraphs = [
      'Giuliani will stay on the transition team.',
      'The rumor I heard was that Rudy fell asleep in the meeting with Trump.',
      '— Josh Rogin (@joshrogin) December 9, 2016',
      'Romney still has a chance.',
    ];
    expect(withTweetSignatures(paragraphs, [3])).toEqual({
      paragraphs: [
        'Giuliani will stay on the transition team.',
        'The rumor I heard was that Rudy fell asleep in the meeting with Trump. — Josh Rogin (@joshrogin) December 9, 2016',
        'Romney still has a chance.',
      ],
      listItems: [2],
    });
    // A dash that opens a sentence is no signature.
    expect(withTweetSignatures(['One.', '— and then the Taliban came back.']).paragraphs).toHaveLength(2);
  });
});

describe('cleanText on the real seeds', () => {
  it('drops sign-in walls, newsletter prompts and site banners (Times of Israel)', () => {
    const { title, text } = all('000');
    expect(title).toBe('Afghan opposition leader warns civil war ‘unavoidable’ if Taliban refuse talks');
    for (const junk of [
      'ISRAEL AT WAR',
      'read more',
      'Register',
      'subscribed',
      'sign in',
      'Daily Edition',
      'example@domain.com',
      'Or Continue with',
      'Check your email',
    ]) {
      expect(text).not.toContain(junk);
    }
    expect(text).not.toMatch(/^search$/m);
    expect(text).not.toMatch(/^image$/m);
  });

  it('keeps the journalism, including captions and the last paragraph', () => {
    const { paragraphs, text } = all('000');
    expect(paragraphs[0]).toMatch(/^Amid chaotic US withdrawal, Ahman Massoud/);
    expect(text).toContain('Christophe Archambault/Pool Photo via AP'); // caption kept
    expect(paragraphs.at(-1)).toBe(
      '“There is no way to evacuate this many people without pain and loss and heartbreaking images you see,” he said.',
    );
    expect(paragraphs).toHaveLength(35);
  });

  it('keeps a caption printed twice only once', () => {
    const { paragraphs } = all('000');
    expect(paragraphs.filter((p) => p.startsWith('Ahmad Massoud, son of late Afghan commander'))).toHaveLength(1);
  });

  it('removes scripts and mangled HTML comments (Daily Mail)', () => {
    const { text, paragraphs } = all('003');
    for (const junk of ['<!–', 'function (src', 'createElement', 'DM.loadCSS', 'insertBefore', 'prev);'])
      expect(text).not.toContain(junk);
    expect(text).toContain('‘We don’t want to kill you… but surrender you must. Our victory is inevitable.’');
    expect(paragraphs.at(-1)).toMatch(/^United Nations Secretary-General Antonio Guterres/);
  });

  it('separates summary bullets that were run together', () => {
    const { paragraphs } = all('003');
    expect(paragraphs).toContain('The rugged valley of Panjshir held out against Soviet Union for nearly a decade');
    expect(paragraphs).toContain('Former vice-president Amrullah Saleh spoke of ‘large-scale humanitarian crisis’');
  });

  it('drops comment forms and captchas, and reads the dateline (002)', () => {
    const { text, date, paragraphs } = all('002');
    expect(text).not.toMatch(/Leave a Comment|1 \+ 1/);
    expect(date).toBe('2021-08-24');
    expect(paragraphs[0]).toMatch(/^In a sign of the fragile state of Afghanistan/);
    expect(paragraphs.at(-1)).toBe(
      'The Taliban have repeatedly stressed they are open to an inclusive new Afghan government.',
    );
  });

  it('drops bylines, reading time and the comments notice (Yahoo)', () => {
    const { text, paragraphs } = all('001');
    expect(text).not.toMatch(/Producer, Reporter|min read|Read more from Yahoo|temporarily suspending/);
    expect(paragraphs[0]).toMatch(/^A civil war between the Afghan resistance/);
    expect(paragraphs.at(-1)).toMatch(/It makes me feel really sad\.”$/);
  });

  it('strips the "Leave a Reply" form and tidies a dated headline (004)', () => {
    const { title, date, text } = all('004');
    expect(title).toBe('Fighters defend last area not controlled by Taliban, with little chance of success');
    expect(date).toBe('2021-08-25');
    expect(text).not.toMatch(/Leave a Reply|will not be published/);
    expect(text).toContain(
      '“The Taliban show no willingness to launch real negotiations,” Saleh wrote in a text message.',
    );
  });

  it('loses no real paragraph: every long prose line of every seed survives', () => {
    for (const prefix of ['000', '001', '002', '003', '004']) {
      const raw = readSeed(prefix);
      const { text } = all(prefix);
      const proseLines = raw
        .split('\n')
        .map((l) => l.replace(/\s+/g, ' ').trim())
        .filter((l) => l.split(/\s+/).length >= 12 && /[.”’"]$/.test(l) && !/regist|comment|email/i.test(l));
      // Whitespace aside: bullets that were run together come back as separate paragraphs.
      const squeezed = text.replace(/\s+/g, '');
      for (const line of proseLines)
        expect(squeezed, `${prefix}: ${line.slice(0, 60)}`).toContain(line.replace(/\s+/g, ''));
    }
  });
});

describe('line rules', () => {
  it('recognises code but not prose', () => {
    expect(isCodeLine('var s = d.createElement(tag), prev = d.getElementsByTagName(tag)[0];')).toBe(true);
    expect(isCodeLine('s.src = src;')).toBe(true);
    expect(isCodeLine('<!–')).toBe(true);
    expect(isCodeLine('The Taliban (the group) said so; others disagreed.')).toBe(false);
  });

  it('recognises furniture but not short sentences', () => {
    for (const junk of [
      '·5 min read',
      'Leave a Comment',
      '1 + 1 =',
      'search',
      'ISRAEL AT WAR - DAY 65',
      'Register for free',
      'Log in to continue',
      // How to cite a page, and its rights (Phys.org; Reuters via the Vancouver Sun).
      'Citation: Flint flake tool partially covered by birch tar adds to evidence of Neanderthal complex thinking (2019, October 22) retrieved 20 January 2020 from https://phys.org/news/2019-10-flint-flake-tool-partially-birch.html',
      '© 2019 Science X Network',
      '© Thomson Reuters 2020',
      'Copyright 2019 The Associated Press. All rights reserved.',
      'This document is subject to copyright. Apart from any fair dealing for the purpose of private study or research, no part may be reproduced without the written permission.',
    ]) {
      expect(isFurnitureLine(junk), junk).toBe(true);
    }
    for (const prose of [
      'He left.',
      'Both sides claim to have inflicted heavy losses on the other.',
      'A picture of Ahmad Shah Massoud. (Getty Images)',
      'Copyright lawyers retrieved the files from the court.',
      'Copyright 2019 was a record year for lawsuits.',
      'Hiring 60 more registered nurses',
      '(c) Ministers must report to parliament every year.',
      'The data, retrieved last week from https://data.gov, show that 40% of wells are dry.',
    ]) {
      expect(isFurnitureLine(prose), prose).toBe(false);
    }
  });

  it('keeps a short headline as the title of a dropped-in article', () => {
    expect(cleanText('Valley villagers return\n\nVillagers returned to the valley on Monday.\n')).toEqual({
      title: 'Valley villagers return',
      date: null,
      paragraphs: ['Villagers returned to the valley on Monday.'],
      listItems: [],
    });
    expect(cleanText('search\nSuper Bowl 50\nThe game was played in 2016.').title).toBe('Super Bowl 50');
  });

  it('does not split names with inner capitals', () => {
    expect(splitGluedBullets('McDonald met the YouTube team in MacArthur Park.')).toHaveLength(1);
  });

  it('tidies titles', () => {
    expect(tidyTitle('Fighters defend – 25/08/2021 – World')).toBe('Fighters defend');
  });
});

describe('captions', () => {
  it('knows a photo caption by its credit, and a wire dateline for the story’s opening', () => {
    // Seed 001 (Yahoo News), and Reuters's and AP's own openings (eval/fresh5-news, eval/news-train).
    expect(
      isCaption(
        'Ahmad Massoud, who is following in his late father’s footsteps in leading the anti-Taliban resistance movement. (Getty Images)',
      ),
    ).toBe(true);
    expect(isCaption('Resistance fighters (pictured) patrol the valley.')).toBe(true);
    expect(
      isCaption(
        'LOS ANGELES (Reuters) - South Korean thriller “Parasite” was the upset winner at the Screen Actors Guild (SAG) awards on Sunday.',
      ),
    ).toBe(false);
    expect(
      isCaption('MOSCOW (AP) — An unmanned Russian cargo spaceship broke up in the atmosphere over Siberia.'),
    ).toBe(false);
    // A caption between two paragraphs ends with its credit; the story's own "(pictured)" is no caption to skip.
    expect(endsWithCredit('Ahmad Massoud, who is following in his late father’s footsteps. (Getty Images)')).toBe(true);
    expect(endsWithCredit('Ahmad Massoud (pictured) vowed to fight on from the Panjshir valley.')).toBe(false);
    // Seed 000's captions end with their credits.
    const captions = readSeed('000')
      .split('\n')
      .filter((line) => /\((?:Photo by|Christophe Archambault)/.test(line));
    expect(captions.length).toBeGreaterThan(1);
    for (const caption of captions) expect(endsWithCredit(caption)).toBe(true);
    // A sentence in parentheses that mentions a photo is reporting (The Grayzone, fresh4-news; a review found it).
    expect(
      endsWithCredit(
        'Martinez said, referring to the Brazil-based journalist. (The Grayzone has viewed UC Global’s photo of the entry visa in Greenwald’s passport.)',
      ),
    ).toBe(false);
  });
});

describe('the reporter’s bio that ends an article', () => {
  it('is told by its form: a name, then what the writer covers or is (a new user’s four articles on a fire)', () => {
    for (const bio of [
      '*Nora Castellanos covers public safety for the Alderbridge Courier. Reach her at ncastellanos@alderbridgecourier.com.*',
      'Samuel Oduya is a Midland Press Wire correspondent based in the state capital. He has covered regional news since 2016.',
      '*Ingrid Paulsen reports on labor and the economy for Valley Public Radio. She previously worked at the Harlan County Ledger.*',
      'Marcus Avery is a staff writer for The State Tribune covering local government. He lives in Harlan County.',
      // Two writers (The New Republic, a new user's trial).
      'Grierson & Leitch write about the movies regularly for the New Republic and host a podcast on film.',
    ])
      expect(isReporterBio(bio)).toBe(true);
    expect(isReporterBio('Fire Chief Marguerite Okafor said the cause was still under investigation.')).toBe(false);
    expect(isReporterBio('Smith and Jones write that the valley fell on Monday.')).toBe(false);
    expect(
      isReporterBio('Dr. Helen Achterberg, the Harlan County health officer, said air monitors were placed.'),
    ).toBe(false);
  });
});
