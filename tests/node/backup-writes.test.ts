import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { addDays, parseISO } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { startCore } from '../../electron/core';
import type { CoreContext } from '../../electron/core/context';
import { DB_FILENAME } from '../../electron/core/db/connection';
import { dispatch } from '../../electron/core/dispatch';
import { runAutomaticBackup } from '../../electron/core/services/backups/backups';
import { startSyncWorker } from '../../electron/core/sync/worker';
import { coreStarter, ok, tempDir } from './helpers';
import { spawnCore } from './processes';

/**
 * How backups are written and read: an encrypted backup never puts plaintext outside the data
 * folder (even when the process is killed mid-way), what an interrupted backup left is removed at
 * the next start, every file is private, rotation follows the order backups were made whatever the
 * clock says, and a damaged backup is told apart from a wrong passphrase.
 */
const start = coreStarter();

/** A start that lasts until its automatic backup is made. */
async function backedUpOnce(dir: string): Promise<void> {
  const core = start(dir);
  await core.automaticBackup;
  core.close();
}

const SECRET = 'Zanzibar-confidential';
const PLAINTEXT = [Buffer.from('SQLite format 3\0', 'latin1'), Buffer.from(SECRET)];

/** Demo data and about 12 MB of notes holding SECRET, so that copying the database takes a while. */
async function bigDataFolder(): Promise<string> {
  const dir = tempDir();
  const core = startCore({ dataDir: dir, mode: 'browser', sync: false });
  await core.automaticBackup;
  await ok(core.ctx, 'loadDemoData', {});
  const insert = core.ctx.db.prepare(`INSERT INTO notes (leader_id, body, created_at, updated_at) VALUES (1, ?, ?, ?)`);
  const body = `${SECRET} `.repeat(200) + crypto.randomBytes(2000).toString('hex');
  core.ctx.db.transaction(() => {
    for (let i = 0; i < 2500; i++) insert.run(`${i} ${body}`, '2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z');
  })();
  core.close();
  return dir;
}

const holdsPlaintext = (folder: string): string[] =>
  fs.readdirSync(folder).filter((name) => {
    const bytes = fs.readFileSync(path.join(folder, name));
    return PLAINTEXT.some((p) => bytes.includes(p));
  });

/** Kill the process with SIGKILL as soon as a file in `folder` has at least `bytes` in it. */
function killWhenWritten(child: { kill: (s: NodeJS.Signals) => boolean; exitCode: number | null }, folder: string, bytes: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (child.exitCode !== null) {
        clearInterval(timer);
        return resolve(false);
      }
      const written = fs.readdirSync(folder).some((n) => (fs.statSync(path.join(folder, n), { throwIfNoEntry: false })?.size ?? 0) >= bytes);
      if (written) {
        child.kill('SIGKILL');
        clearInterval(timer);
        resolve(true);
      }
    }, 1);
  });
}

