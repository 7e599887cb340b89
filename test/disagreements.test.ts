import { describe, expect, it } from 'vitest';
import {
  claimsIn,
  comparesFigures,
  countedAsked,
  findDisagreements,
  type ClaimSource,
} from '../src/answer/disagreements.ts';
import { terms } from '../src/text/analyze.ts';
import { readSeed } from './helpers.ts';

const article = (id: string, outlet: string | null, date: string) => ({
  id,
  title: `Article ${id}`,
  outlet,
  date,
  url: null,
});
const sentenceWith = (seed: string, needle: string) =>
  readSeed(seed)
    .split('\n')
    .find((p) => p.includes(needle))!;
const source = (seed: string, needle: string, outlet: string | null, date: string, shown = true): ClaimSource => ({
  text: sentenceWith(seed, needle),
  article: article(seed, outlet, date),
  paragraph: 1,
  passageId: `${seed}#1.0`,
  shown,
});

describe('sources differ: figures about the same thing, across articles', () => {
  it('reads counted figures from the seeds’ own sentences', () => {
    const nazary = claimsIn(source('000', '9,000', 'The Times of Israel', '2021-08-23'));
    expect(nazary.map((c) => [c.figure, c.value])).toContainEqual(['some 9,000 fighters', 9000]);
    const aide = claimsIn(source('002', '6,000', null, '2021-08-24'));
    expect(aide.map((c) => [c.figure, c.value])).toContainEqual(['more than 6,000 fighters', 6000]);
    const districts = claimsIn(source('003', 'four of the valley', 'Daily Mail', '2021-09-05'));
    expect(districts.map((c) => [c.figure, c.value])).toContainEqual(['four of the valley’s seven districts', 4]);
  });

  it('9,000 fighters vs more than 6,000: shown side by side with outlet and date', () => {
    const found = findDisagreements([
      source('002', '6,000', null, '2021-08-24'),
      source('000', '9,000', 'The Times of Israel', '2021-08-23', false),
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]!.about).toBe('fighters');
    expect(found[0]!.claims.map((c) => [c.figure, c.article.outlet, c.article.date])).toEqual([
      ['more than 6,000 fighters', null, '2021-08-24'],
      ['some 9,000 fighters', 'The Times of Israel', '2021-08-23'],
    ]);
    expect(found[0]!.claims[1]!.sentence).toContain('Massoud has amassed a force of some 9,000 fighters');
  });

  it('four of seven districts vs three districts', () => {
    const found = findDisagreements([
      source('003', 'four of the valley', 'Daily Mail', '2021-09-05'),
      source('002', 'took back three districts', null, '2021-08-24'),
    ]);
    expect(found.map((d) => d.claims.map((c) => c.value))).toEqual([[4, 3]]);
  });

  it('four of seven districts taken vs none', () => {
    const none: ClaimSource = {
      text: 'A resistance commander said the Taliban had taken none of the districts.',
      article: article('x', 'Wire', '2021-09-06'),
      paragraph: 2,
      passageId: 'x#2.0',
      shown: true,
    };
    const found = findDisagreements([source('003', 'four of the valley', 'Daily Mail', '2021-09-05'), none]);
    expect(found.map((d) => d.claims.map((c) => [c.figure, c.value]))).toEqual([
      [
        ['four of the valley’s seven districts', 4],
        ['none of the districts', 0],
      ],
    ]);
  });

  it('no disagreement: same figure, one article, units and years, or nothing shown', () => {
    const a = source('000', '9,000', 'The Times of Israel', '2021-08-23');
    expect(findDisagreements([a, { ...a, passageId: 'other' }])).toEqual([]);
    expect(findDisagreements([a, { ...source('002', '6,000', null, '2021-08-24'), article: a.article }])).toEqual([]);
    const units = (text: string, id: string): ClaimSource => ({
      text,
      article: article(id, 'X', '2021-01-01'),
      paragraph: 1,
      passageId: id,
      shown: true,
    });
    expect(
      findDisagreements([
        units('He fled in 1996 after 20 years.', 'a'),
        units('He came back in 2001 after 5 years, some 120 kilometers away.', 'b'),
      ]),
    ).toEqual([]);
    expect(findDisagreements([{ ...a, shown: false }, source('002', '6,000', null, '2021-08-24', false)])).toEqual([]);
  });
});

