/** Discord's hard limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedField: 1024,
  embedFieldName: 256,
  embedAuthor: 256,
  embedFields: 25,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectOption: 100,
  embedFooter: 2048,
  embedTotal: 6000,
  autocompleteChoices: 25,
  choiceName: 100,
} as const;

/** Cuts at a word boundary and marks the cut with an ellipsis; never returns more than `max` characters. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 1));
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
