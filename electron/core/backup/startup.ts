import Database from 'better-sqlite3';
import fs from 'node:fs';
import { AppError } from '../../../shared/result';
import { SCHEMA_VERSION } from '../db/connection';
import { backupName, backupsDir, fileStamp, freePath } from './files';

export const damagedMessage = (file: string, dataDir: string): string =>
  `Fieldbook's data file ${file} is damaged or is not a Fieldbook database, so Fieldbook did not open it and changed nothing. ` +
  `Your backups are in ${backupsDir(dataDir)}. To restore one: quit Fieldbook, move the damaged file somewhere safe, ` +
  `copy the newest backup (for example fieldbook-daily-….sqlite3) to ${file}, and start Fieldbook again. ` +
  'An encrypted backup (.enc) can be restored from Settings → Backups once Fieldbook opens.';

/**
 * Before the live database is opened for writing: a quick check, read-only, so a damaged or foreign
 * file is refused without a byte of it changed; and, when migrations are about to change an existing
 * database, a copy of it in the backups folder first. Returns the file's user_version (0: new).
 */
export function checkBeforeOpen(file: string, dataDir: string, options: { nativeBinding?: string; now?: () => Date } = {}): number {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat || stat.size === 0) return 0;
  // A read-only look at a WAL-mode file still creates empty -wal/-shm files: remove the ones it made.
  const made = ['-wal', '-shm'].map((s) => file + s).filter((f) => !fs.existsSync(f));
  const tidy = () => made.forEach((f) => fs.rmSync(f, { force: true }));
  let db: Database.Database | null = null;
  let version: number;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(String(check));
    version = db.pragma('user_version', { simple: true }) as number;
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
      const target = freePath(dir, backupName('before-upgrade', fileStamp((options.now ?? (() => new Date()))()), { version }));
      fs.writeFileSync(target, db.serialize(), { flag: 'wx' });
    }
    return version;
  } finally {
    db.close();
    tidy();
  }
}
