import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getISOWeek } from 'date-fns/getISOWeek';
import { getISOWeekYear } from 'date-fns/getISOWeekYear';
import { parseISO } from 'date-fns/parseISO';
import type { BackupFile, BackupOverview, BackupSettings, RestoreOutcome } from '../../../../shared/backups/model';
import { AppError } from '../../../../shared/result';
import { type CoreContext, today } from '../../context';
import { type Db, openDatabase, SCHEMA_VERSION } from '../../db/connection';
import { writeDurably } from '../../durable';
import { decryptBackup, encryptBackup, isEncryptedBackup } from '../../backup/crypto';
import { backupName, backupsDir, fileStamp, freePath, listBackupFiles, rotateBackups } from '../../backup/files';
import { dataFileCheck, dataFileReplaced, stopDataFileCheck } from '../../backup/verify';
import { syncBuiltinFrameworks } from '../settings/frameworks';

/** Where the live database file is and how to reopen it; set by startCore (absent for in-memory cores). */
interface LiveDatabase {
  file: string;
  nativeBinding?: string;
}
const live = new WeakMap<CoreContext, LiveDatabase>();
const automatic = new WeakMap<CoreContext, { ok: boolean; message: string }>();

export function registerLiveDatabase(ctx: CoreContext, db: LiveDatabase): void {
  live.set(ctx, db);
}

export function getBackupSettings(db: Db): BackupSettings {
  const row = db.prepare(`SELECT keep_daily AS keepDaily, keep_weekly AS keepWeekly FROM backup_settings WHERE id = 1`).get() as BackupSettings | undefined;
  return row ?? { keepDaily: 7, keepWeekly: 4 };
}

export function saveBackupSettings(ctx: CoreContext, input: BackupSettings): BackupSettings {
  ctx.db
    .prepare(`INSERT INTO backup_settings (id, keep_daily, keep_weekly) VALUES (1, @keepDaily, @keepWeekly)
      ON CONFLICT (id) DO UPDATE SET keep_daily = excluded.keep_daily, keep_weekly = excluded.keep_weekly`)
    .run(input);
  return getBackupSettings(ctx.db);
}

export function listBackups(ctx: CoreContext): BackupOverview {
  const folder = backupsDir(ctx.dataDir);
  return { folder, backups: listBackupFiles(folder), lastAutomatic: automatic.get(ctx) ?? null, dataFile: dataFileCheck(ctx) };
}

