import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { parseCommandLine, UsageError } from '../entry/args.ts';
import { loadSettings, type Settings } from '../config.ts';
import { Dossier } from '../dossier.ts';
import type { Embedder } from '../embed/embedder.ts';
import { exitWithError } from '../entry/run.ts';
import { FriendlyError } from '../errors.ts';
import { readQaSet } from '../datasets/qa.ts';
import { readSquad, sampleQuestions } from '../datasets/squad.ts';
import { benchBackend, type BackendName, type BenchBackend } from './backends.ts';
import { Peer, peerSkipped } from './peer.ts';
import { median, percentile, repeatTo, round, timed } from './stats.ts';
import { benchGeneration, benchVectors, type IndexReport } from './vectors.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Questions users might ask: the seeds' question sets plus general questions (which mostly abstain). */
function benchQuestions(count: number, offset: number): string[] {
  const seeds = [
    ...readQaSet(path.join(ROOT, '../shared/eval/dev.jsonl')),
    ...readQaSet(path.join(ROOT, 'eval/heldout.jsonl')),
  ].map((q) => q.q);
  // Enough for the offset: the warm-up's 20 questions at offset 3,000 had been none at all.
  const general = sampleQuestions(readSquad(), Math.max(4 * count, offset + count)).map((q) => q.question);
  return [...(offset === 0 ? seeds : []), ...general.slice(offset)].slice(0, count);
}

async function queryLatency(dossier: Dossier) {
  for (const q of benchQuestions(20, 3000)) await dossier.ask(q); // warm-up, different questions
  const questions = benchQuestions(240, 0);
  const times: number[] = [];
  for (const q of questions) {
    const t = performance.now();
    await dossier.ask(q);
    times.push(performance.now() - t);
  }
  // 20 in flight at once, on questions not asked yet (so the query cache can't help).
  const concurrent = benchQuestions(400, 1000);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < concurrent.length) await dossier.ask(concurrent[next++]!);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  // The model alone: one question embedded (tokenise, run, pool), on questions not embedded yet.
  const embedTimes: number[] = [];
  for (const q of benchQuestions(200, 400)) {
    const t = performance.now();
    await dossier.embedder.embedQuery(q);
    embedTimes.push(performance.now() - t);
  }
  return {
    n: questions.length,
    embed_p50_ms: round(percentile(embedTimes, 50)),
    embed_p95_ms: round(percentile(embedTimes, 95)),
    p50_ms: round(percentile(times, 50)),
    p95_ms: round(percentile(times, 95)),
    p99_ms: round(percentile(times, 99)),
    concurrent_qps: round(concurrent.length / seconds, 1),
  };
}

/** Passages embedded per measurement: the stored ones, repeated. */
const INGEST_PASSAGES = 1000;
/** Rounds of Dossier and the peer, alternating: a busy neighbour then slows both alike, and medians are compared. */
const ROUNDS = 3;
/** The peer runs at each of these and is compared at its fastest (median over the rounds). */
const PEER_BATCHES = [1, 8, 32];

/** The peer's passages/s per batch size, one per round. */
interface PeerRounds {
  runtime: string;
  maxCosineGap: number;
  rates: Map<number, number[]>;
}

/**
 * Dossier batched as ingest does, and the peer (Python ONNX Runtime, same file and texts: see peer.ts) at each batch
 * size, in alternating rounds. Returns passages/s per round, and the last round's vectors.
 */
async function embeddingRounds(
  embedder: Embedder,
  texts: string[],
): Promise<{ ours: number[]; vectors: Float32Array[]; peer: PeerRounds | null; poolMb: number }> {
  const peer = peerSkipped(embedder) ? null : await Peer.start(embedder, texts);
  // An untimed first round loads the passage workers, as the peer's warm-up loads its session.
  const before = process.memoryUsage().rss;
  await embedder.embedPassages(texts);
  const poolMb = round((process.memoryUsage().rss - before) / 1e6, 0);
  const ours: number[] = [];
  const peerRates = new Map(PEER_BATCHES.map((b) => [b, [] as number[]]));
  let vectors: Float32Array[] = [];
  try {
    for (let r = 0; r < ROUNDS; r++) {
      const run = await timed(() => embedder.embedPassages(texts));
      ours.push(texts.length / run.seconds);
      vectors = run.result;
      if (peer) for (const b of PEER_BATCHES) peerRates.get(b)!.push(await peer.rate(b));
    }
  } finally {
    peer?.close();
  }
  return {
    ours,
    vectors,
    peer: peer && { runtime: peer.runtime, maxCosineGap: peer.maxCosineGap, rates: peerRates },
    poolMb,
  };
}

