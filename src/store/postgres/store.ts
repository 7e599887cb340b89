import type { SentenceTags } from '../../corpus/sentence-tags.ts';
import type { Article } from '../../corpus/article.ts';
import type { Passage } from '../../corpus/passages.ts';
import type { Person } from '../../people/resolve.ts';
import { StoreError, type ScoredId, type SentenceRecord, type Store, type StoreInfo } from '../store.ts';
import { DEFAULT_SCHEMA, openDb, type Db, type DbOptions } from './db.ts';
import { migrate } from './schema.ts';

/** NOTIFY channel: the payload is the id of the generation that just went live. */
export const GENERATION_CHANNEL = 'dossier_generation';

export interface PostgresOptions {
  /** Schema holding this store's tables (default `dossier`); one database can hold several stores. */
  schema?: string;
  /** pgvector `hnsw.ef_search` (default 64, as the local backend); raised per query when k is larger. */
  efSearch?: number;
}

export interface GenerationRow {
  id: string;
  state: 'building' | 'live' | 'old';
  model: string;
  embedding: string;
  dim: number;
  fingerprint: string;
  passages: number;
  sentences: number;
  created_at: Date | string;
  live_at: Date | string | null;
}

const GENERATION_COLUMNS =
  'id::text AS id, state, model, embedding, dim, fingerprint, passages, sentences, created_at, live_at';

export const toVectorLiteral = (v: ArrayLike<number>) => `[${Array.prototype.join.call(v, ',')}]`;

/** pgvector's text form `[1,2,3]` (both clients return `vector` as text unless told otherwise). */
export function parseVector(value: unknown): Float32Array {
  if (typeof value === 'string') return Float32Array.from(JSON.parse(value) as number[]);
  if (Array.isArray(value)) return Float32Array.from(value as number[]);
  throw new Error(`Unexpected vector value: ${String(value).slice(0, 40)}`);
}

export function infoOf(row: GenerationRow): StoreInfo {
  const builtAt = row.live_at ?? row.created_at;
  return {
    model: row.model,
    embedding: row.embedding,
    dim: Number(row.dim),
    fingerprint: row.fingerprint,
    generation: String(row.id),
    builtAt: builtAt instanceof Date ? builtAt.toISOString() : String(builtAt),
  };
}

/** The live generation, or null when nothing was ingested yet. */
export async function liveGeneration(db: Pick<Db, 'query'>): Promise<GenerationRow | null> {
  const { rows } = await db.query<GenerationRow>(`SELECT ${GENERATION_COLUMNS} FROM generations WHERE state = 'live'`);
  return rows[0] ?? null;
}

