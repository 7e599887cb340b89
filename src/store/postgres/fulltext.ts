import type { ScoredId } from '../store.ts';
import type { PostgresStore } from './store.ts';

/**
 * Postgres's own full-text search as the lexical half, for comparison with BM25 (MiniSearch over `allPassages()`,
 * what Dossier uses on both backends): `to_tsvector('english')` stored in `passages.tsv` (migration 2) with a GIN index per generation, the question's
 * terms OR-ed (plainto_tsquery ANDs them, which finds almost nothing for a natural question), ranked by
 * `ts_rank` normalised by document length (flag 1). `npm run eval:beir -- --backend postgres` reports both.
 */
export class PgFullText {
  private constructor(
    private readonly store: PostgresStore,
    private readonly gen: number,
  ) {}

  static async of(store: PostgresStore): Promise<PgFullText> {
    const gen = Number(store.info.generation);
    await store.db.exec(
      `CREATE INDEX IF NOT EXISTS passages_fts_g${gen} ON passages USING gin (tsv) WHERE generation = ${gen}`,
    );
    return new PgFullText(store, gen);
  }

  async search(question: string, k: number): Promise<ScoredId[]> {
    const { rows } = await this.store.db.query<{ id: string; score: number }>(
      `WITH q AS (SELECT nullif(replace(plainto_tsquery('english', $1)::text, ' & ', ' | '), '')::tsquery AS q)
       SELECT id, ts_rank(tsv, q.q, 1) AS score
         FROM passages, q
        WHERE generation = ${this.gen} AND q.q IS NOT NULL AND tsv @@ q.q
        ORDER BY score DESC, id LIMIT $2`,
      [question, k],
    );
    return rows.map((r) => ({ id: r.id, score: Number(r.score) }));
  }
}
