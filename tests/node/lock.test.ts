import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { startCore } from '../../electron/core';
import { memoryCore, ok, snapshot, tempDir } from './helpers';

// Every passphrase costs scrypt at N = 2^17: about half a second each, more on a busy machine.
describe('the idle lock', { timeout: 60_000 }, () => {
  it('locks after 15 minutes by default, with no passphrase until one is set', async () => {
    const ctx = memoryCore();
    expect(await ok(ctx, 'getLockSettings')).toEqual({ idleMinutes: 15, hasPassphrase: false });
    expect(await ok(ctx, 'unlock', { passphrase: '' })).toEqual({ unlocked: true });
  });

  it('keeps the passphrase only as a salted hash, and opens for it alone', async () => {
    const ctx = memoryCore();
    expect(await dispatch(ctx, 'saveLockSettings', { idleMinutes: 5, newPassphrase: 'short' })).toMatchObject({ ok: false, error: { field: 'newPassphrase' } });
    expect(await ok(ctx, 'saveLockSettings', { idleMinutes: 5, newPassphrase: 'correct horse battery' })).toEqual({ idleMinutes: 5, hasPassphrase: true });
    const row = ctx.db.prepare(`SELECT * FROM lock_settings`).get() as Record<string, unknown>;
    expect(Object.values(row).some((v) => String(v).includes('correct horse'))).toBe(false);
    expect((row.passphrase_hash as Buffer).length).toBe(32);

    expect(await dispatch(ctx, 'unlock', { passphrase: 'correct horse' })).toMatchObject({ ok: false, error: { code: 'wrong_passphrase', field: 'passphrase' } });
    expect(await ok(ctx, 'unlock', { passphrase: 'correct horse battery' })).toEqual({ unlocked: true });
  });

  it('changes or removes the passphrase only with the current one, and a refusal changes nothing at all', async () => {
    const ctx = memoryCore();
    await ok(ctx, 'saveLockSettings', { idleMinutes: 5, newPassphrase: 'correct horse battery' });
    const before = ctx.db.prepare(`SELECT * FROM lock_settings`).get();
    const counts = snapshot(ctx);
    for (const attempt of [{ newPassphrase: 'a new passphrase' }, { newPassphrase: '', currentPassphrase: 'wrong one!' }]) {
      expect(await dispatch(ctx, 'saveLockSettings', { idleMinutes: 30, ...attempt })).toMatchObject({ ok: false, error: { code: 'wrong_passphrase', field: 'currentPassphrase' } });
    }
    // Only the count of wrong tries moves (it slows guessing); the settings and the passphrase stay.
    const { failed_unlocks: failed, last_failed_at: _at, ...after } = ctx.db.prepare(`SELECT * FROM lock_settings`).get() as Record<string, unknown>;
    const { failed_unlocks: _f, last_failed_at: _b, ...was } = before as Record<string, unknown>;
    expect(after).toEqual(was);
    expect(failed).toBe(2);
    expect(snapshot(ctx)).toEqual(counts);

    // The lock's timing can change without the passphrase; the passphrase cannot.
    expect(await ok(ctx, 'saveLockSettings', { idleMinutes: 10 })).toEqual({ idleMinutes: 10, hasPassphrase: true });
    await ok(ctx, 'saveLockSettings', { idleMinutes: 10, newPassphrase: 'a new passphrase', currentPassphrase: 'correct horse battery' });
    expect(await dispatch(ctx, 'unlock', { passphrase: 'correct horse battery' })).toMatchObject({ ok: false });
    expect(await ok(ctx, 'saveLockSettings', { idleMinutes: 0, newPassphrase: '', currentPassphrase: 'a new passphrase' })).toEqual({ idleMinutes: 0, hasPassphrase: false });
  });

  it('a locked core answers nothing about the data until the passphrase is given, and a fresh start with one begins locked', async () => {
    const dir = tempDir();
    const first = startCore({ dataDir: dir, mode: 'browser', sync: false });
    await ok(first.ctx, 'loadDemoData', {});
    await ok(first.ctx, 'saveLockSettings', { idleMinutes: 5, newPassphrase: 'correct horse battery' });
    await ok(first.ctx, 'lockNow', {});
    const counts = snapshot(first.ctx);
    const refused = { ok: false, error: { code: 'app_locked', message: expect.stringMatching(/locked/) } };
    for (const [name, input] of [['getCaseload', {}], ['search', { query: 'schedule' }], ['listLeaderNotes', { leaderId: 1 }], ['addSchool', { name: 'Oak', level: 'high', needTier: 'low' }], ['exportCaseloadCsv', {}], ['backUpNow', {}]] as const) {
      expect(await dispatch(first.ctx, name, input), name).toMatchObject(refused);
    }
    expect(snapshot(first.ctx)).toEqual(counts);
    // What the lock screen needs still answers; a wrong passphrase keeps it locked.
    expect(await ok(first.ctx, 'getLockSettings', {})).toEqual({ idleMinutes: 5, hasPassphrase: true });
    expect((await ok(first.ctx, 'getSettings', {}))?.supervisorName).toBeTruthy();
    expect(await dispatch(first.ctx, 'unlock', { passphrase: 'wrong horse' })).toMatchObject({ ok: false, error: { field: 'passphrase' } });
    expect(await dispatch(first.ctx, 'getCaseload', {})).toMatchObject(refused);
    await ok(first.ctx, 'unlock', { passphrase: 'correct horse battery' });
    expect((await ok(first.ctx, 'getCaseload', {})).entries.length).toBeGreaterThan(0);
    first.close();

    const second = startCore({ dataDir: dir, mode: 'browser', sync: false });
    expect(await dispatch(second.ctx, 'getCaseload', {})).toMatchObject(refused);
    await ok(second.ctx, 'unlock', { passphrase: 'correct horse battery' });
    expect((await ok(second.ctx, 'getCaseload', {})).entries.length).toBeGreaterThan(0);
    second.close();
  });
});

