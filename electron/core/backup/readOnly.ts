import Database from 'better-sqlite3';
import fs from 'node:fs';

/**
 * Read a database file without changing it. A read-only look at a WAL-mode file still creates
 * empty -wal and -shm files beside it: the ones this look made are removed afterwards.
 */
export function readOnly<T>(file: string, nativeBinding: string | undefined, read: (db: Database.Database) => T): T {
  const made = ['-wal', '-shm'].map((s) => file + s).filter((f) => !fs.existsSync(f));
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
    return read(db);
  } finally {
    db?.close();
    made.forEach((f) => fs.rmSync(f, { force: true }));
  }
}
