import fs from 'node:fs';
import path from 'node:path';
import type { CallName, Envelope } from '../../shared/api';
import type { CoreContext, SecretStore } from './context';
import { DB_FILENAME, type Db, openDatabase } from './db/connection';
import { dispatch } from './dispatch';
import { syncBuiltinFrameworks } from './services/settings/frameworks';
import { markCleanShutdown } from './backup/cleanShutdown';
import { checkBeforeOpen, createDatabaseFile } from './backup/startup';
import { watchDataFile } from './backup/verify';
import { startProblem, takeDataFolder } from './dataFolder';
import { registerLiveDatabase, registerRestoreNotice, startAutomaticBackup } from './services/backups/backups';
import { lockIfProtected } from './services/backups/lock';
import { startSyncWorker, type SyncWorkerOptions } from './sync/worker';

export interface CoreOptions {
  dataDir: string;
  mode: CoreContext['mode'];
  /** Who holds the data folder, as a second start names it (default: the mode; 'tool' for the command-line tools). */
  holder?: string;
  nativeBinding?: string;
  now?: () => Date;
  /** The OS secret store (the Electron shell passes safeStorage); browser mode has none. */
  secrets?: SecretStore;
  openFolder?: CoreContext['openFolder'];
  /** The locale dates and times are written in (default: FIELDBOOK_LOCALE, else this computer's). */
  locale?: string;
  /** How long after the start-up backup a file opened after a clean shutdown is checked in the background (default 3 s). */
  backgroundCheckDelayMs?: number;
  /** false: no sync worker (tools that only read or write the database). */
  sync?: SyncWorkerOptions | false;
}

/** Knobs for the sync worker from the environment (tests and the soak use short retry times). */
function syncOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SyncWorkerOptions {
  const num = (v: string | undefined) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : undefined);
  return { baseDelayMs: num(env.FIELDBOOK_SYNC_RETRY_MS), maxDelayMs: num(env.FIELDBOOK_SYNC_MAX_RETRY_MS), requestTimeoutMs: num(env.FIELDBOOK_SYNC_TIMEOUT_MS) };
}

export interface Core {
  ctx: CoreContext;
  call: (name: CallName | string, input?: unknown) => Promise<Envelope<unknown>>;
  close: () => void;
  /** Settles when the start-up backup has been taken (or skipped, or failed and been reported). */
  automaticBackup: Promise<void>;
  /** Settles when the background check of a file opened after a clean shutdown has finished (at once if none runs); the start-up backup waits for it. */
  backgroundCheck: Promise<void>;
}

/** Open the database in dataDir and serve the contract over it. Both transports start here. */
export function startCore(options: CoreOptions): Core {
  const file = path.join(options.dataDir, DB_FILENAME);
  const now = options.now ?? (() => new Date());
  // Ours alone from here on (another process holding the folder stops this start untouched).
  const folder = takeDataFolder(options.dataDir, options.holder ?? options.mode, { nativeBinding: options.nativeBinding, now });
  let db: Db | null = null;
  try {
    // Refuses a damaged file untouched, and copies an existing database before migrations change it.
    const startup = checkBeforeOpen(file, options.dataDir, { nativeBinding: options.nativeBinding, now });
    if (!fs.existsSync(file)) createDatabaseFile(file, options.nativeBinding);
    db = openDatabase(file, { nativeBinding: options.nativeBinding });
    const ctx: CoreContext = { db, now, dataDir: options.dataDir, mode: options.mode, secrets: options.secrets, openFolder: options.openFolder,
      locale: options.locale ?? process.env.FIELDBOOK_LOCALE };
    registerLiveDatabase(ctx, { file, nativeBinding: options.nativeBinding });
    registerRestoreNotice(ctx, folder.restoreNotice);
    syncBuiltinFrameworks(ctx);
    lockIfProtected(ctx);
    // A file opened on the strength of a clean shutdown is read end to end in the background, then backed up.
    const check = watchDataFile(ctx, file, startup, { delayMs: options.backgroundCheckDelayMs ?? 3000, nativeBinding: options.nativeBinding });
    const automaticBackup = startAutomaticBackup(ctx, check.done.then(() => !check.failed()));
    const worker = options.sync === false ? null : startSyncWorker(ctx, { ...syncOptionsFromEnv(), ...options.sync });
    return {
      ctx,
      call: (name, input) => dispatch(ctx, name, input),
      automaticBackup,
      backgroundCheck: check.done,
      // ctx.db, not db: a restore swaps the connection.
      close: () => {
        void worker?.stop();
        check.stop();
        ctx.db.close();
        // A file found damaged in the background gets no marker: the next start reads it whole and refuses it.
        if (!check.failed()) markCleanShutdown(file, check.lastFullRead());
        folder.lock.release();
      },
    };
  } catch (err) {
    db?.close();
    folder.lock.release();
    throw startProblem(err, options.dataDir);
  }
}
