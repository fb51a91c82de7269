import fs from 'node:fs';
import path from 'node:path';
import { getISOWeek } from 'date-fns/getISOWeek';
import { getISOWeekYear } from 'date-fns/getISOWeekYear';
import { parseISO } from 'date-fns/parseISO';
import type { BackupFile, BackupOverview, BackupSettings, RestoreOutcome } from '../../../../shared/backups/model';
import { AppError } from '../../../../shared/result';
import { type CoreContext, today } from '../../context';
import type { Db } from '../../db/connection';
import { makePrivateFolder } from '../../durable';
import { backupName, backupsDir, fileStamp, freePath, listBackupFiles, rotateBackups } from '../../backup/files';
import { prepareRestore, putInPlace } from '../../backup/restore';
import { dataFileCheck, dataFileReplaced, stopDataFileCheck } from '../../backup/verify';
import { backupsEnded, writeBackup } from '../../backup/write';
import { syncBuiltinFrameworks } from '../settings/frameworks';

/** Where the live database file is and how to reopen it; set by startCore (absent for in-memory cores). */
interface LiveDatabase {
  file: string;
  nativeBinding?: string;
}
const live = new WeakMap<CoreContext, LiveDatabase>();
const automatic = new WeakMap<CoreContext, { ok: boolean; message: string }>();
const restoreNotices = new WeakMap<CoreContext, string>();

export function registerLiveDatabase(ctx: CoreContext, db: LiveDatabase): void {
  live.set(ctx, db);
}

/** What the start found of an interrupted restore (finished or undone), shown for this session. */
export function registerRestoreNotice(ctx: CoreContext, notice: string | null): void {
  if (notice) restoreNotices.set(ctx, notice);
}
export const restoreNotice = (ctx: CoreContext): string | null => restoreNotices.get(ctx) ?? null;

/** A backup dated after today: the computer's clock is probably wrong (rotation goes by the order backups were made, so nothing is lost). */
function clockWarning(ctx: CoreContext, backups: BackupFile[]): string | null {
  const now = ctx.now();
  const day = today(ctx);
  const ahead = backups.find((b) => (b.createdAt.length === 10 ? b.createdAt > day : Date.parse(b.createdAt) > now.getTime() + 60 * 60_000));
  if (!ahead) return null;
  return (
    `Your computer's clock says it is ${day}, but the backup ${ahead.name} is dated ${ahead.createdAt.slice(0, 10)}. ` +
    'Check the date and time in your computer\'s settings. Fieldbook keeps and removes backups by the order they were made, not by their dates, so none is lost meanwhile.'
  );
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
  const backups = listBackupFiles(folder);
  return {
    folder, backups, lastAutomatic: automatic.get(ctx) ?? null, dataFile: dataFileCheck(ctx),
    clockWarning: clockWarning(ctx, backups), restoreNotice: restoreNotice(ctx),
  };
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
  makePrivateFolder(folder);
  const target = freePath(folder, backupName(kind, day));
  await writeBackup(ctx.db, ctx.dataDir, target, null);
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

/** What went wrong writing in a folder, in words, at the folder field. */
function folderFailure(err: unknown, folder: string, doing: string): AppError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new AppError('disk_full', `The disk holding ${folder} is full, so Fieldbook could not ${doing}. Free some space and try again.`, 'folder');
  if (code === 'EROFS') return new AppError('folder_read_only', `${folder} is on a read-only disk, so Fieldbook could not ${doing}. Choose another folder.`, 'folder');
  if (code === 'EACCES' || code === 'EPERM') return new AppError('folder_not_writable', `Fieldbook may not write in ${folder}, so it could not ${doing}. Choose a folder you can write to.`, 'folder');
  if (code === 'ENAMETOOLONG') return new AppError('invalid_folder', 'That folder path is too long for the disk: use a shorter one', 'folder');
  console.error(`[fieldbook] could not ${doing}:`, err);
  return new AppError('backup_failed', `Fieldbook could not ${doing} in ${folder} (${code ?? 'an unexpected error'}). Check the folder exists and you can write to it.`, 'folder');
}

export async function backUpNow(ctx: CoreContext, input: { folder: string | null; passphrase: string | null }): Promise<BackupFile> {
  if (!live.has(ctx)) {
    // Only an in-memory core (tests) has no data file: never let one write backups anywhere.
    throw new AppError('no_data_file', 'This Fieldbook has no data file to back up', 'folder');
  }
  const folder = input.folder ?? backupsDir(ctx.dataDir);
  let target: string;
  try {
    if (input.folder !== null) {
      if (!path.isAbsolute(input.folder)) throw new AppError('invalid_folder', 'Enter the full path of a folder, for example /Users/robin/Documents', 'folder');
      if (!fs.statSync(input.folder, { throwIfNoEntry: false })?.isDirectory()) throw new AppError('invalid_folder', 'There is no folder at that path', 'folder');
    } else {
      makePrivateFolder(folder);
    }
    target = freePath(folder, backupName('manual', fileStamp(ctx.now()), { encrypted: Boolean(input.passphrase) }));
    await writeBackup(ctx.db, ctx.dataDir, target, input.passphrase);
  } catch (err) {
    throw err instanceof AppError ? err : folderFailure(err, folder, 'write the backup');
  }
  const stat = fs.statSync(target);
  return { file: target, name: path.basename(target), kind: 'manual', createdAt: ctx.now().toISOString(), sizeBytes: stat.size, encrypted: Boolean(input.passphrase), sequence: null };
}

/**
 * Replace the live database with a backup (see backup/restore.ts for how it stays atomic). ctx.db
 * is swapped on the same context, so both transports see the restored data.
 */
export async function restoreBackup(ctx: CoreContext, input: { file: string; passphrase: string | null }): Promise<RestoreOutcome> {
  const target = live.get(ctx);
  if (!target) throw new AppError('restore_unavailable', 'This Fieldbook has no data file to restore into', 'file');
  let stat: fs.Stats | undefined;
  try {
    stat = path.isAbsolute(input.file) ? fs.statSync(input.file, { throwIfNoEntry: false }) : undefined;
  } catch {
    stat = undefined; // a path no disk can hold, say
  }
  if (!stat?.isFile()) throw new AppError('no_backup_file', 'There is no backup file at that path', 'file');
  const dataDir = path.dirname(target.file);
  const temp = await prepareRestore(input.file, input.passphrase, dataDir, target.nativeBinding);
  // A backup being written (the automatic one, Back up now) reads the open database: it ends first.
  // From here to the swap nothing waits, so no other backup can start in between.
  await backupsEnded(ctx.dataDir);
  const folder = backupsDir(dataDir);
  makePrivateFolder(folder);
  const keptAt = freePath(folder, backupName('before-restore', fileStamp(ctx.now())));
  stopDataFileCheck(ctx);
  putInPlace(ctx, target, temp, input.file, keptAt);
  syncBuiltinFrameworks(ctx);
  dataFileReplaced(ctx); // the backup was read whole when it was checked
  return { restoredFrom: input.file, previousKeptAt: keptAt };
}
