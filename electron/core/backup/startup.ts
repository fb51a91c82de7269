import Database from 'better-sqlite3';
import fs from 'node:fs';
import { AppError } from '../../../shared/result';
import { SCHEMA_VERSION } from '../db/connection';
import { takeCleanShutdown } from './cleanShutdown';
import { backupName, backupsDir, fileStamp, freePath } from './files';

export const damagedMessage = (file: string, dataDir: string): string =>
  `Fieldbook's data file ${file} is damaged or is not a Fieldbook database, so Fieldbook did not open it and changed nothing. ` +
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
 * only a look at its header and schema here (the full check then runs in the background).
 */
export function checkBeforeOpen(file: string, dataDir: string, options: { nativeBinding?: string; now?: () => Date } = {}): StartupCheck {
  const now = (options.now ?? (() => new Date()))();
  let cleanSince = takeCleanShutdown(file, now);
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat || stat.size === 0) return { version: 0, verifiedAt: now, checkedNow: true };
  // A read-only look at a WAL-mode file still creates empty -wal/-shm files: remove the ones it made.
  const made = ['-wal', '-shm'].map((s) => file + s).filter((f) => !fs.existsSync(f));
  const tidy = () => made.forEach((f) => fs.rmSync(f, { force: true }));
  let db: Database.Database | null = null;
  let version: number;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
    version = db.pragma('user_version', { simple: true }) as number;
    // Migrations are about to change it (and a copy is about to be kept): only a file read whole is upgraded.
    if (cleanSince && version !== SCHEMA_VERSION) cleanSince = null;
    if (cleanSince) {
      // Reads the header and the schema: a file that is not (or no longer) SQLite fails here.
      db.prepare(`SELECT count(*) FROM sqlite_master`).get();
    } else {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(String(check));
    }
  } catch (err) {
    db?.close();
    tidy();
    console.error('[fieldbook] start-up check failed:', err);
    throw new AppError('database_damaged', damagedMessage(file, dataDir));
  }
  try {
    if (version > 0 && version < SCHEMA_VERSION) {
      // serialize() reads through the WAL, so the copy holds every committed write.
      const dir = backupsDir(dataDir);
      fs.mkdirSync(dir, { recursive: true });
      const target = freePath(dir, backupName('before-upgrade', fileStamp(now), { version }));
      fs.writeFileSync(target, db.serialize(), { flag: 'wx' });
    }
    return { version, verifiedAt: cleanSince ?? now, checkedNow: !cleanSince };
  } finally {
    db.close();
    tidy();
  }
}
