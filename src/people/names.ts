/** Name handling for people in news text. Pure. */
import { distance } from 'fastest-levenshtein';
import { fold } from '../text/analyze.ts';
import { MONTHS } from '../corpus/dates.ts';

/** Titles and honorifics that precede a name and are not part of it. */
export const TITLES = new Set(
  [
    'mr',
    'mrs',
    'ms',
    'dr',
    'sir',
    'gen',
    'general',
    'lt',
    'col',
    'colonel',
    'maj',
    'major',
    'capt',
    'captain',
    'sgt',
    'adm',
    'admiral',
    'president',
    'vice',
    'vice-president',
    'prime',
    'minister',
    'secretary',
    'secretary-general',
    'chairman',
    'chairwoman',
    'mayor',
    'councillor',
    'councilor',
    'councilman',
    'councilwoman',
    'alderman',
    'governor',
    'senator',
    'rep',
    'ambassador',
    'commander',
    'mullah',
    'maulawi',
    'maulvi',
    'sheikh',
    'imam',
    'king',
    'queen',
    'prince',
    'princess',
    'judge',
    'justice',
    'former',
    'late',
    'chief',
    'deputy',
    'foreign',
    'defence',
    'defense',
    'state',
    'of',
    'us',
    'u.s.',
    'german',
    'british',
    'french',
    'afghan',
    'american',
    'pakistani',
    'taliban',
    'official',
    'spokesman',
    'spokeswoman',
    'leader',
    'son',
    'brother',
    'father',
    'uncle',
    'nephew',
    'under-secretary-general',
  ].map((t) => t.toLowerCase()),
);

/** Words that make a capitalised run a place, an organisation or a thing rather than a person. */
export const NOT_A_NAME = new Set([
  'afghanistan',
  'afghan',
  'afghans',
  'taliban',
  'valley',
  'province',
  'front',
  'alliance',
  'forces',
  'force',
  'army',
  'group',
  'news',
  'post',
  'times',
  'journal',
  'council',
  'union',
  'nations',
  'united',
  'states',
  'airport',
  'international',
  'national',
  'resistance',
  'northern',
  'house',
  'government',
  'ministry',
  'college',
  'university',
  'foundation',
  'directorate',
  'security',
  'agency',
  'emergency',
  'islamic',
  'islamist',
  'islamists',
  'state',
  'republic',
  'party',
  'movement',
  'office',
  'department',
  'committee',
  'commission',
  'court',
  'bank',
  'images',
  'photo',
  'pool',
  'afp',
  'ap',
  'reuters',
  'getty',
  'press',
  'tv',
  'channel',
  'network',
  'twitter',
  'facebook',
  'soviet',
  'europe',
  'european',
  'kabul',
  'panjshir',
  'mujahideen',
  'mujahedin',
  'sharia',
  'airlines',
  'avenue',
  'street',
  'market',
  'mountains',
  'range',
  'district',
  'districts',
  'city',
  'capital',
  'region',
  'east',
  'west',
  'north',
  'south',
  'day',
  'week',
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  ...MONTHS,
  'al-qaida',
  'al-qaeda',
  'qaeda',
  'qaida',
  'isis',
  'nato',
  'un',
  'eu',
  'uk',
  'us',
  'u.s.',
  'u.k.',
  'joint',
  'chiefs',
  'staff',
  'uprising',
  'people',
  'emirate',
  'hindu',
  'kush',
  'pashtun',
  'pashtuns',
  'tajik',
  'tajiks',
  'hazara',
  'uzbek',
  'communist',
  'western',
  'special',
  'operations',
  'regime',
  'war',
  'civil',
  'reconciliation',
  'affairs',
  'relief',
  'humanitarian',
  'development',
  'peace',
  'human',
  'rights',
  'high',
  'supreme',
  'filho',
  'junior',
  'jr',
  'senior',
  'sr',
  'queda',
  'programme',
  'program',
  'fund',
  'organisation',
  'organization',
  'institute',
  'center',
  'centre',
  'association',
  'society',
  'based',
  // Sports: "Major League Baseball" (Major read as a rank), "AT&T Stadium", "Jerry World".
  'league',
  'leagues',
  'stadium',
  'arena',
  'club',
  'world',
  'baseball',
  'football',
  'basketball',
  'hockey',
  'soccer',
]);

/** Lowercase, no accents, apostrophes or dots, no doubled letters: "Massoud" and "Masoud" meet, "C." and "C". */
export function foldToken(token: string): string {
  return fold(token)
    .replace(/[’'.]/g, '')
    .replace(/(.)\1+/g, '$1');
}

/** Consonant skeleton: transliterations differ mostly in vowels (Ahmad/Ahmed, Dashti/Dashty). */
export function skeleton(token: string): string {
  const folded = foldToken(token);
  return folded[0] + folded.slice(1).replace(/[aeiouy]/g, '');
}

/**
 * Two spellings of one name part: same skeleton, or one slip in a longer name (Ahman/Ahmad). A skeleton of one or two
 * letters says too little: "Di" is not "Due", nor "Li" a stray "L".
 */
export function sameNamePart(a: string, b: string): boolean {
  const x = foldToken(a);
  const y = foldToken(b);
  if (x === y || (skeleton(a) === skeleton(b) && skeleton(a).length >= 3)) return true;
  return Math.min(x.length, y.length) >= 5 && x[0] === y[0] && distance(x, y) <= 1;
}

/** Same person's name: the same number of parts, each a spelling variant of the other. */
export function sameName(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((part, i) => sameNamePart(part, b[i]!));
}

/** The small words inside a name: "Laurens van der Maaten", "Charles de Gaulle", "Osama bin Laden". */
export const NAME_PARTICLE = /^(?:van|von|der|den|de|del|della|di|da|du|le|la|bin|ibn|al|dos|das|ter|ten|zu)$/;

export function nameParts(name: string): string[] {
  return name.split(/\s+/).filter(Boolean);
}

/** A title word, also in the plural before a list of names ("Justices Ruth Bader Ginsburg and Elena Kagan"). */
export function isTitle(word: string): boolean {
  const w = word.toLowerCase().replace(/\.$/, '');
  return TITLES.has(w) || (w.length > 4 && w.endsWith('s') && TITLES.has(w.slice(0, -1)));
}

/** Removes leading titles ("Former Vice President", "Gen.", "US General") from a capitalised run. */
export function stripTitles(parts: string[]): string[] {
  let i = 0;
  while (i < parts.length - 1 && isTitle(parts[i]!)) i++;
  return parts.slice(i);
}
