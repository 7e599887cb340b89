import nlp from 'compromise';
import { ATTRIBUTION, isContinuation, isHeading } from './continuation.ts';
import { YEAR, yearsIn } from '../text/years.ts';
import { endsWithCredit, isReporterBio } from './clean.ts';

/**
 * What one sentence holds, computed once at ingest and kept as plain JSON-able data, so that ranking a
 * question's candidates needs no NLP at query time. General rules only (no per-site lists).
 */
export interface SentenceTags {
  /** Names of people (compromise's tagger). */
  people: string[];
  places: string[];
  /** Countries named (compromise's lexicon, plus UK/Britain/US it leaves out): what "which country" wants. */
  countries?: string[];
  orgs: string[];
  /** A date expression: month, weekday, "yesterday", a year, a century, a decade. */
  date: boolean;
  /** A number other than a year (digits or number words, ordinals, percentages, money). */
  number: boolean;
  /** Four-digit years mentioned (1000–2099). */
  years: number[];
  /** Any capitalised word other than the first one (proper names the tagger may miss). */
  proper: boolean;
  /** Page furniture: captions/credits, related-link and newsletter lines, bios, "contributed to this report". */
  caption: boolean;
  credit: boolean;
  listLeadIn: boolean;
  heading: boolean;
  furniture: boolean;
  /** Opens with a pronoun or a quotation that continues the sentence before (the speaker is there). */
  continuation: boolean;
  words: number;
  /**
   * The full names this sentence's bare surnames stand for, read from the article around it ("Massoud said" after
   * "Ahmad Wali Massoud": ["Ahmad Wali Massoud"]; people/referents.ts). Set at ingest, not by `tagSentence`: it
   * depends on the sentences before.
   */
  refers?: string[];
  /**
   * In an item of a list (Article.listItems): a sentence though it has no full stop, not a subheading. Set at ingest,
   * not by `tagSentence`: it depends on where the sentence stands.
   */
  listItem?: true;
  /**
   * Opens a paragraph that ends with a picture's credit: it describes the picture ("Afghans gather on a roadside near
   * the airport … (Photo by … / AFP)"), though only the credit says so. Later sentences of such a caption often tell
   * the story behind it ("Ahmad Shah Massoud was assassinated … in Takhar province") and are not tagged. Set at
   * ingest, not by `tagSentence`, like `listItem`.
   */
  underPicture?: true;
  /**
   * In the reporter's bio that ends the article ("Nora Castellanos covers public safety for the Alderbridge Courier.
   * Reach her at …"): it says who wrote the story, not what happened. Set at ingest, like `listItem`.
   */
  reporterBio?: true;
  /** TAGGER_VERSION of the rules that made these tags: an index keeps them, and a re-index reuses only current ones. */
  tagger?: number;
}

/** Bump when any rule here changes, so a re-index tags every sentence again instead of reusing stored tags. */
export const TAGGER_VERSION = 20;

const MONTH =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\b/;
const WEEKDAY = /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;
const RELATIVE_DAY =
  /\b(?:yesterday|today|tomorrow|last (?:week|month|year|night)|next (?:week|month|year)|this (?:week|month|year))\b/i;
const CENTURY =
  /\b(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[- ]century\b|\b\d{2,4}s\b|\b(?:BC|AD|BCE|CE)\b/i;
const NUMBER_WORD =
  /\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen|dozens|half|once|twice|first|second|third)\b/i;
const DIGITS = /\d/;

/** "(Photo by X / AFP)", "Getty Images", "Photograph: …", "Image: …". */
const CREDIT =
  /\((?:[^()]*\b(?:Photo|Photograph|Picture|Image|Credit|AFP|AP|Getty|Reuters|Pool|EPA|Shutterstock)\b[^()]*)\)(?!\s*[-–—])|\b(?:Getty Images|Photograph:|Photo:|Image:|Picture:|Credit:|Photo credit|File photo)\b|\/\s*(?:AFP|AP|Reuters|EPA)\b/;
