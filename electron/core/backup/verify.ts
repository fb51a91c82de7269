import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { CoreContext } from '../context';
import { damagedWhileOpenMessage } from './startup';

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
      if (m.code === 'SQLITE_CORRUPT' || m.code === 'SQLITE_NOTADB') return resolve({ damage: m.error ?? m.code });
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
  /** Settles when the check has finished (or was stopped). */
  done: Promise<void>;
  /** The whole file was read and SQLite found nothing wrong. */
  passed: () => boolean;
  /** SQLite found damage. */
  failed: () => boolean;
  stop: () => void;
}

const problems = new WeakMap<CoreContext, string>();

/** What the background check found wrong with the open data file, for the status bar; null: nothing. */
export const dataFileProblem = (ctx: CoreContext): string | null => problems.get(ctx) ?? null;

/** Wait delayMs after `after` (the first screen and the start-up backup go first), then check in a worker. */
export function checkInBackground(ctx: CoreContext, file: string, after: Promise<unknown>, options: { delayMs: number; nativeBinding?: string }): BackgroundCheck {
  let verification: Verification | null = null;
  let stopped = false;
  let passed = false;
  let timer: NodeJS.Timeout | undefined;
  let wake = () => {};
  const done = after
    .then(() => new Promise<void>((resolve) => {
      wake = resolve;
      if (stopped) return resolve();
      timer = setTimeout(resolve, options.delayMs);
      timer.unref();
    }))
    .then(async () => {
      if (stopped) return;
      verification = verifyInWorker(file, options.nativeBinding);
      const verdict = await verification.result;
      if (stopped || verdict === null) return;
      passed = verdict.damage === null;
      if (passed) return;
      console.error('[fieldbook] the background check of the data file found damage:', verdict.damage);
      problems.set(ctx, damagedWhileOpenMessage(file));
    });
  return {
    done,
    passed: () => passed,
    failed: () => problems.has(ctx),
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      wake();
      verification?.stop();
    },
  };
}
