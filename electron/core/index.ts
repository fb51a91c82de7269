import path from 'node:path';
import type { CallName, Envelope } from '../../shared/api';
import type { CoreContext } from './context';
import { DB_FILENAME, openDatabase } from './db/connection';
import { dispatch } from './dispatch';
import { syncBuiltinFrameworks } from './services/frameworks';

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
}

/** Open the database in dataDir and serve the contract over it. Both transports start here. */
export function startCore(options: CoreOptions): Core {
  const db = openDatabase(path.join(options.dataDir, DB_FILENAME), { nativeBinding: options.nativeBinding });
  const ctx: CoreContext = { db, now: options.now ?? (() => new Date()), dataDir: options.dataDir, mode: options.mode };
  syncBuiltinFrameworks(ctx);
  return {
    ctx,
    call: (name, input) => dispatch(ctx, name, input),
    close: () => db.close(),
  };
}
