/**
 * The vector-index measurement's data, the same for both backends: n vectors made from the index's real passage and
 * sentence vectors plus noise (then normalised), so the data has the model's dimension and structure, with probes
 * and their exact 10 nearest neighbours (hnswlib's brute-force search).
 */
import hnswlib from 'hnswlib-node';
import type { Generation } from '../store/store.ts';
import { gaussian, percentile, round, seededRandom } from './stats.ts';

export interface BenchVectors {
  dim: number;
  vectors: Float32Array[];
  probes: Float32Array[];
  /** The ids (indices into `vectors`) of each probe's exact 10 nearest neighbours. */
  truth: Array<Set<number>>;
}

/** The ef_search values every backend is measured at. */
export const EF_SWEEP = [16, 32, 64, 128, 256];

export function benchVectors(real: Float32Array[], dim: number, n: number, queries = 500): BenchVectors {
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
  const probes = Array.from({ length: queries }, noisy);
  const exact = new hnswlib.BruteforceSearch('cosine', dim);
  exact.initIndex(n);
  vectors.forEach((v, i) => exact.addPoint(Array.from(v), i));
  const truth = probes.map((q) => new Set(exact.searchKnn(Array.from(q), 10).neighbors));
  return { dim, vectors, probes, truth };
}

/**
 * Recall@10 and search p50 of k=10 searches at one ef, `search` giving the neighbours' indices. Probes run one at a
 * time, so the time is one query's latency.
 */
export async function measureEf(
  data: BenchVectors,
  ef: number,
  search: (probe: Float32Array, i: number) => Promise<number[]> | number[],
): Promise<{ ef: number; recall: number; p50: number }> {
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < data.probes.length; i++) {
    const t = performance.now();
    const neighbours = await search(data.probes[i]!, i);
    times.push(performance.now() - t);
    found += neighbours.filter((id) => data.truth[i]!.has(id)).length;
  }
  return { ef, recall: found / (10 * data.probes.length), p50: percentile(times, 50) };
}

/** What either backend reports about its index at n vectors. */
export interface IndexReport extends ReturnType<typeof summariseSweep> {
  n: number;
  /** Seconds to build the index (for postgres: the HNSW build inside the write). */
  build_s: number;
  M: number;
  /** Postgres only: the whole write (rows + index) and the index's size on disk. */
  write_s?: number;
  index_mb?: number;
}

/** The smallest ef that meets recall 0.98 (more ef only costs time), and the whole sweep. */
export function summariseSweep(sweep: Array<{ ef: number; recall: number; p50: number }>) {
  const chosen = sweep.find((s) => s.recall >= 0.98) ?? sweep.at(-1)!;
  return {
    search_p50_ms: round(chosen.p50, 3),
    'recall@10': round(chosen.recall, 4),
    ef: chosen.ef,
    sweep: sweep.map((s) => ({ ef: s.ef, 'recall@10': round(s.recall, 4), p50_ms: round(s.p50, 3) })),
  };
}

/** A generation of passages with these vectors and texts (no articles, no sentences): what a store write needs. */
export function benchGeneration(vectors: Float32Array[], dim: number, tag: string, texts: string[] = []): Generation {
  return {
    model: 'bench',
    embedding: 'bench',
    dim,
    fingerprint: `${tag}-${vectors.length}`,
    articles: [],
    passages: vectors.map((_, i) => {
      const text = texts[i] ?? '';
      return { id: `v${i}`, articleId: 'bench', paragraph: 1, start: 0, end: text.length, text, caption: false };
    }),
    passageVectors: vectors,
    sentences: [],
    sentenceVectors: [],
    people: [],
  };
}
