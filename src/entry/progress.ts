import cliProgress from 'cli-progress';
import type { ProgressInfo } from '@huggingface/transformers';
import type { BuildProgress } from '../ingest/ingest.ts';

/** A progress bar on stderr when it is a terminal; nothing otherwise (logs, CI, pipes). */
export function embeddingProgress(label = 'Embedding'): BuildProgress | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    { format: `${label} |{bar}| {value}/{total} texts | {eta_formatted} left`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  return { start: (total) => bar.start(total, 0), update: (done) => bar.update(done), stop: () => bar.stop() };
}

/** Download progress for model weights fetched from the hub (first run online). */
export function downloadProgress(): ((info: ProgressInfo) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bars = new cliProgress.MultiBar(
    { format: 'Downloading {file} |{bar}| {percentage}%', stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  const byFile = new Map<string, cliProgress.SingleBar>();
  return (info) => {
    if (info.status === 'progress') {
      let bar = byFile.get(info.file);
      if (!bar) byFile.set(info.file, (bar = bars.create(100, 0, { file: info.file })));
      bar.update(Math.round(info.progress), { file: info.file });
    } else if (info.status === 'ready') bars.stop();
  };
}
