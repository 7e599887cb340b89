import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import hnswlib from 'hnswlib-node';
import { loadSettings } from '../config.ts';
import { Dossier } from '../dossier.ts';
import { exitWithError } from '../entry/run.ts';
import fs from 'node:fs';
import os from 'node:os';
import { buildVectorIndex, DEFAULT_INDEX_PARAMS, LocalStore } from '../store/local.ts';
import { PostgresStore } from '../store/postgres/store.ts';
import type { Generation } from '../store/store.ts';
import { FriendlyError } from '../errors.ts';
import { pgIndexQuality, writeGeneration } from './postgres.ts';
import { readQaSet } from '../datasets/qa.ts';
import { readSquad, sampleQuestions } from '../datasets/squad.ts';
import { gaussian, percentile, round, seededRandom } from './stats.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Questions users might ask: the seeds' question sets plus general questions (which mostly abstain). */
function benchQuestions(count: number, offset: number): string[] {
  const seeds = [...readQaSet(path.join(ROOT, '../shared/eval/dev.jsonl')), ...readQaSet(path.join(ROOT, 'eval/heldout.jsonl'))].map((q) => q.q);
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
  return { n: questions.length, p50_ms: round(percentile(times, 50)), p95_ms: round(percentile(times, 95)), p99_ms: round(percentile(times, 99)), concurrent_qps: round(concurrent.length / seconds, 1) };
}

type Backend = 'local' | 'postgres';

/** Model throughput (batched vs one by one), then the store's: writing those passages as a new generation. */
async function ingestRate(dossier: Dossier, store: VectorSource, backend: Backend, databaseUrl: string | null) {
  const base = (await store.allPassages()).map((p) => p.text);
  const texts = Array.from({ length: Math.ceil(2000 / base.length) }, () => base).flat().slice(0, 2000);
  let t = performance.now();
  const vectors = await dossier.embedder.embedPassages(texts);
  const batched = texts.length / ((performance.now() - t) / 1000);
  const generation: Generation = {
    model: 'bench',
    embedding: 'bench',
    dim: dossier.embedder.dim,
    fingerprint: 'bench',
    articles: [],
    passages: texts.map((text, i) => ({ id: `b${i}`, articleId: 'bench', paragraph: 1, start: 0, end: text.length, text, caption: false })),
    passageVectors: vectors,
    sentences: [],
    sentenceVectors: [],
    people: [],
  };
  t = performance.now();
  if (backend === 'postgres') await writeGeneration(databaseUrl!, 'bench_ingest', generation);
  else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-'));
    LocalStore.write(dir, generation);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const stored = texts.length / ((performance.now() - t) / 1000);
  const naiveTexts = texts.slice(0, 500);
  t = performance.now();
  await dossier.embedder.embedOneByOne(naiveTexts);
  const naive = naiveTexts.length / ((performance.now() - t) / 1000);
  return { passages: texts.length, passages_per_s: round(batched, 1), naive_passages: naiveTexts.length, naive_passages_per_s: round(naive, 1), store_write_passages_per_s: round(stored, 1) };
}

/**
 * 100,000 vectors made from the index's real passage and sentence vectors plus noise (then normalised), so the
 * data has the model's dimension and structure. Recall@10 against hnswlib's exact brute-force search.
 */
interface VectorSource {
  info: { dim: number };
  allPassages: LocalStore['allPassages'];
  sentences: LocalStore['sentences'];
  /** Every stored passage vector. */
  allVectors(): Promise<Float32Array[]>;
}

/** The stored vectors of either backend: real data of the model's dimension and structure. */
async function vectorSource(backend: Backend, settings: ReturnType<typeof loadSettings>): Promise<VectorSource & { close(): Promise<void> }> {
  if (backend === 'postgres') {
    const store = await PostgresStore.open(settings.databaseUrl!, { schema: settings.databaseSchema });
    return Object.assign(store, { allVectors: async () => [...(await store.passageVectors()).values()] });
  }
  const store = LocalStore.open(settings.indexDir);
  return Object.assign(store, { allVectors: async () => (await store.allPassages()).map((p) => store.passageVector(p.id)!) });
}

