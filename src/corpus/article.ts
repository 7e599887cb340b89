/** What an article is, as plain data: the readers make them, the store keeps them, answers cite them. */
export interface ArticleMeta {
  /** The file name, extension included: `story.txt` and `story.md` are two articles. */
  id: string;
  title: string;
  outlet: string | null;
  date: string | null;
  url: string | null;
}

export interface Article extends ArticleMeta {
  file: string;
  paragraphs: string[];
  /**
   * The paragraphs that are items of a list (0-based indices): a list item needs no full stop to be a sentence
   * ("Mini bars almost always lose money"), where a short line without one is a subheading.
   */
  listItems?: number[];
  /** The cleaned text that passages and quotes are cut from. */
  text: string;
}

/** The citation fields of an article. */
export function metaOf({ id, title, outlet, date, url }: ArticleMeta): ArticleMeta {
  return { id, title, outlet, date, url };
}
