import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dossier } from '../src/dossier.ts';
import { dateSpan, notAnsweredMessage } from '../src/messages.ts';
import { RANKER } from '../src/answer/ranker.ts';
import { answerJson } from '../src/cli/answer-json.ts';
import { tempDir, testSettings } from './helpers.ts';

// The learned ranker end to end through the engine (tiny test model: its cosines mean little, so these check the
// mechanics and the honest partial answers, not quality).
describe('answering with the learned ranker', () => {
  let dossier: Dossier;
  beforeAll(async () => {
    dossier = await Dossier.open(testSettings(tempDir('ranker-engine')));
  });
  afterAll(() => dossier.close());

  it('GIVEN a year outside the articles THEN says what is missing and shows the closest passages as such', async () => {
    const answer = await dossier.ask('What happened to Ahmad Massoud in 2023?', { method: 'ranker' });
    const dates = dossier.articles
      .map((a) => a.date!)
      .filter(Boolean)
      .sort();
    expect(answer).toMatchObject({
      answered: false,
      reason: 'not_covered',
      covers: { from: dates[0], to: dates.at(-1) },
    });
    expect(answer.missing).toContainEqual({ kind: 'year', value: '2023', reason: 'outside_corpus' });
    expect(notAnsweredMessage(answer, 500, '')).toBe(
      `The articles cover ${dateSpan(dates[0]!, dates.at(-1)!)} and say nothing about 2023. The closest passages are below, marked as such: they do not answer it.`,
    );
    expect(dateSpan('2021-08-17', '2021-09-06')).toBe('17 Aug – 6 Sep 2021');
    expect(answer.closest!.length).toBeGreaterThan(0);
  });

  it('GIVEN a year the articles span but the closest passages never mention THEN says so', () => {
    const answer = {
      question: 'What did Massoud say in 2015?',
      answered: false,
      excerpts: [],
      reason: 'not_covered' as const,
      missing: [{ kind: 'year' as const, value: '2015', reason: 'not_in_excerpt' as const }],
      ms: 1,
    };
    expect(notAnsweredMessage(answer, 500, '')).toBe(
      "The closest passages don't mention 2015, so I won't quote them as an answer.",
    );
    // With the closest passages below, "The closest passages" is not said twice in a row.
    const article = { id: 'a', title: 'T', outlet: 'O', date: '2021-08-23', url: null };
    const closest = [{ quote: 'Q', score: 0.01, paragraph: 1, article, passageId: 'a#1' }];
    expect(notAnsweredMessage({ ...answer, closest }, 500, '')).toBe(
      "The closest passages don't mention 2015, so I won't quote them as an answer. They are below, marked as such: they do not answer it.",
    );
  });

  it('GIVEN a missing number THEN says what was asked in the question’s own words', () => {
    const refused = (question: string) => ({
      question,
      answered: false,
      excerpts: [],
      reason: 'not_covered' as const,
      missing: [{ kind: 'answer_type' as const, value: 'number' as const }],
      ms: 1,
    });
    expect(notAnsweredMessage(refused('How old is Amrullah Saleh?'), 500, '')).toMatch(/don't say how old,/);
    expect(notAnsweredMessage(refused('How heavy is the headset?'), 500, '')).toMatch(/don't say how heavy,/);
    expect(notAnsweredMessage(refused('What is the population of Panjshir?'), 500, '')).toMatch(
      /don't say the population,/,
    );
    expect(notAnsweredMessage(refused('Fighters in Panjshir?'), 500, '')).toMatch(/don't say how many or how much,/);
    const place = {
      ...refused('Which country did Ashraf Ghani flee to?'),
      missing: [{ kind: 'answer_type' as const, value: 'place' as const }],
    };
    expect(notAnsweredMessage(place, 500, '')).toMatch(/don't say which country,/);
    const name = {
      ...refused('Which Soviet generals respected Ahmad Shah Massoud?'),
      missing: [{ kind: 'answer_type' as const, value: 'name' as const }],
    };
    expect(notAnsweredMessage(name, 500, '')).toMatch(/don't say which soviet generals,/);
  });

  it('GIVEN a year outside the articles and the default rules THEN says so too, quoting only the closest passages', async () => {
    const answer = await dossier.ask('What did Amrullah Saleh say in 2030?');
    expect(answer).toMatchObject({
      answered: false,
      excerpts: [],
      missing: [{ kind: 'year', value: '2030', reason: 'outside_corpus' }],
    });
    expect(notAnsweredMessage(answer, 500, '')).toMatch(/say nothing about 2030/);
    expect((await dossier.ask('What did Amrullah Saleh say in 2021?')).missing).toBeUndefined();
  });

  it('GIVEN an answerable question THEN quotes exact words, each excerpt with a probability, best first', async () => {
    const answer = await dossier.ask('Who is Ali Maisam Nazary?', { method: 'ranker' });
    const quoted = answer.answered ? answer.excerpts : answer.closest!;
    expect(quoted.length).toBeGreaterThan(0);
    expect(quoted.some((e) => e.quote.includes('Nazary'))).toBe(true);
    for (const e of quoted) (expect(e.score).toBeGreaterThanOrEqual(0), expect(e.score).toBeLessThanOrEqual(1));
    expect(quoted.map((e) => e.score)).toEqual([...quoted.map((e) => e.score)].sort((a, b) => b - a));
  });

  it('GIVEN typos in common words THEN answers as if spelled right, and shows the question as typed', async () => {
    for (const method of ['ranker', 'rules'] as const) {
      const typed = await dossier.ask('How many fightters does Massoud have after the negotations?', { method });
      const spelled = await dossier.ask('How many fighters does Massoud have after the negotiations?', { method });
      expect(typed.question).toBe('How many fightters does Massoud have after the negotations?');
      expect(typed.excerpts.map((e) => e.quote)).toEqual(spelled.excerpts.map((e) => e.quote));
      expect(typed.excerpts.length).toBeGreaterThan(0);
    }
  });

  it('GIVEN a quotation "he said" that opens its paragraph THEN the excerpt names the speaker from the one before', async () => {
    const answer = await dossier.ask('Who said they confronted the Soviet Union and will confront the Taliban?', {
      method: 'ranker',
    });
    const quoted = answer.answered ? answer.excerpts : answer.closest!;
    const excerpt = quoted.find((e) => e.quote.includes('we will be able to confront the Taliban'));
    expect(excerpt?.quote).toMatch(/Massoud told the Dubai-based news channel[^\n]*\n“We confronted the Soviet Union/);
    expect(excerpt!.lastParagraph).toBe(excerpt!.paragraph + 1);
  });

  it('GIVEN an answer THEN it says how sure the ranker is, by its threshold (the rules method says nothing)', async () => {
    const answer = await dossier.ask('How many fighters does the resistance have?', { method: 'ranker' });
    expect(answer.answered).toBe(true);
    expect(answer.confidence).toBe(answer.excerpts[0]!.score >= RANKER.threshold ? 'likely' : 'uncertain');
    expect(answerJson(answer).confidence).toBe(answer.confidence);
    const rules = await dossier.ask('How many fighters does the resistance have?', { method: 'rules' });
    expect(rules.confidence).toBeUndefined();
    expect('confidence' in answerJson(rules)).toBe(false);
  });

  it('GIVEN a question that asks for no count THEN no "sources differ" box, though its quotes hold figures', async () => {
    // A new user's question: its quotes name the NRF's spokesmen, one of them with the fighters he claims.
    const answer = await dossier.ask("Who is the Taliban's spokesman?", { method: 'ranker' });
    expect(answer.excerpts.some((e) => /\d fighters/.test(e.quote))).toBe(true);
    expect(answer.disagreements ?? []).toEqual([]);
  });

  it('GIVEN a quoted figure THEN finds other articles counting the same thing, though they share no other word', async () => {
    const answer = await dossier.ask('How many fighters does the resistance have?', { method: 'ranker' });
    expect(answer.excerpts.some((e) => e.quote.includes('9,000 fighters'))).toBe(true);
    const fighters = answer.disagreements?.find((d) => d.about === 'fighters');
    expect(fighters?.claims.map((c) => c.figure)).toEqual(
      expect.arrayContaining(['some 9,000 fighters', 'more than 6,000 fighters']),
    );
  });
});
