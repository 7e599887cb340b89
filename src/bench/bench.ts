import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { parseCommandLine } from '../entry/args.ts';
import hnswlib from 'hnswlib-node';
import { loadSettings } from '../config.ts';
import { Dossier } from '../dossier.ts';
import { exitWithError } from '../entry/run.ts';
import { buildVectorIndex, DEFAULT_INDEX_PARAMS, LocalStore } from '../store/local.ts';
import { readQaSet } from '../datasets/qa.ts';
import { readSquad, sampleQuestions } from '../datasets/squad.ts';
import { gaussian, percentile, round, seededRandom } from './stats.ts';
import { dot } from '../text/vectors.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Questions users might ask: the seeds' question sets plus general questions (which mostly abstain). */
function benchQuestions(count: number, offset: number): string[] {
  const seeds = [
    ...readQaSet(path.join(ROOT, '../shared/eval/dev.jsonl')),
    ...readQaSet(path.join(ROOT, 'eval/heldout.jsonl')),
  ].map((q) => q.q);
  const general = sampleQuestions(readSquad(), 4 * count).map((q) => q.question);
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

const PYTHON = path.join(ROOT, '.cache/pyenv/bin/python');

/**
 * Ingest throughput on the same 1,000 seed passages: batched (what ingest does), one call per passage (the naive
 * way), and the peer: Python ONNX Runtime on the same texts with the same ONNX file (scripts/peer-embed.py, the
 * venv that `npm run models:offline` sets up), at its fastest batch size.
 */
async function ingestRate(dossier: Dossier, store: LocalStore) {
  const base = (await store.allPassages()).map((p) => p.text);
  const texts = Array.from({ length: Math.ceil(1000 / base.length) }, () => base)
    .flat()
    .slice(0, 1000);
  let t = performance.now();
  await dossier.embedder.embedPassages(texts);
  const batched = texts.length / ((performance.now() - t) / 1000);
  const naiveTexts = texts.slice(0, 300);
  t = performance.now();
  await dossier.embedder.embedOneByOne(naiveTexts);
  const naive = naiveTexts.length / ((performance.now() - t) / 1000);
  const peer = await peerRate(dossier, texts);
  return {
    passages: texts.length,
    passages_per_s: round(batched, 1),
    naive_passages: naiveTexts.length,
    naive_passages_per_s: round(naive, 1),
    peer_passages_per_s: peer?.passages_per_s ?? null,
    peer_ratio: peer ? round(batched / peer.passages_per_s, 2) : null,
    peer: peer
      ? {
          runtime: peer.runtime,
          by_batch: peer.by_batch,
          best_batch: peer.best_batch,
          max_cosine_gap: peer.max_cosine_gap,
        }
      : { skipped: peerSkipped(dossier) },
  };
}

function peerSkipped(dossier: Dossier): string | null {
  if (!dossier.embedder.weights) return 'the model file was not found on disk';
  if (!fs.existsSync(PYTHON)) return 'no Python venv: run `npm run models:offline` (it sets up .cache/pyenv)';
  return null;
}

interface PeerResult {
  runtime: string;
  by_batch: Record<string, number>;
  best_batch: number;
  passages_per_s: number;
  max_cosine_gap: number;
}

async function peerRate(dossier: Dossier, texts: string[]): Promise<PeerResult | null> {
  if (peerSkipped(dossier)) return null;
  const { file } = dossier.embedder.weights!;
  const { profile } = dossier.embedder;
  const job = {
    model: file,
    tokenizer: path.join(path.dirname(path.dirname(file)), 'tokenizer.json'),
    max_tokens: profile.maxTokens,
    texts: texts.map((t) => profile.passagePrefix + t),
    batch_sizes: [1, 8, 32],
    check: 5,
  };
  const child = spawn(PYTHON, [path.join(ROOT, 'scripts/peer-embed.py')], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.stdin.end(JSON.stringify(job));
  if ((await exited) !== 0) throw new Error('the peer (scripts/peer-embed.py) failed');
  const result = JSON.parse(out) as Omit<PeerResult, 'max_cosine_gap'> & { vectors: number[][] };
  // The same model and file must give the same vectors, or the comparison is meaningless. Compared one text per call
  // on both sides: dynamic int8 quantises activations per call, so a vector moves a little with its batch mates.
  const single = await dossier.embedder.embedOneByOne(texts.slice(0, result.vectors.length));
  const gap = Math.max(...result.vectors.map((v, i) => 1 - dot(Float32Array.from(v), single[i]!)));
  if (gap > 1e-3) throw new Error(`the peer's vectors differ from ours (cosine gap ${gap}): not the same model`);
  const { vectors: _, ...rest } = result;
  return { ...rest, max_cosine_gap: round(gap, 6) };
}

/**
 * 100,000 vectors made from the index's real passage and sentence vectors plus noise (then normalised), so the
 * data has the model's dimension and structure. Recall@10 against hnswlib's exact brute-force search.
 */
async function indexQuality(store: LocalStore, n = 100_000, queries = 500) {
  const dim = store.info.dim;
  const passages = await store.allPassages();
  const real: Float32Array[] = passages.map((p) => store.passageVector(p.id)!);
  for (const s of await store.sentences(passages.map((p) => p.id))) real.push(s.vector);
  const random = seededRandom(7);
  const noisy = () => {
    const base = real[Math.floor(random() * real.length)]!;
    const v = new Float32Array(dim);
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += (v[d] = base[d]! + 0.03 * gaussian(random)) ** 2;
    norm = Math.sqrt(norm);
    for (let d = 0; d < dim; d++) v[d]! /= norm;
    return v;
  };
  const vectors = Array.from({ length: n }, noisy);
  const probes = Array.from({ length: queries }, () => Array.from(noisy()));

  let t = performance.now();
  const index = buildVectorIndex(vectors, dim, DEFAULT_INDEX_PARAMS);
  const buildS = (performance.now() - t) / 1000;
  const exact = new hnswlib.BruteforceSearch('cosine', dim);
  exact.initIndex(n);
  vectors.forEach((v, i) => exact.addPoint(Array.from(v), i));
  const truth = probes.map((q) => new Set(exact.searchKnn(q, 10).neighbors));

  const sweep = [16, 32, 64, 128, 256].map((ef) => {
    index.setEf(ef);
    const times: number[] = [];
    let found = 0;
    probes.forEach((q, i) => {
      t = performance.now();
      const { neighbors } = index.searchKnn(q, 10);
      times.push(performance.now() - t);
      found += neighbors.filter((id) => truth[i]!.has(id)).length;
    });
    return { ef, recall: found / (10 * probes.length), p50: percentile(times, 50) };
  });
  // The smallest ef that meets recall 0.98: more ef only costs time.
  const chosen = sweep.find((s) => s.recall >= 0.98) ?? sweep.at(-1)!;
  return {
    n,
    build_s: round(buildS, 1),
    search_p50_ms: round(chosen.p50, 3),
    'recall@10': round(chosen.recall, 4),
    ef: chosen.ef,
    M: DEFAULT_INDEX_PARAMS.M,
    sweep: sweep.map((s) => ({ ef: s.ef, 'recall@10': round(s.recall, 4), p50_ms: round(s.p50, 3) })),
  };
}

/** The compiled program (`npm run build`), as `npm start` runs it: no TypeScript compiler in the way. */
async function coldStart() {
  const { stdout } = await run(process.execPath, [path.join(ROOT, 'dist/src/bench/cold-start.js')], {
    cwd: ROOT,
    env: process.env,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { coldStartMs: number; rssMb: number };
}

/** Peak resident memory (MB) of a command-line run, from GNU time's maximum RSS; null where /usr/bin/time is missing. */
async function peakRss(command: string, args: string[], input = ''): Promise<number | null> {
  if (!fs.existsSync('/usr/bin/time')) return null;
  const child = spawn('/usr/bin/time', ['-f', 'maxrss_kb=%M', command, ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn' },
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
async function cliMemory() {
  const questions = [
    'Who leads the resistance in Panjshir?',
    'Who is Amrullah Saleh?',
    'How many fighters does the NRF have?',
    'What did Milley warn?',
    'Where is Anabah?',
  ];
  const node = process.execPath;
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
  return {
    ask_compiled_peak_mb: await peakRss(node, ['dist/src/cli/ask.js', '--json'], questions.join('\n') + '\n'),
    repl_compiled_peak_mb: await peakRss(node, ['dist/src/cli/repl.js'], [...questions, ':quit'].join('\n') + '\n'),
    ask_tsx_peak_mb: await peakRss(tsx, ['src/cli/ask.ts', '--json'], questions.join('\n') + '\n'),
  };
}

async function main(): Promise<void> {
  const { values } = parseCommandLine(
    { options: { json: { type: 'boolean', default: false }, vectors: { type: 'string', default: '100000' } } },
    'Usage: npm run bench -- [--json] [--vectors N]',
  );
  const settings = loadSettings();
  const dossier = await Dossier.open(settings); // builds the index first if needed, so the cold start below is a real one
  const cold = await coldStart();
  const memory = { bot_rss_mb: Math.round(cold.rssMb), ...(await cliMemory()) };
  const query = await queryLatency(dossier);
  // The bench reads the stored vectors directly: real data of the model's dimension and structure.
  const store = LocalStore.open(settings.indexDir);
  const ingest = await ingestRate(dossier, store);
  const index = await indexQuality(store, Number(values.vectors));
  const { weights, profile } = dossier.embedder;
  await dossier.close();
  const report = {
    query,
    ingest,
    index,
    cold_start_ms: Math.round(cold.coldStartMs),
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
    load: os.loadavg().map((l) => round(l, 1)),
  };
  if (!values.json) {
    console.log(
      `Dossier benchmark (${report.model}, ${report.dtype}, weights ${report.weights?.sha256.slice(0, 12) ?? '?'}, ${process.arch}, Node ${process.version}, load ${report.load.join(' ')})`,
    );
    console.log(
      `query      p50 ${query.p50_ms} ms  p95 ${query.p95_ms} ms  p99 ${query.p99_ms} ms  (${query.n} questions); 20 in flight: ${query.concurrent_qps} questions/s`,
    );
    console.log(`embedding  one question: p50 ${query.embed_p50_ms} ms  p95 ${query.embed_p95_ms} ms`);
    console.log(
      `ingest     batched ${ingest.passages_per_s} passages/s  naive ${ingest.naive_passages_per_s} passages/s  (${round(ingest.passages_per_s / ingest.naive_passages_per_s, 1)}x)`,
    );
    if (ingest.peer_ratio !== null) {
      const peer = ingest.peer as { runtime: string; by_batch: Record<string, number>; best_batch: number };
      console.log(
        `peer       ${peer.runtime}: ${ingest.peer_passages_per_s} passages/s (batch ${peer.best_batch}; ${Object.entries(
          peer.by_batch,
        )
          .map(([b, r]) => `${b}: ${r}`)
          .join(', ')}): Dossier ${ingest.peer_ratio}x`,
      );
    } else console.log(`peer       skipped: ${(ingest.peer as { skipped: string }).skipped}`);
    console.log(
      `index      ${index.n} vectors: build ${index.build_s} s; ef=${index.ef} M=${index.M}: recall@10 ${index['recall@10']}, search p50 ${index.search_p50_ms} ms`,
    );
    for (const s of index.sweep)
      console.log(`             ef=${String(s.ef).padEnd(4)} recall@10 ${s['recall@10']}  p50 ${s.p50_ms} ms`);
    console.log(`cold start ${report.cold_start_ms} ms to the first answer; RSS ${report.rss_mb} MB after warm-up`);
    console.log(
      `memory     bot ${memory.bot_rss_mb} MB after warm-up; peak: ask ${memory.ask_compiled_peak_mb} MB, REPL ${memory.repl_compiled_peak_mb} MB (compiled), ask under tsx ${memory.ask_tsx_peak_mb} MB`,
    );
    console.log(
      `targets    ${Object.entries(report.targets)
        .map(([k, ok]) => `${k}: ${ok === null ? 'n/a' : ok ? 'met' : 'MISSED'}`)
        .join('; ')}`,
    );
  }
  console.log(JSON.stringify(report));
}

main().catch(exitWithError);
