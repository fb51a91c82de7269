import crypto from 'node:crypto';
import type { DistrictDb } from './connection';
import { DISTRICT_MIGRATIONS } from './migrations';

/**
 * Forward-only numbered migrations, run at start. Each runs in its own transaction together with
 * its row in schema_migrations, under an advisory lock, so two district processes starting at once
 * apply each migration once. A database that a newer district made, or whose applied migrations
 * were edited since, is refused before anything is changed.
 */
const LOCK = 72_010_015;
const checksum = (sql: string) => crypto.createHash('sha256').update(sql).digest('hex').slice(0, 16);

export class SchemaError extends Error {
  readonly code = 'schema_newer';
}

export async function migrateDistrict(db: DistrictDb, log: (line: string) => void = () => undefined): Promise<{ applied: number[]; version: number }> {
  const applied: number[] = [];
  for (;;) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
      await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        id integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const { rows } = await tx.query<{ id: number; name: string; checksum: string }>('SELECT id, name, checksum FROM schema_migrations ORDER BY id');
      const newest = rows.at(-1)?.id ?? 0;
      if (newest > DISTRICT_MIGRATIONS.length) {
        throw new SchemaError(`This district database is at schema ${newest}, made by a newer Fieldbook district than this one (which knows ${DISTRICT_MIGRATIONS.length}). Nothing was changed: run the newer version.`);
      }
      for (const r of rows) {
        const m = DISTRICT_MIGRATIONS[r.id - 1];
        if (m.name !== r.name || checksum(m.sql) !== r.checksum) {
          throw new SchemaError(`District migration ${r.id} (${r.name}) differs from the one this database applied. Nothing was changed: migrations are never edited, only added.`);
        }
      }
      const next = DISTRICT_MIGRATIONS[rows.length];
      if (!next) return true;
      await tx.exec(next.sql);
      await tx.query('INSERT INTO schema_migrations (id, name, checksum) VALUES ($1, $2, $3)', [rows.length + 1, next.name, checksum(next.sql)]);
      log(`applied district migration ${rows.length + 1} (${next.name})`);
      applied.push(rows.length + 1);
      return false;
    });
    if (done) return { applied, version: DISTRICT_MIGRATIONS.length };
  }
}
