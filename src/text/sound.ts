import { doubleMetaphone } from 'double-metaphone';

/**
 * Whether two words sound alike (Double Metaphone): a misspelled name is written the way it sounds ("Masood",
 * "Rogio"), while a different name is merely close in letters ("Ballon" is not "Baron", "Faker" is not "Bader"). One
 * code may extend the other because stemming trims endings ("prelogg" for "Prelogger").
 */
export function soundAlike(a: string, b: string): boolean {
  const codesA = doubleMetaphone(a);
  const codesB = doubleMetaphone(b);
  return codesA.some((x) => codesB.some((y) => x.length > 0 && y.length > 0 && (x.startsWith(y) || y.startsWith(x))));
}
