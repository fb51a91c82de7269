import { z } from 'zod';
import { noInput } from '../schemas';
import { mutation, query } from './define';

/** The idle lock: hide Fieldbook's window after a while without use, optionally behind a passphrase. */
export interface LockSettings {
  /** 0: never lock by itself. */
  idleMinutes: number;
  hasPassphrase: boolean;
}

export const IDLE_LOCK_CHOICES = [0, 5, 10, 15, 30, 60] as const;

const passphrase = z.string().max(1000, 'Keep the passphrase under 1000 characters');

export const lockSettingsInput = z
  .object({
    idleMinutes: z.number({ error: 'Choose when to lock' }).int('Choose when to lock').min(0, 'Choose when to lock').max(240, 'Lock within four hours'),
    /** Undefined keeps the passphrase as it is; '' removes it; anything else replaces it. */
    newPassphrase: passphrase.optional(),
    /** Needed to change or remove a passphrase that is set. */
    currentPassphrase: passphrase.optional(),
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
  unlock: query<{ unlocked: true }>()(z.object({ passphrase: passphrase.default('') })),
} as const;

/**
 * What a locked Fieldbook still answers: the lock itself, and what the window needs to show the lock
 * screen (the profile, to know setup is done, and the status bar). Everything else is refused, so a
 * locked window cannot be read through its API either (browser mode's developer tools, another tab).
 */
export const CALLS_WHILE_LOCKED: ReadonlySet<string> = new Set(['getLockSettings', 'lockNow', 'unlock', 'getSettings', 'getStatus']);
export const LOCKED_MESSAGE = 'Fieldbook is locked. Unlock it to go on; nothing you typed is lost.';
