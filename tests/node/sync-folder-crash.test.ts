import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCore } from '../../electron/core';
import { folderNameFor } from '../../electron/core/sync/package';
import { enqueueExport, sha256 } from '../../electron/core/sync/outbox';
import { ok, tempDir } from './helpers';
import { checkPackage, packagesOnDisk } from './syncServers';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Run the worker process; kill it with SIGKILL after `killAfterMs`, or let it finish (resolves with its exit code). */
function runWorker(dataDir: string, killAfterMs: number | null): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/node/fixtures/syncWorkerProcess.ts', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => {
    const hardStop = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      if (killAfterMs !== null && d.toString().includes('ready')) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('exit', (code) => {
      clearTimeout(hardStop);
      resolve(code);
    });
  });
}

describe('the folder target killed mid-export', () => {
  it('never leaves a partial file under a final name, and finishes every export exactly once after restarting', async () => {
    const dataDir = tempDir();
    const folder = tempDir();
    const core = startCore({ dataDir, mode: 'browser', sync: false });
    await ok(core.ctx, 'saveSyncTarget', { kind: 'folder', name: 'USB stick', enabled: true, folder });
    const ids = core.ctx.db.transaction(() =>
      Array.from({ length: 12 }, (_, i) =>
        enqueueExport(core.ctx, { kind: 'evaluation', key: String(i + 1), payload: { i }, attachments: [{ filename: 'summary.pdf', mediaType: 'application/pdf', content: Buffer.alloc(3_000_000 + i, i) }] }),
      ),
    )();
    await core.automaticBackup;
    core.close();

    const KILLS = 6;
    let killedMidWrite = 0;
    const problems: string[] = [];
    for (let k = 0; k < KILLS; k++) {
      await runWorker(dataDir, 40 + k * 60);
      const { final, partial } = packagesOnDisk(folder);
      if (partial.length) killedMidWrite++;
      for (const name of final) problems.push(...checkPackage(path.join(folder, name), sha256));
    }
    expect(await runWorker(dataDir, null)).toBe(0);
    const { final, partial } = packagesOnDisk(folder);
    for (const name of final) problems.push(...checkPackage(path.join(folder, name), sha256));
    console.log(`[sync folder crash] items ${ids.length}, kills ${KILLS} (${killedMidWrite} left a half-written hidden folder), partial files under a final name ${problems.length}, duplicates ${final.length - ids.length}, losses ${ids.filter((id) => !final.includes(folderNameFor(id))).length}`);
    expect(problems).toEqual([]);
    expect(final).toEqual(ids.map(folderNameFor).sort());
    expect(partial).toEqual([]);
  }, 120_000);
});
