import { loadSettings } from './src/config.ts';
import { Dossier } from './src/dossier.ts';
const d = await Dossier.open(loadSettings());
for (const q of ['Who leads the NRF?', 'How many fighters does the resistance have?']) {
  const a = await d.ask(q);
  console.log(q, a.answered, JSON.stringify(a.missing), (a.closest ?? []).map((e) => [e.score, e.quote.slice(0, 100)]));
}
await d.close();
