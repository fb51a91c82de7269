import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Core, startCore } from '../../electron/core';
import { DB_FILENAME } from '../../electron/core/db/connection';
import { ok, tempDir } from './helpers';
import { isRoot, needs } from './processes';

/**
 * One process owns a data folder, and a start that cannot go on says why in one line and touches
 * nothing: another Fieldbook has the folder, the disk is read-only, the data file is empty.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const open: Core[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  open.splice(0).forEach((c) => c.ctx.db.open && c.close());
  children.splice(0).forEach((c) => c.exitCode === null && c.signalCode === null && c.kill('SIGKILL'));
});

/** `npm run browser` on dataDir, as its own process: resolves when it serves (with its pid) or when it exits (with what it said). */
function browserMode(dataDir: string): Promise<{ started: true; child: ChildProcess } | { started: false; code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/start.ts', '--browser', '--no-build', '--no-open'], {
    cwd: ROOT,
    env: { ...process.env, FIELDBOOK_DATA_DIR: dataDir, FIELDBOOK_NO_OPEN: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  return new Promise((resolve) => {
    child.stdout!.on('data', (d) => {
      stdout += d;
      if (/Open http/.test(stdout)) resolve({ started: true, child });
    });
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ started: false, code, stdout, stderr }));
  });
}

/** Every file in the folder with its size and modification time: "touched nothing" made checkable. A file removed while it is read is "gone", a change like any other. */
const fingerprint = (dir: string) =>
  fs.readdirSync(dir, { recursive: true }).map(String).sort().map((f) => {
    const s = fs.statSync(path.join(dir, f), { throwIfNoEntry: false });
    return s ? `${f} ${s.isFile() ? s.size : 'dir'} ${s.mtimeMs}` : `${f} gone`;
  });

/** The folder once the owner has finished what it does at start (today's backup): the same fingerprint twice, half a second apart. */
async function settled(dir: string): Promise<string[]> {
  let last = fingerprint(dir);
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const now = fingerprint(dir);
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
}

describe('one process owns a data folder', { timeout: 120_000 }, () => {
  it('a second browser mode on the same folder says in one line which process has it, exits, and touches nothing; a killed owner frees it', async () => {
    const dir = tempDir();
    const first = await browserMode(dir);
    expect(first.started).toBe(true);
    const owner = (first as { child: ChildProcess }).child;
    const before = await settled(dir);

    const second = await browserMode(dir);
    expect(second.started).toBe(false);
    const refused = second as { code: number; stdout: string; stderr: string };
    expect(refused.code).toBe(1);
    const lines = refused.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Fieldbook is already open on the data folder .* \\(browser mode, process ${owner.pid}, since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\)\\. Close that one first`));
    expect(refused.stdout).not.toMatch(/Open http/);
    expect(fingerprint(dir)).toEqual(before);

    // SIGKILL takes the lock with the process: the next start goes ahead.
    owner.kill('SIGKILL');
    await new Promise((r) => owner.once('exit', r));
    expect((await browserMode(dir)).started).toBe(true);
  });

  it('the core refuses a second start in the same process too, and the demo tool is refused while Fieldbook runs', async () => {
    const dir = tempDir();
    const core = startCore({ dataDir: dir, mode: 'electron', sync: false });
    open.push(core);
    expect(() => startCore({ dataDir: dir, mode: 'browser', sync: false })).toThrow(new RegExp(`already open on the data folder .*\\(the Fieldbook app, process ${process.pid},`));
    const demo = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/demo.ts'], { cwd: ROOT, env: { ...process.env, FIELDBOOK_DATA_DIR: dir }, encoding: 'utf8' });
    expect(demo.status).toBe(1);
    expect(demo.stderr.trim()).toMatch(/^Fieldbook is already open on the data folder .*the Fieldbook app/);
    expect((await ok(core.ctx, 'listSchools', {})).length).toBe(0); // the demo wrote nothing
    core.close();
    open.push(startCore({ dataDir: dir, mode: 'browser', sync: false }));
  });
});

describe('a start that cannot go on says why in one line', { timeout: 120_000 }, () => {
  it('refuses an empty data file like a damaged one, and leaves it as it is', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, DB_FILENAME), '');
    expect(() => startCore({ dataDir: dir, mode: 'browser', sync: false })).toThrow(/damaged or is not a Fieldbook database/);
    expect(fs.statSync(path.join(dir, DB_FILENAME)).size).toBe(0);
    const run = await browserMode(dir);
    expect(run).toMatchObject({ started: false, code: 1 });
    expect((run as { stderr: string }).stderr.trim().split('\n')).toHaveLength(1);
  });

  it('makes a new data file whole before it takes its name, so a half-made one is never mistaken for data', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, `${DB_FILENAME}.new`), 'what a killed first start left');
    const core = startCore({ dataDir: dir, mode: 'browser', sync: false });
    open.push(core);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.new'))).toEqual([]);
    expect(core.ctx.db.pragma('user_version', { simple: true })).toBeGreaterThan(0);
  });

  it.skipIf(!needs(isRoot))('a read-only data folder stops the start with one line, no stack trace', async () => {
    for (const used of [false, true]) {
      const dir = tempDir();
      if (used) {
        const core = startCore({ dataDir: dir, mode: 'browser', sync: false });
        await core.automaticBackup;
        core.close();
      }
      expect(spawnSync('mount', ['--bind', dir, dir]).status).toBe(0);
      try {
        expect(spawnSync('mount', ['-o', 'remount,bind,ro', dir]).status).toBe(0);
        const before = fingerprint(dir);
        const run = await browserMode(dir);
        expect(run).toMatchObject({ started: false, code: 1 });
        const stderr = (run as { stderr: string }).stderr.trim();
        expect(stderr.split('\n'), stderr).toHaveLength(1);
        expect(stderr).toMatch(/^Fieldbook cannot write in its data folder .*: the disk is read-only\./);
        expect(fingerprint(dir)).toEqual(before);
      } finally {
        spawnSync('umount', [dir]);
      }
    }
  });
});
