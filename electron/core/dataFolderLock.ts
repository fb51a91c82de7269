import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/result';
import { createPrivateFile } from './durable';

/**
 * One process owns a data folder. The owner holds a write lock on a small SQLite file in it for
 * as long as it runs: SQLite's locks are the operating system's (fcntl on Linux and macOS,
 * LockFileEx on Windows), so they go with the process however it ends, even by SIGKILL or a power
 * cut, and a lock left by a dead process never stands in the way. Who holds it is written in the
 * file before the lock is taken, so a second start can say whom to close.
 */
const LOCK_FILENAME = 'fieldbook.lock';

export interface DataFolderLock {
  release: () => void;
}

interface Holder {
  pid: number;
  mode: string;
  host: string;
  startedAt: string;
}

const MODE_NAMES: Record<string, string> = { browser: 'browser mode', electron: 'the Fieldbook app', tool: 'a Fieldbook tool' };

function inUseMessage(dataDir: string, holder: Holder | null): string {
  const who = holder
    ? `${MODE_NAMES[holder.mode] ?? holder.mode}, process ${holder.pid}${holder.host === os.hostname() ? '' : ` on ${holder.host}`}, since ${holder.startedAt.slice(0, 16).replace('T', ' ')} UTC`
    : 'another process';
  return `Fieldbook is already open on the data folder ${dataDir} (${who}). Close that one first; this one changed nothing and stops here.`;
}

const isBusy = (err: unknown) => typeof (err as { code?: string }).code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test((err as { code: string }).code);

/** Take the data folder, or throw AppError('data_folder_in_use') naming the process that has it. */
export function lockDataFolder(dataDir: string, mode: string, options: { nativeBinding?: string; now?: () => Date } = {}): DataFolderLock {
  const file = path.join(dataDir, LOCK_FILENAME);
  if (!fs.existsSync(file)) {
    try {
      createPrivateFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  // timeout 0: a lock that is held is an answer, not something to wait for.
  const db = new Database(file, { timeout: 0, nativeBinding: options.nativeBinding });
  try {
    // No journal file beside it: the one row it holds is rewritten whole by every owner.
    db.pragma('journal_mode = MEMORY');
    db.exec(`CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER NOT NULL, mode TEXT NOT NULL, host TEXT NOT NULL, started_at TEXT NOT NULL)`);
    const startedAt = (options.now?.() ?? new Date()).toISOString();
    db.prepare(`INSERT OR REPLACE INTO holder (id, pid, mode, host, started_at) VALUES (1, ?, ?, ?, ?)`).run(process.pid, mode, os.hostname(), startedAt);
    // Held until release: other processes can still read who holds it, but none can take it.
    db.exec('BEGIN IMMEDIATE');
  } catch (err) {
    if (!isBusy(err)) {
      db.close();
      throw err;
    }
    let holder: Holder | null = null;
    try {
      holder = (db.prepare(`SELECT pid, mode, host, started_at AS startedAt FROM holder WHERE id = 1`).get() as Holder | undefined) ?? null;
    } catch {
      // Being written at this very moment: the message names no one.
    }
    db.close();
    throw new AppError('data_folder_in_use', inUseMessage(dataDir, holder));
  }
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      db.exec('ROLLBACK');
      db.close();
    },
  };
}
