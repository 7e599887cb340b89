import type { SentenceTags } from './sentence-tags.ts';

/*
 * Which sentences an answer may quote and lean on, from their tags. Pure, and free of the NLP tagger (the tags'
 * type only), so retrieval and the answer chain use it without loading the tagger.
 */

/**
 * Page furniture, subheadings and list lead-ins ("President Obama also said:") never answer anything on their
 * own: they are not quoted as a window's main sentence; an item of a list without a full stop is no subheading.
 * (A fixed rule, not learned: SQuAD has almost none.)
 */
export function quotable(tags: SentenceTags): boolean {
  return !(tags.furniture || (tags.heading && !tags.listItem) || tags.listLeadIn);
}

/**
 * Whether a paragraph's last sentence can be what the next paragraph's "he said" or "It …" leans on: a quotable
 * sentence or a lead-in ("President Obama also said:"), not a subheading ("Understand How Your Own Brain Works
 * Against You", before "It may come as no surprise …") or page furniture.
 */
export function readsAsContext(tags: SentenceTags): boolean {
  return quotable(tags) || tags.listLeadIn;
}
