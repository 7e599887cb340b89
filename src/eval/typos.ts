/**
 * One typo a hurried user might make, for measuring how answers hold up against them (`npm run eval -- --typos`):
 * a letter dropped, doubled or swapped with the next one, in the question's longest lowercase word of five letters or
 * more. A hash of the question picks the letter and the kind, so a question always gets the same typo. A question
 * without such a word is returned as it is.
 */
export function withTypo(question: string): string {
  const words = question.match(/\b[a-z]{5,}\b/g) ?? [];
  const word = words.reduce<string | undefined>((best, w) => (best && best.length >= w.length ? best : w), undefined);
  if (!word) return question;
  const hash = fnv1a(question);
  // Never the first letter: a typo there is rarer, and the reader of a typo keeps it.
  const at = 1 + (hash % (word.length - 2));
  const kind = (hash >>> 8) % 3;
  const typo =
    kind === 0
      ? word.slice(0, at) + word.slice(at + 1)
      : kind === 1
        ? word.slice(0, at) + word[at] + word.slice(at)
        : word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  return question.replace(word, typo === word ? word.slice(0, at) + word.slice(at + 1) : typo);
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
