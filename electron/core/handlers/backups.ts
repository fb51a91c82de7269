import type { backupCalls } from '../../../shared/contract/backups';
import type { HandlersFor } from './types';
import { backUpNow, getBackupSettings, listBackups, restoreBackup, saveBackupSettings } from '../services/backups';

export const backupHandlers: HandlersFor<keyof typeof backupCalls> = {
  listBackups: (ctx) => listBackups(ctx),
  backUpNow: (ctx, input) => backUpNow(ctx, input),
  restoreBackup: (ctx, input) => restoreBackup(ctx, input),
  getBackupSettings: (ctx) => getBackupSettings(ctx.db),
  saveBackupSettings: (ctx, input) => saveBackupSettings(ctx, input),
};