/** Connects and brings the schema up to date (migrations run on start). */
export async function connect(url: string, options: PostgresOptions = {}): Promise<Db> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const dbOptions: DbOptions = { schema, efSearch: options.efSearch ?? 64 };
  const db = await openDb(url, dbOptions);
  try {
    await migrate(db, schema);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** Shared by every view of one database: the connection, and who wants to hear about new generations. */
class Hub {
  readonly listeners = new Set<(next: Store) => void | Promise<void>>();
  private stopListening: (() => Promise<void>) | null = null;
  private latest: string;
  private checking = Promise.resolve();

  constructor(
    readonly db: Db,
    readonly options: Required<PostgresOptions>,
    pinned: string,
  ) {
    this.latest = pinned;
  }

  async start(): Promise<void> {
    if (this.stopListening) return;
    // The payload is only a hint: on any notification (or a reconnect, payload '') re-read which generation is live.
    this.stopListening = await this.db.listen(GENERATION_CHANNEL, () => void this.check());
  }

  /** Serialised, so two notifications in a row open each generation once, in order. */
  check(): Promise<void> {
    this.checking = this.checking.then(async () => {
      const live = await liveGeneration(this.db).catch(() => null);
      if (!live || live.id === this.latest) return;
      this.latest = live.id;
      const next = await PostgresStore.at(this, live);
      for (const listener of this.listeners) await listener(next);
    });
    return this.checking;
  }

  private closed: Promise<void> | null = null;

  close(): Promise<void> {
    this.closed ??= this.shutdown();
    return this.closed;
  }

  private async shutdown(): Promise<void> {
    this.listeners.clear();
    await this.stopListening?.();
    await this.checking.catch(() => {});
    await this.db.close();
  }
}

/**
 * The `postgres` backend: passages, sentences and their vectors in tables, dense search by a pgvector HNSW index
 * (cosine), one view per generation. A view is pinned to the generation that was live when it was opened and
 * keeps answering from it; `follow` hands over a view of each new generation as it goes live (LISTEN/NOTIFY),
 * so a reader switches whole, between questions, never halfway through one.
 */
export class PostgresStore implements Store {
  private constructor(
    private readonly hub: Hub,
    readonly info: StoreInfo,
    private readonly articleList: Article[],
    private readonly peopleList: Person[],
  ) {}

  /** Opens the live generation of the database at `url` (migrating it first). StoreError 'missing' if none. */
  static async open(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
    const db = await connect(url, options);
    try {
      return await PostgresStore.openDb(db, options);
    } catch (error) {
      await db.close();
      throw error;
    }
  }

  /** As `open`, on a database already connected and migrated; the store owns it from now on. */
  static async openDb(db: Db, options: PostgresOptions = {}): Promise<PostgresStore> {
    const live = await liveGeneration(db);
    if (!live) throw new StoreError('missing', 'No generation has been ingested into the database yet.');
    const hub = new Hub(db, { schema: options.schema ?? DEFAULT_SCHEMA, efSearch: options.efSearch ?? 64 }, live.id);
    return PostgresStore.at(hub, live);
  }

  /** @internal A view of one generation. */
  static async at(hub: Hub, row: GenerationRow): Promise<PostgresStore> {
    const gen = Number(row.id);
    const articles = await hub.db.query<{ data: Article }>(
      'SELECT data FROM articles WHERE generation = $1 ORDER BY ord',
      [gen],
    );
    const people = await hub.db.query<{ people: Person[] }>('SELECT people FROM generations WHERE id = $1', [gen]);
    return new PostgresStore(
      hub,
      infoOf(row),
      articles.rows.map((r) => r.data),
      people.rows[0]?.people ?? [],
    );
  }

  /** The generation id as a SQL literal: the partial HNSW index is only chosen when the predicate is a constant. */
  private get gen(): number {
    return Number(this.info.generation);
  }

  /**
   * Calls `onChange` with a view of each generation that goes live after this one. Views share one connection
   * pool: close the last one (closing any closes them all).
   */
  async follow(onChange: (next: Store) => void | Promise<void>): Promise<() => void> {
    this.hub.listeners.add(onChange);
    await this.hub.start();
    void this.hub.check(); // a generation may have gone live between open and LISTEN
    return () => this.hub.listeners.delete(onChange);
  }

  /** Re-reads which generation is live now (what a notification triggers); for tests and after reconnects. */
  refresh(): Promise<void> {
    return this.hub.check();
  }

  async articles(): Promise<Article[]> {
    return this.articleList;
  }

  async allPassages(): Promise<Passage[]> {
    const { rows } = await this.hub.db.query<{ data: Passage }>(
      `SELECT data FROM passages WHERE generation = ${this.gen} ORDER BY ord`,
    );
    return rows.map((r) => r.data);
  }

  /** Exact search over the generation's sentence vectors (no index: the answer ranker asks for a handful). */
  async sentenceKnn(query: Float32Array, k: number): Promise<Array<{ passageId: string; score: number }>> {
    const dim = this.info.dim;
    const { rows } = await this.hub.db.query<{ passage_id: string; score: number }>(
      `SELECT passage_id, 1 - (embedding::vector(${dim}) <=> $1::vector(${dim})) AS score FROM sentences
       WHERE generation = ${this.gen} ORDER BY embedding::vector(${dim}) <=> $1::vector(${dim}) LIMIT $2`,
      [toVectorLiteral(query), k],
    );
    return rows.map((r) => ({ passageId: r.passage_id, score: Number(r.score) }));
  }

  async knn(query: Float32Array, k: number): Promise<ScoredId[]> {
    if (query.length !== this.info.dim)
      throw new Error(`Query vector has ${query.length} dimensions, the store ${this.info.dim}.`);
    const dim = this.info.dim;
    const sql = `SELECT id, 1 - (embedding::vector(${dim}) <=> $1::vector(${dim})) AS score FROM passages
                 WHERE generation = ${this.gen} ORDER BY embedding::vector(${dim}) <=> $1::vector(${dim}) LIMIT $2`;
    const params = [toVectorLiteral(query), k];
    // HNSW returns at most ef_search rows: widen it for this query when more are asked for.
    const { rows } =
      k <= this.hub.options.efSearch
        ? await this.hub.db.query<{ id: string; score: number }>(sql, params)
        : await this.hub.db.session(async (s) => {
            await s.exec(`BEGIN; SET LOCAL hnsw.ef_search = ${Math.min(Math.floor(k), 1000)}`);
            try {
              return await s.query<{ id: string; score: number }>(sql, params);
            } finally {
              await s.exec('COMMIT');
            }
          });
    return rows.map((r) => ({ id: r.id, score: Number(r.score) }));
  }

  async similarity(query: Float32Array, ids: readonly string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    // Vectors are normalised: the inner product is the cosine (<#> is its negative).
    const { rows } = await this.hub.db.query<{ id: string; score: number }>(
      `SELECT id, -(embedding <#> $1::vector) AS score FROM passages
       WHERE generation = ${this.gen} AND id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
      [toVectorLiteral(query), JSON.stringify(ids)],
    );
    return new Map(rows.map((r) => [r.id, Number(r.score)]));
  }

  async passages(ids: readonly string[]): Promise<Passage[]> {
    if (!ids.length) return [];
    const { rows } = await this.hub.db.query<{ data: Passage }>(
      `SELECT data FROM passages WHERE generation = ${this.gen} AND id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
      [JSON.stringify(ids)],
    );
    const byId = new Map(rows.map((r) => [r.data.id, r.data]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async sentences(passageIds: readonly string[]): Promise<SentenceRecord[]> {
    if (!passageIds.length) return [];
    const { rows } = await this.hub.db.query<{
      passage_id: string;
      start_at: number;
      end_at: number;
      embedding: string;
      tags: SentenceTags;
    }>(
      `SELECT passage_id, start_at, end_at, embedding::text AS embedding, tags FROM sentences
       WHERE generation = ${this.gen} AND passage_id IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY ord`,
      [JSON.stringify(passageIds)],
    );
    const byPassage = new Map<string, SentenceRecord[]>();
    for (const r of rows) {
      const list = byPassage.get(r.passage_id) ?? [];
      list.push({
        passageId: r.passage_id,
        start: Number(r.start_at),
        end: Number(r.end_at),
        tags: r.tags,
        vector: parseVector(r.embedding),
      });
      byPassage.set(r.passage_id, list);
    }
    return passageIds.flatMap((id) => byPassage.get(id) ?? []);
  }

  /** Stored passage vectors by id (re-ingest reuses them; the bench reads them). */
  async passageVectors(ids?: readonly string[]): Promise<Map<string, Float32Array>> {
    const filter = ids ? 'AND id IN (SELECT jsonb_array_elements_text($1::jsonb))' : '';
    const { rows } = await this.hub.db.query<{ id: string; embedding: string }>(
      `SELECT id, embedding::text AS embedding FROM passages WHERE generation = ${this.gen} ${filter} ORDER BY ord`,
      ids ? [JSON.stringify(ids)] : [],
    );
    return new Map(rows.map((r) => [r.id, parseVector(r.embedding)]));
  }

  async people(): Promise<Person[]> {
    return this.peopleList;
  }

  async generation(): Promise<string> {
    return this.info.generation;
  }

  /** The database this view reads (shared with the other views of it). */
  get db(): Db {
    return this.hub.db;
  }

  async close(): Promise<void> {
    await this.hub.close();
  }
}
