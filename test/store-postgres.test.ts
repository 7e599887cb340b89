import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Embedder } from '../src/embed/embedder.ts';
import { ingest } from '../src/ingest/ingest.ts';
import { staleLive } from '../src/ingest/stale.ts';
import { LocalStore } from '../src/store/local.ts';
import { closePglite, openDb } from '../src/store/postgres/db.ts';
import { migrate, MIGRATIONS, SCHEMA_VERSION } from '../src/store/postgres/schema.ts';
import { connect, liveGeneration, PostgresStore } from '../src/store/postgres/store.ts';
import { IngestBusyError, INGEST_LOCK, withIngestLock } from '../src/store/postgres/writer.ts';
import type { Store } from '../src/store/store.ts';
import { PgFullText } from '../src/store/postgres/fulltext.ts';
import { Dossier } from '../src/dossier.ts';
import { ROOT, SEEDS_DIR, TEST_MODEL, TEST_MODELS_DIR, tempDir, testSettings } from './helpers.ts';

/**
 * The postgres backend, on PGlite (in-process, always) and on a real server when TEST_DATABASE_URL is set
 * (`.ci/run` starts one with `npm run db:start`). Each run uses its own schema, dropped at the end.
 */
const SERVER = process.env.TEST_DATABASE_URL;
const targets: Array<{ name: string; url: string | undefined }> = [
  { name: 'PGlite', url: 'pglite:memory:store-test' },
  { name: 'PostgreSQL server', url: SERVER },
];

let embedder: Embedder;
const localDir = tempDir('pg-local');
let local: LocalStore;

beforeAll(async () => {
  embedder = await Embedder.load({
    modelId: TEST_MODEL,
    modelsDir: TEST_MODELS_DIR,
    allowRemoteModels: false,
    cacheDir: tempDir('cache'),
  });
  await ingest({ seedsDir: SEEDS_DIR, indexDir: localDir }, embedder);
  local = LocalStore.open(localDir);
});
afterAll(async () => {
  await embedder.dispose();
  await closePglite();
});

const rounded = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_, v) => (typeof v === 'number' ? Math.round(v * 1e5) / 1e5 : v)));

const schemaName = (tag: string) => `t_${tag}_${process.pid}_${Date.now() % 100000}`;

async function dropSchema(url: string, schema: string) {
  const db = await openDb(url, { schema });
  await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db.close();
}

