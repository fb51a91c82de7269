import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { DB_FILENAME, type Db, openDatabase, SCHEMA_VERSION } from '../db/connection';
import { fsyncFolder, PRIVATE_FILE, removeWithSidecars, replaceDurably, streamInto } from '../durable';
import { decryptBackupFile, isEncryptedBackup } from './crypto';
import { backupsDir, numberBackup } from './files';
import { readOnly } from './readOnly';
import { schemaProblem } from './schema';

/**
 * Restoring a backup, so that the live file is never missing and never half-replaced:
 * 1. the backup is copied (or decrypted) into a private temporary file in the data folder and
 *    checked whole there: SQLite's integrity check, its version, and every table, column, index
 *    and trigger Fieldbook has at that version;
 * 2. a note of what is about to happen is written; the live database is closed; it is kept in the
 *    backups folder (a hard link, so nothing is copied); the checked file is renamed over it in one
 *    step and the folder flushed;
 * 3. the restored file is opened (migrations bring an older one up to date) and given this
 *    computer's lock settings and drafts, which belong to the person, not to the backup;
 * 4. the note is removed.
 * Anything failing before the rename leaves the data as it was; anything failing after it puts
 * the previous file back. A start that finds the note finishes or undoes the restore and says which.
 */
const JOURNAL = 'restore-in-progress.json';
const TEMP = /^fieldbook-restore-[0-9a-f]{12}\.tmp$/;
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

interface Journal {
  from: string;
  temp: string;
  keptAt: string;
  stage: 'swapping' | 'rolling back';
}

const notABackup = () => new AppError('backup_damaged', 'This file is damaged or is not a Fieldbook backup; nothing was changed', 'file');
const errorCode = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
const sameFile = (a: string, b: string) => {
  const [x, y] = [fs.statSync(a, { throwIfNoEntry: false }), fs.statSync(b, { throwIfNoEntry: false })];
  return Boolean(x && y && x.dev === y.dev && x.ino === y.ino);
};

const isSqliteFile = (head: Buffer): boolean => head.length >= 100 && head.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER);

/** How long a SQLite file is, by its header (when that field is current); null when the header does not say. */
export function declaredSqliteSize(head: Buffer): number | null {
  if (!isSqliteFile(head) || head.readUInt32BE(92) !== head.readUInt32BE(24)) return null;
  const raw = head.readUInt16BE(16);
  const pages = head.readUInt32BE(28);
  return pages > 0 ? pages * (raw === 1 ? 65536 : raw) : null;
}

/** A file of another length than its header says is damaged. */
function checkSqliteLength(head: Buffer, size: number): void {
  if (!isSqliteFile(head)) throw notABackup();
  const expected = declaredSqliteSize(head);
  if (expected !== null && expected !== size) {
    throw new AppError('backup_damaged', `This backup file is damaged (it is ${size < expected ? 'shorter' : 'longer'} than its header says), so it cannot be restored; nothing was changed`, 'file');
  }
}

/** Intact, Fieldbook's whole schema at its version, and not from a newer Fieldbook. Read-only. */
function checkRestorable(file: string, nativeBinding?: string): void {
  let problem: AppError | null = null;
  try {
    readOnly(file, nativeBinding, (db) => {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (db.pragma('integrity_check', { simple: true }) !== 'ok' || version < 1) return void (problem = notABackup());
      if (version > SCHEMA_VERSION) {
        return void (problem = new AppError(
          'backup_too_new',
          `This backup was made by a newer version of Fieldbook (data version ${version}, this app reads up to ${SCHEMA_VERSION}). Update Fieldbook to restore it; nothing was changed.`,
          'file',
        ));
      }
      const missing = schemaProblem(db, version);
      if (missing) problem = new AppError('backup_damaged', `This file is not a whole Fieldbook backup (${missing}), so it cannot be restored; nothing was changed`, 'file');
    });
  } catch {
    throw notABackup();
  }
  if (problem) throw problem;
}

