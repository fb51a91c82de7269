import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { declaredEncryptedSize, ENCRYPTED_HEADER_BYTES } from '../core/backup/crypto';
import { declaredSqliteSize } from '../core/backup/restore';
import { DB_FILENAME } from '../core/db/connection';
import { sha256 } from '../core/sync/outbox';
import { MANIFEST_FILE } from '../core/sync/package';
import { CHECK_IN_FIELDS, type CheckInField, type Ledger, NOTE_TEXT } from './soakLedger';

/**
 * What `npm run soak` checks after each SIGKILL: every acknowledged write is in the database and
 * it is intact; an encrypted backup's destination holds no plaintext (not even in a .partial file);
 * every backup and every export package under its final name is complete.
 */

/** A stored text that autosaves grew: one of the sent prefixes, at least as long as the acknowledged one. */
const grewFine = (text: string, { acked, sent }: { acked: number; sent: number }) =>
  text.length >= acked && text.length <= sent && text === NOTE_TEXT.slice(0, text.length);

export function checkDatabase(dataDir: string, ledger: Ledger): { lost: string[]; integrity: string } {
  const db = new Database(path.join(dataDir, DB_FILENAME), { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const lost: string[] = [];
    const bodyOf = db.prepare('SELECT body FROM notes WHERE id = ?').pluck();
    for (const [id, { acked, sent }] of ledger.notes) {
      const body = bodyOf.get(id) as string | undefined;
      if (body === undefined) lost.push(`note ${id}`);
      else if (!grewFine(body, { acked, sent })) lost.push(`note ${id} holds ${body.length} characters; ${acked} were acknowledged`);
    }
    const update = db.prepare(`SELECT ${CHECK_IN_FIELDS.join(', ')} FROM cta_goal_updates WHERE checkin_id = ? AND goal_id = ?`);
    for (const slot of ledger.checkIn.slots) {
      const row = update.get(ledger.checkIn.id, slot.goalId) as Record<CheckInField, string> | undefined;
      const text = row?.[slot.field] ?? '';
      if (slot.acked > 0 && !grewFine(text, slot)) lost.push(`check-in ${slot.field} on goal ${slot.goalId} holds ${text.length} characters; ${slot.acked} were acknowledged`);
    }
    const ids = (sql: string) => new Set(db.prepare(sql).pluck().all() as (number | string)[]);
    const missing = (what: string, acked: Set<number | string>, present: Set<number | string>) => {
      for (const id of acked) if (!present.has(id)) lost.push(`${what} ${id}`);
    };
    missing('visit', ledger.visits, ids('SELECT id FROM visits'));
    missing('next step', ledger.nextSteps, ids('SELECT id FROM action_items'));
    missing('retention conversation', ledger.conversations, ids('SELECT id FROM retention_conversations'));
    missing('leader', ledger.leaders, ids('SELECT id FROM leaders'));
    missing('queued export', ledger.exports, ids('SELECT id FROM outbox'));
    return { lost, integrity };
  } finally {
    db.close();
  }
}

const files = (folder: string) => (fs.existsSync(folder) ? fs.readdirSync(folder).map((n) => path.join(folder, n)) : []);
const head = (file: string, bytes: number): Buffer => {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(bytes);
    return b.subarray(0, fs.readSync(fd, b, 0, bytes, 0));
  } finally {
    fs.closeSync(fd);
  }
};

/** Files in a folder that only encrypted backups are written to which hold plaintext: SQLite's header or a note's text. */
export function plaintextIn(folder: string): string[] {
  const signs = [Buffer.from('SQLite format 3\0', 'latin1'), Buffer.from(NOTE_TEXT.slice(0, 40))];
  return files(folder).filter((f) => fs.statSync(f).isFile() && signs.some((s) => fs.readFileSync(f).includes(s)));
}

/** Backups under their final name whose length is not the one their header gives (cut short, or half-written). */
export function incompleteBackups(folder: string): string[] {
  return files(folder).filter((f) => {
    const name = path.basename(f);
    if (!/^fieldbook-.*\.sqlite3(\.enc)?$/.test(name)) return false;
    const size = fs.statSync(f).size;
    const expected = name.endsWith('.enc') ? declaredEncryptedSize(head(f, ENCRYPTED_HEADER_BYTES)) : declaredSqliteSize(head(f, 100));
    return expected !== size;
  });
}

/** Export packages under their final name (not a hidden .partial folder) that do not hold every file their manifest lists, byte for byte. */
export function incompletePackages(folder: string): string[] {
  return files(folder).filter((dir) => {
    if (path.basename(dir).startsWith('.') || !fs.statSync(dir).isDirectory()) return false;
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as { files: { name: string; size: number; sha256: string }[] };
      return !manifest.files.every((f) => {
        const bytes = fs.readFileSync(path.join(dir, f.name));
        return bytes.length === f.size && sha256(bytes) === f.sha256;
      });
    } catch {
      return true;
    }
  });
}

/** After a restart: what an interrupted backup left must be gone (partial files, private copies). */
export function leftovers(...folders: string[]): string[] {
  return folders.flatMap(files).filter((f) => /\.partial(-\w+)?$|^\.fieldbook-snapshot-|^fieldbook-restore-/.test(path.basename(f)));
}
