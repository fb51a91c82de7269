import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/result';
import { openDatabase, SCHEMA_VERSION } from '../db/connection';
import { createPrivateFile, fsyncFolder, makePrivateFolder, removeWithSidecars } from '../durable';
import { takeCleanShutdown } from './cleanShutdown';
import { backupName, backupsDir, fileStamp, freePath, numberBackup } from './files';
import { readOnly } from './readOnly';

export const damagedMessage = (file: string, dataDir: string, why: string): string =>
  `Fieldbook's data file ${file} is damaged or is not a Fieldbook database (${why}), so Fieldbook did not open it and changed nothing. ` +
  `Your backups are in ${backupsDir(dataDir)}. To restore one: quit Fieldbook, move the damaged file somewhere safe, ` +
  `copy the newest backup (for example fieldbook-daily-….sqlite3) to ${file}, and start Fieldbook again. ` +
  'An encrypted backup (.enc) can be restored from Settings → Backups once Fieldbook opens.';

export interface StartupCheck {
  /** The file's user_version (0: new). */
  version: number;
  /** When the whole file was last read and found sound: now, or (after a recent clean shutdown) an earlier session. */
  verifiedAt: Date;
  /** false: only the header and schema were read (a clean shutdown vouched for the rest); check it in the background. */
  checkedNow: boolean;
}

export const damagedWhileOpenMessage = (file: string): string =>
  `Fieldbook found damage in its data file ${file} while checking it in the background, so it did not take today's automatic backup from it. ` +
  'Quit Fieldbook: it reads the whole file when it next starts and, if the damage is real, tells you how to put a backup in its place.';

/**
 * Before the live database is opened for writing: a quick check, read-only, so a damaged or foreign
 * file is refused without a byte of it changed; and, when migrations are about to change an existing
 * database, a copy of it in the backups folder first. A file exactly as a clean shutdown left it gets
 * only a look at its header and schema here (the full check then runs in the background). An empty
 * file is refused too: Fieldbook creates its file whole (see createDatabaseFile), so one of 0 bytes
 * is a copy that went wrong, not a new Fieldbook.
 */
export function checkBeforeOpen(file: string, dataDir: string, options: { nativeBinding?: string; now?: () => Date } = {}): StartupCheck {
  const now = (options.now ?? (() => new Date()))();
  let cleanSince = takeCleanShutdown(file, now);
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return { version: 0, verifiedAt: now, checkedNow: true };
  let version: number;
  try {
    if (stat.size === 0) throw new Error('the file is empty (0 bytes)');
    version = readOnly(file, options.nativeBinding, (db) => {
      const v = db.pragma('user_version', { simple: true }) as number;
      // Migrations are about to change it (and a copy is about to be kept): only a file read whole is upgraded.
      if (cleanSince && v !== SCHEMA_VERSION) cleanSince = null;
      if (cleanSince) {
        // Reads the header and the schema: a file that is not (or no longer) SQLite fails here.
        db.prepare(`SELECT count(*) FROM sqlite_master`).get();
      } else {
        const check = db.pragma('quick_check', { simple: true });
        if (check !== 'ok') throw new Error(String(check));
      }
      return v;
    });
  } catch (err) {
    // Said in one line: the reason goes in the message, not in a stack trace before it.
    const why = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').slice(0, 200);
    throw new AppError('database_damaged', damagedMessage(file, dataDir, why));
  }
  if (version > 0 && version < SCHEMA_VERSION) {
    // VACUUM INTO reads through the write-ahead log, so the copy holds every committed write.
    const dir = backupsDir(dataDir);
    makePrivateFolder(dir);
    const target = freePath(dir, backupName('before-upgrade', fileStamp(now), { version }));
    numberBackup(target);
    createPrivateFile(target);
    readOnly(file, options.nativeBinding, (db) => db.prepare('VACUUM INTO ?').run(target));
  }
  return { version, verifiedAt: cleanSince ?? now, checkedNow: !cleanSince };
}

/**
 * A new Fieldbook's database is made whole under a temporary name (created private, migrated,
 * closed) and only then renamed into place, so a crash while it is made never leaves a file that
 * looks like data.
 */
export function createDatabaseFile(file: string, nativeBinding?: string): void {
  const temp = `${file}.new`;
  removeWithSidecars(temp);
  createPrivateFile(temp);
  openDatabase(temp, { nativeBinding }).close();
  fs.renameSync(temp, file);
  fsyncFolder(path.dirname(file));
}
