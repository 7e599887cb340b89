/**
 * Modules only some messages and commands need, loaded on first use: the follow-up rewriter (it brings the NLP
 * tagger, ~400 ms and ~50 MB) and the article adder (the HTML and Markdown readers, ~300 ms). The bot's start does
 * not wait for them; `warmUp` loads the rewriter in the background once the bot is logged in.
 */
import { loadFollowUps } from '../answer/load-followup.ts';

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => (loading ??= load());
}

export { loadFollowUps as followUps };
export const articleAdder = once(() => import('../ingest/add.ts'));

/** Starts loading what a reply to an answer needs, so the first follow-up doesn't wait for it. */
export function warmUp(): void {
  loadFollowUps().catch(() => undefined); // a failure shows again, with its error, on first use
}
