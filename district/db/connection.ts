import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types as liteTypes, type Transaction as LiteTransaction } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * One small database layer over two engines with the same SQL: PGlite (PostgreSQL compiled to
 * WebAssembly, in a data folder, nothing to install) and a real PostgreSQL server through
 * node-postgres. Values come back in one shape on both: int8 and count(*) as numbers, numeric as
 * strings, date as 'YYYY-MM-DD', timestamptz as an ISO string in UTC, jsonb parsed, bytea as a
 * Buffer. Pass jsonb parameters as JSON text (pg would turn a JS array into a PostgreSQL array).
 */

export type Row = Record<string, unknown>;
export interface QueryResult<T = Row> {
  rows: T[];
  rowCount: number;
}
export interface Queryable {
  /** One statement, with $1… parameters. */
  query<T = Row>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
}
export interface Tx extends Queryable {
  /** A script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}
export interface DistrictDb extends Tx {
  readonly engine: 'pglite' | 'postgres';
  /** Where it is, for people: the data folder, or the server without its password. */
  readonly where: string;
  /** BEGIN; fn(tx); COMMIT, or ROLLBACK and rethrow. Inside, use tx, never the db itself. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const json = (value: unknown): string => JSON.stringify(value);

const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082, TIMESTAMP: 1114, TIMESTAMPTZ: 1184, BYTEA: 17 } as const;
const asText = (v: string) => v;
const asNumber = (v: string) => Number(v);

// ---- errors -------------------------------------------------------------------------------
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
/** The database is down or unreachable (a reason to answer 503 and try later), not a bad query. */
export function isDbUnavailable(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown; errors?: unknown[] } | null;
  if (!err) return false;
  if (typeof err.code === 'string' && (UNAVAILABLE_SQLSTATES.has(err.code) || UNAVAILABLE_NODE_CODES.has(err.code))) return true;
  if (Array.isArray(err.errors) && err.errors.some(isDbUnavailable)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|connection error|Cannot use a pool after calling end|PGlite is closed|database is closed/i.test(String(err.message ?? ''));
}
export const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === '23505';
const isRetryable = (e: unknown) => ['40001', '40P01'].includes((e as { code?: string } | null)?.code ?? '');

// ---- a transaction callback must use its tx ------------------------------------------------
// On PGlite db.query() inside db.transaction() waits for the transaction forever; on a server it
// runs outside the transaction. Both are bugs, so both refuse.
const inTransaction = new AsyncLocalStorage<object>();
function refuseInsideTransaction(owner: object): void {
  if (inTransaction.getStore() === owner) throw new Error('db.query() inside db.transaction(): use the tx it gives');
}

// ---- PGlite ---------------------------------------------------------------------------------
/**
 * PGlite takes no lock of its own: a second process opening the same folder loses writes. So
 * the folder gets a lock file holding our pid; one left by a process that died is taken over.
 */
function lockFolder(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockFile, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      const release = () => {
        try {
          if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
        } catch { /* already gone */ }
      };
      process.once('exit', release);
      return () => {
        process.removeListener('exit', release);
        release();
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(lockFile, 'utf8'));
      if (pid && pid !== process.pid && processAlive(pid)) {
        throw Object.assign(new Error(`The district database in ${dataDir} is in use by another Fieldbook district process (pid ${pid}). Stop it first, or run both against a PostgreSQL server (DATABASE_URL).`), { code: 'EDATADIRLOCKED' });
      }
      if (pid === process.pid) throw Object.assign(new Error(`The district database in ${dataDir} is already open in this process`), { code: 'EDATADIRLOCKED' });
      fs.unlinkSync(lockFile); // left by a process that is gone
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const liteParsers = {
  [liteTypes.INT8]: asNumber,
  [liteTypes.DATE]: asText,
  [liteTypes.TIMESTAMP]: asText,
  [liteTypes.TIMESTAMPTZ]: (v: string) => new Date(v).toISOString(),
  [liteTypes.BYTEA]: (v: string) => Buffer.from(v.slice(2), 'hex'),
};

/** PGlite in a data folder (undefined: in memory, for tests). */
export async function openPglite(dataDir?: string): Promise<DistrictDb> {
  const unlock = dataDir ? lockFolder(dataDir) : () => undefined;
  let lite: PGlite;
  try {
    lite = await PGlite.create(dataDir, { parsers: liteParsers });
    await lite.exec(`SET TIME ZONE 'UTC'`);
  } catch (err) {
    unlock();
    throw err;
  }
  const wrap = (q: PGlite | LiteTransaction): Tx => ({
    async query<T>(sql: string, params?: unknown[]) {
      const r = await q.query<T>(sql, params as unknown[]);
      // node-postgres's meaning of rowCount: rows returned by a SELECT, rows changed otherwise.
      return { rows: r.rows, rowCount: r.fields.length > 0 ? r.rows.length : (r.affectedRows ?? 0) };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const top = wrap(lite);
  const db: DistrictDb = {
    engine: 'pglite',
    where: dataDir ? `PGlite in ${dataDir}` : 'PGlite in memory',
    query(sql, params) {
      refuseInsideTransaction(db);
      return top.query(sql, params);
    },
    exec(sql) {
      refuseInsideTransaction(db);
      return top.exec(sql);
    },
    transaction(fn) {
      refuseInsideTransaction(db);
      return lite.transaction((tx) => inTransaction.run(db, () => fn(wrap(tx))));
    },
    async close() {
      try {
        if (!lite.closed) await lite.close();
      } finally {
        unlock();
      }
    },
  };
  return db;
}

// ---- PostgreSQL through node-postgres -----------------------------------------------------------
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === OID.INT8) return asNumber;
    if (oid === OID.DATE || oid === OID.TIMESTAMP) return asText;
    if (oid === OID.TIMESTAMPTZ) {
      const parse = pg.types.getTypeParser(oid, format) as (v: string) => Date;
      return (v: string) => parse(v).toISOString();
    }
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** The server's address for people: never the password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL at ${u.hostname || u.searchParams.get('host') || 'localhost'}${u.port ? `:${u.port}` : ''}${u.pathname}${u.username ? ` as ${u.username}` : ''}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}

export function openPostgres(url: string, options: { max?: number } = {}): DistrictDb {
  const pool = new pg.Pool({
    connectionString: url,
    types: pgTypes,
    options: '-c TimeZone=UTC',
    connectionTimeoutMillis: 5_000,
    max: options.max ?? 8,
  });
  // An idle connection that the server drops (a restart) is an 'error' on the pool: without a
  // listener that ends the process. The next query connects again.
  pool.on('error', () => undefined);
  const norm = <T>(r: pg.QueryResult): QueryResult<T> => ({ rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length });
  // The extended protocol for every query, so a string of several statements is refused as on PGlite.
  const one = (sql: string, params?: unknown[]) => ({ text: sql, values: params, queryMode: 'extended' }) as pg.QueryConfig;
  const db: DistrictDb = {
    engine: 'postgres',
    where: describeUrl(url),
    async query<T>(sql: string, params?: unknown[]) {
      refuseInsideTransaction(db);
      return norm<T>(await pool.query(one(sql, params)));
    },
    async exec(sql) {
      refuseInsideTransaction(db);
      await pool.query(sql);
    },
    async transaction(fn) {
      refuseInsideTransaction(db);
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const tx: Tx = {
          query: async <T>(sql: string, params?: unknown[]) => norm<T>(await client.query(one(sql, params))),
          exec: async (sql) => void (await client.query(sql)),
        };
        const result = await inTransaction.run(db, () => fn(tx));
        const commit = await client.query('COMMIT');
        // COMMIT of a transaction an ignored error aborted "succeeds" as ROLLBACK: say so.
        if (commit.command === 'ROLLBACK') throw Object.assign(new Error('The transaction was rolled back instead of committed'), { code: '25P02' });
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError as Error;
        }
        throw err;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
  return db;
}

/** Run a whole transaction again when PostgreSQL chose it as a deadlock or serialization victim. */
export async function withRetry<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      if (i >= attempts || !isRetryable(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 * 2 ** i * Math.random()));
    }
  }
}