/** The peer's medians per batch size, its best, and Dossier's ratio to it. Pure. */
function peerSummary(ours: number, peer: PeerRounds) {
  const byBatch = [...peer.rates].map(([b, rates]) => ({ b, rate: median(rates), rates }));
  const best = byBatch.reduce((x, y) => (y.rate > x.rate ? y : x));
  return {
    peer_passages_per_s: round(best.rate, 1),
    peer_ratio: round(ours / best.rate, 2),
    peer: {
      runtime: peer.runtime,
      by_batch: Object.fromEntries(byBatch.map((x) => [x.b, round(x.rate, 1)])),
      by_round: Object.fromEntries(byBatch.map((x) => [x.b, x.rates.map((r) => round(r, 1))])),
      best_batch: best.b,
      max_cosine_gap: peer.maxCosineGap,
    },
  };
}

/**
 * Ingest throughput on the same 1,000 stored passages: embedding batched (what ingest does) against the peer, one
 * call per passage (the naive way), and the backend's store write of those passages as a generation.
 */
async function ingestRate(embedder: Embedder, backend: BenchBackend, stored: string[]) {
  const texts = repeatTo(stored, INGEST_PASSAGES);
  const { ours, vectors, peer, poolMb } = await embeddingRounds(embedder, texts);
  const batched = median(ours);
  const naiveTexts = texts.slice(0, 300);
  const naive = await timed(() => embedder.embedOneByOne(naiveTexts));
  const write = await backend.writeSeconds(benchGeneration(vectors, embedder.dim, 'ingest', texts));
  return {
    passages: texts.length,
    rounds: ROUNDS,
    passages_per_s: round(batched, 1),
    by_round: ours.map((r) => round(r, 1)),
    workers: embedder.passageWorkers,
    workers_rss_mb: poolMb,
    naive_passages: naiveTexts.length,
    naive_passages_per_s: round(naiveTexts.length / naive.seconds, 1),
    ...(peer
      ? peerSummary(batched, peer)
      : { peer_passages_per_s: null, peer_ratio: null, peer: { skipped: peerSkipped(embedder) } }),
    store: backend.name,
    store_write_passages_per_s: round(texts.length / write, 1),
  };
}

/** The environment of the bench's child processes: the chosen backend, whatever the shell or .env say. */
const childEnv = (settings: Settings) => ({ ...process.env, DATABASE_URL: settings.databaseUrl ?? '' });

/** Cold starts measured, one process each: one start varies by ±15% on a shared machine, so the median is reported. */
const COLD_STARTS = 3;

/** The compiled program (`npm run build`), as `npm start` runs it: no TypeScript compiler in the way. */
async function coldStart(env: NodeJS.ProcessEnv) {
  const runs: Array<{ coldStartMs: number; rssMb: number }> = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    const { stdout } = await run(process.execPath, [path.join(ROOT, 'dist/src/bench/cold-start.js')], {
      cwd: ROOT,
      env,
    });
    runs.push(JSON.parse(stdout.trim().split('\n').at(-1)!) as { coldStartMs: number; rssMb: number });
  }
  return {
    coldStartMs: median(runs.map((r) => r.coldStartMs)),
    rssMb: median(runs.map((r) => r.rssMb)),
    runsMs: runs.map((r) => Math.round(r.coldStartMs)),
  };
}