/** Step 1: the backup as a checked, private file in the data folder, ready to be put in place. */
export async function prepareRestore(source: string, passphrase: string | null, dataDir: string, nativeBinding?: string): Promise<string> {
  const temp = path.join(dataDir, `fieldbook-restore-${crypto.randomBytes(6).toString('hex')}.tmp`);
  try {
    const input = await fsp.open(source, 'r');
    const head = Buffer.alloc(100);
    let size: number;
    try {
      size = (await input.stat()).size;
      await input.read(head, 0, 100, 0);
    } finally {
      await input.close();
    }
    if (isEncryptedBackup(head)) {
      await decryptBackupFile(source, temp, passphrase);
    } else {
      checkSqliteLength(head.subarray(0, Math.min(size, 100)), size);
      const out = await fsp.open(temp, 'wx', PRIVATE_FILE);
      try {
        await streamInto(source, 0, out, 0);
        await out.sync();
      } finally {
        await out.close();
      }
    }
    checkRestorable(temp, nativeBinding);
    return temp;
  } catch (err) {
    removeWithSidecars(temp);
    if (err instanceof AppError) throw err;
    const code = errorCode(err);
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new AppError('disk_full', 'The disk is full: Fieldbook needs room for a copy of the backup to check it. Free some space and try again; nothing was changed.', 'file');
    if (code === 'EACCES' || code === 'EPERM') throw new AppError('no_backup_file', 'Fieldbook may not read that file; nothing was changed', 'file');
    console.error('[fieldbook] reading the backup failed:', err);
    throw new AppError('backup_unreadable', `Fieldbook could not read that backup (${code}); nothing was changed`, 'file');
  }
}

/** The lock (passphrase, idle time, failed tries) and drafts are this computer's, whatever the backup had. */
function carryOverLocalState(db: Db, previous: string, nativeBinding?: string): void {
  if (!fs.existsSync(previous)) return;
  const kept = readOnly(previous, nativeBinding, (old) => {
    const has = (table: string) => Boolean(old.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table));
    return {
      lock: has('lock_settings') ? (old.prepare(`SELECT * FROM lock_settings WHERE id = 1`).get() as Record<string, unknown> | undefined) : undefined,
      drafts: has('drafts') ? (old.prepare(`SELECT * FROM drafts`).all() as Record<string, unknown>[]) : [],
    };
  });
  const columns = (table: string) => new Set(db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]);
  db.transaction(() => {
    if (kept.lock) {
      const names = Object.keys(kept.lock).filter((c) => c !== 'id' && columns('lock_settings').has(c));
      db.prepare(`UPDATE lock_settings SET ${names.map((c) => `"${c}" = @${c}`).join(', ')} WHERE id = 1`).run(kept.lock);
    }
    db.prepare(`DELETE FROM drafts`).run();
    const draftColumns = columns('drafts');
    for (const d of kept.drafts) {
      const names = Object.keys(d).filter((c) => draftColumns.has(c));
      db.prepare(`INSERT INTO drafts (${names.map((c) => `"${c}"`).join(', ')}) VALUES (${names.map((c) => `@${c}`).join(', ')})`).run(d);
    }
  })();
}

