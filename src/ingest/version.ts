/** Bump when cleaning, chunking, what gets embedded, sentence tags or people extraction change: existing indexes become stale. */
export const PIPELINE_VERSION = 'text-22+html-28+people-16+tags-23';
