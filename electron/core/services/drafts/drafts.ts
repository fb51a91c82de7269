import crypto from 'node:crypto';
import type { Draft } from '../../../../shared/drafts/contract';
import { LOCKED_MESSAGE } from '../../../../shared/backups/contract';
import { AppError } from '../../../../shared/result';
import { type CoreContext, timestamp } from '../../context';

/**
 * Drafts of forms being typed, kept in the core: they survive a crash, a restart, a new port in
 * browser mode and a new window, and nothing reads them without the session (the browser's own
 * storage was open to any tab at the app's address, even while Fieldbook was locked). With a lock
 * passphrase set they are encrypted (AES-256-GCM) with a key derived from it at unlock, held in
 * memory only while Fieldbook is unlocked.
 */
const keys = new WeakMap<CoreContext, Buffer>();

/** Set by the lock when the passphrase is given (or set); removed when Fieldbook locks. */
export function setDraftsKey(ctx: CoreContext, key: Buffer | null): void {
  if (key) keys.set(ctx, key);
  else keys.delete(ctx);
}

const aad = (key: string) => Buffer.from(`fieldbook draft:${key}`);

function seal(key: string, json: string, with_: Buffer): Buffer {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', with_, iv);
  cipher.setAAD(aad(key));
  const body = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function open(key: string, sealed: Buffer, with_: Buffer): string {
  const decipher = crypto.createDecipheriv('aes-256-gcm', with_, sealed.subarray(0, 12));
  decipher.setAAD(aad(key));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
}

const passphraseSet = (ctx: CoreContext): boolean =>
  Boolean(ctx.db.prepare(`SELECT passphrase_hash IS NOT NULL FROM lock_settings WHERE id = 1`).pluck().get());

interface Row {
  key: string;
  body: Buffer;
  encrypted: number;
  updatedAt: string;
}

const readBody = (ctx: CoreContext, row: Row): string | null => {
  if (!row.encrypted) return row.body.toString('utf8');
  const key = keys.get(ctx);
  if (!key) return null;
  try {
    return open(row.key, row.body, key);
  } catch {
    return null; // sealed under a key this passphrase does not give: nothing to show
  }
};

export function getDraft(ctx: CoreContext, key: string): Draft | null {
  const row = ctx.db.prepare(`SELECT key, body, encrypted, updated_at AS updatedAt FROM drafts WHERE key = ?`).get(key) as Row | undefined;
  const json = row ? readBody(ctx, row) : null;
  return row && json !== null ? { key, value: JSON.parse(json) as unknown, updatedAt: row.updatedAt } : null;
}

export function saveDraft(ctx: CoreContext, key: string, value: unknown): { saved: true } {
  const json = JSON.stringify(value);
  const with_ = keys.get(ctx);
  // Never written in the clear while a passphrase is set (the key is there whenever Fieldbook is unlocked).
  if (!with_ && passphraseSet(ctx)) throw new AppError('app_locked', LOCKED_MESSAGE);
  ctx.db
    .prepare(`INSERT INTO drafts (key, body, encrypted, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET body = excluded.body, encrypted = excluded.encrypted, updated_at = excluded.updated_at`)
    .run(key, with_ ? seal(key, json, with_) : Buffer.from(json, 'utf8'), with_ ? 1 : 0, timestamp(ctx));
  return { saved: true };
}

export function discardDraft(ctx: CoreContext, key: string): { discarded: boolean } {
  return { discarded: ctx.db.prepare(`DELETE FROM drafts WHERE key = ?`).run(key).changes > 0 };
}

/** When the passphrase is set, changed or removed: every draft sealed again under the new key (or none). Call in a transaction. */
export function rekeyDrafts(ctx: CoreContext, from: Buffer | null, to: Buffer | null): void {
  const rows = ctx.db.prepare(`SELECT key, body, encrypted, updated_at AS updatedAt FROM drafts`).all() as Row[];
  const update = ctx.db.prepare(`UPDATE drafts SET body = ?, encrypted = ? WHERE key = ?`);
  const remove = ctx.db.prepare(`DELETE FROM drafts WHERE key = ?`);
  for (const row of rows) {
    let json: string | null = row.encrypted ? null : row.body.toString('utf8');
    if (row.encrypted && from) {
      try {
        json = open(row.key, row.body, from);
      } catch {
        json = null;
      }
    }
    if (json === null) remove.run(row.key); // unreadable under any key this person has: of no use to anyone
    else update.run(to ? seal(row.key, json, to) : Buffer.from(json, 'utf8'), to ? 1 : 0, row.key);
  }
  setDraftsKey(ctx, to);
}
