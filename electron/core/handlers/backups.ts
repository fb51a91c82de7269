import type { backupCalls, lockCalls } from '../../../shared/backups/contract';
import type { HandlersFor } from './types';
import { backUpNow, getBackupSettings, listBackups, restoreBackup, saveBackupSettings } from '../services/backups/backups';
import * as lock from '../services/backups/lock';

export const backupHandlers: HandlersFor<keyof typeof backupCalls> = {
  listBackups: (ctx) => listBackups(ctx),
  backUpNow: (ctx, input) => backUpNow(ctx, input),
  restoreBackup: (ctx, input) => restoreBackup(ctx, input),
  getBackupSettings: (ctx) => getBackupSettings(ctx.db),
  saveBackupSettings: (ctx, input) => saveBackupSettings(ctx, input),
};



export const lockHandlers: HandlersFor<keyof typeof lockCalls> = {
  getLockSettings: lock.getLockSettings,
  saveLockSettings: lock.saveLockSettings,
  lockNow: (ctx) => lock.lockNow(ctx),
  unlock: (ctx, { passphrase }) => lock.unlock(ctx, passphrase),
};