/** "Benoit Tessier/Reuters", "James Martin/CNET" at the end of a line: a photographer and an agency. */
const NAME_SLASH_AGENCY = /\b[A-Z][\p{L}'’-]+(?: [A-Z][\p{L}'’-]+)+\s*\/\s*[A-Z][\p{L}]+\s*\)?\s*$/u;
/** "(Mike Cason/mcason@al.com)": a photographer and an address or outlet, as the whole line. */
const NAME_SLASH_LINE = /^\(\s*[A-Z][\p{L}'’-]+(?: [A-Z][\p{L}'’-]+)+\s*\/[^()]+\)$/u;
/** Agency captions: "BAZARAK, AFGHANISTAN - SEPTEMBER 5: A picture of …". */
const AGENCY_DATELINE = /^[A-Z][A-Z .,'’-]{3,}\s[-–—]\s[A-Z]{3,9}\.? \d{1,2}(?:, \d{4})?\s?:/;
/** "X, center, speaks …", "(L-R)", "second from left": positions in a picture. */
const PICTURE_POSITION =
  /,\s(?:center|centre|left|right|second (?:from )?(?:left|right)|front|rear|foreground|background),\s|\((?:L-R|R-L|left to right|from left)\)/i;
const CAPTION_VERB =
  /^(?:[A-Z][\w'’.-]*\s){0,6}(?:is|are)?\s*(?:seen|pictured|photographed|shown|stands|stand|walks|walk|sits|sit|gestures|speaks|poses|arrives|attends|listens|waves|holds|hold)\b/;
const RELATED =
  /^(?:(?:\d+|Three|Four|Five|Six|Seven|Eight|Nine|Ten) (?:things|ways|takeaways|reasons|lessons)\b|Related:|Read (?:more|also)\b|Read:|More:|For more,? (?:read|see|watch):|See also\b|Watch:|Listen:|Recommended\b|Most (?:read|popular)\b|Latest\b)/i;
const BRACKET_LINK = /^\s*[[(](?:Read|Related|See|Watch|Listen|More|Also)\b[^\])]*[\])]\s*$/i;
const FURNITURE =
  /\b(?:Continue reading(?: the main story)?|Sign up (?:for|to)|newsletter|subscribe|Subscribe|This (?:article|story) (?:was|has been|first) (?:originally )?(?:published|appeared|reprinted|updated)|(?:originally|first) (?:published|appeared) (?:in|on|by)|reprinted with permission|contributed (?:reporting )?to this (?:report|story|article)|(?:is|was) (?:a|an|the) (?:\w+ ){0,3}(?:correspondent|reporter|writer|editor|journalist|columnist|contributor) (?:for|at|with|based)|Follow (?:him|her|them|us) on|All rights reserved|Copyright ©|Click here|Share this|Advertisement|ADVERTISEMENT|Comments?\b(?= are)|Editor'?s note|Additional reporting by|Reporting by|Writing by|Editing by)/;

export function isCredit(text: string): boolean {
  return CREDIT.test(text) || NAME_SLASH_AGENCY.test(text.trim()) || NAME_SLASH_LINE.test(text.trim());
}

/** A photo caption: a credit, an agency dateline caption, positions in a picture, or "… is seen/pictured …". */
export function isCaptionText(text: string): boolean {
  const t = text.trim();
  if (isCredit(t) || AGENCY_DATELINE.test(t) || PICTURE_POSITION.test(t)) return true;
  // "Resistance fighters, pictured on 2 September, say …" with no full stop: a caption set under the picture.
  if (/,\s*\(?pictured\b/i.test(t) && !/[.!?…"”’)]$/.test(t)) return true;
  return CAPTION_VERB.test(t) && /\b(?:pictured|seen|photographed)\b/i.test(t) && !ATTRIBUTION.test(t);
}

/** "President Obama also said:", "The key points:" — introduces what follows and answers nothing itself. */
export function isListLeadIn(text: string): boolean {
  const t = text.trim();
  return /[:：]\s*$/.test(t) || /[—–-]\s*$/.test(t);
}

export function isFurniture(text: string): boolean {
  const t = text.trim();
  return (
    FURNITURE.test(t) ||
    RELATED.test(t) ||
    BRACKET_LINK.test(t) ||
    /^(?:By|Photo by|Photos by|Photographs by|Words by|Produced by)\s+[A-Z]/.test(t) ||
    // A prompt to share it, as a line or a sentence's tail: "Be sure to annoy your friends – share this post with them!"
    /(?:^|[–—-]\s*)share (?:this|the) (?:post|story|article)\b/i.test(t) ||
    // Where a story was picked up from: "(Via CNN, Fox News and ABC News)".
    /^\(Via\b[^)]{2,80}\)\.?$/.test(t) ||
    /^[^\s]+@[^\s]+\.\w+$/.test(t) ||
    /^https?:\/\//.test(t) ||
    // A picture's file name left where the picture was: "skimming scheme seized cash and cards.jpg".
    /^[^.!?]{1,120}\.(?:jpe?g|png|gif|webp|svg)$/i.test(t) ||
    // A label repeated, glued: "The latest in global politicsThe latest in global politics".
    /^(.{8,}?)\1+$/.test(t) ||
    SOCIAL.test(t) ||
    COPYRIGHT.test(t) ||
    BIO.test(t) ||
    BYLINE_CARD.test(t) ||
    EDITORIAL_NOTE.test(t) ||
    MEDIA_PLAYER.test(t)
  );
}

/** An author's card, the name written twice (its link and its text): "Jennifer Rubin Jennifer Rubin writes …". */
const BYLINE_CARD = /^(\p{Lu}[\p{L}'’.-]+(?: \p{Lu}[\p{L}'’.-]+){1,3}) \1\b/u;
/** A note about the article itself: "Correction: This article originally linked to …". */
const EDITORIAL_NOTE = /^(?:Correction|Clarification)s?\s*(?:\([^)]{0,40}\))?\s*:/i;
/** A video player's message: "We apologize, this video has expired." */
const MEDIA_PLAYER =
  /\b(?:this|the) (?:video|clip) (?:has expired|is (?:no longer|not|currently not|currently un)available|(?:could|can)not be played)\b/i;

/** "Follow ONE Esports on Facebook and Twitter for more …" */
const SOCIAL =
  /\bFollow (?:[\p{Lu}\d][\p{L}\d&.'’-]*\s){1,4}on (?:Facebook|Twitter|X|Instagram|YouTube|TikTok|LinkedIn)\b/u;
/** "The-CNN-Wire ™ & © 2013 Cable News Network, Inc.", "© 2021 Reuters" */
const COPYRIGHT = /(?:^|\s)(?:™\s*&\s*)?©\s*(?:\d{4}|[\p{Lu}])/u;
/** A reporter's bio: "Max Blumenthal is an award-winning journalist and the author of several books …" */
const BIO =
  /^\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){1,3} (?:is|was) (?:a|an|the) (?:[\p{L}-]+ ){0,3}(?:journalist|reporter|correspondent|writer|editor|columnist|contributor) (?:and (?:the )?(?:author|co-author|host|founder)|whose (?:work|writing|reporting))\b/u;

/**
 * A name the tagger may not know, made a person by its context: "Massoud, the leader of …", "Nazary said",
 * "spokesman Zabihullah Mujahid".
 */
const ROLE =
  '(?:leader|spokes(?:man|woman|person)|commander|chief|minister|president|founder|head|director|governor|general|official|ambassador|envoy|secretary|chairman|chairwoman|mayor|senator|adviser|advisor|analyst|son|daughter|brother|father|wife|husband|king|queen|prince)';
const PERSON_BY_ROLE = new RegExp(
  `\\b([A-Z][\\p{L}'’-]+(?: [A-Z][\\p{L}'’-]+){0,3}),\\s(?:the|a|an|its|his|her|their)\\s(?:[\\p{L}-]+\\s){0,3}?${ROLE}\\b`,
  'u',
);
const PERSON_BY_SPEECH =
  /\b([A-Z][\p{L}'’-]+(?: [A-Z][\p{L}'’-]+){0,3})\s(?:said|says|told|added|tweeted|wrote|insisted|warned)\b/u;
const PERSON_BY_TITLE = new RegExp(`\\b${ROLE}\\s([A-Z][\\p{L}'’-]+(?: [A-Z][\\p{L}'’-]+){0,3})`, 'u');
const NOT_PERSON_START = /^(?:The|A|An|This|That|It|He|She|They|We|I|But|And|Officials?|Police|Reports?|Sources?)$/;

function peopleByContext(text: string): string[] {
  const out: string[] = [];
  for (const re of [PERSON_BY_ROLE, PERSON_BY_SPEECH, PERSON_BY_TITLE]) {
    const m = re.exec(text);
    const name = m?.[1];
    if (name && !NOT_PERSON_START.test(name.split(' ')[0]!)) out.push(name);
  }
  return out;
}

/**
 * Countries compromise doesn't tag as such, or only by their full names ("Antigua and Barbuda" but not "Antigua").
 * "US" only in capitals: "us" is a pronoun.
 */
const COUNTRY_EXTRA =
  /\b(?:UK|U\.K\.|Britain|Great Britain|US|U\.S\.|USA|U\.S\.A\.|UAE|Antigua(?! Guatemala)|Barbuda|St\.? Kitts|Saint Kitts|(?<!Ben )Nevis|Eswatini|Vatican|Congo(?! River| Basin)|DRC)(?![\p{L}])/gu;

interface TaggedTerm {
  text: string;
  tags: string[];
}

/** Where a sentence stands, for `placeTags`. */
export interface Place {
  /** The whole paragraph (not a passage cut from a long one). */
  paragraph: string;
  /** The sentence opens the paragraph. */
  opens: boolean;
  /** The paragraph is an item of a list (Article.listItems). */
  inList: boolean;
  /** The paragraph is one of the article's last two. */
  closing: boolean;
}

/**
 * A sentence's tags where it stands: in an item of a list, opening a paragraph that ends with a picture's credit, or
 * in the reporter's bio that ends the article. The same object when none: one tags object is shared by every
 * sentence with the same words.
 */
export function placeTags(tags: SentenceTags, { paragraph, opens, inList, closing }: Place): SentenceTags {
  const underPicture = opens && endsWithCredit(paragraph);
  const reporterBio = closing && isReporterBio(paragraph);
  if (!inList && !underPicture && !reporterBio) return tags;
  return {
    ...tags,
    ...(inList ? { listItem: true as const } : {}),
    ...(underPicture ? { underPicture: true as const } : {}),
    ...(reporterBio ? { reporterBio: true as const } : {}),
  };
}

/** Tags one sentence. */
export function tagSentence(text: string): SentenceTags {
  const doc = nlp(text);
  const people = uniq([...(doc.people().out('array') as string[]), ...peopleByContext(text)]);
  const places = uniq(doc.places().out('array') as string[]);
  const countries = uniq([...(doc.match('#Country+').out('array') as string[]), ...(text.match(COUNTRY_EXTRA) ?? [])]);
  const orgs = uniq(doc.organizations().out('array') as string[]);
  const terms = (doc.json({ offset: false }) as Array<{ terms: TaggedTerm[] }>).flatMap((s) => s.terms);
  const years = yearsIn(text);
  const withoutYears = text.replace(YEAR, ' ');
  const taggedDate = terms.some((t) => t.tags.includes('Date') && !t.tags.includes('Year'));
  const date =
    years.length > 0 ||
    MONTH.test(text) ||
    WEEKDAY.test(text) ||
    RELATIVE_DAY.test(text) ||
    CENTURY.test(text) ||
    taggedDate;
  const number =
    (DIGITS.test(withoutYears) && /\d/.test(withoutYears.replace(/\b\d{1,2}(?:st|nd|rd|th)\b/g, ''))) ||
    NUMBER_WORD.test(text) ||
    terms.some((t) => t.tags.includes('Value') && !t.tags.includes('Year'));
  const tokens = text.split(/\s+/).filter(Boolean);
  const proper = tokens.slice(1).some((w) => /^[‘“"'(]?[A-Z][a-z]/.test(w));
  const credit = isCredit(text);
  const caption = isCaptionText(text);
  return {
    people,
    places,
    countries,
    orgs,
    date,
    number,
    years,
    proper,
    caption,
    credit,
    listLeadIn: isListLeadIn(text),
    heading: isHeading(text),
    furniture: isFurniture(text),
    continuation: isContinuation(text),
    words: tokens.length,
    tagger: TAGGER_VERSION,
  };
}

function uniq(values: string[]): string[] {
  return [...new Set(values.map((v) => v.replace(/[.,;:!?'’"“”]+$/g, '').trim()).filter(Boolean))];
}
