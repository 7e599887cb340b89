import { describe, expect, it } from 'vitest';
import { buildAliases } from '../src/answer/aliases.ts';
import { askedAttribute, attributeOfAnother, relationUnsaid } from '../src/answer/attribute.ts';
import { prepareQuestion } from '../src/answer/features.ts';
import { missingMessage } from '../src/messages.ts';

// Real seed sentences (Daily Mail, AFP, Folha de S.Paulo).
const NRF_LEADER =
  'Ahmad Massoud (pictured centre in 2019), the leader of the Afghan National Resistance Front said he would stop the fighting with the Taliban in the province of Panjshir but the Islamist militants were not willing to talk';
const ALLIANCE_LEADER =
  'In a sign of the fragile state of Afghanistan, Ahmed Massoud, the leader of a military alliance that includes former Afghan government soldiers says he and his forces are ready to fight the Taliban in Panjshir valley.';
const CHIEF_OF_STAFF = '“We prefer peace,” Massoud’s chief of staff Fahim Dashty said in a telephone message.';
const BAZARAK =
  'The Taliban had reportedly gained control of four of the valley’s seven districts and captured administrative buildings in the capital of Bazarak, reports The Times.';
const ALIASES = buildAliases([
  'Ahmad Massoud, the leader of the Afghan National Resistance Front (NRF), said he would stop the fighting.',
]);

describe('what a question asks of a name', () => {
  it('reads "X’s noun" and "noun of X" in a question asking what something is', () => {
    expect(askedAttribute('Who is the Taliban’s supreme leader?')).toEqual({
      phrase: 'supreme leader',
      noun: 'leader',
      owner: 'the Taliban',
    });
    expect(askedAttribute('Who is the supreme leader of the Taliban?')).toMatchObject({
      phrase: 'supreme leader',
      owner: 'the Taliban',
    });
    expect(askedAttribute("Who is the Taliban's defence minister in the new government?")).toMatchObject({
      phrase: 'defence minister',
      noun: 'minister',
    });
    expect(askedAttribute('What is the capital of Tajikistan?')).toMatchObject({
      noun: 'capital',
      owner: 'Tajikistan',
    });
    // The head noun is the phrase's last word; an owner with its own possessive is no owner.
    expect(askedAttribute('Who is the Taliban’s most senior military commander?')).toMatchObject({
      phrase: 'senior military commander',
      noun: 'commander',
    });
    expect(askedAttribute('Who is the leader of Panjshir’s resistance?')).toBeNull();
  });

  it('reads nothing in other questions: a date asked for, a name asked for, no name', () => {
    expect(askedAttribute('What date did the Taliban take effective control of Kabul and the country?')).toBeNull();
    expect(askedAttribute('What is the name of the NRF?')).toBeNull();
    expect(askedAttribute('Who leads the NRF?')).toBeNull();
    expect(askedAttribute('What is the capital?')).toBeNull();
  });

  it('finds quotes that give it only as another’s: the NRF’s leader for the Taliban’s', () => {
    const asked = askedAttribute('Who is the Taliban’s supreme leader?')!;
    const q = prepareQuestion('Who is the Taliban’s supreme leader?', ALIASES);
    expect(attributeOfAnother(asked, q, [NRF_LEADER, ALLIANCE_LEADER])).toBe(true);
    // The NRF's own leader, asked by its acronym, is the NRF's (an alias of the Afghan National Resistance Front).
    const nrf = prepareQuestion('Who is the NRF’s leader?', ALIASES);
    expect(attributeOfAnother(askedAttribute('Who is the NRF’s leader?')!, nrf, [NRF_LEADER])).toBe(false);
    // Massoud's chief of staff is Massoud's; a quote that never says whose ("the capital") says nothing either way.
    const chief = askedAttribute('Who is Massoud’s chief of staff?')!;
    expect(attributeOfAnother(chief, prepareQuestion('Who is Massoud’s chief of staff?'), [CHIEF_OF_STAFF])).toBe(
      false,
    );
    const capital = askedAttribute('What is the capital of Tajikistan?')!;
    const tajikistan = prepareQuestion('What is the capital of Tajikistan?');
    // "the capital of Bazarak" names the capital (Panjshir's); a quote that never says whose decides nothing either.
    expect(attributeOfAnother(capital, tajikistan, [BAZARAK])).toBe(false);
    expect(attributeOfAnother(capital, tajikistan, ['Iran’s capital was quiet on Sunday.'])).toBe(true);
    expect(attributeOfAnother(capital, tajikistan, ['The Taliban seized the capital in 1996.'])).toBe(false);
    expect(attributeOfAnother(capital, tajikistan, [ALLIANCE_LEADER])).toBe(false);
  });

  it('says what is missing in words', () => {
    const message = missingMessage({
      question: 'Who is the Taliban’s supreme leader?',
      answered: false,
      excerpts: [],
      missing: [{ kind: 'attribute', value: 'supreme leader', of: 'the Taliban' }],
      ms: 1,
    });
    // A new user read "name another's supreme leader, not Taliban's" as saying the passages name a supreme leader.
    expect(message).toBe(
      "The closest passages don't name the Taliban's supreme leader, only someone else's, so I won't quote them as an answer.",
    );
  });
});

describe('a family relation the quotes never state', () => {
  it('reads "What is the name of X\'s wife?" as asking for X\'s wife', () => {
    expect(askedAttribute("What is the name of Ahmad Massoud's wife?")).toMatchObject({
      noun: 'wife',
      owner: 'Ahmad Massoud',
    });
  });

  it('is unsaid when no quote has a word of the relation, from either side (seed 001 and 004)', () => {
    const wife = askedAttribute("What is the name of Ahmad Massoud's wife?")!;
    const aboutHisUncle =
      'Ahmad Wali Massoud, brother of late Afghan resistance fighter Ahmad Shah Massoud, speaks during an event in Islamabad on February 19, 2021.';
    expect(relationUnsaid(wife, [aboutHisUncle])).toBe(true);
    const father = askedAttribute("Who is Ahmad Massoud's father?")!;
    // "son of …" states who the father is.
    expect(
      relationUnsaid(father, [
        'The man in charge is Ahmad Massoud, 32, son of the famous and legendary Mujahedin commander Ahmad Shah Massoud.',
      ]),
    ).toBe(false);
    // Not a family relation: nothing to say here (attributeOfAnother decides those).
    expect(relationUnsaid(askedAttribute("Who is the Taliban's supreme leader?")!, [aboutHisUncle])).toBe(false);
  });

  it('says so in words', () => {
    const message = missingMessage({
      question: "What is the name of Ahmad Massoud's wife?",
      answered: false,
      excerpts: [],
      missing: [{ kind: 'attribute', value: 'wife', of: 'Ahmad Massoud', reason: 'not_in_excerpt' }],
      ms: 1,
    });
    expect(message).toBe(
      "The closest passages don't mention Ahmad Massoud's wife, so I won't quote them as an answer.",
    );
  });
});
