import { PostgresStore, connect } from '../store/postgres/store.ts';
import { DEFAULT_HNSW, withIngestLock } from '../store/postgres/writer.ts';
import type { Generation } from '../store/store.ts';
import { percentile, round } from './stats.ts';

/** A generation of bare vectors (no articles, no sentences): what the index measurements need. */
function vectorsOnly(vectors: Float32Array[], dim: number, tag: string): Generation {
  return {
    model: 'bench',
    embedding: 'bench',
    dim,
    fingerprint: `${tag}-${vectors.length}`,
    articles: [],
    passages: vectors.map((_, i) => ({
      id: `v${i}`,
      articleId: 'bench',
      paragraph: 1,
      start: 0,
      end: 0,
      text: '',
      caption: false,
    })),
    passageVectors: vectors,
    sentences: [],
    sentenceVectors: [],
    people: [],
  };
}

/** Writes `generation` as a new live generation of `schema`; returns seconds in total and for the HNSW build. */
export async function writeGeneration(
  url: string,
  schema: string,
  generation: Generation,
): Promise<{ seconds: number; indexSeconds: number }> {
  const db = await connect(url, { schema });
  try {
    const started = performance.now();
    const report = await withIngestLock(db, (writer) => writer.write(generation, DEFAULT_HNSW));
    return { seconds: (performance.now() - started) / 1000, indexSeconds: report.indexSeconds };
  } finally {
    await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await db.close();
  }
}

/**
 * pgvector at scale, measured as the product searches: n vectors written as one generation (insert + HNSW build
 * in the ingest transaction), then k=10 searches through PostgresStore.knn (client round trip included) at each
 * ef_search, recall@10 against the exact neighbours `truth`.
 */
export async function pgIndexQuality(
  url: string,
  vectors: Float32Array[],
  dim: number,
  probes: Float32Array[],
  truth: Array<Set<number>>,
  sweep: number[],
) {
  const schema = 'bench_index';
  const db = await connect(url, { schema });
  let build: { seconds: number; indexSeconds: number; bytes: number };
  try {
    await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await db.close();
  }
  {
    const setup = await connect(url, { schema });
    const started = performance.now();
    const report = await withIngestLock(setup, (writer) =>
      writer.write(vectorsOnly(vectors, dim, 'index'), DEFAULT_HNSW),
    );
    const size = await setup.query<{ bytes: string }>(
      `SELECT pg_relation_size('passages_hnsw_g${Number(report.generation)}')::text AS bytes`,
    );
    build = {
      seconds: (performance.now() - started) / 1000,
      indexSeconds: report.indexSeconds,
      bytes: Number(size.rows[0]!.bytes),
    };
    await setup.close();
  }
  const results = [];
  for (const ef of sweep) {
    const store = await PostgresStore.open(url, { schema, efSearch: ef });
    for (const q of probes.slice(0, 20)) await store.knn(q, 10); // warm the index pages into shared buffers
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < probes.length; i++) {
      const t = performance.now();
      const hits = await store.knn(probes[i]!, 10);
      times.push(performance.now() - t);
      found += hits.filter((h) => truth[i]!.has(Number(h.id.slice(1)))).length;
    }
    await store.close();
    results.push({ ef, recall: found / (10 * probes.length), p50: percentile(times, 50) });
  }
  const cleanup = await connect(url, { schema });
  await cleanup.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await cleanup.close();
  const chosen = results.find((s) => s.recall >= 0.98) ?? results.at(-1)!;
  return {
    n: vectors.length,
    write_s: round(build.seconds, 1),
    build_s: round(build.indexSeconds, 1),
    index_mb: round(build.bytes / 2 ** 20, 1),
    search_p50_ms: round(chosen.p50, 3),
    'recall@10': round(chosen.recall, 4),
    ef: chosen.ef,
    M: DEFAULT_HNSW.M,
    sweep: results.map((s) => ({ ef: s.ef, 'recall@10': round(s.recall, 4), p50_ms: round(s.p50, 3) })),
  };
}
