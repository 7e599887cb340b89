import type { Answer } from '../answer/types.ts';
import type { SourceSummary } from '../dossier.ts';
import { counted } from '../text/counted.ts';
import {
  citation,
  closestLabel,
  notAnsweredMessage,
  dateShown,
  outletName,
  outletAndDate,
  paragraphLabel,
  sourcesDifferHeading,
  uncertainNote,
} from '../messages.ts';

const useColor = () => process.stdout.isTTY && !process.env.NO_COLOR;
const dim = (s: string) => (useColor() ? `\x1b[2m${s}\x1b[22m` : s);
const bold = (s: string) => (useColor() ? `\x1b[1m${s}\x1b[22m` : s);

/** The terminal's width (at most 100 columns, for reading), or 100 off a terminal. */
export const terminalWidth = () => Math.min(process.stdout.columns || 100, 100);

/** Word-wraps to `width` columns; the first line starts with `first`, later ones with `indent`. */
export function wrap(text: string, width: number, indent: string, first = indent): string {
  const lines: string[] = [];
  let line = '';
  const room = () => width - (lines.length ? indent : first).length;
  const words = text.split(/\s+/).filter(Boolean);
  words.forEach((word, i) => {
    if (line && line.length + 1 + word.length > room()) {
      // Some words come down with the one before them: an ellipsis, a citation's separator "·" (it never opens a
      // line), and a citation's last part after its separator ("2023-06-07 · ¶7", not "¶7" alone), if that fits.
      let cut = word === '…' || word === '·' ? line.lastIndexOf(' ') : -1;
      if (i === words.length - 1 && line.endsWith(' ·')) cut = line.lastIndexOf(' ', line.length - 3);
      if (cut > 0 && line.length - cut + word.length > width - indent.length) cut = -1;
      lines.push(cut > 0 ? line.slice(0, cut) : line);
      line = cut > 0 ? `${line.slice(cut + 1)} ${word}` : word;
    } else line = line ? `${line} ${word}` : word;
  });
  if (line || !lines.length) lines.push(line);
  return lines.map((l, i) => (i ? indent : first) + l).join('\n');
}

/** The question over its answer when several are read from stdin: which answer is which. */
export function questionHeading(question: string, width: number): string {
  return bold(wrap(question.trim(), width, '  ', '› '));
}

/**
 * Quotes are shown as a block under a bar, not inside added quotation marks: the articles' own words often start
 * or end with quotation marks of their own, and “““ reads badly.
 */
export function renderQuote(quote: string, width: number, label = ''): string {
  const bar = '│ ';
  return quote
    .split('\n')
    .map((part, i) =>
      wrap(
        part,
        width,
        `${' '.repeat(label.length)}${bar}`,
        i === 0 ? `${label}${bar}` : `${' '.repeat(label.length)}${bar}`,
      ),
    )
    .join('\n');
}

/** Figures that differ between articles, side by side, each with its outlet, date and paragraph. */
export function renderDisagreements(answer: Answer, width = terminalWidth()): string {
  return (answer.disagreements ?? [])
    .map((d) =>
      [
        bold(sourcesDifferHeading(d.about)),
        ...d.claims.map(
          (c) =>
            `${wrap(`${bold(c.figure)} — ${outletAndDate(c.article)} · ${paragraphLabel(c.paragraph)}`, width, '    ', '  • ')}\n${dim(renderQuote(c.sentence, width, '    '))}`,
        ),
      ].join('\n'),
    )
    .join('\n\n');
}

/** `topics` and `example` (a question about the articles, for an empty one) are said of an unanswered question. */
export function renderAnswer(
  answer: Answer,
  maxQuestionChars: number,
  topics: string,
  width = terminalWidth(),
  example?: string,
): string {
  if (!answer.answered) {
    const message = wrap(notAnsweredMessage(answer, maxQuestionChars, topics, example), width, '');
    return answer.closest?.length
      ? `${message}\n\n${dim(closestLabel(answer))}\n${excerptList(answer.closest, width)}`
      : message;
  }
  const differ = renderDisagreements(answer, width);
  const uncertain = uncertainNote(answer);
  const note = uncertain ? `${dim(wrap(uncertain, width, ''))}\n\n` : '';
  return note + excerptList(answer.excerpts, width).concat(differ ? `\n\n${differ}` : '');
}

function excerptList(excerpts: Answer['excerpts'], width: number): string {
  return excerpts
    .map((e, i) => {
      const label = `[${i + 1}] `;
      const pad = ' '.repeat(label.length);
      const cited = wrap(`— ${citation(e.article, e.paragraph, e.lastParagraph)}`, width, `${pad}  `, pad);
      const source = e.article.url ? `${cited}\n${pad}  ${e.article.url}` : cited;
      return `${renderQuote(e.quote, width, label)}\n${dim(source)}`;
    })
    .join('\n\n');
}

export function renderSources(sources: SourceSummary[], width = terminalWidth()): string {
  return sources
    .map((s, i) => {
      const head = wrap(s.title, width, '   ', `${i + 1}. `);
      // The link on a line of its own, as under an excerpt: wrapped with the rest it cut "9 | passages" apart.
      const detail = wrap(`${outletName(s)} · ${dateShown(s)} · ${counted(s.passages, 'passage')}`, width, '   ');
      return `${head}\n${dim(s.url ? `${detail}\n   ${s.url}` : detail)}`;
    })
    .join('\n');
}
