import fs from 'node:fs';
import path from 'node:path';
import { folderNameFor } from '../shared/exportFormat/common';
import type { Queryable } from './db/connection';

/**
 * Give a stored package back exactly as it arrived: its folder, every file byte for byte (the
 * manifest too), so its SHA-256s still match. Several sources can share a version 1 id: each is
 * written, the folder named after its source.
 */
export async function writeStoredPackage(db: Queryable, exportId: string, outDir: string): Promise<string[]> {
  const packages = await db.query<{ id: number; sourceId: string }>(`SELECT id, source_id AS "sourceId" FROM packages WHERE export_id = $1 ORDER BY id`, [exportId]);
  const written: string[] = [];
  for (const p of packages.rows) {
    const files = await db.query<{ name: string; content: Buffer }>(
      `SELECT f.name, b.content FROM package_files f JOIN blobs b ON b.sha256 = f.sha256 WHERE f.package_id = $1 ORDER BY f.name`, [p.id]);
    const folder = path.join(outDir, packages.rows.length > 1 ? `${folderNameFor(exportId)}--${folderNameFor(p.sourceId)}` : folderNameFor(exportId));
    fs.mkdirSync(folder, { recursive: true });
    for (const f of files.rows) fs.writeFileSync(path.join(folder, f.name), f.content);
    written.push(folder);
  }
  return written;
}
