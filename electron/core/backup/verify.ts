import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { DataFileCheck } from '../../../shared/backups/model';
import type { CoreContext } from '../context';
import { damagedWhileOpenMessage, type StartupCheck } from './startup';

/**
 * SQLite's quick_check on its own read-only connection in a worker thread, so a large file is read
 * end to end without holding up the calls the screen is waiting for.
 */
const SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
let db;
let outcome;
try {
  const Database = require(workerData.module);
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, nativeBinding: workerData.nativeBinding });
  outcome = { check: String(db.pragma('quick_check', { simple: true })) };
} catch (err) {
  outcome = { error: String((err && err.message) || err), code: err && err.code };
} finally {
  if (db) db.close();
}
// Only once the connection is closed: the last connection to close tidies away the write-ahead log.
parentPort.postMessage(outcome);`;

/** damage null: the whole file read and sound; damage: what SQLite found; null: the check could not run or was stopped. */
export type Verdict = { damage: string | null } | null;

export interface Verification {
  result: Promise<Verdict>;
  stop: () => void;
}

export function verifyInWorker(file: string, nativeBinding?: string): Verification {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(SCRIPT, { eval: true, workerData: { file, nativeBinding, module } });
  worker.unref(); // never what keeps Fieldbook from quitting
  const result = new Promise<Verdict>((resolve) => {
    worker.once('message', (m: { check?: string; error?: string; code?: string }) => {
      if (m.check !== undefined) return resolve({ damage: m.check === 'ok' ? null : m.check });
      if (m.code?.startsWith('SQLITE_CORRUPT') || m.code === 'SQLITE_NOTADB') return resolve({ damage: m.error ?? m.code });
      console.error('[fieldbook] the background check of the data file could not run:', m.error);
      resolve(null);
    });
    worker.once('error', (err) => {
      console.error('[fieldbook] the background check of the data file could not run:', err);
      resolve(null);
    });
    worker.once('exit', () => resolve(null));
  });
  return { result, stop: () => void worker.terminate() };
}

export interface BackgroundCheck {
  /** Settles when the background read has finished (or was stopped); at once if none was needed. */
  done: Promise<void>;
  /** When the whole file was last read and found sound (this session or, after a clean shutdown, earlier). */
  lastFullRead: () => Date;
  /** The background read found damage. */
  failed: () => boolean;
  stop: () => void;
}

const checks = new WeakMap<CoreContext, DataFileCheck>();
const running = new WeakMap<CoreContext, () => void>();

/** How the open data file was last checked, for Settings and the status bar; null for an in-memory core. */
export const dataFileCheck = (ctx: CoreContext): DataFileCheck | null => checks.get(ctx) ?? null;

/** Before a restore moves the file away: the background read of it stops. */
export const stopDataFileCheck = (ctx: CoreContext): void => running.get(ctx)?.();

/** A restore put a backup in the file's place, read whole as it was restored: the old file's check no longer applies. */
export function dataFileReplaced(ctx: CoreContext): void {
  if (checks.has(ctx)) checks.set(ctx, { state: 'sound', lastFullRead: ctx.now().toISOString(), problem: null });
}

/**
 * The open file's check, for its whole session: nothing more to do if it was read whole before opening;
 * otherwise a read in a worker delayMs after start (the first screen's calls go first).
 */
export function watchDataFile(ctx: CoreContext, file: string, startup: StartupCheck, options: { delayMs: number; nativeBinding?: string }): BackgroundCheck {
  checks.set(ctx, { state: startup.checkedNow ? 'sound' : 'checking', lastFullRead: startup.verifiedAt.toISOString(), problem: null });
  const state = () => checks.get(ctx)!;
  let verification: Verification | null = null;
  let stopped = startup.checkedNow;
  let timer: NodeJS.Timeout | undefined;
  let wake = () => {};
  const done = startup.checkedNow ? Promise.resolve() : new Promise<void>((resolve) => {
    wake = resolve;
    timer = setTimeout(resolve, options.delayMs);
  })
    .then(async () => {
      if (stopped) return;
      verification = verifyInWorker(file, options.nativeBinding);
      const verdict = await verification.result;
      if (stopped) return;
      if (verdict === null) return void checks.set(ctx, { ...state(), state: 'sound' }); // could not run: the start-up look stands
      if (verdict.damage === null) return void checks.set(ctx, { state: 'sound', lastFullRead: ctx.now().toISOString(), problem: null });
      console.error('[fieldbook] the background check of the data file found damage:', verdict.damage);
      checks.set(ctx, { ...state(), state: 'damaged', problem: damagedWhileOpenMessage(file) });
    });
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    wake();
    verification?.stop();
  };
  running.set(ctx, stop);
  return {
    done,
    lastFullRead: () => new Date(state().lastFullRead),
    failed: () => state().state === 'damaged',
    stop,
  };
}