describe('an encrypted backup never writes plaintext outside the data folder', { timeout: 180_000 }, () => {
  it('killed with SIGKILL while it writes to a USB-like folder, it leaves only ciphertext there, and the next start removes the partial file', async () => {
    const dir = await bigDataFolder();
    for (const threshold of [64 * 1024, 4 * 1024 * 1024, 1]) {
      const usb = tempDir();
      const run = spawnCore(dir, [{ name: 'backUpNow', input: { folder: usb, passphrase: 'correct horse battery' } }]);
      const killed = await killWhenWritten(run.child, usb, threshold);
      await run.done;
      expect(killed, `killed once ${threshold} bytes were written`).toBe(true);
      expect(holdsPlaintext(usb)).toEqual([]);
      expect(fs.readdirSync(usb).every((n) => n.endsWith('.partial'))).toBe(true);

      // The next start removes what the killed backup left, wherever it was writing.
      start(dir).close();
      expect(fs.readdirSync(usb)).toEqual([]);
      expect(fs.readdirSync(dir).filter((n) => /snapshot|partial|in-progress/.test(n))).toEqual([]);
    }
    // Uninterrupted, the backup holds no plaintext either, and restores.
    const usb = tempDir();
    const core = start(dir);
    const made = await ok(core.ctx, 'backUpNow', { folder: usb, passphrase: 'correct horse battery' });
    expect(fs.readdirSync(usb)).toEqual([made.name]);
    expect(holdsPlaintext(usb)).toEqual([]);
    await ok(core.ctx, 'restoreBackup', { file: made.file, passphrase: 'correct horse battery' });
  });

  it('removes partial backups an earlier version left in the backups folder', async () => {
    const dir = tempDir();
    await backedUpOnce(dir);
    const leftover = path.join(dir, 'backups', 'fieldbook-manual-2026-11-23T10-00-00Z.sqlite3.enc.partial');
    fs.writeFileSync(leftover, 'SQLite format 3\0 and the rest of a database');
    const mine = path.join(dir, 'backups', 'notes-about-backups.partial.txt');
    fs.writeFileSync(mine, 'not Fieldbook’s');
    start(dir);
    expect(fs.existsSync(leftover)).toBe(false);
    expect(fs.existsSync(mine)).toBe(true);
  });
});

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe.skipIf(process.platform === 'win32')('every file Fieldbook writes is private to its user', () => {
  it('makes the data folder 0700 and the database, its journal, the lock, backups and packages 0600', async () => {
    const dir = path.join(tempDir(), 'Fieldbook');
    const core = start(dir);
    await core.automaticBackup;
    await ok(core.ctx, 'loadDemoData', {});
    const usb = tempDir();
    const manual = await ok(core.ctx, 'backUpNow', { folder: usb, passphrase: 'correct horse battery' });
    const plain = await ok(core.ctx, 'backUpNow', {});
    await ok(core.ctx, 'restoreBackup', { file: plain.file });
    const drop = tempDir();
    await ok(core.ctx, 'saveSyncTarget', { kind: 'folder', name: 'District drive', enabled: true, folder: drop });
    await ok(core.ctx, 'queueCaseloadRoster', {});
    const worker = startSyncWorker(core.ctx, { manual: true });
    await worker.runOnce();
    await worker.stop();

    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, 'backups'))).toBe(0o700);
    const files = [
      ...fs.readdirSync(dir).map((n) => path.join(dir, n)),
      ...fs.readdirSync(path.join(dir, 'backups')).map((n) => path.join(dir, 'backups', n)),
      manual.file,
    ].filter((f) => fs.statSync(f).isFile());
    expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining([DB_FILENAME, `${DB_FILENAME}-wal`, 'fieldbook.lock', path.basename(plain.file)]));
    expect(files.filter((f) => mode(f) !== 0o600).map((f) => `${f} ${mode(f).toString(8)}`)).toEqual([]);
    const pkg = fs.readdirSync(drop).map((n) => path.join(drop, n));
    expect(pkg.length).toBeGreaterThan(0);
    for (const folder of pkg) {
      expect(mode(folder)).toBe(0o700);
      for (const f of fs.readdirSync(folder)) expect(mode(path.join(folder, f))).toBe(0o600);
    }
  });

  it('takes group and other permissions away from what an older Fieldbook made', async () => {
    const dir = tempDir();
    await backedUpOnce(dir);
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, DB_FILENAME), 0o644);
    fs.chmodSync(path.join(dir, 'backups'), 0o755);
    start(dir);
    expect([mode(dir), mode(path.join(dir, DB_FILENAME)), mode(path.join(dir, 'backups'))]).toEqual([0o700, 0o600, 0o700]);
  });
});

describe('backups do not trust the clock', () => {
  it('rotates by the order backups were made: a clock set back never deletes the new backup, and Settings says the clock looks wrong', async () => {
    let now = parseISO('2026-11-02T10:00:00'); // a Monday
    const dir = tempDir();
    const core = start(dir, { now: () => now });
    await core.automaticBackup;
    await ok(core.ctx, 'saveBackupSettings', { keepDaily: 3, keepWeekly: 2 });
    for (let i = 0; i < 9; i++) {
      now = addDays(now, 1);
      await runAutomaticBackup(core.ctx);
    }
    expect((await ok(core.ctx, 'listBackups', {})).clockWarning).toBeNull();

    now = parseISO('2025-03-04T10:00:00'); // the clock set back by more than a year
    const made = await runAutomaticBackup(core.ctx);
    expect(made).not.toBeNull();
    const overview = await ok(core.ctx, 'listBackups', {});
    // It is the newest (listed first) and still there; rotation dropped the oldest weekly by order, not the one dated oldest.
    expect(overview.backups[0].file).toBe(made!.file);
    expect(fs.existsSync(made!.file)).toBe(true);
    expect(overview.backups.filter((b) => b.kind === 'weekly').map((b) => b.createdAt)).toEqual(['2025-03-04', '2026-11-09']);
    expect(overview.backups.filter((b) => b.kind === 'daily').map((b) => b.createdAt)).toEqual(['2026-11-11', '2026-11-10', '2026-11-08']);
    expect(overview.clockWarning).toMatch(/clock says it is 2025-03-04, but the backup fieldbook-\w+-2026-11-\d\d\.sqlite3 is dated 2026-11-\d\d\. Check the date and time/);

    // The clock put right: rotation carries on by order, the misdated backup leaves in its turn.
    now = parseISO('2026-11-12T10:00:00');
    await runAutomaticBackup(core.ctx);
    const righted = await ok(core.ctx, 'listBackups', {});
    expect(righted.clockWarning).toBeNull();
    expect(righted.backups[0].createdAt).toBe('2026-11-12');
    expect(righted.backups.filter((b) => b.kind === 'daily').map((b) => b.createdAt)).toEqual(['2026-11-12', '2026-11-11', '2026-11-10']);
  });
});

