import type { Generation, StoreInfo } from '../store.ts';
import type { Db, Sql } from './db.ts';
import {
  GENERATION_CHANNEL,
  infoOf,
  liveGeneration,
  parseVector,
  toVectorLiteral,
  type GenerationRow,
} from './store.ts';

/** Session-level advisory lock key for ingest: one writer per database at a time. */
export const INGEST_LOCK = 0x646f73_02;

export interface HnswParams {
  M: number;
  efConstruction: number;
}

/** As the local backend (hnswlib): M=16, efConstruction=200. */
export const DEFAULT_HNSW: HnswParams = { M: 16, efConstruction: 200 };

export class IngestBusyError extends Error {
  override name = 'IngestBusyError';
  constructor(readonly holder: string) {
    super(
      `Another ingest is writing to this database (${holder}); try again when it has finished, or leave out --no-wait to wait for it.`,
    );
  }
}

/** Who holds the ingest lock, from pg_stat_activity (application name, client address, pid, since when). */
export async function lockHolder(sql: Pick<Sql, 'query'>): Promise<string> {
  const { rows } = await sql.query<{
    pid: number;
    application_name: string | null;
    client_addr: string | null;
    backend_start: Date | string | null;
    state: string | null;
  }>(
    `SELECT a.pid, a.application_name, a.client_addr::text AS client_addr, a.backend_start, a.state
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = $1 AND l.objsubid = 1`,
    [INGEST_LOCK],
  );
  const h = rows[0];
  if (!h) return 'holder unknown';
  const since = h.backend_start instanceof Date ? h.backend_start.toISOString() : (h.backend_start ?? '?');
  return `held by "${h.application_name || 'unnamed client'}", server pid ${h.pid}${h.client_addr ? ` from ${h.client_addr}` : ''}, connected since ${since}`;
}

export interface LockOptions {
  /** false: fail at once with IngestBusyError naming the holder. Default: wait for it. */
  wait?: boolean;
  /** Told who holds the lock before waiting. */
  onWait?: (holder: string) => void;
}

/**
 * Runs `fn` holding the ingest lock on one connection. The lock is a session lock: if this process dies, the
 * server ends the session and releases it (and rolls back whatever transaction was open).
 */
export async function withIngestLock<T>(
  db: Db,
  fn: (writer: PgWriter) => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  return db.session(async (sql) => {
    const { rows } = await sql.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [INGEST_LOCK]);
    if (!rows[0]?.ok) {
      const holder = await lockHolder(db);
      if (options.wait === false) throw new IngestBusyError(holder);
      options.onWait?.(holder);
      await sql.query('SELECT pg_advisory_lock($1)', [INGEST_LOCK]);
    }
    try {
      return await fn(new PgWriter(sql, db.kind));
    } finally {
      await sql.query('SELECT pg_advisory_unlock($1)', [INGEST_LOCK]).catch(() => {});
    }
  });
}

const ROWS_PER_INSERT = 500;

/** Multi-row INSERTs, ROWS_PER_INSERT at a time (well under Postgres's 65,535 parameters). */
async function insertRows(
  sql: Sql,
  table: string,
  columns: string[],
  rows: unknown[][],
  casts: Record<number, string> = {},
): Promise<void> {
  for (let from = 0; from < rows.length; from += ROWS_PER_INSERT) {
    const chunk = rows.slice(from, from + ROWS_PER_INSERT);
    const values = chunk.map(
      (_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}${casts[c] ?? ''}`).join(', ')})`,
    );
    await sql.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, chunk.flat());
  }
}

export interface WriteReport extends StoreInfo {
  passages: number;
  sentences: number;
  /** Seconds spent building the HNSW index inside the transaction. */
  indexSeconds: number;
  /** Old generations deleted after the flip. */
  removed: string[];
}

/** What an ingest does while holding the lock. */
export class PgWriter {
  constructor(
    private readonly sql: Sql,
    private readonly kind: Db['kind'],
  ) {}

  live(): Promise<GenerationRow | null> {
    return liveGeneration(this.sql);
  }

  /** The live generation's vectors by text (passages and sentences) when made with `embedding`: re-ingest reuses them. */
  async knownVectors(embedding: string, dim: number): Promise<Map<string, Float32Array>> {
    const known = new Map<string, Float32Array>();
    const live = await this.live();
    if (!live || live.embedding !== embedding || Number(live.dim) !== dim) return known;
    const gen = Number(live.id);
    const passages = await this.sql.query<{ id: string; text: string; embedding: string }>(
      `SELECT id, data->>'text' AS text, embedding::text AS embedding FROM passages WHERE generation = ${gen}`,
    );
    const textOf = new Map<string, string>();
    for (const r of passages.rows) {
      known.set(r.text, parseVector(r.embedding));
      textOf.set(r.id, r.text);
    }
    // Offsets are JavaScript string offsets: slice here, not with SQL substr (which counts code points).
    const sentences = await this.sql.query<{ passage_id: string; start_at: number; end_at: number; embedding: string }>(
      `SELECT passage_id, start_at, end_at, embedding::text AS embedding FROM sentences WHERE generation = ${gen}`,
    );
    for (const r of sentences.rows) {
      const text = textOf.get(r.passage_id)?.slice(Number(r.start_at), Number(r.end_at));
      if (text !== undefined && !known.has(text)) known.set(text, parseVector(r.embedding));
    }
    return known;
  }

