import { z } from 'zod';

/**
 * Citation metadata from outside the text: `articles.json` beside the articles, and markdown front matter.
 * Both are checked with one schema, so wrong types never reach the index; every problem is reported at once.
 */

/** A real calendar date as YYYY-MM-DD (YAML may also give a Date). */
const isoDate = z.union([
  z.iso.date(),
  z.iso.datetime({ offset: true, local: true }).transform((d) => d.slice(0, 10)),
  z.date().transform((d, ctx) => {
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'Invalid date' });
      return z.NEVER;
    }
    return d.toISOString().slice(0, 10);
  }),
]);
const httpUrl = z.url({ protocol: /^https?$/ });
const text = z.string().trim().min(1);

export const MetadataSchema = z.strictObject({
  title: text.optional(),
  outlet: text.nullable().optional(),
  date: isoDate.nullable().optional(),
  url: httpUrl.nullable().optional(),
  /** Free notes for people (where a date was inferred from, …); never shown. */
  note: z.string().optional(),
});
export type Metadata = z.output<typeof MetadataSchema>;

/** YAML reads `title: 1984` as a number; in front matter that is still a title. */
const yamlText = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), text);
const FRONT_MATTER_FIELDS = {
  title: yamlText,
  outlet: yamlText.nullable(),
  date: isoDate.nullable(),
  url: httpUrl.nullable(),
} as const;
export type FrontMatter = Partial<Record<keyof typeof FRONT_MATTER_FIELDS, string | null>>;

/**
 * Front matter may carry other fields (tags, author, layout…); only the citation fields are checked, each on its
 * own, so one bad field costs only itself. Returns the good fields and one line per bad one.
 */
export function parseFrontMatter(data: unknown): { meta: FrontMatter; problems: string[] } {
  if (data === null || data === undefined) return { meta: {}, problems: [] };
  if (typeof data !== 'object' || Array.isArray(data))
    return {
      meta: {},
      problems: [
        `it must be a mapping of fields (title: …, date: …), got ${Array.isArray(data) ? 'a list' : typeof data}`,
      ],
    };
  const meta: FrontMatter = {};
  const problems: string[] = [];
  for (const [key, schema] of Object.entries(FRONT_MATTER_FIELDS) as Array<
    [keyof FrontMatter, z.ZodType<string | null>]
  >) {
    if (!(key in data)) continue;
    const parsed = schema.safeParse((data as Record<string, unknown>)[key]);
    if (parsed.success) meta[key] = parsed.data;
    else problems.push(`${key}: ${describeIssues(parsed.error)}`);
  }
  return { meta, problems };
}

/** `"date: Invalid ISO date; url: Invalid URL"`: every issue, with where it is. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.join('.');
      const message =
        issue.code === 'unrecognized_keys'
          ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (allowed: title, outlet, date, url, note)`
          : issue.message;
      return where ? `${where}: ${message}` : message;
    })
    .join('; ');
}

export interface SidecarResult {
  entries: Record<string, Metadata>;
  /** One line per problem; the entries they concern are ignored, the rest apply. */
  problems: string[];
}

/** Validates the parsed content of `articles.json`: `{ "<file name>": { title?, outlet?, date?, url?, note? } }`. */
export function parseSidecar(content: unknown): SidecarResult {
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    const got = content === null ? 'null' : Array.isArray(content) ? 'a list' : typeof content;
    return {
      entries: {},
      problems: [`it must be an object of { "<file name>": { title, outlet, date, url } }, got ${got}`],
    };
  }
  const entries: Record<string, Metadata> = {};
  const problems: string[] = [];
  for (const [file, value] of Object.entries(content)) {
    const parsed = MetadataSchema.safeParse(value);
    if (parsed.success) entries[file] = parsed.data;
    else problems.push(`"${file}": ${describeIssues(parsed.error)}`);
  }
  return { entries, problems };
}
