/** Bump when cleaning, chunking, what gets embedded, sentence tags or people extraction change: existing indexes become stale. */
export const PIPELINE_VERSION = 'text-12+html-17+people-7+tags-11';