describe('unlocking resists guessing', { timeout: 120_000 }, () => {
  const PASS = 'correct horse battery';

  it('makes each wrong try after the third wait longer, and keeps the wait across a restart', async () => {
    const dir = tempDir();
    let now = new Date('2026-11-23T10:00:00Z');
    const start = () => startCore({ dataDir: dir, mode: 'browser', sync: false, now: () => now });
    const first = start();
    await ok(first.ctx, 'saveLockSettings', { idleMinutes: 5, newPassphrase: PASS });
    await ok(first.ctx, 'lockNow', {});
    for (let i = 1; i <= 3; i++) expect(await dispatch(first.ctx, 'unlock', { passphrase: `wrong guess ${i}` })).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } });
    // The third wrong try says the next must wait; the right passphrase too is turned away until then, unchecked.
    expect(await dispatch(first.ctx, 'unlock', { passphrase: PASS })).toMatchObject({ ok: false, error: { code: 'unlock_wait', field: 'passphrase', message: expect.stringMatching(/wait 1 second/) } });
    now = new Date(now.getTime() + 1000);
    expect(await dispatch(first.ctx, 'unlock', { passphrase: 'wrong guess 4' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/next try must wait 2 seconds/) } });
    first.close();

    // Quitting and starting again does not clear it.
    const second = start();
    expect(await dispatch(second.ctx, 'unlock', { passphrase: PASS })).toMatchObject({ ok: false, error: { code: 'unlock_wait', message: expect.stringMatching(/wait 2 seconds/) } });
    expect(await dispatch(second.ctx, 'getCaseload', {})).toMatchObject({ ok: false, error: { code: 'app_locked' } });
    now = new Date(now.getTime() + 2000);
    expect(await ok(second.ctx, 'unlock', { passphrase: PASS })).toEqual({ unlocked: true });
    // The right passphrase starts the count again.
    expect(second.ctx.db.prepare(`SELECT failed_unlocks FROM lock_settings`).pluck().get()).toBe(0);
    second.close();
  });

  it('a clock set back never makes the wait longer than the wait itself', async () => {
    const dir = tempDir();
    let now = new Date('2026-11-23T10:00:00Z');
    const core = startCore({ dataDir: dir, mode: 'browser', sync: false, now: () => now });
    await ok(core.ctx, 'saveLockSettings', { idleMinutes: 5, newPassphrase: PASS });
    for (let i = 1; i <= 3; i++) await dispatch(core.ctx, 'unlock', { passphrase: `wrong ${i}` });
    now = new Date('2025-01-01T10:00:00Z'); // a year back
    expect(await dispatch(core.ctx, 'unlock', { passphrase: PASS })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/wait 1 second/) } });
    core.close();
  });

  it('checks one try at a time off the main thread: parallel guesses are turned away at once, and other calls are answered meanwhile', async () => {
    const ctx = memoryCore();
    await ok(ctx, 'saveLockSettings', { idleMinutes: 5, newPassphrase: PASS });
    await ok(ctx, 'lockNow', {});
    const finished: string[] = [];
    const guesses = Array.from({ length: 8 }, (_, i) => dispatch(ctx, 'unlock', { passphrase: `guess number ${i}` }).then((r) => (finished.push('unlock'), r)));
    const status = dispatch(ctx, 'getStatus', {}).then((r) => (finished.push('status'), r));
    const results = await Promise.all(guesses);
    expect((await status).ok).toBe(true);
    // The status call was answered while the one guess being checked was still under scrypt.
    expect(finished[0]).toBe('status');
    expect(results.filter((r) => !r.ok && r.error.code === 'wrong_passphrase')).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.code === 'unlock_busy')).toHaveLength(7);
    expect(ctx.db.prepare(`SELECT failed_unlocks FROM lock_settings`).pluck().get()).toBe(1);
  });

  it('hashes new passphrases with scrypt at N = 2^17, and still opens (and upgrades) a hash made at 2^15', async () => {
    const ctx = memoryCore();
    await ok(ctx, 'saveLockSettings', { idleMinutes: 5, newPassphrase: PASS });
    expect(ctx.db.prepare(`SELECT passphrase_log_n FROM lock_settings`).pluck().get()).toBe(17);
    const salt = crypto.randomBytes(16);
    const old = crypto.scryptSync(PASS, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    ctx.db.prepare(`UPDATE lock_settings SET passphrase_salt = ?, passphrase_hash = ?, passphrase_log_n = 15`).run(salt, old);
    await ok(ctx, 'lockNow', {});
    expect(await ok(ctx, 'unlock', { passphrase: PASS })).toEqual({ unlocked: true });
    const row = ctx.db.prepare(`SELECT passphrase_log_n AS logN, passphrase_hash AS hash FROM lock_settings`).get() as { logN: number; hash: Buffer };
    expect(row.logN).toBe(17);
    expect(row.hash.equals(old)).toBe(false);
    await ok(ctx, 'lockNow', {});
    expect(await ok(ctx, 'unlock', { passphrase: PASS })).toEqual({ unlocked: true });
  });
});
