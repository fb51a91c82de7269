import fs from 'node:fs';
import path from 'node:path';
import type { Queryable } from './db/connection';
import type { Channel } from './load/load';
import type { Refusal } from './package/refusal';

/**
 * Refused packages, with their reason. A folder package is moved out of the way into the
 * quarantine folder (its files untouched, the reason in a text file beside it) so it is not
 * tried again; an HTTPS body is kept in the quarantine table. Either way a row in the
 * quarantine table says what arrived, when, and why nothing of it was loaded.
 */
export interface QuarantineEntry {
  via: Channel;
  from: string | null;
  exportId: string | null;
  refusal: Refusal;
  size?: number | null;
  bodySha256?: string | null;
  body?: Buffer | null;
  movedTo?: string | null;
}

export async function recordQuarantine(db: Queryable, q: QuarantineEntry): Promise<void> {
  await db.query(
    `INSERT INTO quarantine (received_via, received_from, export_id, code, reason, field, size, body_sha256, body, moved_to) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [q.via, q.from, q.exportId, q.refusal.code, q.refusal.message, q.refusal.field ?? null, q.size ?? null, q.bodySha256 ?? null, q.body ?? null, q.movedTo ?? null]);
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/**
 * Move a refused package folder into the quarantine folder, with a reason file. Returns where it
 * went, or null with why it could not be moved (a read-only folder), in which case it stays.
 */
export function quarantineFolder(packageDir: string, quarantineRoot: string, refusal: Refusal, now = new Date()): { movedTo: string | null; problem: string | null } {
  fs.mkdirSync(quarantineRoot, { recursive: true });
  let target = path.join(quarantineRoot, `${stamp(now)}-${path.basename(packageDir)}`);
  for (let n = 2; fs.existsSync(target); n++) target = path.join(quarantineRoot, `${stamp(now)}-${path.basename(packageDir)}-${n}`);
  try {
    try {
      fs.renameSync(packageDir, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      // Another disk: copy, then remove the original.
      fs.cpSync(packageDir, target, { recursive: true, verbatimSymlinks: true });
      fs.rmSync(packageDir, { recursive: true, force: true });
    }
  } catch (err) {
    return { movedTo: null, problem: `could not move it to ${quarantineRoot} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  }
  fs.writeFileSync(`${target}.reason.txt`, `${refusal.code}: ${refusal.message}\n${refusal.field ? `where: ${refusal.field}\n` : ''}from: ${packageDir}\nat: ${now.toISOString()}\n`);
  return { movedTo: target, problem: null };
}
