import crypto from 'node:crypto';
import type { z } from 'zod';
import type { LockSettings, lockSettingsInput } from '../../../../shared/backups/contract';
import { AppError } from '../../../../shared/result';
import type { CoreContext } from '../../context';

/**
 * The idle lock's settings and its passphrase check. The hash is scrypt with a random salt, as
 * for encrypted backups: slow enough that guessing is costly, quick enough for a person.
 */
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const hash = (passphrase: string, salt: Buffer): Buffer => crypto.scryptSync(passphrase.normalize('NFC'), salt, 32, SCRYPT);

interface Row {
  idleMinutes: number;
  salt: Buffer | null;
  hash: Buffer | null;
}
const row = (ctx: CoreContext): Row =>
  ctx.db.prepare(`SELECT idle_minutes AS idleMinutes, passphrase_salt AS salt, passphrase_hash AS hash FROM lock_settings WHERE id = 1`).get() as Row;

const matches = (r: Row, passphrase: string): boolean => r.hash === null || crypto.timingSafeEqual(hash(passphrase, r.salt!), r.hash);

export function getLockSettings(ctx: CoreContext): LockSettings {
  const r = row(ctx);
  return { idleMinutes: r.idleMinutes, hasPassphrase: r.hash !== null };
}

export function saveLockSettings(ctx: CoreContext, input: z.output<typeof lockSettingsInput>): LockSettings {
  const r = row(ctx);
  ctx.db.prepare(`UPDATE lock_settings SET idle_minutes = ? WHERE id = 1`).run(input.idleMinutes);
  if (input.newPassphrase !== undefined) {
    if (r.hash !== null && !matches(r, input.currentPassphrase ?? '')) {
      throw new AppError('wrong_passphrase', 'That is not the current passphrase; nothing was changed', 'currentPassphrase');
    }
    const salt = input.newPassphrase ? crypto.randomBytes(16) : null;
    ctx.db.prepare(`UPDATE lock_settings SET passphrase_salt = ?, passphrase_hash = ? WHERE id = 1`).run(salt, salt ? hash(input.newPassphrase, salt) : null);
  }
  return getLockSettings(ctx);
}

/** Cores that are locked (in memory: a fresh start with a passphrase set begins locked). */
const locked = new WeakSet<CoreContext>();
export const isLocked = (ctx: CoreContext): boolean => locked.has(ctx);

export function lockNow(ctx: CoreContext): { locked: true } {
  locked.add(ctx);
  return { locked: true };
}

/** At start: with a passphrase set, nothing is answered until it is given. */
export function lockIfProtected(ctx: CoreContext): void {
  if (getLockSettings(ctx).hasPassphrase) lockNow(ctx);
}

export function unlock(ctx: CoreContext, passphrase: string): { unlocked: true } {
  if (!matches(row(ctx), passphrase)) throw new AppError('wrong_passphrase', 'That passphrase is not right; try again', 'passphrase');
  locked.delete(ctx);
  return { unlocked: true };
}