function keepPrevious(live: string, keptAt: string): void {
  try {
    fs.linkSync(live, keptAt);
  } catch {
    // A file system without hard links: a copy does as well, only slower.
    fs.copyFileSync(live, keptAt, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(keptAt, PRIVATE_FILE);
  }
  fsyncFolder(path.dirname(keptAt));
}

/** After the swap failed: the previous file back under the live name, and the note gone. */
function rollBack(journalFile: string, journal: Journal, live: string): void {
  replaceDurably(journalFile, Buffer.from(JSON.stringify({ ...journal, stage: 'rolling back' })));
  removeWithSidecars(live);
  fs.renameSync(journal.keptAt, live);
  fsyncFolder(path.dirname(live));
  fs.rmSync(journalFile, { force: true });
}

/**
 * Steps 2–4 (synchronous: no other call runs in between). ctx.db is closed and replaced by the
 * restored database; on failure it is the database that was open before.
 */
export function putInPlace(ctx: CoreContext, live: { file: string; nativeBinding?: string }, temp: string, from: string, keptAt: string): void {
  const dataDir = path.dirname(live.file);
  const journalFile = path.join(dataDir, JOURNAL);
  const journal: Journal = { from, temp, keptAt, stage: 'swapping' };
  const reopen = () => (ctx.db = openDatabase(live.file, { nativeBinding: live.nativeBinding }));
  replaceDurably(journalFile, Buffer.from(JSON.stringify(journal)));
  ctx.db.close(); // checkpoints the write-ahead log into the file and removes it
  // What the message says could not be done; from the rename on, the backup is in place and a failure undoes it.
  let failedTo: string | null = null;
  try {
    if ((fs.statSync(`${live.file}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0) throw new Error('the open data could not be written out in full');
    fs.rmSync(`${live.file}-shm`, { force: true });
    numberBackup(keptAt);
    keepPrevious(live.file, keptAt);
    fs.renameSync(temp, live.file);
    failedTo = 'make that change last on the disk';
    fsyncFolder(dataDir);
    failedTo = 'open it';
    reopen();
    carryOverLocalState(ctx.db, keptAt, live.nativeBinding);
  } catch (err) {
    if (failedTo === null) {
      if (sameFile(keptAt, live.file)) fs.rmSync(keptAt, { force: true });
      fs.rmSync(journalFile, { force: true });
      reopen();
      console.error('[fieldbook] restore: putting the backup in place failed:', err);
      throw new AppError('restore_failed', `Fieldbook could not put the backup in place (${errorCode(err)}). Nothing was restored: your data is as it was, and still open.`, 'file');
    }
    console.error(`[fieldbook] restore: the backup is in place but Fieldbook could not ${failedTo}:`, err);
    if (ctx.db.open) ctx.db.close();
    try {
      rollBack(journalFile, journal, live.file);
      reopen();
    } catch (again) {
      console.error('[fieldbook] restore: putting the previous data back failed:', again);
      throw new AppError(
        'restore_failed',
        `Fieldbook put the backup in place but could not ${failedTo}, and could not put your previous data back (${errorCode(again)}). ` +
          `Your previous data is safe in ${keptAt}. Quit Fieldbook: its next start puts that file back.`,
        'file',
      );
    }
    throw new AppError('restore_failed', `Fieldbook put the backup in place but could not ${failedTo} (${errorCode(err)}), so it put your previous data back: nothing was restored.`, 'file');
  }
  fs.rmSync(journalFile, { force: true });
  try {
    fsyncFolder(dataDir);
  } catch (err) {
    // The restore is done; were the note's removal lost, the next start would only finish it again.
    console.error('[fieldbook] restore: flushing the data folder after the restore failed:', err);
  }
}

/**
 * At start, before the data file is opened: a restore that was interrupted is finished (the backup
 * was already in place, checked) or undone (it was not). Returns what was done, in words, or null.
 */
export function finishInterruptedRestore(dataDir: string, nativeBinding?: string): string | null {
  const live = path.join(dataDir, DB_FILENAME);
  const journalFile = path.join(dataDir, JOURNAL);
  const strays = fs.readdirSync(dataDir).filter((n) => TEMP.test(n)).map((n) => path.join(dataDir, n));
  let journal: Journal | null = null;
  try {
    journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as Journal;
  } catch {
    // No restore was putting a file in place.
  }
  // The note is not trusted to name files anywhere else.
  if (journal && (!TEMP.test(path.basename(journal.temp)) || path.dirname(journal.temp) !== dataDir || path.dirname(journal.keptAt) !== backupsDir(dataDir))) journal = null;
  if (!journal) {
    fs.rmSync(journalFile, { force: true });
    if (!strays.length) return null;
    strays.forEach(removeWithSidecars);
    return 'A restore was interrupted while it was checking the backup, before it changed anything: your data is as it was, and nothing was restored.';
  }
  const undone = (why: string) =>
    `A restore from ${journal.from} was interrupted ${why}. Fieldbook undid it: your data is as it was before the restore, and nothing was restored.`;
  try {
    if ((journal.stage === 'rolling back' || !fs.existsSync(live)) && fs.existsSync(journal.keptAt)) {
      rollBack(journalFile, journal, live);
      return undone('after the backup it put in place could not be opened');
    }
    if (fs.existsSync(journal.temp)) {
      if (sameFile(journal.keptAt, live)) fs.rmSync(journal.keptAt, { force: true });
      fs.rmSync(journalFile, { force: true });
      return undone('before it put the backup in place');
    }
    try {
      const db = openDatabase(live, { nativeBinding });
      try {
        carryOverLocalState(db, journal.keptAt, nativeBinding);
      } finally {
        db.close();
      }
    } catch (err) {
      console.error('[fieldbook] the interrupted restore could not be finished:', err);
      rollBack(journalFile, journal, live);
      return undone(`and the backup it had put in place could not be opened (${errorCode(err)})`);
    }
    fs.rmSync(journalFile, { force: true });
    return (
      `A restore from ${journal.from} was interrupted after it had put the backup in place. Fieldbook finished it: you are working in the restored data, ` +
      `and the data that was open before is kept as ${path.basename(journal.keptAt)} in the backups folder.`
    );
  } finally {
    strays.forEach(removeWithSidecars);
  }
}
