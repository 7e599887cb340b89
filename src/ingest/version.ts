/** Bump when cleaning, chunking, what gets embedded, sentence tags or people extraction change: existing indexes become stale. */
export const PIPELINE_VERSION = 'text-20+html-26+people-15+tags-23';
