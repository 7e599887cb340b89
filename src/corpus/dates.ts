/** Finding a publication date stated in article text. Pure. */

export const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
// "Sep.", and AP style's "Sept.": the month's fourth letter may come before the dot.
const MONTH = `(${MONTHS.map((m) => `${m[0]!.toUpperCase()}${m.slice(1, 3)}(?:${m.slice(3)}|${m[3] ? `${m[3]}?` : ''}\\.)?`).join('|')})`;

const PATTERNS: Array<{ re: RegExp; parse: (m: RegExpMatchArray) => [number, number, number] | null }> = [
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/, parse: (m) => [+m[1]!, +m[2]!, +m[3]!] },
  { re: new RegExp(`\\b${MONTH} (\\d{1,2}),? (\\d{4})\\b`), parse: (m) => [+m[3]!, monthIndex(m[1]!), +m[2]!] },
  { re: new RegExp(`\\b(\\d{1,2}) ${MONTH},? (\\d{4})\\b`), parse: (m) => [+m[3]!, monthIndex(m[2]!), +m[1]!] },
  {
    // 25/08/2021: only when the order is unambiguous (one part above 12).
    re: /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/,
    parse: (m) => {
      const [a, b, year] = [+m[1]!, +m[2]!, +m[3]!];
      if (a > 12 && b <= 12) return [year, b, a];
      if (b > 12 && a <= 12) return [year, a, b];
      return null;
    },
  },
  // 19.01.2020: dots are written day first (German and much of Europe; DW's "… | DW | 19.01.2020").
  { re: /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/, parse: (m) => [+m[3]!, +m[2]!, +m[1]!] },
];

function monthIndex(name: string): number {
  return MONTHS.findIndex((m) => m.startsWith(name.slice(0, 3).toLowerCase())) + 1;
}

function iso([year, month, day]: [number, number, number]): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return null;
  return date.toISOString().slice(0, 10);
}

/** The first well-formed date in the text, as YYYY-MM-DD. */
export function findDate(text: string): string | null {
  let best: { at: number; date: string } | null = null;
  for (const { re, parse } of PATTERNS) {
    const m = text.match(re);
    const parts = m ? parse(m) : null;
    const date = parts ? iso(parts) : null;
    if (m && date && (!best || m.index! < best.at)) best = { at: m.index!, date };
  }
  return best?.date ?? null;
}

/** A line that is only a date, perhaps with a time: "August 24, 2021 - 13:41". */
export function isDateline(line: string): boolean {
  if (!findDate(line)) return false;
  const rest = line
    .replace(/\d{1,2}:\d{2}(\s?[ap]\.?m\.?)?/gi, '')
    .replace(new RegExp(MONTH, 'g'), '')
    // "Updated on December 12, 2016 09:22 AM" (People), "Dec 16, 2016 at 1:38 pm" (New York Daily News).
    .replace(/[\d\s,./:–—-]|\b(updated|published|on|at|GMT|UTC|EDT|EST|ET|BST|CET|PT|PST|AM|PM)\b/gi, '');
  return rest.length === 0;
}

/**
 * The date of a wire-style dateline that opens an article's first paragraph, before a dash: "Feb. 23, 2015 --
 * Life-threatening peanut allergies …" (WebMD), "WASHINGTON, Aug. 24, 2021 — …". Null when it opens otherwise.
 */
export function openingDateline(paragraph: string): string | null {
  const m = /^(?:\p{Lu}[\p{L}.' ]{0,40},\s*)?([^—–-]{6,40}?)\s+(?:--|—|–|-)\s/u.exec(paragraph);
  return m && isDateline(m[1]!) ? findDate(m[1]!) : null;
}