describe('sources differ: not for unrelated measures', () => {
  // Two pages from trafilatura's test suite, quoted as a user's corpus (Vancouver Sun, Vice).
  const microsoft =
    'Microsoft expects to release 16 million metric tons of CO2 in 2020, including indirect emissions from activities like corporate travel.';
  const amazon =
    'According to Parrington, fires in the Amazon release an average of 500-600 metric tons of carbon dioxide over the course of a typical year.';
  const at = (text: string, id: string, shown: boolean): ClaimSource => ({
    text,
    article: article(id, null, '2020-01-16'),
    paragraph: 1,
    passageId: `${id}#1.0`,
    shown,
  });

  it('reads neither end of a range as a figure, and tons as a measure, not a count', () => {
    expect(claimsIn(at(amazon, 'vice', true))).toEqual([]);
    expect(claimsIn(at(microsoft, 'sun', true))).toEqual([]);
    expect(findDisagreements([at(microsoft, 'sun', true), at(amazon, 'vice', false)])).toEqual([]);
  });

  it('needs the two figures to say something else alike', () => {
    const a = at('Ten countries signed the climate pledge in Paris.', 'a', true);
    const b = at('The festival drew films from twenty countries this year.', 'b', false);
    const c = at('Twelve countries signed the pledge, officials said.', 'c', false);
    expect(findDisagreements([a, b])).toEqual([]);
    expect(findDisagreements([a, c]).map((d) => d.claims.map((x) => x.value))).toEqual([[10, 12]]);
  });

  // A new user's pages on the 2016 Electoral College vote (MSNBC, The Political Insider).
  const msnbc =
    "On Election Day, Donald Trump earned 306 electoral votes to Hillary Clinton's 232, and he lost the popular vote by nearly 3 million votes.";
  const insider = 'Trump easily won with 304 electoral votes.';
  const texas = 'In Texas, Trump won 36 electoral votes.';
  const washington = 'In Washington, Hillary won eight electoral votes.';
  const faithless = 'There were seven faithless electors, the most since the 1800s.';

  it('counts what a plural after another word names: "306 electoral votes" counts votes', () => {
    expect(claimsIn(at(msnbc, 'msnbc', true)).map((c) => [c.figure, c.key])).toContainEqual([
      '306 electoral votes',
      'vote',
    ]);
    const found = findDisagreements([at(msnbc, 'msnbc', true), at(insider, 'insider', false)]);
    expect(found.map((d) => [d.about, d.claims.map((c) => c.value)])).toEqual([['votes', [306, 304]]]);
  });

  it('pairs no figures orders of magnitude apart: a margin of nearly 3 million votes is not 304 votes', () => {
    const margin = at('Clinton won the popular vote by nearly 3 million votes, the count showed.', 'm', true);
    expect(findDisagreements([margin, at(insider, 'insider', false)])).toEqual([]);
    expect(findDisagreements([at(texas, 'tx', true), at(washington, 'wa', false)])).toEqual([]);
  });

  it("reads billions as a scale and compares no sums of money (a new user's trial: SI and CBS Sports pages)", () => {
    const revenue = at(
      'Major League Baseball reported gross revenues of close to $10 billion in 2016, per Forbes.',
      'cbs',
      true,
    );
    const value = at(
      'It is a testament, then, to the marketing genius of Jones père that the value of his franchise—Forbes recently pegged it at $4 billion, No. 1 in the world—swelled even as the Cowboys endured an on-field drought.',
      'si',
      false,
    );
    expect(findDisagreements([revenue, value])).toEqual([]);
    expect(claimsIn(value)).toEqual([]);
    const people = claimsIn(at('Some 2 billion people use the app every month, the company said.', 'x', true));
    expect(people.map((c) => [c.figure, c.value])).toEqual([['Some 2 billion people', 2e9]]);
  });

  it('keeps to the things the question counts, as the quotes write them', () => {
    const claims = [msnbc, faithless].flatMap((t) => claimsIn(at(t, 'x', true)));
    const ask = (question: string) => countedAsked(question, terms(question), claims);
    expect(ask('How many electoral votes did Trump win?')).toEqual(['vote']);
    expect(ask('How many faithless electors were there?')).toEqual(['elector']);
    // "vote" is the verb here: the question asks about no figure.
    expect(ask('Who did Chris Suprun vote for?')).toEqual([]);
    const sources = [at(msnbc, 'msnbc', true), at(insider, 'insider', false)];
    expect(findDisagreements(sources, { keys: ['elector'] })).toEqual([]);
    expect(findDisagreements(sources, { keys: ['vote'] })).toHaveLength(1);
  });
});

describe('which questions compare figures', () => {
  it('those asking for a count or naming what a quoted figure counts; not "Who is the Taliban’s spokesman?"', () => {
    expect(comparesFigures('How many fighters does the resistance have?', [])).toBe(true);
    expect(comparesFigures('What was the death toll of the airport attack?', [])).toBe(true);
    expect(comparesFigures('What is the population of Panjshir?', [])).toBe(true);
    expect(comparesFigures('Who claims Massoud has amassed a force of fighters?', ['fighter'])).toBe(true);
    expect(comparesFigures("Who is the Taliban's spokesman?", [])).toBe(false);
  });
});
