import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { addDays, parseISO } from 'date-fns';
import { afterEach, describe, expect, it } from 'vitest';
import { type Core, startCore } from '../../electron/core';
import type { CoreContext } from '../../electron/core/context';
import { DB_FILENAME, openDatabase, SCHEMA_VERSION } from '../../electron/core/db/connection';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { dispatch } from '../../electron/core/dispatch';
import { markCleanShutdown } from '../../electron/core/backup/cleanShutdown';
import { listBackupFiles } from '../../electron/core/backup/files';
import { runAutomaticBackup } from '../../electron/core/services/backups/backups';
import { deepPages, overwritePages } from './damage';
import { memoryCore, ok, tempDir } from './helpers';

const open: Core[] = [];
afterEach(() => {
  open.splice(0).forEach((c) => c.ctx.db.open && c.close());
});

/** A start on the given day; a file opened after a clean shutdown is read in the background at once (or after backgroundCheckDelayMs). */
function start(dataDir: string, day = '2026-11-23', backgroundCheckDelayMs = 0): Core {
  const core = startCore({ dataDir, mode: 'browser', now: () => parseISO(`${day}T10:00:00`), backgroundCheckDelayMs });
  open.push(core);
  return core;
}

/** Every row of every table, in a stable order: what "the data" is. */
function dumpEveryTable(ctx: CoreContext): Record<string, string[]> {
  const tables = ctx.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, (ctx.db.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort()]));
}

async function fill(ctx: CoreContext) {
  await ok(ctx, 'loadDemoData', {});
  const schoolId = (await ok(ctx, 'addSchool', { name: 'Mesa Middle', level: 'middle', needTier: 'high' })).id;
  const ana = (await ok(ctx, 'addLeader', { name: 'Ana Vega', role: 'principal', schoolId, roleStartDate: '2020-08-01' })).id;
  const visit = await ok(ctx, 'planVisit', { date: '2026-11-24', startTime: '09:00', endTime: '10:30', schoolId, leaderIds: [ana], type: 'side_by_side', purpose: 'Plan the ILT agenda' });
  const note = await ok(ctx, 'createNote', { visitId: visit.id, body: 'Ana **led** the ILT' });
  await ok(ctx, 'saveNote', { noteId: note.id, body: 'Ana **led** the ILT; next: calibrate the rubric' });
  await ok(ctx, 'createNote', { leaderId: ana, body: 'Retention: confidential' });
  return { schoolId, ana };
}

async function changeEverything(ctx: CoreContext, ana: number) {
  await ok(ctx, 'addSchool', { name: 'Later School', level: 'high', needTier: 'low' });
  await ok(ctx, 'createNote', { leaderId: ana, body: 'Written after the backup' });
  await ok(ctx, 'saveBackupSettings', { keepDaily: 3, keepWeekly: 1 });
}

