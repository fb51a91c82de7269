import fs from 'node:fs';
import path from 'node:path';
import { folderNameFor } from '../shared/exportFormat/common';
import type { Queryable } from './db/connection';

// Stored packages are given back exactly as they arrived: each its folder, every file byte for byte
// (the manifest too), so their SHA-256s still match. Several sources can share a version 1 id: each
// gets a folder named after its id and its source.
const folderOf = (exportId: string, sourceId: string, shared: boolean) => (shared ? `${folderNameFor(exportId)}--${folderNameFor(sourceId)}` : folderNameFor(exportId));

async function writePackage(db: Queryable, packageId: number, folder: string): Promise<string> {
  const files = await db.query<{ name: string; content: Buffer }>(
    `SELECT f.name, b.content FROM package_files f JOIN blobs b ON b.sha256 = f.sha256 WHERE f.package_id = $1 ORDER BY f.name`, [packageId]);
  fs.mkdirSync(folder, { recursive: true });
  for (const f of files.rows) fs.writeFileSync(path.join(folder, f.name), f.content);
  return folder;
}

/** One export's package (every source's, for a shared version 1 id). */
export async function writeStoredPackage(db: Queryable, exportId: string, outDir: string): Promise<string[]> {
  const packages = await db.query<{ id: number; sourceId: string }>(`SELECT id, source_id AS "sourceId" FROM packages WHERE export_id = $1 ORDER BY id`, [exportId]);
  const written: string[] = [];
  for (const p of packages.rows) written.push(await writePackage(db, p.id, path.join(outDir, folderOf(exportId, p.sourceId, packages.rows.length > 1))));
  return written;
}

/** Every stored package: to load them into another database (from PGlite to a PostgreSQL server, say). */
export async function writeAllStoredPackages(db: Queryable, outDir: string): Promise<number> {
  const all = await db.query<{ id: number; sourceId: string; exportId: string; shared: number }>(
    `SELECT id, source_id AS "sourceId", export_id AS "exportId", count(*) OVER (PARTITION BY export_id) AS shared FROM packages ORDER BY id`);
  for (const p of all.rows) await writePackage(db, p.id, path.join(outDir, folderOf(p.exportId, p.sourceId, p.shared > 1)));
  return all.rows.length;
}
