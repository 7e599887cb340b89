/**
 * Bytes of an article file into text, or the reason it can't be used. Pure.
 *
 * Quotes must be the article's exact words, so a file is never decoded "with replacement characters":
 * UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark are decoded strictly; a file that
 * is not valid UTF-8 but reads as Western 8-bit text is decoded as Windows-1252 (a superset of Latin-1, what
 * such files almost always are); anything else (binary data, other 8-bit encodings) is refused with a reason.
 */
import { counted } from '../text/counted.ts';

export type Decoded =
  | {
      text: string;
      encoding: string;
      note?: string;
      /** The text with its replacement characters, when it had some: where they stood tells if words were lost. */
      damaged?: string;
    }
  | { problem: string };

/** C0 controls other than tab, newline, form feed and carriage return, DEL, the C1 range, and non-characters. */
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;
/** Above this share of control characters the "text" is binary data. */
const MAX_CONTROL_SHARE = 0.01;
/** Western 8-bit text is mostly ASCII; above this share of high bytes it is some other encoding. */
const MAX_HIGH_BYTE_SHARE = 0.3;

/**
 * Windows-1252's 0x80-0x9F (WHATWG table; the five undefined bytes stay C1 controls). Written out because
 * Node 20's TextDecoder('windows-1252') decodes these bytes as ISO-8859-1 controls.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

/** Length of the valid UTF-8 multi-byte sequence at `i` (2-4), or 0. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  const n = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (!n || i + n > bytes.length) return 0;
  for (let k = 1; k < n; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  return strict('utf-8', bytes.subarray(i, i + n)) === null ? 0 : n;
}

/** Valid UTF-8 sequences as UTF-8, every other byte as Windows-1252. */
function decodeMixed(bytes: Uint8Array): { text: string; utf8Sequences: number; stray: number } {
  let text = '';
  let utf8Sequences = 0;
  let stray = 0;
  let i = 0;
  while (i < bytes.length) {
    const n = bytes[i]! >= 0x80 ? utf8SequenceAt(bytes, i) : 0;
    if (n) {
      text += new TextDecoder('utf-8').decode(bytes.subarray(i, i + n));
      utf8Sequences++;
      i += n;
    } else {
      if (bytes[i]! >= 0x80) stray++;
      text += decodeWindows1252(bytes.subarray(i, ++i));
    }
  }
  return { text, utf8Sequences, stray };
}

function strict(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

function controlShare(text: string): number {
  return (text.match(CONTROL)?.length ?? 0) / Math.max(1, text.length);
}

/** UTF-16 without a byte-order mark: ASCII-range text leaves every other byte zero. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length < 4 || bytes.length % 2) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < bytes.length; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = bytes.length / 2;
  if (oddZero / pairs > 0.9 && evenZero / pairs < 0.1) return 'utf-16le';
  if (evenZero / pairs > 0.9 && oddZero / pairs < 0.1) return 'utf-16be';
  return null;
}

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { problem: 'it is empty' };
  const boms: Array<[number[], string]> = [
    [[0xef, 0xbb, 0xbf], 'utf-8'],
    [[0xff, 0xfe], 'utf-16le'],
    [[0xfe, 0xff], 'utf-16be'],
  ];
  let text: string | null = null;
  let encoding = '';
  const bom = boms.find(([mark]) => mark.every((b, i) => bytes[i] === b));
  if (bom) {
    encoding = bom[1];
    text = strict(encoding, bytes);
    if (text === null)
      return {
        problem: `it starts with a ${encoding.toUpperCase()} byte-order mark but is not valid ${encoding.toUpperCase()}`,
      };
  } else if ((encoding = utf16WithoutBom(bytes) ?? '')) {
    text = strict(encoding, bytes);
  }
  if (text === null) {
    if (bytes.includes(0)) return { problem: 'it is binary data, not text' };
    encoding = 'utf-8';
    text = strict('utf-8', bytes);
  }
  if (text === null) {
    // Not UTF-8. Text pasted together from two sources can be UTF-8 with some Windows-1252 bytes: each part is
    // decoded as what it is. Otherwise Windows-1252 if it reads as Western text (mostly ASCII, no undefined bytes).
    const mixed = decodeMixed(bytes);
    // High bytes outside UTF-8 sequences: a lot of them means another 8-bit encoding (Cyrillic, Greek…).
    const high = mixed.stray;
    const candidate = mixed.utf8Sequences > 0 ? mixed.text : decodeWindows1252(bytes);
    if (high / bytes.length > MAX_HIGH_BYTE_SHARE || controlShare(candidate) > 0) {
      return controlShare(decodeWindows1252(bytes)) > MAX_CONTROL_SHARE
        ? { problem: 'it is binary data, not text' }
        : { problem: 'it is neither UTF-8 nor Windows-1252/Latin-1 text; save it as UTF-8' };
    }
    encoding = mixed.utf8Sequences > 0 ? 'utf-8 + windows-1252' : 'windows-1252';
    text = candidate;
  }
  if (controlShare(text) > MAX_CONTROL_SHARE) return { problem: 'it is binary data, not text' };
  text = text.replace(/^\ufeff/, '').replace(CONTROL, '');
  // A literal U+FFFD means an earlier conversion already lost characters: never quote one.
  const replaced = text.match(/\ufffd/g)?.length ?? 0;
  if (replaced) {
    return {
      text: text.replace(/\ufffd/g, ''),
      damaged: text,
      encoding,
      note: `it contained ${counted(replaced, 'replacement character')} (U+FFFD) from an earlier bad conversion, which were removed`,
    };
  }
  return { text, encoding };
}
