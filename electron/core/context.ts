import type { Db } from './db/connection';
import { isoDate } from '../../shared/schoolYear';

/**
 * The operating system's secret store, as the core sees it. The Electron shell provides one over
 * safeStorage; browser mode has none, so passwords can only be kept in memory for the session.
 */
export interface SecretStore {
  /** false where nothing can encrypt (Linux without a keyring, say). */
  isAvailable(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

/** What every handler gets: the database and the clock (injected so tests can fix "today"). */
export interface CoreContext {
  db: Db;
  now: () => Date;
  dataDir: string;
  mode: 'electron' | 'browser';
  /** The OS secret store (Electron's safeStorage); absent in browser mode. */
  secrets?: SecretStore;
  /** Shows a folder in the system's file manager; absent where there is none. */
  openFolder?: (folder: string) => Promise<string | null>;
  /** The supervisor's locale for dates and times (the shell passes the system's); absent: this computer's. */
  locale?: string;
}

export const today = (ctx: Pick<CoreContext, 'now'>): string => isoDate(ctx.now());
export const timestamp = (ctx: Pick<CoreContext, 'now'>): string => ctx.now().toISOString();
