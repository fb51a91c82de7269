import { z } from 'zod';
import type { BackupFile, BackupOverview, BackupSettings, RestoreOutcome } from '../model/backups';
import { nameTooLong, noInput, pathPartsFit } from '../schemas';
import { mutation, query, TABLES } from './define';

const passphrase = z
  .string()
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || v.length >= 8, 'Use a passphrase of at least 8 characters')
  .refine((v) => v === null || v.length <= 1000, 'Keep the passphrase under 1000 characters');

export const backUpNowInput = z.object({
  /** A folder on this computer; blank means Fieldbook's own backups folder. */
  folder: z.string().trim().max(4000, 'Keep the folder path under 4000 characters').nullish().transform((v) => (v ? v : null))
    .refine(pathPartsFit, nameTooLong('the folder path')),
  passphrase,
});

export const restoreBackupInput = z.object({
  file: z.string({ error: 'Choose a backup to restore' }).trim().min(1, 'Choose a backup to restore').max(4000, 'Keep the file path under 4000 characters')
    .refine(pathPartsFit, nameTooLong('the file path')),
  passphrase: z.string().max(1000, 'Keep the passphrase under 1000 characters').nullish().transform((v) => (v ? v : null)),
});

const keep = (what: string, max: number, min: number) =>
  z.number({ error: `Enter how many ${what} backups to keep` }).int(`Enter a whole number of ${what} backups`)
    .min(min, `Keep at least ${min} ${what} backup${min === 1 ? '' : 's'}`).max(max, `Keep at most ${max} ${what} backups`);

export const backupSettingsInput = z.object({ keepDaily: keep('daily', 60, 1), keepWeekly: keep('weekly', 52, 0) });

/** Backups: automatic rotating ones, "Back up now", and restore. */
export const backupCalls = {
  listBackups: query<BackupOverview>()(noInput),
  /** Writes a file, not a table: the backups list reloads itself afterwards. */
  backUpNow: query<BackupFile>()(backUpNowInput),
  /** Replaces the whole database: every store must reload. Runs outside a transaction (it swaps the connection). */
  restoreBackup: { ...mutation<RestoreOutcome>()(restoreBackupInput, TABLES), outsideTransaction: true as const },
  getBackupSettings: query<BackupSettings>()(noInput),
  saveBackupSettings: mutation<BackupSettings>()(backupSettingsInput, ['backup_settings']),
} as const;
