import type { Db } from './db/connection';
import { isoDate } from '../../shared/schoolYear';

/** What every handler gets: the database and the clock (injected so tests can fix "today"). */
export interface CoreContext {
  db: Db;
  now: () => Date;
  dataDir: string;
  mode: 'electron' | 'browser';
}

export const today = (ctx: Pick<CoreContext, 'now'>): string => isoDate(ctx.now());
export const timestamp = (ctx: Pick<CoreContext, 'now'>): string => ctx.now().toISOString();
