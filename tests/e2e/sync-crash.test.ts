import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCore } from '../../electron/core';
import { folderNameFor } from '../../electron/core/sync/package';
import { enqueueExport, sha256 } from '../../electron/core/sync/outbox';
import { checkPackage, type FaultProxy, packagesOnDisk, type Rclone, startFaultProxy, startRclone, waitFor } from '../node/syncServers';
import { spawnApp } from './browser';

/**
 * Browser mode killed with SIGKILL between upload and receipt: the WebDAV server has the export,
 * Fieldbook never wrote down that it does. After the restart it finds the package, checks it and
 * records the receipt: exactly one copy on the server, nothing lost.
 */
let rclone: Rclone;
let proxy: FaultProxy;
let app: Awaited<ReturnType<typeof spawnApp>> | null = null;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-e2e-synccrash-'));
const davRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-e2e-synccrash-dav-'));
const district = path.join(davRoot, 'district');
let ids: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(district);
  rclone = await startRclone(davRoot);
  proxy = await startFaultProxy(rclone.url);
  const core = startCore({ dataDir, mode: 'browser', sync: false });
  await core.call('loadDemoData', {});
  await core.call('saveSyncTarget', { kind: 'webdav', name: 'District file server', enabled: true, url: `${proxy.url}district/`, auth: 'none' });
  ids = core.ctx.db.transaction(() =>
    [1, 2, 3, 4].map((n) => enqueueExport(core.ctx, { kind: 'evaluation', key: String(n), payload: { n }, attachments: [{ filename: 'summary.pdf', mediaType: 'application/pdf', content: Buffer.alloc(50_000 * n, n) }] })),
  )();
  core.close();
});
afterAll(async () => {
  await app?.kill();
  await proxy?.close();
  await rclone?.stop();
});

const readDb = <T,>(fn: (db: Database.Database) => T): T => {
  const db = new Database(path.join(dataDir, 'fieldbook.sqlite3'), { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
};
const receipts = () => readDb((db) => db.prepare(`SELECT outbox_id FROM sync_receipts ORDER BY outbox_id`).pluck().all() as string[]);

it('kill -9 after the server moved the package into place, before the receipt: after restarting, one copy and a receipt for each', async () => {
  const KILLS = 2;
  let moves = 0;
  for (let k = 0; k < KILLS; k++) {
    const holdAt = moves + 1; // hold the next MOVE's answer: the server has acted, Fieldbook has not heard
    proxy.plan(({ method }) => (method === 'MOVE' && ++moves === holdAt ? 'hold' : 'none'));
    const held = new Promise<void>((resolve) => proxy.onHold(resolve));
    app = await spawnApp(dataDir);
    await held;
    const onServer = packagesOnDisk(district).final;
    const before = receipts();
    expect(onServer.length).toBe(before.length + 1);
    await app.kill('SIGKILL');
    app = null;
    expect(receipts()).toEqual(before);
  }
  proxy.plan(() => 'none');
  app = await spawnApp(dataDir);
  await waitFor(() => receipts().length === ids.length, 'every export to have a receipt', 30_000);
  const { final, partial } = packagesOnDisk(district);
  const problems = final.flatMap((f) => checkPackage(path.join(district, f), sha256));
  const found = readDb((db) => db.prepare(`SELECT count(*) FROM sync_receipts WHERE json_extract(detail, '$.found') = 1`).pluck().get() as number);
  const interrupted = readDb((db) => db.prepare(`SELECT count(*) FROM sync_attempts WHERE outcome = 'interrupted'`).pluck().get() as number);
  const waiting = readDb((db) => db.prepare(`SELECT count(*) FROM outbox WHERE delivered_at IS NULL`).pluck().get() as number);
  console.log(`[sync kill -9] items ${ids.length}, kills ${KILLS} between upload and receipt, found on restart ${found}, interrupted attempts ${interrupted}, duplicates ${final.length - ids.length}, losses ${waiting}`);
  expect(final).toEqual(ids.map(folderNameFor).sort());
  expect(partial).toEqual([]);
  expect(problems).toEqual([]);
  expect(found).toBe(KILLS);
  expect(interrupted).toBe(KILLS);
  expect(waiting).toBe(0);
});
