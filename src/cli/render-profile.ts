import type { WhoResult } from '../people/profile.ts';
import { citation } from '../messages.ts';

export function renderProfile(result: WhoResult): string {
  if (result.status === 'ambiguous') {
    return [`"${result.query}" could be several people. Which one?`, ...result.candidates.map((c) => `  - ${c.name}: ${c.description}`)].join('\n');
  }
  if (result.status === 'not_found' || !result.person) {
    const hint = result.candidates.length ? ` Did you mean ${result.candidates.map((c) => c.name).join(', ')}?` : '';
    return `No one called "${result.query}" appears in the articles.${hint}`;
  }
  const p = result.person;
  const lines = [p.name];
  if (p.aliases.length) lines.push(`  also written: ${p.aliases.join(', ')}`);
  if (p.roles.length) lines.push(`  described as: ${p.roles.join('; ')}`);
  lines.push(`  in ${p.articles.length} article${p.articles.length === 1 ? '' : 's'}: ${p.articles.map((a) => a.title).join(' | ')}`);
  p.excerpts.forEach((e, i) => lines.push('', `[${i + 1}] “${e.quote}”`, `     — ${citation(e.article, e.paragraph)}`));
  return lines.join('\n');
}
