import type { Answer } from '../answer/types.ts';
import type { SourceSummary } from '../dossier.ts';
import { citation, notAnsweredMessage, outletAndDate, paragraphLabel, sourcesDifferHeading } from '../messages.ts';

const useColor = () => process.stdout.isTTY && !process.env.NO_COLOR;
const dim = (s: string) => (useColor() ? `\x1b[2m${s}\x1b[22m` : s);
const bold = (s: string) => (useColor() ? `\x1b[1m${s}\x1b[22m` : s);

function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

/** Figures that differ between articles, side by side, each with its outlet, date and paragraph. */
export function renderDisagreements(answer: Answer, width = Math.min(process.stdout.columns || 100, 100)): string {
  return (answer.disagreements ?? [])
    .map((d) => [bold(sourcesDifferHeading(d.about)), ...d.claims.map((c) => `  • ${bold(c.figure)} — ${outletAndDate(c.article)} · ${paragraphLabel(c.paragraph)}
${dim(wrap(`“${c.sentence}”`, width - 6, '    '))}`)].join('\n'))
    .join('\n\n');
}

export function renderAnswer(answer: Answer, maxQuestionChars: number, topics: string, width = Math.min(process.stdout.columns || 100, 100)): string {
  if (!answer.answered) return notAnsweredMessage(answer, maxQuestionChars, topics);
  const differ = renderDisagreements(answer, width);
  return answer.excerpts
    .map((e, i) => {
      const cited = citation(e.article, e.paragraph, e.lastParagraph);
      const source = e.article.url ? `${cited}\n       ${e.article.url}` : cited;
      const quote = e.quote
        .split('\n')
        .map((part) => wrap(part, width - 5, '    '))
        .join('\n');
      return `${bold(`[${i + 1}]`)} “${quote.trimStart()}”\n     ${dim(`— ${source}`)}`;
    })
    .join('\n\n')
    .concat(differ ? `\n\n${differ}` : '');
}

export function renderSources(sources: SourceSummary[]): string {
  return sources.map((s, i) => `${i + 1}. ${s.title}\n   ${dim(`${s.outlet ?? 'outlet unknown'} · ${s.date ?? 'date unknown'} · ${s.passages} passages${s.url ? ` · ${s.url}` : ''}`)}`).join('\n');
}
