import { readJsonl } from './jsonl.ts';

/** A question over the seeds: gold substrings (any one suffices), or type 'none' when the answer is to abstain. */
export interface QaItem {
  id?: string;
  q: string;
  any: string[];
  type: string;
}

export function readQaSet(file: string): QaItem[] {
  return readJsonl<QaItem>(file);
}
