import { AppError } from '../../shared/result';
import type { Role } from '../contract/model';
import type { DistrictDb, Queryable } from '../db/connection';
import { isUniqueViolation } from '../db/connection';
import { decoyHash, hashPassword, newSecret, oneTimePassword, sha256Hex, verifyPassword } from './passwords';

/**
 * District staff accounts and their sessions. An account is made from the command line with a
 * one-time password, which must be changed at the first sign-in before anything else is shown.
 * A session is a random secret in an HttpOnly cookie; the database keeps only its SHA-256, so a
 * copy of the database signs no one in. Failed sign-ins slow the next attempt for that email and
 * for that address, doubling the wait each time.
 */

export const ROLES = ['chief', 'supervisor', 'analyst'] as const satisfies readonly Role[];
export const isRole = (r: unknown): r is Role => (ROLES as readonly unknown[]).includes(r);

/** A session ends after this long without a request, and after ABSOLUTE whatever happens. */
export const IDLE_MS = 2 * 60 * 60 * 1000;
export const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Failures allowed before the waits start, per email and per address; a quiet hour forgets them. */
const FREE_FAILURES = { email: 3, address: 10 } as const;
const MAX_WAIT_S = 15 * 60;
const FORGET_MS = 60 * 60 * 1000;

export interface Viewer {
  accountId: number;
  email: string;
  role: Role;
  mustChangePassword: boolean;
  csrfToken: string;
  tokenSha256: string;
  /** A supervisor's own exports: the district's supervisor with this account's email (null until one arrives). */
  supervisor: { id: number; name: string } | null;
}

export async function addStaffAccount(db: DistrictDb, input: { email: string; role: Role; reset?: boolean }, now = new Date()): Promise<{ email: string; role: Role; password: string; reset: boolean }> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new AppError('invalid_input', `${input.email} is not an email address`, 'email');
  if (!isRole(input.role)) throw new AppError('invalid_input', `The role must be one of ${ROLES.join(', ')}`, 'role');
  const password = oneTimePassword();
  const hash = await hashPassword(password);
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const existing = (await tx.query<{ id: number }>('SELECT id FROM staff_accounts WHERE email = $1', [email])).rows[0];
    if (existing && !input.reset) {
      throw new AppError('exists', `${email} already has an account. To give them a new one-time password (and sign them out everywhere), add --reset`, 'email');
    }
    if (existing) {
      await tx.query(`UPDATE staff_accounts SET role = $2, password_hash = $3, must_change_password = true, password_set_at = $4 WHERE id = $1`, [existing.id, input.role, hash, at]);
      await tx.query('DELETE FROM staff_sessions WHERE account_id = $1', [existing.id]);
    } else {
      try {
        await tx.query(`INSERT INTO staff_accounts (email, role, password_hash, must_change_password, created_at, password_set_at) VALUES ($1, $2, $3, true, $4, $4)`, [email, input.role, hash, at]);
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('exists', `${email} already has an account`, 'email');
        throw err;
      }
    }
    await tx.query('DELETE FROM sign_in_failures WHERE key = $1', [`email:${email}`]);
    return { email, role: input.role, password, reset: Boolean(existing) };
  });
}

/** Seconds to wait before this key may try again, or 0. */
async function waitFor(db: Queryable, key: string, free: number, now: Date): Promise<number> {
  const row = (await db.query<{ failures: number; last: string }>(`SELECT failures, last_failed_at AS last FROM sign_in_failures WHERE key = $1`, [key])).rows[0];
  if (!row) return 0;
  const since = now.getTime() - Date.parse(row.last);
  if (since > FORGET_MS || row.failures < free) return 0;
  const wait = Math.min(MAX_WAIT_S, 2 ** (row.failures - free)) * 1000;
  return Math.max(0, Math.ceil((wait - since) / 1000));
}

