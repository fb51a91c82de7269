import { z } from 'zod';
import type { BackupFile, BackupOverview, BackupSettings, RestoreOutcome } from './model';
import { nameTooLong, noInput, pathPartsFit } from '../schemas';
import { mutation, query, TABLES } from '../define';

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



/** The idle lock: hide Fieldbook's window after a while without use, optionally behind a passphrase. */
export interface LockSettings {
  /** 0: never lock by itself. */
  idleMinutes: number;
  hasPassphrase: boolean;
}

export const IDLE_LOCK_CHOICES = [0, 5, 10, 15, 30, 60] as const;

const lockPassphrase = z.string().max(1000, 'Keep the passphrase under 1000 characters');

export const lockSettingsInput = z
  .object({
    idleMinutes: z.number({ error: 'Choose when to lock' }).int('Choose when to lock').min(0, 'Choose when to lock').max(240, 'Lock within four hours'),
    /** Undefined keeps the passphrase as it is; '' removes it; anything else replaces it. */
    newPassphrase: lockPassphrase.optional(),
    /** Needed to change or remove a passphrase that is set. */
    currentPassphrase: lockPassphrase.optional(),
  })
  .refine((v) => v.newPassphrase === undefined || v.newPassphrase === '' || v.newPassphrase.length >= 8, {
    message: 'Use a passphrase of at least 8 characters',
    path: ['newPassphrase'],
  });

export const lockCalls = {
  getLockSettings: query<LockSettings>()(noInput),
  /** Checks and hashes passphrases off the main thread, then writes in a transaction of its own. */
  saveLockSettings: { ...mutation<LockSettings>()(lockSettingsInput, ['lock_settings']), outsideTransaction: true as const },
  /** Locks the core too: until unlock, it answers only the calls below (no data about anyone). */
  lockNow: mutation<{ locked: true }>()(noInput, []),
  /** Checks the passphrase (one try at a time, with a growing wait after wrong ones); without one set, any answer opens the window. */
  unlock: query<{ unlocked: true }>()(z.object({ passphrase: lockPassphrase.default('') })),
} as const;

/**
 * What a locked Fieldbook still answers: the lock itself, and what the window needs to show the lock
 * screen (the profile, to know setup is done, and the status bar). Everything else is refused, so a
 * locked window cannot be read through its API either (browser mode's developer tools, another tab).
 */
export const CALLS_WHILE_LOCKED: ReadonlySet<string> = new Set(['getLockSettings', 'lockNow', 'unlock', 'getSettings', 'getStatus']);
export const LOCKED_MESSAGE = 'Fieldbook is locked. Unlock it to go on; nothing you typed is lost.';
