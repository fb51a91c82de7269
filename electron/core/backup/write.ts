import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/connection';
import { createPrivateFile, fsyncFolder, removeWithSidecars, replaceDurably, withSidecars } from '../durable';
import { encryptBackupFile } from './crypto';
import { backupsDir, numberBackup } from './files';

/**
 * Writing a backup so that a crash at any moment leaves nothing half-written under a backup's
 * name, and an encrypted backup never puts a byte of plaintext outside the data folder:
 * - plain: SQLite's online backup into `<name>.partial`, flushed, then renamed;
 * - encrypted: SQLite's online backup into a private temporary file in the data folder (0600),
 *   encrypted from there into `<name>.partial` at the destination (ciphertext only), flushed,
 *   renamed, and the folder flushed.
 * Where the partial file is being written is noted in the data folder first, so the next start
 * removes it even on a USB stick.
 */
const SNAPSHOT_PREFIX = '.fieldbook-snapshot-';
const PENDING = 'backup-in-progress.json';
const PARTIAL = /^fieldbook-.*\.sqlite3(\.enc)?\.partial(-journal|-wal|-shm)?$/;

/** SQLite's online backup of db into a new private file, flushed to disk. */
export async function snapshot(db: Db, file: string): Promise<void> {
  createPrivateFile(file);
  await db.backup(file);
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

const running = new Map<string, Promise<unknown>>();

/** One backup at a time per data folder, in the order asked. */
export function writeBackup(db: Db, dataDir: string, target: string, passphrase: string | null): Promise<void> {
  const before = running.get(dataDir) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(() => write(db, dataDir, target, passphrase));
  running.set(dataDir, mine);
  void mine.finally(() => running.get(dataDir) === mine && running.delete(dataDir)).catch(() => undefined);
  return mine;
}

/** Once every backup of this data folder asked for so far (and any asked for meanwhile) has ended. */
export async function backupsEnded(dataDir: string): Promise<void> {
  for (let ongoing = running.get(dataDir); ongoing; ongoing = running.get(dataDir)) await ongoing.catch(() => undefined);
}

async function write(db: Db, dataDir: string, target: string, passphrase: string | null): Promise<void> {
  const partial = `${target}.partial`;
  const pending = path.join(dataDir, PENDING);
  replaceDurably(pending, Buffer.from(JSON.stringify({ partial })));
  const temp = passphrase ? path.join(dataDir, `${SNAPSHOT_PREFIX}${crypto.randomBytes(6).toString('hex')}.tmp`) : null;
  try {
    if (temp) {
      await snapshot(db, temp);
      await encryptBackupFile(temp, partial, passphrase!);
    } else {
      await snapshot(db, partial);
    }
    if (path.dirname(target) === backupsDir(dataDir)) numberBackup(target);
    fs.renameSync(partial, target);
    fsyncFolder(path.dirname(target));
  } finally {
    if (temp) removeWithSidecars(temp);
    removeWithSidecars(partial);
    fs.rmSync(pending, { force: true });
  }
}

/**
 * At start, before anything else writes: what an interrupted backup left (the private copy, the
 * partial file wherever it was being written, partial files in the backups folder). Returns what
 * was removed.
 */
export function removeBackupLeftovers(dataDir: string): string[] {
  const removed: string[] = [];
  const remove = (file: string) => {
    if (!fs.existsSync(file)) return;
    fs.rmSync(file, { force: true });
    removed.push(file);
  };
  const pending = path.join(dataDir, PENDING);
  try {
    const { partial } = JSON.parse(fs.readFileSync(pending, 'utf8')) as { partial?: unknown };
    // Only ever a file that has a backup's partial name: the note is not trusted to name anything else.
    if (typeof partial === 'string' && path.isAbsolute(partial) && PARTIAL.test(path.basename(partial))) withSidecars(partial).forEach(remove);
  } catch {
    // No backup was being written.
  }
  fs.rmSync(pending, { force: true });
  for (const name of fs.readdirSync(dataDir)) if (name.startsWith(SNAPSHOT_PREFIX)) remove(path.join(dataDir, name));
  const folder = backupsDir(dataDir);
  if (fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    for (const name of fs.readdirSync(folder)) if (PARTIAL.test(name)) remove(path.join(folder, name));
  }
  return removed;
}
