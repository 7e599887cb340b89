import type { WhoResult } from '../people/profile.ts';
import { citation } from '../messages.ts';
import { counted } from '../text/counted.ts';
import { renderQuote, terminalWidth, wrap } from './render.ts';

export function renderProfile(result: WhoResult, width = terminalWidth()): string {
  if (result.status === 'ambiguous') {
    return [
      wrap(`"${result.query}" could be several people. Which one?`, width, ''),
      ...result.candidates.map((c) => wrap(`${c.name}: ${c.description}`, width, '    ', '  - ')),
    ].join('\n');
  }
  if (result.status === 'not_found' || !result.person) {
    const hint = result.candidates.length ? ` Did you mean ${result.candidates.map((c) => c.name).join(', ')}?` : '';
    return wrap(`No one called "${result.query}" appears in the articles.${hint}`, width, '');
  }
  const p = result.person;
  const lines = [p.name];
  if (p.aliases.length) lines.push(wrap(`also written: ${p.aliases.join(', ')}`, width, '    ', '  '));
  if (p.roles.length) lines.push(wrap(`described as: ${p.roles.join('; ')}`, width, '    ', '  '));
  lines.push(
    wrap(
      `in ${counted(p.articles.length, 'article')}: ${p.articles.map((a) => a.title).join(' | ')}`,
      width,
      '    ',
      '  ',
    ),
  );
  p.excerpts.forEach((e, i) => {
    const label = `[${i + 1}] `;
    lines.push(
      '',
      renderQuote(e.quote, width, label),
      wrap(`— ${citation(e.article, e.paragraph)}`, width, ' '.repeat(label.length + 2), ' '.repeat(label.length)),
    );
  });
  return lines.join('\n');
}