for (const target of targets) {
  describe.skipIf(!target.url)(`postgres backend on ${target.name}`, () => {
    const url = target.url!;
    const schema = schemaName(target.name === 'PGlite' ? 'lite' : 'srv');
    const opts = { seedsDir: SEEDS_DIR, indexDir: localDir, databaseUrl: url, databaseSchema: schema };
    let store: PostgresStore;

    beforeAll(async () => {
      await ingest(opts, embedder);
      store = await PostgresStore.open(url, { schema });
    });
    afterAll(async () => {
      await store?.close();
      await dropSchema(url, schema);
    });

    it('runs the versioned migrations once', async () => {
      const db = await openDb(url, { schema });
      expect(await migrate(db, schema)).toEqual([]); // already applied on connect
      const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((m) => m.version));
      expect(MIGRATIONS.at(-1)!.version).toBe(SCHEMA_VERSION);
      await db.close();
    });

    it('holds what the local backend holds: articles, passages, sentences with their vectors, people', async () => {
      expect(store.info).toMatchObject({
        model: local.info.model,
        embedding: local.info.embedding,
        dim: local.info.dim,
        fingerprint: local.info.fingerprint,
      });
      expect(await store.articles()).toEqual(await local.articles());
      const passages = await local.allPassages();
      expect(await store.allPassages()).toEqual(passages);
      expect(await store.people()).toEqual(await local.people());
      const ids = passages.slice(0, 12).map((p) => p.id);
      const [mine, theirs] = [await store.sentences(ids), await local.sentences(ids)];
      expect(mine.map(({ vector, ...s }) => s)).toEqual(theirs.map(({ vector, ...s }) => s));
      mine.forEach((s, i) => expect(Array.from(s.vector)).toEqual(Array.from(theirs[i]!.vector))); // float4 round trip is exact
      expect((await store.passages([ids[3]!, 'nope', ids[1]!])).map((p) => p.id)).toEqual([ids[3], ids[1]]);
    });

    it('finds the same nearest passages with the same cosines', async () => {
      const passages = await local.allPassages();
      for (const probe of [passages[5]!, passages[60]!, passages[140]!]) {
        const query = await embedder.embedQuery(probe.text.slice(0, 80));
        const [mine, theirs] = [await store.knn(query, 10), await local.knn(query, 10)];
        expect(mine.map((h) => h.id)).toEqual(theirs.map((h) => h.id));
        mine.forEach((h, i) => expect(h.score).toBeCloseTo(theirs[i]!.score, 5));
        const ids = theirs.map((h) => h.id);
        const [a, b] = [await store.similarity(query, [...ids, 'missing']), await local.similarity(query, ids)];
        expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
        for (const [id, score] of b) expect(a.get(id)).toBeCloseTo(score, 5);
      }
      expect((await store.knn(await embedder.embedQuery('taliban'), 120)).length).toBe(120); // beyond ef_search
    });

    it('answers exactly as the local backend', async () => {
      const onLocal = await Dossier.open(testSettings(localDir));
      const onPg = await Dossier.open(testSettings(localDir, { DATABASE_URL: url, DATABASE_SCHEMA: schema }));
      for (const q of [
        'Who leads the NRF?',
        'Where is the Panjshir valley?',
        'What did Amrullah Saleh say?',
        'What is the capital of Peru?',
      ]) {
        const [a, b] = [await onLocal.ask(q), await onPg.ask(q)];
        // pgvector sums the inner product in single precision: cosines agree to ~1e-7, everything else exactly.
        expect(rounded({ ...b, ms: 0 })).toEqual(rounded({ ...a, ms: 0 }));
      }
      expect(onPg.who('Massoud')).toEqual(onLocal.who('Massoud'));
      expect(onPg.sources()).toEqual(onLocal.sources());
      await Promise.all([onLocal.close(), onPg.close()]);
    });

    it('also offers Postgres full-text search over the passages (measured against BM25 in eval:beir)', async () => {
      const fullText = await PgFullText.of(store);
      const hits = await fullText.search('Who leads the resistance in Panjshir?', 5);
      expect(hits.length).toBe(5);
      const text = new Map((await store.passages(hits.map((h) => h.id))).map((p) => [p.id, p.text]));
      expect(hits.every((h) => /panjshir|resist|lead/i.test(text.get(h.id)!))).toBe(true);
      expect(await fullText.search('the of and', 5)).toEqual([]); // only stop words
    });

    it('knows when the live generation is stale', async () => {
      const live = await liveGeneration(store.db);
      expect(staleLive(live, SEEDS_DIR, embedder)).toBeNull();
      expect(staleLive(live, SEEDS_DIR, { modelId: 'Xenova/all-MiniLM-L6-v2', signature: 'x' })).toMatch(
        /model changed/,
      );
      const other = tempDir('other-seeds');
      fs.writeFileSync(path.join(other, 'one.txt'), 'One article\n\nAnother corpus altogether.\n');
      expect(staleLive(live, other, embedder)).toMatch(/articles changed/);
      expect(staleLive(null, SEEDS_DIR, embedder)).toMatch(/nothing has been ingested/);
    });

    it('keeps readers on their generation until a new one is live, then hands it over; old ones are deleted', async () => {
      const first = store.info.generation;
      const seen: Store[] = [];
      const stop = await store.follow((next) => void seen.push(next));
      const report = await ingest(opts, embedder, undefined, { reuse: true });
      expect(report.generation).not.toBe(first);
      // The pinned view still reads its own generation's rows.
      expect(await store.generation()).toBe(first);
      expect((await store.allPassages()).length).toBe((await local.allPassages()).length);
      await expect.poll(() => seen.length, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(seen.at(-1)!.info.generation).toBe(report.generation);
      expect(await seen.at(-1)!.allPassages()).toEqual(await store.allPassages());
      // A third build deletes the first; the second stays (readers may still be switching to the third).
      const third = await ingest(opts, embedder);
      expect('removed' in third && third.removed).toEqual([first]);
      const { rows } = await store.db.query<{ id: string; state: string }>(
        'SELECT id::text AS id, state FROM generations ORDER BY id',
      );
      expect(rows).toEqual([
        { id: report.generation, state: 'old' },
        { id: third.generation, state: 'live' },
      ]);
      await expect.poll(() => seen.at(-1)!.info.generation, { timeout: 10_000 }).toBe(third.generation);
      stop();
    });

    it('skips a build another process already did (ifStale), and reuses stored vectors', async () => {
      const before = (await liveGeneration(store.db))!.id;
      const again = await ingest(opts, embedder, undefined, { ifStale: true });
      expect(again).toMatchObject({ skipped: true, generation: before });
    });
  });
}