/** An encrypted backup as version 1 wrote them (N = 2^15, no length or passphrase check). */
function versionOneBackup(plain: Buffer, passphrase: string): Buffer {
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const key = crypto.scryptSync(passphrase, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  const aad = Buffer.concat([Buffer.from('FBBACKUP'), Buffer.from([1]), salt, iv]);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([aad, cipher.getAuthTag(), body]);
}

describe('every failure of a backup says what happened', { timeout: 120_000 }, () => {
  async function encrypted(ctx: CoreContext) {
    const made = await ok(ctx, 'backUpNow', { folder: tempDir(), passphrase: 'correct horse battery' });
    return { file: made.file, bytes: fs.readFileSync(made.file) };
  }
  const restore = (ctx: CoreContext, bytes: Buffer, passphrase = 'correct horse battery') => {
    const file = path.join(tempDir(), 'fieldbook-manual-2026-11-23T10-00-00Z.sqlite3.enc');
    fs.writeFileSync(file, bytes);
    return dispatch(ctx, 'restoreBackup', { file, passphrase });
  };

  it('tells a damaged encrypted backup (cut short, a byte changed in its header or contents) from a wrong passphrase', async () => {
    const core = start(tempDir());
    await ok(core.ctx, 'loadDemoData', {});
    const { bytes } = await encrypted(core.ctx);
    // New backups are made with scrypt at N = 2^17 (log2 N is byte 9 of the header).
    expect(bytes[9]).toBe(17);
    const flipped = (at: number) => {
      const b = Buffer.from(bytes);
      b[at] ^= 0x40;
      return b;
    };
    expect(await restore(core.ctx, bytes.subarray(0, bytes.length - 100))).toMatchObject({ ok: false, error: { code: 'backup_damaged', field: 'file', message: expect.stringMatching(/damaged \(it is shorter than when it was made/) } });
    expect(await restore(core.ctx, flipped(20))).toMatchObject({ ok: false, error: { code: 'backup_damaged', field: 'file', message: expect.stringMatching(/its header was changed/) } });
    expect(await restore(core.ctx, flipped(bytes.length - 5000))).toMatchObject({ ok: false, error: { code: 'backup_damaged', field: 'file', message: expect.stringMatching(/contents were changed/) } });
    expect(await restore(core.ctx, bytes, 'wrong horse battery')).toMatchObject({ ok: false, error: { code: 'wrong_passphrase', field: 'passphrase', message: 'That passphrase does not open this backup' } });
    expect((await restore(core.ctx, bytes)).ok).toBe(true);
  });

  it('still restores an encrypted backup made by the earlier format (scrypt at 2^15)', async () => {
    const core = start(tempDir());
    await ok(core.ctx, 'loadDemoData', {});
    const plain = await ok(core.ctx, 'backUpNow', {});
    await ok(core.ctx, 'addSchool', { name: 'After the backup', level: 'high', needTier: 'low' });
    expect((await restore(core.ctx, versionOneBackup(fs.readFileSync(plain.file), 'an older passphrase'), 'an older passphrase')).ok).toBe(true);
    expect((await ok(core.ctx, 'listSchools', {})).map((s: { name: string }) => s.name)).not.toContain('After the backup');
  });

  it('refuses a folder or file name longer than a disk allows at its field, not as an internal error', async () => {
    const core = start(tempDir());
    const long = path.join(tempDir(), 'x'.repeat(300));
    expect(await dispatch(core.ctx, 'backUpNow', { folder: long })).toMatchObject({ ok: false, error: { field: 'folder', message: expect.stringMatching(/longer than 255/) } });
    expect(await dispatch(core.ctx, 'restoreBackup', { file: path.join(long, 'fieldbook.sqlite3') })).toMatchObject({ ok: false, error: { field: 'file', message: expect.stringMatching(/longer than 255/) } });
  });

  it('reads a restore of any size a chunk at a time: a file over 2 GiB is checked, not refused as an internal error', async () => {
    const core = start(tempDir());
    const plain = await ok(core.ctx, 'backUpNow', {});
    const huge = path.join(tempDir(), 'fieldbook-manual-2026-11-23T10-00-00Z.sqlite3');
    // A real header followed by 2.1 GiB (sparse: it takes no disk): longer than its header says.
    fs.writeFileSync(huge, fs.readFileSync(plain.file).subarray(0, 4096));
    fs.truncateSync(huge, 2_200_000_000);
    expect(await dispatch(core.ctx, 'restoreBackup', { file: huge })).toMatchObject({ ok: false, error: { code: 'backup_damaged', field: 'file', message: expect.stringMatching(/longer than its header says/) } });
    const encryptedHuge = path.join(tempDir(), 'fieldbook-manual-2026-11-23T10-00-00Z.sqlite3.enc');
    fs.writeFileSync(encryptedHuge, (await encrypted(core.ctx)).bytes.subarray(0, 200));
    fs.truncateSync(encryptedHuge, 2_200_000_000);
    expect(await dispatch(core.ctx, 'restoreBackup', { file: encryptedHuge, passphrase: 'correct horse battery' })).toMatchObject({ ok: false, error: { code: 'backup_damaged', field: 'file', message: expect.stringMatching(/longer than when it was made/) } });
  });
});