async function indexQuality(store: VectorSource, backend: Backend, databaseUrl: string | null, n = 100_000, queries = 500) {
  const dim = store.info.dim;
  const passages = await store.allPassages();
  const real: Float32Array[] = await store.allVectors();
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
  const probeVectors = Array.from({ length: queries }, noisy);
  const probes = probeVectors.map((v) => Array.from(v));

  const exact = new hnswlib.BruteforceSearch('cosine', dim);
  exact.initIndex(n);
  vectors.forEach((v, i) => exact.addPoint(Array.from(v), i));
  const truth = probes.map((q) => new Set(exact.searchKnn(q, 10).neighbors));
  if (backend === 'postgres') return pgIndexQuality(databaseUrl!, vectors, dim, probeVectors, truth, [16, 32, 64, 128, 256]);

  let t = performance.now();
  const index = buildVectorIndex(vectors, dim, DEFAULT_INDEX_PARAMS);
  const buildS = (performance.now() - t) / 1000;

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
async function coldStart(databaseUrl: string | null) {
  const env = { ...process.env, DATABASE_URL: databaseUrl ?? '' };
  const { stdout } = await run(process.execPath, [path.join(ROOT, 'dist/src/bench/cold-start.js')], { cwd: ROOT, env });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { coldStartMs: number; rssMb: number };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      vectors: { type: 'string', default: '100000' },
      backend: { type: 'string', default: 'local' },
      // Only the vector-index measurement (for growth runs at other sizes: --vectors 10000 --index-only).
      'index-only': { type: 'boolean', default: false },
    },
  });
  const backend = values.backend as Backend;
  if (!['local', 'postgres'].includes(backend)) throw new FriendlyError('--backend is local or postgres');
  const loaded = loadSettings();
  if (backend === 'postgres' && !loaded.databaseUrl) throw new FriendlyError('--backend postgres needs DATABASE_URL (`npm run db:start` starts a server and prints one).');
  const settings = { ...loaded, databaseUrl: backend === 'postgres' ? loaded.databaseUrl : null };
  const dossier = await Dossier.open(settings); // builds the index first if needed, so the cold start below is a real one
  if (values['index-only']) {
    const store = await vectorSource(backend, settings);
    const index = await indexQuality(store, backend, settings.databaseUrl, Number(values.vectors));
    await store.close();
    await dossier.close();
    console.log(JSON.stringify({ backend, index, model: settings.embedModel }));
    return;
  }
  const cold = await coldStart(settings.databaseUrl);
  const query = await queryLatency(dossier);
  // The bench reads the stored vectors directly: real data of the model's dimension and structure.
  const store = await vectorSource(backend, settings);
  const ingest = await ingestRate(dossier, store, backend, settings.databaseUrl);
  const index = await indexQuality(store, backend, settings.databaseUrl, Number(values.vectors));
  await store.close();
  await dossier.close();
  const report = {
    backend,
    query,
    ingest,
    index,
    cold_start_ms: Math.round(cold.coldStartMs),
    rss_mb: Math.round(cold.rssMb),
    model: settings.embedModel,
  };
  if (!values.json) {
    console.log(`Dossier benchmark (${report.model}, ${backend} backend, ${process.arch}, Node ${process.version})`);
    console.log(`query      p50 ${query.p50_ms} ms  p95 ${query.p95_ms} ms  p99 ${query.p99_ms} ms  (${query.n} questions); 20 in flight: ${query.concurrent_qps} questions/s`);
    console.log(`ingest     batched ${ingest.passages_per_s} passages/s  naive ${ingest.naive_passages_per_s} passages/s  (${round(ingest.passages_per_s / ingest.naive_passages_per_s, 1)}x); store writes ${ingest.store_write_passages_per_s} passages/s`);
    console.log(`index      ${index.n} vectors: build ${index.build_s} s; ef=${index.ef} M=${index.M}: recall@10 ${index['recall@10']}, search p50 ${index.search_p50_ms} ms`);
    for (const s of index.sweep) console.log(`             ef=${String(s.ef).padEnd(4)} recall@10 ${s['recall@10']}  p50 ${s.p50_ms} ms`);
    console.log(`cold start ${report.cold_start_ms} ms to the first answer; RSS ${report.rss_mb} MB after warm-up`);
  }
  console.log(JSON.stringify(report));
}

main().catch(exitWithError);
