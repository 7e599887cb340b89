/** Bump when cleaning, chunking, what gets embedded or people extraction changes: existing indexes become stale. */
export const PIPELINE_VERSION = 'text-6+html-2+people-2';
