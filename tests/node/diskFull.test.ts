import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCore } from '../../electron/core';
import { dispatch } from '../../electron/core/dispatch';
import { ok, tempDir } from './helpers';
import { isRoot, needs } from './processes';

/** Fill a disk to its last byte, the way a full laptop disk or USB stick is. */
function fillDisk(dir: string): string {
  const filler = path.join(dir, 'filler.bin');
  const fd = fs.openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 7);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
    for (let size = 4096; size >= 1; size = Math.floor(size / 2)) {
      try {
        for (;;) fs.writeSync(fd, chunk, 0, size);
      } catch {
        // the next smaller piece
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return filler;
}

describe.skipIf(!needs(isRoot))('every failure says what happened: a full disk', { timeout: 60_000 }, () => {
  it('an autosave on a full disk (a real 16 MB tmpfs) says the disk is full, changes nothing, and saves once there is room', async () => {
    const dir = tempDir();
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', dir]).status).toBe(0);
    try {
      const core = startCore({ dataDir: dir, mode: 'browser', sync: false });
      await core.automaticBackup;
      await ok(core.ctx, 'loadDemoData', {});
      const note = await ok(core.ctx, 'createNote', { leaderId: 1, body: 'Before the disk filled up' });
      const filler = fillDisk(dir);

      const typed = 'Observed the grade 7 data meeting. '.repeat(6000);
      const full = await dispatch(core.ctx, 'saveNote', { noteId: note.id, body: typed });
      expect(full).toMatchObject({ ok: false, error: { code: 'disk_full', message: expect.stringMatching(/^The disk is full, so this was not saved\..*stays on screen/) } });
      expect(core.ctx.db.prepare(`SELECT body FROM notes WHERE id = ?`).pluck().get(note.id)).toBe('Before the disk filled up');

      fs.rmSync(filler);
      await ok(core.ctx, 'saveNote', { noteId: note.id, body: typed });
      expect(core.ctx.db.prepare(`SELECT body FROM notes WHERE id = ?`).pluck().get(note.id)).toBe(typed);
      core.close();
    } finally {
      spawnSync('umount', [dir]);
    }
  });
});
