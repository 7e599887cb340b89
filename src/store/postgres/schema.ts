import type { Db } from './db.ts';

/**
 * Versioned schema migrations, applied in order on start and recorded in `schema_migrations`. Never edit a
 * released migration: add the next one. A transaction-scoped advisory lock keeps two processes starting at once
 * from applying the same migration twice.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'generations, articles, passages, sentences',
    sql: `
      CREATE TABLE generations (
        id          bigserial PRIMARY KEY,
        state       text NOT NULL CHECK (state IN ('building', 'live', 'old')),
        model       text NOT NULL,
        embedding   text NOT NULL,
        dim         int  NOT NULL,
        fingerprint text NOT NULL,
        passages    int  NOT NULL DEFAULT 0,
        sentences   int  NOT NULL DEFAULT 0,
        people      jsonb NOT NULL DEFAULT '[]',
        params      jsonb NOT NULL DEFAULT '{}',
        created_at  timestamptz NOT NULL DEFAULT now(),
        live_at     timestamptz
      );
      -- At most one live generation, enforced by the database.
      CREATE UNIQUE INDEX generations_one_live ON generations ((true)) WHERE state = 'live';

      CREATE TABLE articles (
        generation bigint NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
        ord        int    NOT NULL,
        id         text   NOT NULL,
        data       jsonb  NOT NULL,
        PRIMARY KEY (generation, id)
      );

      -- The vector column has no fixed dimension (models differ); each generation gets its own partial HNSW
      -- index over embedding::vector(dim), created by the build that writes it.
      CREATE TABLE passages (
        generation bigint NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
        ord        int    NOT NULL,
        id         text   NOT NULL,
        article_id text   NOT NULL,
        data       jsonb  NOT NULL,
        embedding  vector NOT NULL,
        PRIMARY KEY (generation, id)
      );

      CREATE TABLE sentences (
        generation bigint NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
        ord        int    NOT NULL,
        passage_id text   NOT NULL,
        start_at   int    NOT NULL,
        end_at     int    NOT NULL,
        embedding  vector NOT NULL,
        PRIMARY KEY (generation, ord)
      );
      CREATE INDEX sentences_by_passage ON sentences (generation, passage_id, ord);
    `,
  },
  {
    version: 2,
    name: 'passages.tsv for Postgres full-text search',
    // Stored, so ranking reads it instead of re-parsing each matching passage (0.5 s a query on SciFact without).
    sql: `ALTER TABLE passages ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', data->>'text')) STORED;`,
  },
  {
    version: 3,
    name: 'sentences.tags for the answer ranker',
    // What each sentence holds (people, dates, numbers, caption or furniture flags), tagged once at ingest.
    sql: `ALTER TABLE sentences ADD COLUMN tags jsonb NOT NULL DEFAULT '{}';`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;
const MIGRATION_LOCK = 0x646f73_01; // 'dos' + 1: any constant distinct from the ingest lock

/** Applies the migrations this database lacks; returns the versions applied. */
export async function migrate(db: Db, schema: string): Promise<number[]> {
  return db.session(async (sql) => {
    await sql.exec('BEGIN');
    try {
      await sql.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await sql.exec(
        `CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '""')}"; CREATE EXTENSION IF NOT EXISTS vector SCHEMA public;
         CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const { rows } = await sql.query<{ version: number }>('SELECT version FROM schema_migrations');
      const done = new Set(rows.map((r) => Number(r.version)));
      const newer = [...done].filter((v) => v > SCHEMA_VERSION);
      if (newer.length)
        throw new Error(
          `The database schema (v${Math.max(...newer)}) is newer than this Dossier (v${SCHEMA_VERSION}): update Dossier.`,
        );
      const applied: number[] = [];
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        await sql.exec(m.sql);
        await sql.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        applied.push(m.version);
      }
      await sql.exec('COMMIT');
      return applied;
    } catch (error) {
      await sql.exec('ROLLBACK').catch(() => {});
      throw error;
    }
  });
}
