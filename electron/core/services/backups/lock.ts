import crypto from 'node:crypto';
import type { z } from 'zod';
import type { LockSettings, lockSettingsInput } from '../../../../shared/backups/contract';
import { AppError } from '../../../../shared/result';
import { type CoreContext, timestamp } from '../../context';
import { deriveKey, SCRYPT_LOG_N } from '../../kdf';
import { rekeyDrafts, setDraftsKey } from '../drafts/drafts';

/**
 * The idle lock's settings and its passphrase check. The passphrase is kept only as a salted scrypt
 * hash: scrypt makes 64 bytes, the first 32 are stored to check it, the other 32 are the drafts'
 * key and never leave memory. Guessing is slowed three ways: scrypt's cost, one try checked at a
 * time (others are turned away at once rather than queued), and a wait after three wrong tries
 * that doubles with each one (up to 15 minutes), kept in the database so a restart does not clear it.
 */
const FREE_TRIES = 3;
const LONGEST_WAIT_MS = 15 * 60_000;

interface Row {
  idleMinutes: number;
  salt: Buffer | null;
  hash: Buffer | null;
  logN: number;
  failed: number;
  lastFailedAt: string | null;
}
const row = (ctx: CoreContext): Row =>
  ctx.db
    .prepare(`SELECT idle_minutes AS idleMinutes, passphrase_salt AS salt, passphrase_hash AS hash, passphrase_log_n AS logN,
      failed_unlocks AS failed, last_failed_at AS lastFailedAt FROM lock_settings WHERE id = 1`)
    .get() as Row;

/** How long to wait after `failed` wrong tries in a row. */
const waitAfter = (failed: number): number => (failed < FREE_TRIES ? 0 : Math.min(LONGEST_WAIT_MS, 1000 * 2 ** (failed - FREE_TRIES)));

/** What is left of the wait; a clock set back never makes it longer than the wait itself. */
function waitLeft(ctx: CoreContext, r: Row): number {
  if (!r.lastFailedAt) return 0;
  const wait = waitAfter(r.failed);
  return Math.max(0, Math.min(wait, wait - (ctx.now().getTime() - Date.parse(r.lastFailedAt))));
}

const inWords = (ms: number): string => {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  return `${m} minute${m === 1 ? '' : 's'}`;
};

/** The passphrase's salt when it was checked (null: none was set), and the drafts' key it gave. */
interface Checked {
  salt: Buffer | null;
  key: Buffer | null;
}

const busy = new WeakSet<CoreContext>();

/**
 * One passphrase check or change at a time per core, from start to end: a second one (another
 * window, a double submit, a parallel guess) is turned away at once rather than queued. Two changes
 * checked against the same passphrase would otherwise both seal the drafts again from its key, and
 * the second would find the first's drafts unreadable and delete them.
 */
async function oneAtATime<T>(ctx: CoreContext, field: string, work: () => Promise<T>): Promise<T> {
  if (busy.has(ctx)) throw new AppError('unlock_busy', 'Another passphrase is being checked or saved; wait a moment, then try again', field);
  busy.add(ctx);
  try {
    return await work();
  } finally {
    busy.delete(ctx);
  }
}

/**
 * Check a passphrase against the one set (call it oneAtATime); returns its drafts' key (null when
 * none is set: anything opens). A wrong one counts towards the wait, and the message says how long
 * the next one must wait.
 */
