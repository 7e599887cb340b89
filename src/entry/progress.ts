import cliProgress from 'cli-progress';
import type { ProgressInfo } from '@huggingface/transformers';
import type { BuildProgress } from '../ingest/ingest.ts';
import { log } from '../log.ts';

/** Off a terminal (services, CI, pipes), progress is a log line every this many percent or seconds. */
const LOG_EVERY_PERCENT = 10;
const LOG_EVERY_MS = 15_000;

/** Build progress as log lines: a long build under a service manager shows it is alive and how far it got. */
export function loggedProgress(label = 'Embedding', now = () => Date.now()): BuildProgress {
  let total = 0;
  let lastPercent = -1;
  let lastAt = 0;
  let started = 0;
  return {
    start: (n) => {
      total = n;
      started = lastAt = now();
      lastPercent = 0;
      log.info({ done: 0, total }, `${label}: 0/${total} texts`);
    },
    update: (done) => {
      const percent = total ? Math.floor((done / total) * 100) : 100;
      if (percent < lastPercent + LOG_EVERY_PERCENT && now() - lastAt < LOG_EVERY_MS) return;
      lastPercent = percent;
      lastAt = now();
      const rate = done / Math.max(0.001, (lastAt - started) / 1000);
      const left = rate > 0 ? Math.round((total - done) / rate) : null;
      log.info({ done, total, percent, secondsLeft: left }, `${label}: ${done}/${total} texts (${percent}%)`);
    },
    stop: () => log.info({ total, seconds: Math.round((now() - started) / 100) / 10 }, `${label}: done`),
  };
}

/** A progress bar on stderr when it is a terminal; log lines otherwise (services, CI, pipes). */
export function embeddingProgress(label = 'Embedding'): BuildProgress {
  if (!process.stderr.isTTY) return loggedProgress(label);
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} |{bar}| {value}/{total} texts | {eta_formatted} left`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  return { start: (total) => bar.start(total, 0), update: (done) => bar.update(done), stop: () => bar.stop() };
}

/** Download progress for model weights fetched from the hub (first run online). */
export function downloadProgress(): ((info: ProgressInfo) => void) | undefined {
  if (!process.stderr.isTTY) return loggedDownload();
  const bars = new cliProgress.MultiBar(
    {
      format: 'Downloading {file} |{bar}| {percentage}%',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
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

/** Off a terminal, a model download logs each file's start, every quarter and end. */
function loggedDownload(): (info: ProgressInfo) => void {
  const quarter = new Map<string, number>();
  return (info) => {
    if (info.status === 'progress') {
      const q = Math.floor(info.progress / 25);
      if (q > (quarter.get(info.file) ?? -1)) {
        quarter.set(info.file, q);
        log.info(
          { file: info.file, percent: Math.round(info.progress) },
          `Downloading ${info.file}: ${Math.round(info.progress)}%`,
        );
      }
    }
  };
}
