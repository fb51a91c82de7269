import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { nameSortKey } from '../../../shared/collation';
import { AppError } from '../../../shared/result';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Absolute path to a better_sqlite3.node built for this runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
  /** Migrations to apply; tests pass a prefix to build a database at an earlier version. */
  migrations?: readonly string[];
}

export const DB_FILENAME = 'fieldbook.sqlite3';

/**
 * Open (creating if needed) the database and bring it to the current schema.
 * A database written by a newer Fieldbook is refused and left untouched.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { nativeBinding: options.nativeBinding });
  try {
    const migrations = options.migrations ?? MIGRATIONS;
    // Read the version before touching anything, so a newer database is not even switched to WAL.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > migrations.length) {
      throw new AppError(
        'database_too_new',
        `This data was saved by a newer version of Fieldbook (data version ${version}, this app reads up to ${migrations.length}). ` +
          'Update Fieldbook to open it; nothing was changed.',
      );
    }
    db.pragma('journal_mode = WAL');
    // Typed notes matter more than write speed: FULL survives power loss, not only a crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Deleted and overwritten text is zeroed, not left in free pages for anyone reading the file (or a later backup).
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations, version);
    // Lists ordered by name use ORDER BY name_key(name): the order the screens' Intl.Collator gives.
    db.function('name_key', { deterministic: true }, (name: unknown) => (typeof name === 'string' ? nameSortKey(name) : null));
    reuseStatements(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Services prepare their SQL where they run it; preparing the same text again on every call
 * costs more than running it (a 10,000-row roster import spent most of its time there). Keep
 * each statement per connection and hand it back reset to plain rows; one still in use (busy)
 * is prepared afresh.
 */
const STATEMENT_CACHE_SIZE = 1000;
function reuseStatements(db: Db): void {
  const cache = new Map<string, Database.Statement>();
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const kept = cache.get(sql);
    if (kept && !kept.busy) return kept.reader ? kept.raw(false).expand(false).pluck(false) : kept;
    const fresh = prepare(sql);
    if (!kept && cache.size < STATEMENT_CACHE_SIZE) cache.set(sql, fresh);
    return fresh;
  }) as Db['prepare'];
}

function migrate(db: Db, migrations: readonly string[], from: number): void {
  for (let v = from; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

export { SCHEMA_VERSION };