/** Peak resident memory (MB) of a command-line run, from GNU time's maximum RSS; null where /usr/bin/time is missing. */
async function peakRss(env: NodeJS.ProcessEnv, command: string, args: string[], input = ''): Promise<number | null> {
  if (!fs.existsSync('/usr/bin/time')) return null;
  const child = spawn('/usr/bin/time', ['-f', 'maxrss_kb=%M', command, ...args], {
    cwd: ROOT,
    env: { ...env, LOG_LEVEL: 'warn' },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.stdin.end(input);
  if ((await exited) !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${err}`);
  const kb = Number(/maxrss_kb=(\d+)/.exec(err)?.[1]);
  return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
}

/** The REPL and the CLI, compiled (as `npm run repl` / `npm run ask` run them) and, for comparison, under tsx. */
async function cliMemory(env: NodeJS.ProcessEnv) {
  const questions = [
    'Who leads the resistance in Panjshir?',
    'Who is Amrullah Saleh?',
    'How many fighters does the NRF have?',
    'What did Milley warn?',
    'Where is Anabah?',
  ];
  const node = process.execPath;
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
  const lines = questions.join('\n') + '\n';
  return {
    ask_compiled_peak_mb: await peakRss(env, node, ['dist/src/cli/ask.js', '--json'], lines),
    repl_compiled_peak_mb: await peakRss(env, node, ['dist/src/cli/repl.js'], lines + ':quit\n'),
    ask_tsx_peak_mb: await peakRss(env, tsx, ['src/cli/ask.ts', '--json'], lines),
  };
}

const USAGE = 'Usage: npm run bench -- [--json] [--backend local|postgres] [--vectors N] [--index-only]';

/** The command line: which backend, how many vectors, whether only the index is measured. */
function readOptions() {
  const { values } = parseCommandLine(
    {
      options: {
        json: { type: 'boolean', default: false },
        vectors: { type: 'string', default: '100000' },
        backend: { type: 'string', default: 'local' },
        // Only the vector-index measurement, for growth runs at other sizes (--vectors 10000 --index-only).
        'index-only': { type: 'boolean', default: false },
      },
    },
    USAGE,
  );
  if (values.backend !== 'local' && values.backend !== 'postgres')
    throw new UsageError(`--backend is local or postgres, not "${values.backend}"\n${USAGE}`);
  const vectors = Number(values.vectors);
  if (!Number.isInteger(vectors) || vectors < 1000)
    throw new UsageError(`--vectors is a whole number of at least 1000\n${USAGE}`);
  return { json: values.json, backend: values.backend as BackendName, vectors, indexOnly: values['index-only'] };
}

/** The settings for the chosen backend: postgres needs DATABASE_URL, local ignores it. */
function settingsFor(backend: BackendName): Settings {
  const settings = loadSettings();
  if (backend === 'postgres' && !settings.databaseUrl)
    throw new FriendlyError(
      '--backend postgres needs DATABASE_URL (`npm run db:start` starts a throwaway server and prints one).',
    );
  return { ...settings, databaseUrl: backend === 'postgres' ? settings.databaseUrl : null };
}

async function main(): Promise<void> {
  const options = readOptions();
  const settings = settingsFor(options.backend);
  const backend = benchBackend(options.backend, settings);
  const dossier = await Dossier.open(settings); // builds the index first if needed, so the cold start below is a real one
  if (options.indexOnly) {
    const stored = await backend.storedData();
    await dossier.close();
    const index = await backend.indexQuality(benchVectors(stored.vectors, stored.dim, options.vectors));
    const report = { backend: backend.name, index, model: settings.embedModel, load: loadAverage() };
    if (!options.json) console.log([header(report), ...indexLines(index)].join('\n'));
    console.log(JSON.stringify(report));
    return;
  }
  const env = childEnv(settings);
  const cold = await coldStart(env);
  const memory = { bot_rss_mb: Math.round(cold.rssMb), ...(await cliMemory(env)) };
  const query = await queryLatency(dossier);
  const stored = await backend.storedData();
  const ingest = await ingestRate(dossier.embedder, backend, stored.texts);
  const { weights, profile } = dossier.embedder;
  await dossier.close();
  const index = await backend.indexQuality(benchVectors(stored.vectors, stored.dim, options.vectors));
  const report = {
    backend: backend.name,
    query,
    ingest,
    index,
    cold_start_ms: Math.round(cold.coldStartMs),
    cold_start_runs_ms: cold.runsMs,
    rss_mb: Math.round(cold.rssMb),
    memory,
    model: settings.embedModel,
    dtype: profile.dtype,
    weights: weights ? { file: path.relative(ROOT, weights.file), sha256: weights.sha256 } : null,
    targets: {
      'ingest.peer_ratio >= 1.0': ingest.peer_ratio === null ? null : ingest.peer_ratio >= 1,
      'query.embed_p50_ms <= 5': query.embed_p50_ms <= 5,
      'query.p99_ms <= 15': query.p99_ms <= 15,
      'cold_start_ms <= 1000': cold.coldStartMs <= 1000,
    },
    load: loadAverage(),
  };
  if (!options.json) console.log(readable(report).join('\n'));
  console.log(JSON.stringify(report));
}

const loadAverage = () => os.loadavg().map((l) => round(l, 1));

function header(report: {
  backend: string;
  model: string;
  load: number[];
  dtype?: string;
  weights?: { sha256: string } | null;
}) {
  const weights = report.weights ? `, weights ${report.weights.sha256.slice(0, 12)}` : '';
  return `Dossier benchmark (${report.model}${report.dtype ? `, ${report.dtype}` : ''}${weights}, ${report.backend} backend, ${process.arch}, Node ${process.version}, load ${report.load.join(' ')})`;
}

function indexLines(i: IndexReport): string[] {
  const size = i.index_mb === undefined ? '' : `, index ${i.index_mb} MB`;
  return [
    `index      ${i.n} vectors: build ${i.build_s} s${size}; ef=${i.ef} M=${i.M}: recall@10 ${i['recall@10']}, search p50 ${i.search_p50_ms} ms`,
    ...i.sweep.map((s) => `             ef=${String(s.ef).padEnd(4)} recall@10 ${s['recall@10']}  p50 ${s.p50_ms} ms`),
  ];
}

type Report = Parameters<typeof header>[0] & {
  query: Awaited<ReturnType<typeof queryLatency>>;
  ingest: Awaited<ReturnType<typeof ingestRate>>;
  index: IndexReport;
  cold_start_ms: number;
  cold_start_runs_ms: number[];
  rss_mb: number;
  memory: { bot_rss_mb: number } & Awaited<ReturnType<typeof cliMemory>>;
  targets: Record<string, boolean | null>;
};

function readable(report: Report): string[] {
  const { query, ingest, memory } = report;
  return [
    header(report),
    `query      p50 ${query.p50_ms} ms  p95 ${query.p95_ms} ms  p99 ${query.p99_ms} ms  (${query.n} questions); 20 in flight: ${query.concurrent_qps} questions/s`,
    `embedding  one question: p50 ${query.embed_p50_ms} ms  p95 ${query.embed_p95_ms} ms`,
    `ingest     batched ${ingest.passages_per_s} passages/s on ${ingest.workers} worker threads (+${ingest.workers_rss_mb} MB; median of ${ingest.rounds} rounds: ${ingest.by_round.join(', ')})  naive ${ingest.naive_passages_per_s} passages/s; ${ingest.store} store writes ${ingest.store_write_passages_per_s} passages/s`,
    peerLine(ingest),
    ...indexLines(report.index),
    `cold start ${report.cold_start_ms} ms to the first answer (median of ${report.cold_start_runs_ms.join(', ')}; the bot's modules, discord.js included); RSS ${report.rss_mb} MB after warm-up`,
    `memory     bot ${memory.bot_rss_mb} MB after warm-up; peak: ask ${memory.ask_compiled_peak_mb} MB, REPL ${memory.repl_compiled_peak_mb} MB (compiled), ask under tsx ${memory.ask_tsx_peak_mb} MB`,
    `targets    ${Object.entries(report.targets)
      .map(([k, ok]) => `${k}: ${ok === null ? 'n/a' : ok ? 'met' : 'MISSED'}`)
      .join('; ')}`,
  ];
}

function peerLine(ingest: Report['ingest']): string {
  if (!('runtime' in ingest.peer)) return `peer       skipped: ${ingest.peer.skipped}`;
  const { peer } = ingest;
  const batches = Object.entries(peer.by_batch)
    .map(([b, r]) => `${b}: ${r}`)
    .join(', ');
  return `peer       ${peer.runtime}: ${ingest.peer_passages_per_s} passages/s (batch ${peer.best_batch}; medians ${batches}): Dossier ${ingest.peer_ratio}x`;
}

main().catch(exitWithError);
