import { expect } from 'vitest';
import type { RecordedRequest } from './fake-discord.ts';

/** The bot's message may mention no one: no @everyone, roles or users, and no ping of the replied-to author. */
export function expectNoPings(r: RecordedRequest): void {
  expect(r.body.allowed_mentions).toMatchObject({ parse: [] });
  expect(r.body.allowed_mentions.replied_user ?? false).toBe(false);
}
