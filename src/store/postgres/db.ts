import os from 'node:os';

/**
 * The little of a Postgres client the backend needs. Two implementations: node-postgres (`pg`) against a real
 * server, and PGlite (Postgres compiled to WebAssembly, in-process) for tests and machines without a server.
 * Both speak real Postgres SQL, so the backend code and its tests are the same for both.
 */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Several statements, no parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface Db extends Sql {
  readonly kind: 'pg' | 'pglite';
  /** Runs `fn` on one connection held for its duration: session-level advisory locks and transactions need it. */
  session<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /** LISTEN on a channel; resolves once listening. Returns a function that stops. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** Schema for Dossier's tables (created if missing): one database can hold several independent stores. */
  schema?: string;
  /** pgvector's `hnsw.ef_search` for every connection. */
  efSearch?: number;
}

export const DEFAULT_SCHEMA = 'dossier';

/** Shows up in pg_stat_activity, so a waiting ingest can say who holds the lock. */
export const applicationName = () => `dossier ${os.hostname()} pid ${process.pid}`.slice(0, 63);

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

function setupStatements(options: DbOptions): string {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  // public stays on the path: the vector type lives where CREATE EXTENSION put it.
  return [
    `SET search_path TO ${quoteIdent(schema)}, public`,
    options.efSearch ? `SET hnsw.ef_search = ${Math.floor(options.efSearch)}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/**
 * Opens a database: `postgres://…` / `postgresql://…` (node-postgres pool), or `pglite:memory` /
 * `pglite:/some/dir` (in-process PGlite with its pgvector build; one process only, for tests and development).
 */
export async function openDb(url: string, options: DbOptions = {}): Promise<Db> {
  if (url.startsWith('pglite:')) return sharedPglite(url, options);
  if (/^postgres(ql)?:\/\//.test(url)) return PgDb.open(url, options);
  throw new Error(`DATABASE_URL must start with postgres:// (or pglite: for an in-process database), got "${url}"`);
}

/**
 * PGlite is one in-process database per instance: every `openDb` of the same `pglite:` URL in this process gets
 * the same one (so an ingest and a reader see the same data), kept until `closePglite()`. `pglite:memory:NAME`
 * gives separate in-memory databases.
 */
const pglites = new Map<string, Promise<PgliteDb>>();

async function sharedPglite(url: string, options: DbOptions): Promise<Db> {
  let opening = pglites.get(url);
  if (!opening) {
    const where = url.slice('pglite:'.length);
    opening = PgliteDb.open(where.startsWith('memory') ? '' : where, options);
    pglites.set(url, opening);
    opening.catch(() => pglites.delete(url));
  }
  const db = await opening;
  // Closing a handle leaves the shared instance open.
  return {
    kind: db.kind,
    query: (t, p) => db.query(t, p),
    exec: (t) => db.exec(t),
    session: (fn) => db.session(fn),
    listen: (c, f) => db.listen(c, f),
    close: async () => {},
  };
}

/** Closes the PGlite instances this process opened (tests). */
export async function closePglite(): Promise<void> {
  const all = [...pglites.values()];
  pglites.clear();
  await Promise.all(all.map(async (p) => (await p).close()));
}

class PgDb implements Db {
  readonly kind = 'pg';

  private constructor(
    private readonly pool: import('pg').Pool,
    private readonly url: string,
    private readonly setup: string,
  ) {}

  static async open(url: string, options: DbOptions): Promise<PgDb> {
    const pg = (await import('pg')).default;
    const setup = setupStatements(options);
    const pool = new pg.Pool({
      connectionString: url,
      application_name: applicationName(),
      max: 8,
      idleTimeoutMillis: 30_000,
    });
    // Errors on idle clients (the server restarting) must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    const db = new PgDb(pool, url, setup);
    await db.query('SELECT 1'); // fail now, with the server's message, rather than on the first question
    return db;
  }

  async query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }> {
    const client = await this.pool.connect();
    try {
      return await this.run<T>(client, text, params);
    } finally {
      client.release();
    }
  }

  /** Each pooled connection gets the search path and ef_search once, before its first query. */
  private async run<T>(client: import('pg').PoolClient, text: string, params?: unknown[]): Promise<{ rows: T[] }> {
    const tagged = client as import('pg').PoolClient & { dossierReady?: boolean };
    if (!tagged.dossierReady) {
      await client.query(this.setup);
      tagged.dossierReady = true;
    }
    const result = await client.query(text, params as unknown[]);
    return { rows: result.rows as T[] };
  }

  async exec(text: string): Promise<void> {
    await this.query(text);
  }

  async session<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      return await fn({
        query: (text, params) => this.run(client, text, params),
        exec: async (text) => void (await this.run(client, text)),
      });
    } catch (error) {
      broken = error as Error; // the connection may be mid-transaction: don't hand it back to the pool
      throw error;
    } finally {
      client.release(broken ?? false);
    }
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    const pg = (await import('pg')).default;
    let stopped = false;
    let client: import('pg').Client | undefined;
    const connect = async (): Promise<void> => {
      const next = new pg.Client({
        connectionString: this.url,
        application_name: `${applicationName()} listen`.slice(0, 63),
      });
      next.on('notification', (message) => {
        if (message.channel === channel) onPayload(message.payload ?? '');
      });
      // A dropped connection is re-established; a reconnect reports an empty payload, so the listener re-reads
      // the state it may have missed.
      next.on('error', () => {});
      next.on('end', () => {
        if (!stopped)
          setTimeout(
            () =>
              void connect()
                .then(() => onPayload(''))
                .catch(() => {}),
            1000,
          ).unref();
      });
      await next.connect();
      await next.query(`LISTEN ${quoteIdent(channel)}`);
      client = next;
    };
    await connect();
    return async () => {
      stopped = true;
      await client?.end().catch(() => {});
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

class PgliteDb implements Db {
  readonly kind = 'pglite';
  /** PGlite is one connection: a session (lock + transaction) must not interleave with other queries. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly pg: import('@electric-sql/pglite').PGlite) {}

  static async open(where: string, options: DbOptions): Promise<PgliteDb> {
    let PGlite: typeof import('@electric-sql/pglite').PGlite;
    let vector: typeof import('@electric-sql/pglite-pgvector').vector;
    try {
      ({ PGlite } = await import('@electric-sql/pglite'));
      ({ vector } = await import('@electric-sql/pglite-pgvector'));
    } catch {
      throw new Error(
        'pglite: needs the dev dependencies @electric-sql/pglite and @electric-sql/pglite-pgvector (npm install).',
      );
    }
    const dataDir = where || undefined;
    const pg = await PGlite.create({ dataDir, extensions: { vector } });
    const schema = options.schema ?? DEFAULT_SCHEMA;
    await pg.exec(
      `CREATE EXTENSION IF NOT EXISTS vector; CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}; ${setupStatements(options)}`,
    );
    return new PgliteDb(pg);
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => {});
    return run;
  }

  private raw: Sql = {
    query: async <T>(text: string, params?: unknown[]) => ({ rows: (await this.pg.query<T>(text, params)).rows }),
    exec: async (text: string) => void (await this.pg.exec(text)),
  };

  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }> {
    return this.exclusive(() => this.raw.query<T>(text, params));
  }

  exec(text: string): Promise<void> {
    return this.exclusive(() => this.raw.exec(text));
  }

  session<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      try {
        return await fn(this.raw);
      } catch (error) {
        await this.pg.exec('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        // Session-level advisory locks end with the session on a server; here the "session" is the instance.
        await this.pg.query('SELECT pg_advisory_unlock_all()').catch(() => {});
      }
    });
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    const stop = await this.pg.listen(channel, onPayload);
    return async () => stop();
  }

  async close(): Promise<void> {
    await this.queue;
    await this.pg.close();
  }
}