async function recordFailure(db: Queryable, key: string, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO sign_in_failures (key, failures, last_failed_at) VALUES ($1, 1, $2)
     ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN sign_in_failures.last_failed_at < $3 THEN 1 ELSE sign_in_failures.failures + 1 END, last_failed_at = $2`,
    [key, now.toISOString(), new Date(now.getTime() - FORGET_MS).toISOString()]);
}

const seconds = (s: number) => (s === 1 ? '1 second' : s < 120 ? `${s} seconds` : `${Math.ceil(s / 60)} minutes`);

/** Check an email and password; on success a new session and the secret for its cookie. */
export async function signIn(db: DistrictDb, input: { email: string; password: string; address: string | null }, now = new Date()): Promise<{ token: string; viewer: Viewer }> {
  const emailKey = `email:${input.email}`;
  const addressKey = input.address ? `address:${input.address}` : null;
  const wait = Math.max(await waitFor(db, emailKey, FREE_FAILURES.email, now), addressKey ? await waitFor(db, addressKey, FREE_FAILURES.address, now) : 0);
  if (wait > 0) throw new AppError('too_many_attempts', `Too many failed sign-ins. Wait ${seconds(wait)}, then try again.`, 'password');
  const account = (await db.query<{ id: number; hash: string }>(`SELECT id, password_hash AS hash FROM staff_accounts WHERE email = $1`, [input.email])).rows[0];
  const good = await verifyPassword(input.password, account?.hash ?? (await decoyHash()));
  if (!account || !good) {
    await recordFailure(db, emailKey, now);
    if (addressKey) await recordFailure(db, addressKey, now);
    // The same words whether the email has an account or not.
    throw new AppError('wrong_password', 'That email and password do not match an account. Check both and try again.', 'password');
  }
  await db.query('DELETE FROM sign_in_failures WHERE key = $1', [emailKey]);
  const token = newSecret();
  await db.query(`INSERT INTO staff_sessions (token_sha256, account_id, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)`,
    [sha256Hex(token), account.id, newSecret(), now.toISOString()]);
  return { token, viewer: (await viewerFor(db, token, now))! };
}

/** The signed-in person a cookie's secret belongs to, or null (and the session ended) when it has expired. */
export async function viewerFor(db: Queryable, token: string | null, now = new Date()): Promise<Viewer | null> {
  if (!token) return null;
  const tokenSha256 = sha256Hex(token);
  const row = (await db.query<{ accountId: number; email: string; role: Role; mustChange: boolean; csrf: string; created: string; seen: string }>(
    `SELECT a.id AS "accountId", a.email, a.role, a.must_change_password AS "mustChange", s.csrf_token AS csrf, s.created_at AS created, s.last_seen_at AS seen
     FROM staff_sessions s JOIN staff_accounts a ON a.id = s.account_id WHERE s.token_sha256 = $1`, [tokenSha256])).rows[0];
  if (!row) return null;
  const t = now.getTime();
  if (t - Date.parse(row.seen) > IDLE_MS || t - Date.parse(row.created) > ABSOLUTE_MS) {
    await db.query('DELETE FROM staff_sessions WHERE token_sha256 = $1', [tokenSha256]);
    return null;
  }
  // Written at most once a minute: reading a page should not mean a write per request.
  if (t - Date.parse(row.seen) > 60_000) await db.query('UPDATE staff_sessions SET last_seen_at = $2 WHERE token_sha256 = $1', [tokenSha256, now.toISOString()]);
  const supervisor = row.role === 'supervisor'
    ? (await db.query<{ id: number; name: string }>(`SELECT id, coalesce(name, email) AS name FROM supervisors WHERE email = $1`, [row.email])).rows[0] ?? null
    : null;
  return { accountId: row.accountId, email: row.email, role: row.role, mustChangePassword: row.mustChange, csrfToken: row.csrf, tokenSha256, supervisor };
}

export async function signOut(db: Queryable, token: string | null): Promise<void> {
  if (token) await db.query('DELETE FROM staff_sessions WHERE token_sha256 = $1', [sha256Hex(token)]);
}

/** A new password for the signed-in person; their other sessions end. */
export async function changePassword(db: DistrictDb, viewer: Viewer, input: { currentPassword: string; newPassword: string }, now = new Date()): Promise<void> {
  const row = (await db.query<{ hash: string }>('SELECT password_hash AS hash FROM staff_accounts WHERE id = $1', [viewer.accountId])).rows[0];
  if (!row || !(await verifyPassword(input.currentPassword, row.hash))) {
    throw new AppError('wrong_password', 'That is not your current password (on a first sign-in: the one-time password you were given)', 'currentPassword');
  }
  if (input.newPassword.trim().toLowerCase() === viewer.email) throw new AppError('invalid_input', 'Choose a password other than your email', 'newPassword');
  const hash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.query(`UPDATE staff_accounts SET password_hash = $2, must_change_password = false, password_set_at = $3 WHERE id = $1`, [viewer.accountId, hash, now.toISOString()]);
    await tx.query('DELETE FROM staff_sessions WHERE account_id = $1 AND token_sha256 <> $2', [viewer.accountId, viewer.tokenSha256]);
  });
}