describe('backups and restore', () => {
  it.each([
    ['plain', undefined],
    ['encrypted', 'correct horse battery'],
  ])('restores a %s backup so that every table matches the moment it was taken', async (_kind, passphrase) => {
    const dir = tempDir();
    const core = start(dir);
    await core.automaticBackup;
    const { ana } = await fill(core.ctx);
    const atBackup = dumpEveryTable(core.ctx);
    const backup = await ok(core.ctx, 'backUpNow', { passphrase });
    expect(backup.encrypted).toBe(Boolean(passphrase));
    if (passphrase) expect(fs.readFileSync(backup.file).includes(Buffer.from('Retention: confidential'))).toBe(false);

    await changeEverything(core.ctx, ana);
    const beforeRestore = dumpEveryTable(core.ctx);
    expect(beforeRestore).not.toEqual(atBackup);

    const r = await dispatch(core.ctx, 'restoreBackup', { file: backup.file, passphrase });
    expect(r.ok).toBe(true);
    expect(r.changed).toEqual(expect.arrayContaining(['settings', 'schools', 'leaders', 'visits', 'notes', 'frameworks', 'backup_settings']));
    expect(dumpEveryTable(core.ctx)).toEqual(atBackup);

    // The data open before the restore is kept, complete, as a backup.
    const kept = (r as { value: { previousKeptAt: string } }).value.previousKeptAt;
    expect(path.basename(kept)).toMatch(/^fieldbook-before-restore-/);
    const keptDb = new Database(kept, { readonly: true });
    expect(keptDb.prepare(`SELECT count(*) FROM schools WHERE name = 'Later School'`).pluck().get()).toBe(1);
    keptDb.close();

    // The swapped connection serves later calls, and survives a restart.
    await ok(core.ctx, 'addSchool', { name: 'After Restore', level: 'span', needTier: 'moderate' });
    core.close();
    const again = start(dir);
    expect((await ok(again.ctx, 'listSchools', {})).map((s: { name: string }) => s.name)).toContain('After Restore');
  });

  it('refuses a wrong or missing passphrase at the passphrase field and changes nothing', async () => {
    const core = start(tempDir());
    await fill(core.ctx);
    const backup = await ok(core.ctx, 'backUpNow', { passphrase: 'correct horse battery' });
    await ok(core.ctx, 'addSchool', { name: 'Later School', level: 'high', needTier: 'low' });
    const before = dumpEveryTable(core.ctx);
    const filesBefore = fs.readdirSync(path.dirname(backup.file)).sort();

    const wrong = await dispatch(core.ctx, 'restoreBackup', { file: backup.file, passphrase: 'wrong horse battery' });
    expect(wrong).toMatchObject({ ok: false, error: { field: 'passphrase', message: 'That passphrase does not open this backup' } });
    const missing = await dispatch(core.ctx, 'restoreBackup', { file: backup.file });
    expect(missing).toMatchObject({ ok: false, error: { field: 'passphrase' } });
    expect(dumpEveryTable(core.ctx)).toEqual(before);
    expect(fs.readdirSync(path.dirname(backup.file)).sort()).toEqual(filesBefore);
    expect(fs.readdirSync(core.ctx.dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a backup from a newer Fieldbook, and a damaged one, changing nothing', async () => {
    const core = start(tempDir());
    await fill(core.ctx);
    const folder = tempDir();
    const newer = path.join(folder, 'newer.sqlite3');
    const db = openDatabase(newer);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const damaged = path.join(folder, 'damaged.sqlite3');
    const good = await ok(core.ctx, 'backUpNow', { folder });
    const bytes = fs.readFileSync(good.file);
    bytes.fill(0x5a, 4096, 12288); // overwrite pages in the middle
    fs.writeFileSync(damaged, bytes);
    const garbage = path.join(folder, 'notes.txt');
    fs.writeFileSync(garbage, 'just some text, not a database');
    const before = dumpEveryTable(core.ctx);

    const tooNew = await dispatch(core.ctx, 'restoreBackup', { file: newer });
    expect(tooNew).toMatchObject({ ok: false, error: { code: 'backup_too_new', field: 'file' } });
    expect(tooNew.ok || tooNew.error.message).toMatch(/newer version of Fieldbook/);
    expect(await dispatch(core.ctx, 'restoreBackup', { file: damaged })).toMatchObject({ ok: false, error: { code: 'backup_damaged', field: 'file' } });
    expect(await dispatch(core.ctx, 'restoreBackup', { file: garbage })).toMatchObject({ ok: false, error: { code: 'backup_damaged', field: 'file' } });
    expect(await dispatch(core.ctx, 'restoreBackup', { file: path.join(folder, 'missing.sqlite3') })).toMatchObject({ ok: false, error: { field: 'file' } });
    expect(dumpEveryTable(core.ctx)).toEqual(before);
    expect(listBackupFiles(path.join(core.ctx.dataDir, 'backups')).filter((b) => b.kind === 'before-restore')).toEqual([]);
  });

  it('backs up to a chosen folder, and names the folder field when the folder is wrong', async () => {
    const core = start(tempDir());
    const folder = tempDir();
    const made = await ok(core.ctx, 'backUpNow', { folder });
    expect(path.dirname(made.file)).toBe(folder);
    expect(fs.existsSync(made.file)).toBe(true);
    expect(await dispatch(core.ctx, 'backUpNow', { folder: path.join(folder, 'nope') })).toMatchObject({ ok: false, error: { field: 'folder' } });
    expect(await dispatch(core.ctx, 'backUpNow', { folder: 'relative/path' })).toMatchObject({ ok: false, error: { field: 'folder' } });
    expect(await dispatch(core.ctx, 'backUpNow', { passphrase: 'short' })).toMatchObject({ ok: false, error: { field: 'passphrase' } });
  });

  it('rotation over 60 days keeps exactly 7 daily and 4 weekly backups, and never touches other files', async () => {
    let day = parseISO('2026-09-01T10:00:00');
    const dir = tempDir();
    const core = startCore({ dataDir: dir, mode: 'browser', now: () => day });
    open.push(core);
    await core.automaticBackup;
    const manual = await ok(core.ctx, 'backUpNow', {});
    fs.writeFileSync(path.join(dir, 'backups', 'my-own-copy.sqlite3'), 'mine');
    for (let i = 0; i < 60; i++) {
      day = addDays(day, 1);
      await runAutomaticBackup(core.ctx);
      expect(await runAutomaticBackup(core.ctx)).toBeNull(); // at most one a day
    }
    const files = listBackupFiles(path.join(dir, 'backups'));
    const daily = files.filter((b) => b.kind === 'daily');
    const weekly = files.filter((b) => b.kind === 'weekly');
    expect(daily).toHaveLength(7);
    expect(weekly).toHaveLength(4);
    expect(daily[0].createdAt).toBe('2026-10-31');
    // Each weekly is the first backup of its ISO week (a Monday here) and the weeks are the latest four.
    expect(weekly.map((b) => b.createdAt)).toEqual(['2026-10-26', '2026-10-19', '2026-10-12', '2026-10-05']);
    expect(fs.existsSync(manual.file)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'backups', 'my-own-copy.sqlite3'))).toBe(true);

    await ok(core.ctx, 'saveBackupSettings', { keepDaily: 2, keepWeekly: 1 });
    day = addDays(day, 1);
    await runAutomaticBackup(core.ctx);
    const after = listBackupFiles(path.join(dir, 'backups'));
    expect(after.filter((b) => b.kind === 'daily')).toHaveLength(2);
    expect(after.filter((b) => b.kind === 'weekly')).toHaveLength(1);
    expect(await ok(core.ctx, 'getBackupSettings', {})).toEqual({ keepDaily: 2, keepWeekly: 1 });
    expect(await dispatch(core.ctx, 'saveBackupSettings', { keepDaily: 0, keepWeekly: 1 })).toMatchObject({ ok: false, error: { field: 'keepDaily' } });
  });

  it('takes a backup automatically before migrations change an older database', () => {
    const dir = tempDir();
    const file = path.join(dir, DB_FILENAME);
    const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, 3) });
    old.prepare(`INSERT INTO schools (name, level, need_tier, created_at) VALUES ('Old School', 'high', 'low', 'x')`).run();
    old.close();

    const core = start(dir);
    expect(core.ctx.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const pre = listBackupFiles(path.join(dir, 'backups')).filter((b) => b.kind === 'before-upgrade');
    expect(pre).toHaveLength(1);
    const copy = new Database(pre[0].file, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(3);
    expect(copy.prepare(`SELECT name FROM schools`).pluck().all()).toEqual(['Old School']);
    copy.close();

    // Opening a current database takes no such backup.
    core.close();
    start(dir);
    expect(listBackupFiles(path.join(dir, 'backups')).filter((b) => b.kind === 'before-upgrade')).toHaveLength(1);
  });

  it('refuses a damaged or foreign live database with a way to restore, leaving it byte-identical', async () => {
    const dir = tempDir();
    const core = start(dir);
    await core.automaticBackup;
    await fill(core.ctx);
    const good = await ok(core.ctx, 'backUpNow', {});
    core.close();
    const file = path.join(dir, DB_FILENAME);

    const garbage = Buffer.from('This is not a database at all. '.repeat(200));
    fs.writeFileSync(file, garbage);
    expect(() => start(dir)).toThrow(/damaged or is not a Fieldbook database[\s\S]*backups/);
    expect(fs.readFileSync(file).equals(garbage)).toBe(true);

    // A real SQLite file with damaged pages is refused too.
    const damaged = fs.readFileSync(good.file);
    damaged.fill(0xff, 4096, 16384);
    fs.writeFileSync(file, damaged);
    expect(() => start(dir)).toThrow(/damaged/);
    expect(fs.readFileSync(file).equals(damaged)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(DB_FILENAME))).toEqual([DB_FILENAME]);

    // The message's recipe works: copy a backup into place and Fieldbook opens.
    fs.copyFileSync(good.file, file);
    expect((await ok(start(dir).ctx, 'listSchools', {})).length).toBeGreaterThan(0);
  });

  it('opens a cleanly closed file on a look at its header, reads it whole in the background, and refuses damage found there at the next start', async () => {
    const dir = tempDir();
    const file = path.join(dir, DB_FILENAME);
    const marker = path.join(dir, 'clean-shutdown.json');
    const first = start(dir);
    await fill(first.ctx);
    const deep = deepPages(first.ctx);
    first.close();
    expect(fs.existsSync(marker)).toBe(true);

    // A clean start, whose background check passes, vouches for the file again; while it runs there is no mark, so a crash leaves none.
    const second = start(dir);
    expect(fs.existsSync(marker)).toBe(false);
    await second.backgroundCheck;
    expect((await ok(second.ctx, 'getStatus', {})).dataFileProblem).toBeNull();
    second.close();
    expect(fs.existsSync(marker)).toBe(true);

    // Damage the timestamps cannot show (a failing disk): pages overwritten, then the mark made to match.
    overwritePages(file, deep);
    markCleanShutdown(file, parseISO('2026-11-23T18:00:00'));
    const damaged = fs.readFileSync(file);

    // The next day: it opens, the background read finds the damage, and the damaged file is not made today's backup.
    const third = start(dir, '2026-11-24');
    expect((await ok(third.ctx, 'listSchools', {})).length).toBeGreaterThan(0);
    await third.automaticBackup;
    expect((await ok(third.ctx, 'getStatus', {})).dataFileProblem).toMatch(/found damage in its data file[\s\S]*did not take today's automatic backup/);
    const backups = await ok(third.ctx, 'listBackups', {});
    expect(backups.backups.filter((b) => b.createdAt === '2026-11-24')).toEqual([]);
    expect(backups.lastAutomatic).toMatchObject({ ok: false, message: expect.stringMatching(/not taken/) });
    expect(backups.dataFile).toMatchObject({ state: 'damaged' });
    third.close();
    expect(fs.existsSync(marker)).toBe(false);
    expect(() => start(dir)).toThrow(/damaged or is not a Fieldbook database/);
    expect(fs.readFileSync(file).equals(damaged)).toBe(true);
  });

  it('reads the whole file before opening when it changed after the clean shutdown, or its last full read is a week old', async () => {
    const dir = tempDir();
    const file = path.join(dir, DB_FILENAME);
    const core = start(dir);
    await fill(core.ctx);
    const deep = deepPages(core.ctx);
    core.close();
    // A session too short for its background check still leaves the mark of the last full read.
    start(dir, '2026-11-23', 60_000).close();
    expect(fs.existsSync(path.join(dir, 'clean-shutdown.json'))).toBe(true);

    // Same size, overwritten in place after the clean shutdown: read whole and refused, byte for byte as it was.
    overwritePages(file, deep);
    const changed = fs.readFileSync(file);
    expect(() => start(dir)).toThrow(/damaged/);
    expect(fs.readFileSync(file).equals(changed)).toBe(true);

    // Damage a matching mark cannot show is still read in full when the last full read is eight days old,
    markCleanShutdown(file, parseISO('2026-11-15T10:00:00'));
    expect(() => start(dir)).toThrow(/damaged/);
    // and short sessions in between (closed before their background check) do not make that read newer.
    markCleanShutdown(file, parseISO('2026-11-17T10:00:00'));
    start(dir, '2026-11-23', 60_000).close();
    expect(() => start(dir, '2026-11-25')).toThrow(/damaged/);
    // Nor when migrations are about to upgrade it: only a file read whole is changed (and copied first).
    const older = new Database(file);
    older.pragma(`user_version = ${SCHEMA_VERSION - 1}`);
    older.close();
    markCleanShutdown(file, parseISO('2026-11-22T10:00:00'));
    const beforeUpgrade = fs.readFileSync(file);
    expect(() => start(dir)).toThrow(/damaged/);
    expect(fs.readFileSync(file).equals(beforeUpgrade)).toBe(true);
    // A current file with a recent full read: opened at once (the background check is what finds this damage, as above).
    const current = new Database(file);
    current.pragma(`user_version = ${SCHEMA_VERSION}`);
    current.close();
    markCleanShutdown(file, parseISO('2026-11-22T10:00:00'));
    expect(start(dir).ctx.db.open).toBe(true);
  });

  it('a restore asked while a backup is being written waits for it: the backup is whole, with the data as it was, and then the restore is done', async () => {
    const core = start(tempDir());
    await core.automaticBackup;
    const { ana } = await fill(core.ctx);
    const earlier = await ok(core.ctx, 'backUpNow', {});
    const notesIn = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare(`SELECT count(*) FROM notes`).pluck().get() as number;
      } finally {
        db.close();
      }
    };
    // Enough notes that SQLite copies the file in many steps, so the restore's own reading overlaps it.
    core.ctx.db
      .prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)
        INSERT INTO notes (leader_id, body, evidence_kind, created_at, updated_at) SELECT ?, 'Walkthrough ' || i || ' ' || hex(randomblob(800)), 'coaching', '2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z' FROM n`)
      .run(ana);
    const before = core.ctx.db.prepare(`SELECT count(*) FROM notes`).pluck().get() as number;

    const [made, restored] = await Promise.all([dispatch(core.ctx, 'backUpNow', {}), dispatch(core.ctx, 'restoreBackup', { file: earlier.file })]);
    expect(made).toMatchObject({ ok: true });
    expect(restored).toMatchObject({ ok: true });
    expect(notesIn((made as { value: { file: string } }).value.file)).toBe(before);
    expect(core.ctx.db.prepare(`SELECT count(*) FROM notes`).pluck().get()).toBe(notesIn(earlier.file));
  });

  it('reports a failing automatic backup without stopping Fieldbook from starting', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'backups'), 'a file where the folder should be');
    const core = start(dir);
    await core.automaticBackup;
    const overview = await ok(core.ctx, 'listBackups', {});
    expect(overview.lastAutomatic).toMatchObject({ ok: false });
    expect(overview.lastAutomatic?.message).toMatch(/automatic backup failed/);
    await ok(core.ctx, 'addSchool', { name: 'Still Works', level: 'high', needTier: 'low' });
  });
});

describe('backups without a data folder', () => {
  it('an in-memory core never writes a backup into the working directory, and cannot restore', async () => {
    const ctx = memoryCore();
    const cwdBefore = fs.readdirSync(process.cwd()).sort();
    expect(await dispatch(ctx, 'backUpNow', {})).toMatchObject({ ok: false, error: { field: 'folder' } });
    expect(await dispatch(ctx, 'restoreBackup', { file: '/etc/hostname' })).toMatchObject({ ok: false, error: { field: 'file' } });
    expect(fs.readdirSync(process.cwd()).sort()).toEqual(cwdBefore);
  });
});
