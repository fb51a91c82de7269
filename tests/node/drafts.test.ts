import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Core } from '../../electron/core';
import { DB_FILENAME } from '../../electron/core/db/connection';
import { dispatch } from '../../electron/core/dispatch';
import { coreStarter, insertVisit, memoryCore, ok, tempDir } from './helpers';

/**
 * Confidential stays confidential: drafts of what is being typed live in the core (never readable
 * without the session, or while locked, and encrypted at rest when a passphrase is set), and text a
 * supervisor deletes or edits out is gone from the database file after a checkpoint.
 */
const start = coreStarter();

/** The data file's bytes once everything committed is in it (and the write-ahead log emptied). */
function fileBytes(core: Core): Buffer {
  core.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  return Buffer.concat([fs.readFileSync(path.join(core.ctx.dataDir, DB_FILENAME)), fs.readFileSync(path.join(core.ctx.dataDir, `${DB_FILENAME}-wal`))]);
}
const contains = (bytes: Buffer, word: string) => bytes.includes(Buffer.from(word)) || bytes.includes(Buffer.from(word.toLowerCase()));

describe('drafts are kept by the core', { timeout: 60_000 }, () => {
  it('keeps a draft across a restart until it is discarded', async () => {
    const dir = tempDir();
    const first = start(dir);
    await ok(first.ctx, 'saveDraft', { key: 'retention-new-3', value: { threats: 'Evenings lost to the master schedule', factors: ['workload'] } });
    await ok(first.ctx, 'saveDraft', { key: 'retention-new-3', value: { threats: 'Evenings lost to the master schedule; her daughter starts school', factors: ['workload', 'family'] } });
    first.close();
    const second = start(dir);
    expect(await ok(second.ctx, 'getDraft', { key: 'retention-new-3' })).toMatchObject({ key: 'retention-new-3', value: { factors: ['workload', 'family'] } });
    expect(await ok(second.ctx, 'discardDraft', { key: 'retention-new-3' })).toEqual({ discarded: true });
    expect(await ok(second.ctx, 'getDraft', { key: 'retention-new-3' })).toBeNull();
  });

  it('refuses a bad name or an oversized draft at its field, and answers nothing while Fieldbook is locked', async () => {
    const ctx = memoryCore();
    expect(await dispatch(ctx, 'saveDraft', { key: '../../etc', value: 'x' })).toMatchObject({ ok: false, error: { field: 'key' } });
    expect(await dispatch(ctx, 'saveDraft', { key: 'roster', value: 'x'.repeat(6_000_001) })).toMatchObject({ ok: false, error: { field: 'value', message: expect.stringMatching(/too much text/) } });
    await ok(ctx, 'saveDraft', { key: 'add-school', value: { name: 'Oak' } });
    await ok(ctx, 'lockNow', {});
    for (const [name, input] of [['getDraft', { key: 'add-school' }], ['saveDraft', { key: 'add-school', value: {} }], ['discardDraft', { key: 'add-school' }]] as const) {
      expect(await dispatch(ctx, name, input)).toMatchObject({ ok: false, error: { code: 'app_locked' } });
    }
  });

  it('with a passphrase set, keeps drafts encrypted in the file, readable only after unlocking, through a change and a removal of the passphrase', async () => {
    const dir = tempDir();
    const first = start(dir);
    await ok(first.ctx, 'saveDraft', { key: 'retention-new-1', value: { notes: 'Kookaburrine before the passphrase' } });
    await ok(first.ctx, 'saveLockSettings', { idleMinutes: 5, newPassphrase: 'correct horse battery' });
    await ok(first.ctx, 'saveDraft', { key: 'retention-new-2', value: { notes: 'Kookaburrine after the passphrase' } });
    expect(contains(fileBytes(first), 'Kookaburrine')).toBe(false);
    expect(first.ctx.db.prepare(`SELECT encrypted FROM drafts ORDER BY key`).pluck().all()).toEqual([1, 1]);
    first.close();

    const second = start(dir);
    expect(await dispatch(second.ctx, 'getDraft', { key: 'retention-new-2' })).toMatchObject({ ok: false, error: { code: 'app_locked' } });
    await ok(second.ctx, 'unlock', { passphrase: 'correct horse battery' });
    expect(await ok(second.ctx, 'getDraft', { key: 'retention-new-1' })).toMatchObject({ value: { notes: 'Kookaburrine before the passphrase' } });
    await ok(second.ctx, 'saveLockSettings', { idleMinutes: 5, newPassphrase: 'a different passphrase', currentPassphrase: 'correct horse battery' });
    expect(await ok(second.ctx, 'getDraft', { key: 'retention-new-2' })).toMatchObject({ value: { notes: 'Kookaburrine after the passphrase' } });
    expect(contains(fileBytes(second), 'Kookaburrine')).toBe(false);
    await ok(second.ctx, 'saveLockSettings', { idleMinutes: 5, newPassphrase: '', currentPassphrase: 'a different passphrase' });
    expect(await ok(second.ctx, 'getDraft', { key: 'retention-new-2' })).toMatchObject({ value: { notes: 'Kookaburrine after the passphrase' } });
    expect(second.ctx.db.prepare(`SELECT encrypted FROM drafts`).pluck().all()).toEqual([0, 0]);
  });

  it('two passphrases saved at once (two windows, a double submit): one is set, the other refused at its field, and every draft stays readable', async () => {
    const core = start(tempDir());
    await ok(core.ctx, 'saveDraft', { key: 'retention-new-1', value: { notes: 'Evenings lost to the master schedule' } });
    await ok(core.ctx, 'saveDraft', { key: 'add-school', value: { name: 'Oak Elementary' } });
    const saves = ['correct horse battery', 'a different passphrase'].map((newPassphrase) => dispatch(core.ctx, 'saveLockSettings', { idleMinutes: 5, newPassphrase }));
    const [first, second] = await Promise.all(saves);
    expect(first).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: false, error: { field: 'newPassphrase', message: expect.stringMatching(/wait a moment/) } });

    await ok(core.ctx, 'lockNow', {});
    expect(await dispatch(core.ctx, 'unlock', { passphrase: 'a different passphrase' })).toMatchObject({ ok: false });
    await ok(core.ctx, 'unlock', { passphrase: 'correct horse battery' });
    expect(await ok(core.ctx, 'getDraft', { key: 'retention-new-1' })).toMatchObject({ value: { notes: 'Evenings lost to the master schedule' } });
    expect(await ok(core.ctx, 'getDraft', { key: 'add-school' })).toMatchObject({ value: { name: 'Oak Elementary' } });
  });
});