/** SQLite's online backup into a partial file, encrypted if asked, then renamed: a half-written backup never looks finished. */
async function writeBackup(db: Db, target: string, passphrase: string | null): Promise<void> {
  const partial = `${target}.partial`;
  try {
    await db.backup(partial);
    if (passphrase) {
      writeDurably(partial, encryptBackup(fs.readFileSync(partial), passphrase));
    }
    fs.renameSync(partial, target);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

const isoWeek = (date: string): string => {
  const d = parseISO(date);
  return `${getISOWeekYear(d)}-${getISOWeek(d)}`;
};

/** Today's automatic backup, if there is none yet: the first of an ISO week is the weekly one. Then rotate. */
export async function runAutomaticBackup(ctx: CoreContext): Promise<BackupFile | null> {
  const folder = backupsDir(ctx.dataDir);
  const day = today(ctx);
  const existing = listBackupFiles(folder).filter((b) => b.kind === 'daily' || b.kind === 'weekly');
  if (existing.some((b) => b.createdAt === day)) return null;
  const kind = existing.some((b) => b.kind === 'weekly' && isoWeek(b.createdAt) === isoWeek(day)) ? 'daily' : 'weekly';
  fs.mkdirSync(folder, { recursive: true });
  const target = freePath(folder, backupName(kind, day));
  await writeBackup(ctx.db, target, null);
  rotateBackups(folder, getBackupSettings(ctx.db));
  return listBackupFiles(folder).find((b) => b.file === target) ?? null;
}

/** Run at start-up: a failing backup is logged and reported in Settings, never stops Fieldbook. */
export function startAutomaticBackup(ctx: CoreContext, dataFileSound: Promise<boolean> = Promise.resolve(true)): Promise<void> {
  // A file still being checked is not copied yet, and a damaged one never: it would become the newest backup.
  const backup = dataFileSound.then((sound) => {
    if (sound) return runAutomaticBackup(ctx);
    automatic.set(ctx, { ok: false, message: "Today's automatic backup was not taken: Fieldbook found damage in its data file (see the message at the top)." });
    return null;
  });
  return backup.then(
    (made) => {
      if (made) automatic.set(ctx, { ok: true, message: `Backed up automatically to ${made.name}.` });
    },
    (err: unknown) => {
      if (!ctx.db.open) return; // Fieldbook closed while it ran.
      console.error('[fieldbook] automatic backup failed:', err);
      automatic.set(ctx, { ok: false, message: `Today's automatic backup failed: ${err instanceof Error ? err.message : String(err)}. Use Back up now.` });
    },
  );
}

export async function backUpNow(ctx: CoreContext, input: { folder: string | null; passphrase: string | null }): Promise<BackupFile> {
  if (!live.has(ctx)) {
    // Only an in-memory core (tests) has no data file: never let one write backups anywhere.
    throw new AppError('no_data_file', 'This Fieldbook has no data file to back up', 'folder');
  }
  const folder = input.folder ?? backupsDir(ctx.dataDir);
  if (input.folder !== null) {
    if (!path.isAbsolute(input.folder)) throw new AppError('invalid_folder', 'Enter the full path of a folder, for example /Users/robin/Documents', 'folder');
    if (!fs.statSync(input.folder, { throwIfNoEntry: false })?.isDirectory()) throw new AppError('invalid_folder', 'There is no folder at that path', 'folder');
  }
  fs.mkdirSync(folder, { recursive: true });
  const target = freePath(folder, backupName('manual', fileStamp(ctx.now()), { encrypted: Boolean(input.passphrase) }));
  try {
    await writeBackup(ctx.db, target, input.passphrase);
  } catch (err) {
    console.error('[fieldbook] back up now failed:', err);
    throw new AppError('backup_failed', `Fieldbook could not write a backup in ${folder}. Check the folder exists and you can write to it.`, 'folder');
  }
  const stat = fs.statSync(target);
  return { file: target, name: path.basename(target), kind: 'manual', createdAt: ctx.now().toISOString(), sizeBytes: stat.size, encrypted: Boolean(input.passphrase) };
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const notABackup = () => new AppError('backup_damaged', 'This file is damaged or is not a Fieldbook backup; nothing was changed', 'file');

/** Checks a candidate restored database, read-only: intact, Fieldbook's, and not from a newer version. */
function checkRestorable(file: string, nativeBinding?: string): void {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
    const integrity = db.pragma('integrity_check', { simple: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    const hasSettings = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'`).get();
    if (integrity !== 'ok' || version < 1 || !hasSettings) throw notABackup();
    if (version > SCHEMA_VERSION) {
      throw new AppError(
        'backup_too_new',
        `This backup was made by a newer version of Fieldbook (data version ${version}, this app reads up to ${SCHEMA_VERSION}). Update Fieldbook to restore it; nothing was changed.`,
        'file',
      );
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw notABackup();
  } finally {
    db?.close();
  }
}

const removeWithSidecars = (file: string) => ['', '-wal', '-shm', '-journal'].forEach((s) => fs.rmSync(file + s, { force: true }));

/**
 * Replace the live database with a backup. Everything is checked on a temporary copy first; only then
 * is the live database closed, kept in the backups folder, replaced by a rename and reopened (migrations
 * bring an older backup up to date). ctx.db is swapped on the same context, so both transports see it.
 */
export function restoreBackup(ctx: CoreContext, input: { file: string; passphrase: string | null }): RestoreOutcome {
  const target = live.get(ctx);
  if (!target) throw new AppError('restore_unavailable', 'This Fieldbook has no data file to restore into', 'file');
  if (!path.isAbsolute(input.file) || !fs.statSync(input.file, { throwIfNoEntry: false })?.isFile()) {
    throw new AppError('no_backup_file', 'There is no backup file at that path', 'file');
  }
  let bytes: Buffer = fs.readFileSync(input.file);
  if (isEncryptedBackup(bytes)) bytes = decryptBackup(bytes, input.passphrase);
  if (!bytes.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER)) throw notABackup();

  const dataDir = path.dirname(target.file);
  const temp = path.join(dataDir, `fieldbook-restore-${crypto.randomBytes(6).toString('hex')}.tmp`);
  try {
    writeDurably(temp, bytes);
    checkRestorable(temp, target.nativeBinding);
    ['-wal', '-shm'].forEach((s) => fs.rmSync(temp + s, { force: true }));

    const folder = backupsDir(dataDir);
    fs.mkdirSync(folder, { recursive: true });
    const keptAt = freePath(folder, backupName('before-restore', fileStamp(ctx.now())));
    stopDataFileCheck(ctx);
    ctx.db.close(); // checkpoints the WAL into the file, so the kept copy is complete
    for (const s of ['', '-wal', '-shm']) if (fs.existsSync(target.file + s)) fs.renameSync(target.file + s, keptAt + s);
    fs.renameSync(temp, target.file);
    try {
      ctx.db = openDatabase(target.file, { nativeBinding: target.nativeBinding });
    } catch (err) {
      // Put the data that was open back, so a failed restore leaves Fieldbook as it was.
      removeWithSidecars(target.file);
      for (const s of ['', '-wal', '-shm']) if (fs.existsSync(keptAt + s)) fs.renameSync(keptAt + s, target.file + s);
      ctx.db = openDatabase(target.file, { nativeBinding: target.nativeBinding });
      throw err;
    }
    syncBuiltinFrameworks(ctx);
    dataFileReplaced(ctx); // checkRestorable read the backup whole
    return { restoredFrom: input.file, previousKeptAt: keptAt };
  } finally {
    removeWithSidecars(temp);
  }
}
