import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { startCore } from '../../electron/core';
import { memoryCore, ok, snapshot, tempDir } from './helpers';

describe('the idle lock', () => {
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
    expect(ctx.db.prepare(`SELECT * FROM lock_settings`).get()).toEqual(before);
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
