import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startCore } from '../../electron/core';
import { DB_FILENAME, SCHEMA_VERSION } from '../../electron/core/db/connection';
import { dispatch } from '../../electron/core/dispatch';
import { listBackupFiles } from '../../electron/core/backup/files';
import { coreStarter, ok, tempDir } from './helpers';
import { copyFolder, hasStrace, mainThreadCalls, needs, positionOf, runCore, straced } from './processes';

/**
 * A restore is atomic and honest: the live file is never missing, a failure after the swap puts the
 * previous data back, a file that is not a whole Fieldbook database is refused before anything is
 * replaced, and a start after a crash mid-restore finishes or undoes it and says which. The crashes
 * and disk errors are real: the core runs in its own process, stopped by SIGKILL or failed by strace
 * at the exact system call.
 */
const start = coreStarter();

const noteBodies = (dir: string): string[] => bodiesIn(path.join(dir, DB_FILENAME));
const bodiesIn = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT body FROM notes ORDER BY id`).pluck().all() as string[];
  } finally {
    db.close();
  }
};

/** A data folder with a backup in it, and a note written after the backup (which a restore takes away). */
let prepared: string;
let backupName: string;
beforeAll(async () => {
  prepared = tempDir();
  const core = startCore({ dataDir: prepared, mode: 'browser', sync: false });
  await core.automaticBackup;
  await ok(core.ctx, 'loadDemoData', {});
  await ok(core.ctx, 'createNote', { leaderId: 1, body: 'In the backup' });
  backupName = path.basename((await ok(core.ctx, 'backUpNow', {})).file);
  await ok(core.ctx, 'createNote', { leaderId: 1, body: 'Written after the backup' });
  core.close();
}, 60_000);

/** A fresh copy of the prepared folder, and the restore call for its backup. */
function scenario() {
  const dir = path.join(tempDir(), 'data');
  copyFolder(prepared, dir);
  return { dir, restore: { name: 'restoreBackup', input: { file: path.join(dir, 'backups', backupName) } } };
}

/**
 * Where, in a restore that is not interrupted, the backup is renamed over the live file (its place
 * among the process's renames), and which flush of the data folder and which opening of the live
 * file come right after it (their places among calls on those paths): strace's `when` counts these.
 */
async function swapPoint(): Promise<{ rename: number; fsyncAfter: () => number; openAfter: () => number }> {
  const { dir, restore } = scenario();
  const log = path.join(os.tmpdir(), `fieldbook-strace-${process.pid}-${Date.now()}.log`);
  const run = await runCore(dir, [restore], straced({ trace: 'rename,fsync,openat', log }));
  expect(run.answers[0]).toMatchObject({ ok: true });
  const calls = mainThreadCalls(log);
  fs.rmSync(log, { force: true });
  const live = path.join(dir, DB_FILENAME);
  const swap = positionOf(calls, 'rename', (l) => l.includes(`, "${live}")`));
  const onFolder = calls.filter((c) => c.name !== 'fsync' || c.line.includes(`<${dir}>)`));
  const onLive = calls.filter((c) => c.name !== 'openat' || c.line.includes(`"${live}",`));
  return {
    rename: swap.position,
    fsyncAfter: () => positionOf(onFolder, 'fsync', () => true, onFolder.indexOf(calls[swap.index])).position,
    openAfter: () => positionOf(onLive, 'openat', () => true, onLive.indexOf(calls[swap.index])).position,
  };
}

describe.skipIf(!needs(hasStrace))('restore under crashes and disk errors (strace)', { timeout: 180_000 }, () => {
  let point: Awaited<ReturnType<typeof swapPoint>>;
  beforeAll(async () => {
    // One run first so that every later run does exactly the same system calls (tsx's cache is written once).
    await runCore(scenario().dir, []);
    point = await swapPoint();
  }, 120_000);

  it('killed just before the backup is renamed over the data: the data file is still there, and the next start undoes the restore and says so', async () => {
    const { dir, restore } = scenario();
    const run = await runCore(dir, [restore], straced({ trace: 'rename', inject: `rename:signal=KILL:when=${point.rename}` }));
    expect(run.answers).toEqual([]);
    expect(fs.existsSync(path.join(dir, DB_FILENAME))).toBe(true);
    expect(noteBodies(dir)).toContain('Written after the backup');

    const core = start(dir);
    const overview = await ok(core.ctx, 'listBackups', {});
    expect(overview.restoreNotice).toMatch(/interrupted before it put the backup in place\. Fieldbook undid it: your data is as it was/);
    expect((await ok(core.ctx, 'getStatus', {})).notice).toBe(overview.restoreNotice);
    expect(noteBodies(dir)).toContain('Written after the backup');
    expect(fs.readdirSync(dir).filter((f) => /restore/.test(f))).toEqual([]);
    // Nothing is kept as "before restore": nothing was restored.
    expect(overview.backups.filter((b) => b.kind === 'before-restore')).toEqual([]);
  });

  it('killed just after the rename: the next start finishes the restore, says so, and keeps the previous data', async () => {
    const { dir, restore } = scenario();
    const run = await runCore(dir, [restore], straced({ trace: 'fsync', inject: `fsync:signal=KILL:when=${point.fsyncAfter()}`, paths: [dir] }));
    expect(run.answers).toEqual([]);

    const core = start(dir);
    const overview = await ok(core.ctx, 'listBackups', {});
    expect(overview.restoreNotice).toMatch(/interrupted after it had put the backup in place\. Fieldbook finished it: you are working in the restored data/);
    const bodies = (await ok(core.ctx, 'listLeaderNotes', { leaderId: 1 })).notes.map((n: { body: string }) => n.body);
    expect(bodies).toContain('In the backup');
    expect(bodies).not.toContain('Written after the backup');
    const kept = overview.backups.filter((b) => b.kind === 'before-restore');
    expect(kept).toHaveLength(1);
    expect(overview.restoreNotice).toContain(kept[0].name);
    expect(bodiesIn(kept[0].file)).toContain('Written after the backup');
  });

  it('a disk error on the rename leaves the data open and as it was, says nothing was restored, and later saves work', async () => {
    const { dir, restore } = scenario();
    const run = await runCore(dir, [restore, { name: 'createNote', input: { leaderId: 1, body: 'Saved after the failed restore' } }], straced({ trace: 'rename', inject: `rename:error=EIO:when=${point.rename}` }));
    expect(run.answers[0]).toMatchObject({ ok: false, error: { code: 'restore_failed', field: 'file', message: expect.stringMatching(/could not put the backup in place \(EIO\)\. Nothing was restored: your data is as it was, and still open/) } });
    expect(run.answers[1]).toMatchObject({ ok: true });
    expect(noteBodies(dir)).toEqual(expect.arrayContaining(['Written after the backup', 'Saved after the failed restore']));
    expect(listBackupFiles(path.join(dir, 'backups')).filter((b) => b.kind === 'before-restore')).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'restore-in-progress.json'))).toBe(false);
  });

  it('a disk error flushing the folder just after the swap puts the previous data back and says so, and later saves work', async () => {
    const { dir, restore } = scenario();
    const run = await runCore(dir, [restore, { name: 'createNote', input: { leaderId: 1, body: 'Saved after the rollback' } }], straced({ trace: 'fsync', inject: `fsync:error=EIO:when=${point.fsyncAfter()}`, paths: [dir] }));
    expect(run.answers[0], run.output).toMatchObject({ ok: false, error: { code: 'restore_failed', message: expect.stringMatching(/put the backup in place but could not .*\(EIO\), so it put your previous data back: nothing was restored/) } });
    expect(run.answers[1]).toMatchObject({ ok: true });
    expect(noteBodies(dir)).toEqual(expect.arrayContaining(['Written after the backup', 'Saved after the rollback']));
    expect(fs.existsSync(path.join(dir, 'restore-in-progress.json'))).toBe(false);
    expect((await ok(start(dir).ctx, 'listBackups', {})).restoreNotice).toBeNull();
  });

  it('a restored file that cannot be opened after the swap is rolled back: the previous data is back, and the message says nothing was restored', async () => {
    const { dir, restore } = scenario();
    const run = await runCore(dir, [restore, { name: 'createNote', input: { leaderId: 1, body: 'Saved after the rollback' } }], straced({ trace: 'openat', inject: `openat:error=EIO:when=${point.openAfter()}`, paths: [path.join(dir, DB_FILENAME)] }));
    expect(run.answers[0], run.output).toMatchObject({ ok: false, error: { code: 'restore_failed', message: expect.stringMatching(/could not open it \(.*\), so it put your previous data back: nothing was restored/) } });
    expect(run.answers[0].error!.message).not.toMatch(/nothing was saved/);
    expect(run.answers[1]).toMatchObject({ ok: true });
    expect(noteBodies(dir)).toEqual(expect.arrayContaining(['Written after the backup', 'Saved after the rollback']));
    const again = start(dir);
    expect((await ok(again.ctx, 'listBackups', {})).restoreNotice).toBeNull();
  });
});

describe('what a restore checks and keeps', () => {
  it('refuses a SQLite file that lacks any of the tables of its version, before anything is replaced, and Fieldbook still starts', async () => {
    const { dir } = scenario();
    const partial = path.join(tempDir(), 'settings-only.sqlite3');
    const db = new Database(partial);
    db.exec(`CREATE TABLE settings (id INTEGER PRIMARY KEY, supervisor_name TEXT)`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    db.close();
    const core = start(dir);
    const before = noteBodies(dir);
    const r = await dispatch(core.ctx, 'restoreBackup', { file: partial });
    expect(r).toMatchObject({ ok: false, error: { code: 'backup_damaged', field: 'file', message: expect.stringMatching(/not a whole Fieldbook backup \(the table \w+ is missing\).*nothing was changed/) } });
    expect(noteBodies(dir)).toEqual(before);
    core.close();
    expect((await ok(start(dir).ctx, 'listSchools', {})).length).toBeGreaterThan(0);
  });

  it('refuses a table with a column missing', async () => {
    const { dir } = scenario();
    const copy = path.join(tempDir(), 'altered.sqlite3');
    fs.copyFileSync(path.join(dir, 'backups', backupName), copy);
    const db = new Database(copy);
    db.exec(`ALTER TABLE settings DROP COLUMN updated_at`);
    db.close();
    const core = start(dir);
    expect(await dispatch(core.ctx, 'restoreBackup', { file: copy })).toMatchObject({ ok: false, error: { code: 'backup_damaged', message: expect.stringMatching(/table settings does not have the columns/) } });
  });

  it('keeps the lock and its passphrase when restoring a backup made before it was set', { timeout: 60_000 }, async () => {
    const { dir, restore } = scenario();
    const core = start(dir);
    await ok(core.ctx, 'saveLockSettings', { idleMinutes: 10, newPassphrase: 'correct horse battery' });
    await ok(core.ctx, 'saveDraft', { key: 'add-school', value: { name: 'Typed before the restore' } });
    await ok(core.ctx, 'restoreBackup', restore.input);
    expect(await ok(core.ctx, 'getLockSettings', {})).toEqual({ idleMinutes: 10, hasPassphrase: true });
    expect(await ok(core.ctx, 'getDraft', { key: 'add-school' })).toMatchObject({ value: { name: 'Typed before the restore' } });
    core.close();
    const again = start(dir);
    expect(await dispatch(again.ctx, 'getCaseload', {})).toMatchObject({ ok: false, error: { code: 'app_locked' } });
    await ok(again.ctx, 'unlock', { passphrase: 'correct horse battery' });
    expect(await ok(again.ctx, 'getDraft', { key: 'add-school' })).toMatchObject({ value: { name: 'Typed before the restore' } });
  });
});
