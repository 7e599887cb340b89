import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers.ts';

/** The six real news pages in ../shared/fixtures/html, with the metadata Readability's own tests expect. */
export const FIXTURES_DIR = process.env.TEST_HTML_FIXTURES ?? path.resolve(ROOT, '../shared/fixtures/html');

export interface Fixture {
  name: string;
  file: string;
  html: string;
  expected: { title: string | null; byline: string | null; siteName: string | null; publishedTime: string | null };
}

export function fixtures(): Fixture[] {
  return fs
    .readdirSync(FIXTURES_DIR)
    .filter((name) => fs.existsSync(path.join(FIXTURES_DIR, name, 'source.html')))
    .sort()
    .map((name) => {
      const file = path.join(FIXTURES_DIR, name, 'source.html');
      return {
        name,
        file,
        html: fs.readFileSync(file, 'utf8'),
        expected: JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, name, 'expected-metadata.json'), 'utf8')),
      };
    });
}

/** Furniture that must never reach a paragraph: general patterns, not per-site ones. */
export const FURNITURE: RegExp[] = [
  /\bnewsletter\b/i,
  /\bsubscri(be|ption)\b/i,
  /\bsign (up|in)\b/i,
  /\b(share|tweet) (this|on)\b/i,
  /^(about the author|related|more from|recommended|read more)\b/i, // headings of those sections
  /\b(originally appeared|was reprinted|first published)\b/i,
  /\b\d+ (photos|images|slides)$/i,
  /^(gallery|video|watch):/i,
  /\b(source|photo|credit|picture): \S+( \S+)?$/i,
  /\(\s*(photo|image|credit)\b/i,
  /(getty images|shutterstock|ap photo)\)?\.?$/i,
  /(check it out here|click here|(^|[.!?:] )here)\.?$/i,
  /^\$?\d[\d.,/$]*(\/\w+)*$/, // prices, scores
  /^\d{1,2}:\d{2}\s*(am|pm)\b/i, // times
];