describe.skipIf(!SERVER)('postgres backend on a server: several processes', () => {
  const url = SERVER!;
  const schema = schemaName('multi');
  const opts = { seedsDir: SEEDS_DIR, indexDir: localDir, databaseUrl: url, databaseSchema: schema };

  beforeAll(async () => {
    await ingest(opts, embedder);
  });
  afterAll(() => dropSchema(url, schema));

  it('lets one ingest write at a time: a second says who holds the lock, or waits for it', async () => {
    const db = await connect(url, { schema });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const acquired = new Promise<void>((r) => (locked = r));
    const holder = withIngestLock(db, async () => {
      locked();
      await held;
    });
    await acquired;
    const busy = await ingest(opts, embedder, undefined, { wait: false }).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(IngestBusyError);
    expect((busy as Error).message).toMatch(new RegExp(`held by "dossier .* pid ${process.pid}", server pid \\d+`));
    const waits: string[] = [];
    const waiting = ingest(opts, embedder, undefined, { ifStale: true, onWait: (h) => waits.push(h) });
    await expect.poll(() => waits.length, { timeout: 10_000 }).toBe(1);
    release();
    await holder;
    expect(await waiting).toMatchObject({ skipped: true });
    await db.close();
  });

  it('readers answer from the old generation while a build is being written, and switch at commit', async () => {
    const reader = await PostgresStore.open(url, { schema });
    const first = reader.info.generation;
    const seen: string[] = [];
    await reader.follow((next) => void seen.push(next.info.generation));
    let paused!: () => void;
    const atCommit = new Promise<void>((r) => (paused = r));
    let resume!: () => void;
    const resumed = new Promise<void>((r) => (resume = r));
    const building = ingest(opts, embedder, undefined, {
      beforeCommit: async () => {
        paused();
        await resumed;
      },
    });
    await atCommit;
    // Everything is written (rows and HNSW index), not committed: other sessions see only the old generation.
    expect((await liveGeneration(reader.db))!.id).toBe(first);
    const { rows } = await reader.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM generations`);
    expect(Number(rows[0]!.n)).toBe(1);
    expect((await reader.knn(await embedder.embedQuery('Panjshir resistance'), 5)).length).toBe(5);
    expect(seen).toEqual([]);
    resume();
    const report = await building;
    await expect.poll(() => seen, { timeout: 10_000 }).toEqual([report.generation]);
    await reader.close();
  });

  it('a killed ingest leaves the previous generation live and intact, and releases the lock', async () => {
    const db = await connect(url, { schema });
    const before = (await liveGeneration(db))!;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/pg-ingest-child.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        CHILD_DATABASE_URL: url,
        CHILD_SCHEMA: schema,
        CHILD_INDEX_DIR: localDir,
        CHILD_CACHE_DIR: tempDir('cache'),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('WRITTEN') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    // Rows and index written inside the open transaction: the child is now killed before COMMIT.
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // The server notices the dead session, rolls back its transaction and frees its advisory lock.
    await expect
      .poll(
        async () =>
          (await db.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [INGEST_LOCK])).rows[0]!.ok,
        { timeout: 20_000 },
      )
      .toBe(true);
    await db.query('SELECT pg_advisory_unlock($1)', [INGEST_LOCK]);
    const after = await liveGeneration(db);
    expect(after).toEqual(before);
    const { rows } = await db.query<{ n: string }>(
      `SELECT ((SELECT count(*) FROM generations WHERE id > $1) + (SELECT count(*) FROM passages WHERE generation > $1))::text AS n`,
      [Number(before.id)],
    );
    expect(rows[0]!.n).toBe('0');
    const store = await PostgresStore.openDb(db, { schema });
    expect((await store.allPassages()).length).toBe((await local.allPassages()).length);
    expect((await store.knn(await embedder.embedQuery('Panjshir resistance'), 3)).length).toBe(3);
    // And the next ingest works.
    const report = await ingest(opts, embedder);
    expect(Number(report.generation)).toBeGreaterThan(Number(before.id));
    await store.close();
  });
});

describe('settings', () => {
  it('select the postgres backend by DATABASE_URL and check it', () => {
    expect(testSettings(localDir).databaseUrl).toBeNull();
    expect(testSettings(localDir, { DATABASE_URL: 'postgres://u@127.0.0.1:5432/d' }).databaseUrl).toBe(
      'postgres://u@127.0.0.1:5432/d',
    );
    expect(() => testSettings(localDir, { DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL must be a postgres:\/\/ URL/,
    );
    expect(fs.existsSync(localDir)).toBe(true);
  });
});
