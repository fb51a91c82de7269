import fs from 'node:fs';
import type { DistrictDb } from './db/connection';
import { isDbUnavailable } from './db/connection';
import { ingestFolder, type PackageReport } from './ingest';

/**
 * The drop folder: where folder targets (a synced drive, a network share) or anyone else leave
 * packages. Looked at every few seconds and whenever it changes; a package is loaded once its
 * files have stopped changing, then removed from the folder (the database holds every byte of
 * it); a refused one moves to the quarantine folder. One pass at a time.
 */
export interface DropWatcher {
  /** Look now; resolves when that pass is done. */
  scan(): Promise<void>;
  stop(): Promise<void>;
}

export function watchDropFolder(db: DistrictDb, options: {
  dropDir: string;
  quarantineDir: string;
  pollMs?: number;
  settleMs?: number;
  graceMs?: number;
  concurrency?: number;
  log?: (line: string) => void;
  onReport?: (r: PackageReport) => void;
}): DropWatcher {
  const log = options.log ?? (() => undefined);
  fs.mkdirSync(options.dropDir, { recursive: true });
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let dbDown = false;

  const pass = async () => {
    try {
      await ingestFolder(db, options.dropDir, {
        channel: 'drop', quarantineRoot: options.quarantineDir, removeLoaded: true, concurrency: options.concurrency, commitEvery: 10,
        settleMs: options.settleMs ?? 1_000, graceMs: options.graceMs ?? 60_000,
        onReport: (r) => {
          log(r.line);
          options.onReport?.(r);
        },
      });
      if (dbDown) log('the database answers again: the drop folder is being loaded');
      dbDown = false;
    } catch (err) {
      if (!isDbUnavailable(err)) log(`drop folder pass failed: ${(err as Error).stack ?? err}`);
      else if (!dbDown) log(`the database cannot be reached (${(err as Error).message}); packages wait in the drop folder`);
      dbDown = isDbUnavailable(err) || dbDown;
    }
  };
  const scan = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await pass();
      } while (again && !stopped);
      running = null;
    })();
    return running;
  };

  const timer = setInterval(() => void scan(), options.pollMs ?? 5_000);
  let watcher: fs.FSWatcher | null = null;
  try {
    // A hint to look sooner; the timer is what counts (network drives do not always tell).
    watcher = fs.watch(options.dropDir, () => void scan());
    watcher.on('error', () => undefined);
  } catch { /* polling only */ }
  void scan();
  return {
    scan,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      watcher?.close();
      await running;
    },
  };
}
