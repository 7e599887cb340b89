/** The two stores the bench measures, behind one small interface: the rest of the bench doesn't know which it has. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Settings } from '../config.ts';
import { buildVectorIndex, DEFAULT_INDEX_PARAMS, LocalStore } from '../store/local.ts';
import { PostgresStore } from '../store/postgres/store.ts';
import type { Generation, Store } from '../store/store.ts';
import { dropSchema, pgIndexQuality, writeGeneration } from './postgres.ts';
import { round } from './stats.ts';
import { EF_SWEEP, measureEf, summariseSweep, type BenchVectors, type IndexReport } from './vectors.ts';

export type BackendName = 'local' | 'postgres';

export interface BenchBackend {
  readonly name: BackendName;
  /** The stored passages' texts and the model's real vectors (passages and sentences), read from this store. */
  storedData(): Promise<{ texts: string[]; vectors: Float32Array[]; dim: number }>;
  /** Seconds to write `generation` the way this backend's ingest does. */
  writeSeconds(generation: Generation): Promise<number>;
  /** Build an index of the vectors, then recall@10 and search p50 at each ef. */
  indexQuality(data: BenchVectors): Promise<IndexReport>;
}

export function benchBackend(name: BackendName, settings: Settings): BenchBackend {
  return name === 'postgres' ? postgresBackend(settings.databaseUrl!, settings.databaseSchema) : localBackend(settings);
}

/** Texts and vectors (passages, then their sentences) of a store, given how it hands out passage vectors. */
async function readStored(store: Store, passageVectors: (ids: string[]) => Promise<Float32Array[]>) {
  const passages = await store.allPassages();
  const ids = passages.map((p) => p.id);
  const sentences = await store.sentences(ids);
  const vectors = [...(await passageVectors(ids)), ...sentences.map((s) => s.vector)];
  return { texts: passages.map((p) => p.text), vectors, dim: vectors[0]!.length };
}

function localBackend(settings: Settings): BenchBackend {
  return {
    name: 'local',
    async storedData() {
      const store = LocalStore.open(settings.indexDir);
      return readStored(store, async (ids) => ids.map((id) => store.passageVector(id)!));
    },
    async writeSeconds(generation) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-'));
      try {
        const started = performance.now();
        LocalStore.write(dir, generation);
        return (performance.now() - started) / 1000;
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    async indexQuality(data) {
      const started = performance.now();
      const index = buildVectorIndex(data.vectors, data.dim, DEFAULT_INDEX_PARAMS);
      const buildS = (performance.now() - started) / 1000;
      const probes = data.probes.map((p) => Array.from(p)); // hnswlib takes plain arrays: converted outside the timing
      const sweep = [];
      for (const ef of EF_SWEEP) {
        index.setEf(ef);
        sweep.push(await measureEf(data, ef, (_, i) => index.searchKnn(probes[i]!, 10).neighbors));
      }
      return { n: data.vectors.length, build_s: round(buildS, 1), M: DEFAULT_INDEX_PARAMS.M, ...summariseSweep(sweep) };
    },
  };
}

function postgresBackend(url: string, schema: string): BenchBackend {
  return {
    name: 'postgres',
    async storedData() {
      const store = await PostgresStore.open(url, { schema });
      try {
        return await readStored(store, async (ids) => {
          const byId = await store.passageVectors(ids);
          return ids.map((id) => byId.get(id)!);
        });
      } finally {
        await store.close();
      }
    },
    async writeSeconds(generation) {
      try {
        return (await writeGeneration(url, 'bench_ingest', generation)).seconds;
      } finally {
        await dropSchema(url, 'bench_ingest');
      }
    },
    indexQuality: (data) => pgIndexQuality(url, data),
  };
}
