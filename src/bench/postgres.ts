import { PostgresStore, connect } from '../store/postgres/store.ts';
import { DEFAULT_HNSW, withIngestLock } from '../store/postgres/writer.ts';
import type { Generation } from '../store/store.ts';
import { round } from './stats.ts';
import { benchGeneration, EF_SWEEP, measureEf, summariseSweep, type BenchVectors } from './vectors.ts';

export async function dropSchema(url: string, schema: string): Promise<void> {
  const db = await connect(url, { schema });
  try {
    await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await db.close();
  }
}

/**
 * Writes `generation` as the live generation of a fresh `schema` (rows + HNSW build in the ingest transaction), as
 * ingest does. Returns seconds in total and for the HNSW build; the caller drops the schema.
 */
export async function writeGeneration(
  url: string,
  schema: string,
  generation: Generation,
): Promise<{ seconds: number; indexSeconds: number; generation: number }> {
  await dropSchema(url, schema);
  const db = await connect(url, { schema });
  try {
    const started = performance.now();
    const report = await withIngestLock(db, (writer) => writer.write(generation, DEFAULT_HNSW));
    const seconds = (performance.now() - started) / 1000;
    return { seconds, indexSeconds: report.indexSeconds, generation: Number(report.generation) };
  } finally {
    await db.close();
  }
}

async function indexBytes(url: string, schema: string, generation: number): Promise<number> {
  const db = await connect(url, { schema });
  try {
    const { rows } = await db.query<{ bytes: string }>(
      `SELECT pg_relation_size('passages_hnsw_g${generation}')::text AS bytes`,
    );
    return Number(rows[0]!.bytes);
  } finally {
    await db.close();
  }
}

/**
 * pgvector at scale, measured as the product searches: the vectors written as one generation (insert + HNSW build
 * in the ingest transaction), then k=10 searches through PostgresStore.knn (client round trip included) at each
 * ef_search, recall@10 against the exact neighbours.
 */
export async function pgIndexQuality(url: string, data: BenchVectors) {
  const schema = 'bench_index';
  try {
    const write = await writeGeneration(url, schema, benchGeneration(data.vectors, data.dim, 'index'));
    const bytes = await indexBytes(url, schema, write.generation);
    const sweep = [];
    for (const ef of EF_SWEEP) {
      const store = await PostgresStore.open(url, { schema, efSearch: ef });
      for (const q of data.probes.slice(0, 20)) await store.knn(q, 10); // warm the index pages into shared buffers
      sweep.push(
        await measureEf(data, ef, async (probe) => (await store.knn(probe, 10)).map((h) => Number(h.id.slice(1)))),
      );
      await store.close();
    }
    return {
      n: data.vectors.length,
      write_s: round(write.seconds, 1),
      build_s: round(write.indexSeconds, 1),
      index_mb: round(bytes / 2 ** 20, 1),
      M: DEFAULT_HNSW.M,
      ...summariseSweep(sweep),
    };
  } finally {
    await dropSchema(url, schema);
  }
}
