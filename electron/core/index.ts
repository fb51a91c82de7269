import path from 'node:path';
import type { CallName, Envelope } from '../../shared/api';
import type { CoreContext } from './context';
import { DB_FILENAME, openDatabase } from './db/connection';
import { dispatch } from './dispatch';
import { syncBuiltinFrameworks } from './services/frameworks';
import { checkBeforeOpen } from './backup/startup';
import { registerLiveDatabase, startAutomaticBackup } from './services/backups';

export interface CoreOptions {
  dataDir: string;
  mode: CoreContext['mode'];
  nativeBinding?: string;
  now?: () => Date;
}

export interface Core {
  ctx: CoreContext;
  call: (name: CallName | string, input?: unknown) => Promise<Envelope<unknown>>;
  close: () => void;
  /** Settles when the start-up backup has been taken (or skipped, or failed and been reported). */
  automaticBackup: Promise<void>;
}

/** Open the database in dataDir and serve the contract over it. Both transports start here. */
export function startCore(options: CoreOptions): Core {
  const file = path.join(options.dataDir, DB_FILENAME);
  const now = options.now ?? (() => new Date());
  // Refuses a damaged file untouched, and copies an existing database before migrations change it.
  checkBeforeOpen(file, options.dataDir, { nativeBinding: options.nativeBinding, now });
  const db = openDatabase(file, { nativeBinding: options.nativeBinding });
  const ctx: CoreContext = { db, now, dataDir: options.dataDir, mode: options.mode };
  registerLiveDatabase(ctx, { file, nativeBinding: options.nativeBinding });
  syncBuiltinFrameworks(ctx);
  const automaticBackup = startAutomaticBackup(ctx);
  return {
    ctx,
    call: (name, input) => dispatch(ctx, name, input),
    automaticBackup,
    // ctx.db, not db: a restore swaps the connection.
    close: () => ctx.db.close(),
  };
}