describe('deleted and edited text leaves no trace in the file', { timeout: 60_000 }, () => {
  it('a deleted note, an edited-out note phrase, an edited-out retention phrase and a discarded draft are gone after a checkpoint', async () => {
    const core = start(tempDir());
    await ok(core.ctx, 'loadDemoData', {});
    const note = await ok(core.ctx, 'createNote', { leaderId: 1, body: 'The Quokkazed plan is going well' });
    await ok(core.ctx, 'saveNote', { noteId: note.id, body: 'The plan is going well' });
    const doomed = await ok(core.ctx, 'createNote', { leaderId: 1, body: 'Wombatrix: to be deleted' });
    await ok(core.ctx, 'saveNote', { noteId: doomed.id, body: '' });
    await ok(core.ctx, 'deleteNote', { noteId: doomed.id });
    const conversation = await ok(core.ctx, 'recordRetentionConversation', {
      leaderId: 1, date: '2026-11-20', kind: 'stay', intent: 'unsure', factors: ['workload'],
      threats: 'Platypusian evenings', wouldHelp: 'Protected Thursdays', notes: '', followUpDate: null, actions: [],
    });
    await ok(core.ctx, 'updateRetentionConversation', {
      conversationId: conversation.id, date: '2026-11-20', kind: 'stay', intent: 'unsure', factors: ['workload'],
      threats: 'Long evenings', wouldHelp: 'Protected Thursdays', notes: '', followUpDate: null,
    });
    await ok(core.ctx, 'saveDraft', { key: 'add-school', value: { name: 'Echidnarine Elementary' } });
    await ok(core.ctx, 'discardDraft', { key: 'add-school' });

    const bytes = fileBytes(core);
    for (const word of ['Quokkazed', 'Wombatrix', 'Platypusian', 'Echidnarine']) expect(contains(bytes, word), word).toBe(false);
    // What is still there is still found.
    expect(contains(bytes, 'Protected Thursdays')).toBe(true);
    expect((await ok(core.ctx, 'search', { query: 'plan going well' })).results.length).toBeGreaterThan(0);
  });

  it('a word typed across autosaves, then deleted, leaves none of the forms it was saved in', async () => {
    const core = start(tempDir());
    await ok(core.ctx, 'loadDemoData', {});
    const note = await ok(core.ctx, 'createNote', { leaderId: 1, body: 'met zzqx' });
    for (const body of ['met zzqxwomb', 'met zzqxwombat', 'met']) await ok(core.ctx, 'saveNote', { noteId: note.id, body });
    const visit = insertVisit(core.ctx, { schoolId: 1, date: '2026-11-20', status: 'in_progress' });
    for (const evidence of ['Saw qqzv', 'Saw qqzvplat', 'Saw']) await ok(core.ctx, 'saveVisitEvidence', { visitId: visit, evidence });

    const bytes = fileBytes(core);
    for (const word of ['zzqx', 'qqzv']) expect(contains(bytes, word), word).toBe(false);
    expect((await ok(core.ctx, 'search', { query: 'met' })).results.some((r) => r.kind === 'note')).toBe(true);
  });
});