  /**
   * Writes a generation and makes it live in one transaction: readers see the old generation until COMMIT, then
   * get a NOTIFY (delivered at commit, never before). A crash before COMMIT leaves nothing behind. Afterwards,
   * generations older than the previous one are deleted (the previous one stays until the next ingest, for
   * readers still switching over).
   */
  async write(
    generation: Generation,
    params: HnswParams = DEFAULT_HNSW,
    hooks: { beforeCommit?: () => Promise<void> } = {},
  ): Promise<WriteReport> {
    const { sql } = this;
    const dim = generation.dim;
    await sql.exec('BEGIN');
    let report: WriteReport;
    try {
      // HNSW builds far faster when the graph fits in maintenance_work_mem (PGlite's heap is small: leave it).
      if (this.kind === 'pg') await sql.exec(`SET LOCAL maintenance_work_mem = '1GB'`);
      const { rows } = await sql.query<{ id: string }>(
        `INSERT INTO generations (state, model, embedding, dim, fingerprint, passages, sentences, people, params)
         VALUES ('building', $1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb) RETURNING id::text AS id`,
        [
          generation.model,
          generation.embedding,
          dim,
          generation.fingerprint,
          generation.passages.length,
          generation.sentences.length,
          JSON.stringify(generation.people),
          JSON.stringify(params),
        ],
      );
      const gen = Number(rows[0]!.id);
      await insertRows(
        sql,
        'articles',
        ['generation', 'ord', 'id', 'data'],
        generation.articles.map((a, i) => [gen, i, a.id, JSON.stringify(a)]),
        { 3: '::jsonb' },
      );
      await insertRows(
        sql,
        'passages',
        ['generation', 'ord', 'id', 'article_id', 'data', 'embedding'],
        generation.passages.map((p, i) => [
          gen,
          i,
          p.id,
          p.articleId,
          JSON.stringify(p),
          toVectorLiteral(generation.passageVectors[i]!),
        ]),
        { 4: '::jsonb', 5: '::vector' },
      );
      await insertRows(
        sql,
        'sentences',
        ['generation', 'ord', 'passage_id', 'start_at', 'end_at', 'embedding', 'tags'],
        generation.sentences.map((s, i) => [
          gen,
          i,
          s.passageId,
          s.start,
          s.end,
          toVectorLiteral(generation.sentenceVectors[i]!),
          JSON.stringify(s.tags),
        ]),
        { 5: '::vector', 6: '::jsonb' },
      );
      const started = performance.now();
      await sql.exec(
        `CREATE INDEX passages_hnsw_g${gen} ON passages USING hnsw ((embedding::vector(${dim})) vector_cosine_ops)
         WITH (m = ${params.M}, ef_construction = ${params.efConstruction}) WHERE generation = ${gen}`,
      );
      const indexSeconds = (performance.now() - started) / 1000;
      await sql.exec(`ANALYZE passages`);
      await hooks.beforeCommit?.();
      // The flip: the previous live generation becomes old, this one live; NOTIFY is delivered at COMMIT.
      await sql.exec(`UPDATE generations SET state = 'old' WHERE state = 'live'`);
      const flipped = await sql.query<GenerationRow>(
        `UPDATE generations SET state = 'live', live_at = now() WHERE id = ${gen}
         RETURNING id::text AS id, state, model, embedding, dim, fingerprint, passages, sentences, created_at, live_at`,
      );
      await sql.query('SELECT pg_notify($1, $2)', [GENERATION_CHANNEL, String(gen)]);
      await sql.exec('COMMIT');
      report = {
        ...infoOf(flipped.rows[0]!),
        passages: generation.passages.length,
        sentences: generation.sentences.length,
        indexSeconds,
        removed: [],
      };
    } catch (error) {
      await sql.exec('ROLLBACK').catch(() => {});
      throw error;
    }
    report.removed = await this.removeOld(Number(report.generation));
    return report;
  }

  /** Deletes the generations older than the one before `live` (rows cascade; their partial indexes are dropped). */
  private async removeOld(live: number): Promise<string[]> {
    const { rows } = await this.sql.query<{ id: string }>(
      `SELECT id::text AS id FROM generations WHERE state <> 'live' AND id < $1 ORDER BY id DESC OFFSET 1`,
      [live],
    );
    for (const { id } of rows) {
      await this.sql.exec(
        `BEGIN; DELETE FROM generations WHERE id = ${Number(id)}; DROP INDEX IF EXISTS passages_hnsw_g${Number(id)}; DROP INDEX IF EXISTS passages_fts_g${Number(id)}; COMMIT`,
      );
    }
    return rows.map((r) => r.id);
  }
}
