/**
 * Custom ids of the bot's buttons and menus: everything a click needs is in the id (or recoverable from the
 * answer log by its key), so a button keeps working after a restart. Discord allows 100 characters.
 */

export const MAX_CUSTOM_ID = 100;

export type Visibility = 'public' | 'private';

export interface MoreId {
  key: string;
  /** The page to show (2 = the excerpts after the first answer's). */
  page: number;
  visibility: Visibility;
}

export interface VoteId {
  key: string;
  vote: 'up' | 'down';
}

export interface ParagraphId {
  articleId: string;
  paragraph: number;
  passageId: string;
}

const KEY = '[A-Za-z0-9_-]{6,32}';

export const moreId = ({ key, page, visibility }: MoreId) =>
  `more:${key}:${page}:${visibility === 'private' ? 'p' : 'o'}`;
export function parseMoreId(id: string): MoreId | null {
  const m = new RegExp(`^more:(${KEY}):(\\d{1,3}):([po])$`).exec(id);
  return m ? { key: m[1]!, page: Number(m[2]), visibility: m[3] === 'p' ? 'private' : 'public' } : null;
}

export const voteId = ({ key, vote }: VoteId) => `vote:${key}:${vote}`;
export function parseVoteId(id: string): VoteId | null {
  const m = new RegExp(`^vote:(${KEY}):(up|down)$`).exec(id);
  return m ? { key: m[1]!, vote: m[2] as VoteId['vote'] } : null;
}

/** The quote's paragraph and passage (`<articleId>#<paragraph>.<piece>`); null when it would not fit in a custom id. */
export function paragraphId(passageId: string, paragraph: number): string | null {
  const id = `para:${paragraph}:${passageId}`;
  return passageId.includes('#') && id.length <= MAX_CUSTOM_ID ? id : null;
}
export function parseParagraphId(id: string): ParagraphId | null {
  const m = /^para:(\d{1,5}):((.+)#[^#]*)$/.exec(id);
  return m ? { paragraph: Number(m[1]), passageId: m[2]!, articleId: m[3]! } : null;
}

export const WHO_PICK = 'who:pick';
export const whoNameId = (name: string) => `who:name:${name}`.slice(0, MAX_CUSTOM_ID);
export function parseWhoId(id: string): { name: string | null } | null {
  if (id === WHO_PICK) return { name: null };
  const m = /^who:name:(.+)$/.exec(id);
  return m ? { name: m[1]! } : null;
}

export const sourcesId = (direction: 'prev' | 'next', page: number) => `sources:${direction}:${page}`;
export function parseSourcesId(id: string): { page: number } | null {
  const m = /^sources:(?:prev|next):(\d{1,4})$/.exec(id);
  return m ? { page: Number(m[1]) } : null;
}