async function checkPassphrase(ctx: CoreContext, passphrase: string, field: string, wrong: string): Promise<Checked> {
  const r = row(ctx);
  if (r.hash === null || r.salt === null) return { salt: null, key: null };
  const left = waitLeft(ctx, r);
  if (left > 0) throw new AppError('unlock_wait', `Too many wrong passphrases: wait ${inWords(left)}, then try again`, field);
  const key = await deriveKey(passphrase, r.salt, r.logN, 64);
  if (!crypto.timingSafeEqual(key.subarray(0, 32), r.hash)) {
    const failed = r.failed + 1;
    ctx.db.prepare(`UPDATE lock_settings SET failed_unlocks = ?, last_failed_at = ? WHERE id = 1`).run(failed, timestamp(ctx));
    const wait = waitAfter(failed);
    throw new AppError('wrong_passphrase', wait ? `${wrong}. The next try must wait ${inWords(wait)}` : wrong, field);
  }
  if (r.failed) ctx.db.prepare(`UPDATE lock_settings SET failed_unlocks = 0, last_failed_at = NULL WHERE id = 1`).run();
  const checked = { salt: r.salt, key: key.subarray(32) };
  if (r.logN >= SCRYPT_LOG_N) return checked;
  // A hash from an older Fieldbook (cheaper to guess): made again at today's cost, now that the passphrase is known.
  return storePassphrase(ctx, passphrase, checked, field);
}

const sameSalt = (a: Buffer | null, b: Buffer | null): boolean => (a && b ? a.equals(b) : a === b);

/**
 * Hash and keep a passphrase ('' removes it), sealing the drafts again under its key. Refused, with
 * nothing changed, if the passphrase is no longer the one checked: its key would not open the drafts.
 */
async function storePassphrase(ctx: CoreContext, passphrase: string, checked: Checked, field: string): Promise<Checked> {
  const salt = passphrase ? crypto.randomBytes(16) : null;
  const key = salt ? await deriveKey(passphrase, salt, SCRYPT_LOG_N, 64) : null;
  ctx.db.transaction(() => {
    if (!sameSalt(row(ctx).salt, checked.salt)) {
      throw new AppError('passphrase_changed', 'The passphrase was changed meanwhile (in another window?); nothing was changed here. Enter the current passphrase again', field);
    }
    ctx.db
      .prepare(`UPDATE lock_settings SET passphrase_salt = ?, passphrase_hash = ?, passphrase_log_n = ?, failed_unlocks = 0, last_failed_at = NULL WHERE id = 1`)
      .run(salt, key ? key.subarray(0, 32) : null, SCRYPT_LOG_N);
    rekeyDrafts(ctx, checked.key, key ? key.subarray(32) : null);
  })();
  return { salt, key: key ? key.subarray(32) : null };
}

export function getLockSettings(ctx: CoreContext): LockSettings {
  const r = row(ctx);
  return { idleMinutes: r.idleMinutes, hasPassphrase: r.hash !== null };
}

export async function saveLockSettings(ctx: CoreContext, input: z.output<typeof lockSettingsInput>): Promise<LockSettings> {
  if (input.newPassphrase !== undefined) {
    const { newPassphrase, currentPassphrase = '' } = input;
    await oneAtATime(ctx, 'newPassphrase', async () => {
      const current = await checkPassphrase(ctx, currentPassphrase, 'currentPassphrase', 'That is not the current passphrase; nothing was changed');
      return storePassphrase(ctx, newPassphrase, current, 'currentPassphrase');
    });
  }
  ctx.db.prepare(`UPDATE lock_settings SET idle_minutes = ? WHERE id = 1`).run(input.idleMinutes);
  return getLockSettings(ctx);
}

/** Cores that are locked (in memory: a fresh start with a passphrase set begins locked). */
const locked = new WeakSet<CoreContext>();
export const isLocked = (ctx: CoreContext): boolean => locked.has(ctx);

export function lockNow(ctx: CoreContext): { locked: true } {
  locked.add(ctx);
  setDraftsKey(ctx, null); // the drafts' key is not kept while Fieldbook is locked
  return { locked: true };
}

/** At start: with a passphrase set, nothing is answered until it is given. */
export function lockIfProtected(ctx: CoreContext): void {
  if (getLockSettings(ctx).hasPassphrase) lockNow(ctx);
}

export async function unlock(ctx: CoreContext, passphrase: string): Promise<{ unlocked: true }> {
  const { key } = await oneAtATime(ctx, 'passphrase', () => checkPassphrase(ctx, passphrase, 'passphrase', 'That passphrase is not right; try again'));
  setDraftsKey(ctx, key);
  locked.delete(ctx);
  return { unlocked: true };
}
