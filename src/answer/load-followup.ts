/**
 * The follow-up rewriter brings the NLP tagger (about 400 ms and 50 MB), so the surfaces load it on first use, once
 * per process, through this.
 */
let loading: Promise<typeof import('./followup.ts')> | null = null;

export const loadFollowUps = () => (loading ??= import('./followup.ts'));
