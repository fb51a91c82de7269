import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { buildPackage, folderNameFor, MANIFEST_FILE } from '../../electron/core/sync/package';
import { enqueueExport, sha256 } from '../../electron/core/sync/outbox';
import type { SecretStore } from '../../electron/core/context';
import { backoffMs, startSyncWorker } from '../../electron/core/sync/worker';
import { DeliveryError, type TargetDriver } from '../../electron/core/sync/targets/types';
import { failureFor } from '../../electron/core/sync/targets/http';
import { getInstallationId } from '../../electron/core/services/settings/settings';
import { exportId, insertVisit, memoryCore, ok, PROFILE, snapshot, tempDir } from './helpers';
import { checkPackage, packagesOnDisk } from './syncServers';

const queue = (ctx: CoreContext, key: string, bytes = 1000) =>
  ctx.db.transaction(() => enqueueExport(ctx, { kind: 'cta_checkin', key, payload: { school: 'Cedar Grove', key }, attachments: [{ filename: 'summary.pdf', mediaType: 'application/pdf', content: Buffer.alloc(bytes, key) }] }))();

const folderTarget = async (ctx: CoreContext, folder = tempDir(), name = 'USB stick') => ({ folder, target: await ok(ctx, 'saveSyncTarget', { kind: 'folder', name, enabled: true, folder }) });

/** A stand-in for safeStorage: reversible, and never the plain text. */
const fakeKeychain: SecretStore = {
  isAvailable: () => true,
  encrypt: (s) => Buffer.from(`enc:${Buffer.from(s).toString('base64')}`),
  decrypt: (b) => Buffer.from(b.toString().slice(4), 'base64').toString(),
};

describe('the package', () => {
  it('is a versioned document with the installation, the supervisor and school year, the attachments, and a manifest of SHA-256s; the same bytes every time', async () => {
    const ctx = memoryCore();
    await ok(ctx, 'saveSettings', PROFILE);
    const id = queue(ctx, '42');
    const installationId = getInstallationId(ctx.db);
    expect(id).toBe(`cta_checkin:${installationId}:42`);
    const pkg = buildPackage(ctx, id)!;
    expect(pkg.folderName).toBe(`cta_checkin--${installationId}--42`);
    const doc = JSON.parse(pkg.files[0].content.toString());
    expect(doc).toMatchObject({
      schemaVersion: 2, id, kind: 'cta_checkin', record: id, revision: 1, installationId,
      supervisor: { name: 'Robin Diaz', email: 'robin.diaz@lakeside.example', district: 'Lakeside USD' }, schoolYear: { label: '2026–27' }, payload: { school: 'Cedar Grove' },
    });
    const manifest = JSON.parse(pkg.manifest.content.toString());
    expect(manifest).toMatchObject({ schemaVersion: 2, id });
    expect(manifest.files.map((f: { name: string }) => f.name)).toEqual(['fieldbook-export.json', 'summary.pdf']);
    for (const f of manifest.files) expect(f.sha256).toBe(sha256(pkg.files.find((p) => p.name === f.name)!.content));
    // The supervisor renames themselves later: a retry still sends the bytes first built.
    await ok(ctx, 'saveSettings', { ...PROFILE, supervisorName: 'Robin Diaz-Okafor' });
    expect(buildPackage(ctx, id)!.manifest.sha256).toBe(pkg.manifest.sha256);
  });

  it('sends an export queued before schema version 2 as the version 1 package it was, byte for byte', async () => {
    const ctx = memoryCore();
    await ok(ctx, 'saveSettings', PROFILE);
    // As version 1 queued it: a kind:key id, an envelope without installation or email.
    const envelope = { supervisor: { name: 'Robin Diaz', district: 'Lakeside USD' }, schoolYear: { label: '2026–27', start: '2026-07-01', end: '2027-06-30' } };
    ctx.db.prepare(`INSERT INTO outbox (id, kind, payload, created_at, envelope) VALUES ('evaluation:7', 'evaluation', '{"cycleId":7}', '2026-11-20T10:00:00.000Z', ?)`).run(JSON.stringify(envelope));
    ctx.db.prepare(`INSERT INTO outbox (id, kind, payload, created_at, envelope) VALUES ('evaluation:8', 'evaluation', '{"cycleId":8}', '2026-11-20T10:00:00.000Z', NULL)`).run();
    const v1 = buildPackage(ctx, 'evaluation:7')!;
    expect(v1.folderName).toBe('evaluation--7');
    expect(v1.files[0].content.toString()).toBe(`${JSON.stringify({
      schemaVersion: 1, id: 'evaluation:7', kind: 'evaluation', createdAt: '2026-11-20T10:00:00.000Z', supervisor: envelope.supervisor, schoolYear: envelope.schoolYear, payload: { cycleId: 7 }, attachments: [],
    }, null, 2)}\n`);
    expect(JSON.parse(v1.manifest.content.toString()).schemaVersion).toBe(1);
    // Queued before envelopes existed at all: frozen as version 1 on first use.
    expect(JSON.parse(buildPackage(ctx, 'evaluation:8')!.files[0].content.toString())).toMatchObject({ schemaVersion: 1, id: 'evaluation:8', supervisor: envelope.supervisor });
    expect(JSON.parse(ctx.db.prepare(`SELECT envelope FROM outbox WHERE id = 'evaluation:8'`).pluck().get() as string)).not.toHaveProperty('installationId');
  });

  it('gives every attachment a file name of its own that no file system refuses', () => {
    const ctx = memoryCore();
    const files = ['a:b.pdf', 'a?b.pdf', 'fieldbook-manifest.json', '.hidden.csv'].map((filename) => ({ filename, mediaType: 'x', content: Buffer.from(filename) }));
    const id = ctx.db.transaction(() => enqueueExport(ctx, { kind: 'evaluation', key: '3', payload: {}, attachments: files }))();
    expect(buildPackage(ctx, id)!.files.map((f) => f.name)).toEqual(['fieldbook-export.json', '_hidden.csv', 'a_b.pdf', 'a_b-2.pdf', 'attachment-fieldbook-manifest.json']);
  });

  it('names folders so every file system takes them', () => {
    expect(folderNameFor('visit_log:2026-11-16.r2')).toBe('visit_log--2026-11-16.r2');
    expect(folderNameFor('x:../../etc')).toBe('x--.._.._etc');
    expect(folderNameFor('.hidden')).toBe('_.hidden');
  });
});

describe('the folder target and the worker', () => {
  it('delivers each export once, records attempts and receipts, and only then counts it delivered', async () => {
    const ctx = memoryCore();
    for (const k of ['1', '2', '3']) queue(ctx, k);
    expect((await ok(ctx, 'getStatus')).exportsWaiting).toBe(3);
    const { folder } = await folderTarget(ctx);
    const worker = startSyncWorker(ctx, { manual: true });
    await worker.runOnce();
    await worker.runOnce(); // nothing is sent twice
    expect(packagesOnDisk(folder)).toEqual({ final: ['1', '2', '3'].map((k) => folderNameFor(exportId(ctx, 'cta_checkin', k))), partial: [] });
    for (const name of packagesOnDisk(folder).final) expect(checkPackage(path.join(folder, name), sha256)).toEqual([]);
    const status = await ok(ctx, 'getStatus');
    expect(status.exportsWaiting).toBe(0);
    expect(status.connection).toBe('online');
    expect(status.lastSyncedAt).not.toBeNull();
    const overview = await ok(ctx, 'getSyncOverview');
    expect(overview.items.map((i) => [i.status, i.attempts])).toEqual([['delivered', 1], ['delivered', 1], ['delivered', 1]]);
    expect(ctx.db.prepare(`SELECT count(*) FROM sync_receipts`).pluck().get()).toBe(3);
    expect(ctx.db.prepare(`SELECT outcome FROM sync_attempts`).pluck().all()).toEqual(['delivered', 'delivered', 'delivered']);
    await worker.stop();
  });

  it('finds a package an interrupted attempt already renamed into place, instead of writing a second', async () => {
    const ctx = memoryCore();
    const id = queue(ctx, '9');
    const { folder } = await folderTarget(ctx);
    // The process died after the rename, before the receipt: the package is there, the database does not know.
    const pkg = buildPackage(ctx, id)!;
    fs.mkdirSync(path.join(folder, pkg.folderName));
    for (const f of [...pkg.files, pkg.manifest]) fs.writeFileSync(path.join(folder, pkg.folderName, f.name), f.content);
    fs.mkdirSync(path.join(folder, `.${pkg.folderName}.partial`)); // and an older half-written try
    ctx.db.prepare(`INSERT INTO sync_attempts (outbox_id, target_id, started_at, outcome) VALUES (?, 1, '2026-11-23T10:00:00Z', 'running')`).run(id);
    const worker = startSyncWorker(ctx, { manual: true });
    expect(ctx.db.prepare(`SELECT outcome FROM sync_attempts`).pluck().all()).toEqual(['interrupted']);
    await worker.runOnce();
    expect(packagesOnDisk(folder).final).toEqual([pkg.folderName]);
    expect(JSON.parse(ctx.db.prepare(`SELECT detail FROM sync_receipts`).pluck().get() as string)).toMatchObject({ found: true });
    // Something else under the final name is never taken for ours.
    const other = queue(ctx, '10');
    const otherName = buildPackage(ctx, other)!.folderName;
    fs.mkdirSync(path.join(folder, otherName));
    fs.writeFileSync(path.join(folder, otherName, MANIFEST_FILE), '{}');
    await worker.runOnce();
    const t = (await ok(ctx, 'getSyncOverview')).targets[0];
    expect(t.stoppedReason).toMatch(/already holds something else/);
    expect((await ok(ctx, 'getStatus')).exportsWaiting).toBe(1);
  });

  it('waits for a USB stick that is not plugged in, and delivers when it is back', async () => {
    const ctx = memoryCore();
    queue(ctx, '1');
    const { folder } = await folderTarget(ctx);
    const unplugged = `${folder}-away`;
    fs.renameSync(folder, unplugged);
    let now = Date.now();
    const worker = startSyncWorker(ctx, { manual: true, clock: () => now, baseDelayMs: 1000, random: () => 0.5 });
    await worker.runOnce();
    let overview = await ok(ctx, 'getSyncOverview');
    expect(overview.connection).toBe('offline');
    expect(overview.items[0]).toMatchObject({ status: 'retrying', attempts: 1, lastError: expect.stringMatching(/is not there/) });
    fs.renameSync(unplugged, folder);
    await worker.runOnce(); // still backing off: no attempt
    expect((await ok(ctx, 'getSyncOverview')).items[0].attempts).toBe(1);
    now += 600;
    await worker.runOnce();
    overview = await ok(ctx, 'getSyncOverview');
    expect(overview.items[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(overview.connection).toBe('online');
  });
});

describe('retries, refusals and targets', () => {
  /** A driver that fails as told, then succeeds. */
  const scripted = (failures: DeliveryError[]): TargetDriver & { calls: number } => {
    const d = {
      calls: 0,
      async deliver() {
        const f = failures[d.calls++];
        if (f) throw f;
        return { ok: true };
      },
    };
    return d;
  };

  it('sorts answers into try again (5xx, 408, 429) and stop with a reason the person can act on (other 4xx)', () => {
    const url = 'https://dav.district.example/fieldbook/';
    for (const status of [500, 502, 503, 408, 429]) expect(failureFor(status, url).kind, String(status)).toBe('busy');
    expect(failureFor(401, url)).toMatchObject({ kind: 'refused', message: expect.stringMatching(/refused the user name, password or token \(401\)/) });
    expect(failureFor(403, url).message).toMatch(/does not allow this account to write there/);
    expect(failureFor(404, url).message).toMatch(/no folder at this address/);
    expect(failureFor(404, url, 'https').message).toMatch(/no export service at this address/);
    expect(failureFor(301, url).message).toMatch(/another address/);
    expect(failureFor(400, url, 'https').kind).toBe('refused');
  });

  it('backs off exponentially with full jitter, capped', () => {
    expect([1, 2, 3, 4, 10].map((a) => backoffMs(a, 100, 1000, () => 0.999))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffMs(5, 100, 1000, () => 0)).toBe(0);
  });

  it('retries a 5xx later, stops on a refusal with its reason until the person acts, and keeps the export queued', async () => {
    const ctx = memoryCore();
    queue(ctx, '1');
    await ok(ctx, 'saveSyncTarget', { kind: 'webdav', name: 'District DAV', enabled: true, url: 'https://dav.district.example/fieldbook/', auth: 'none' });
    const driver = scripted([new DeliveryError('busy', 'busy (503)'), new DeliveryError('refused', 'refused the password (401)')]);
    let now = Date.now();
    const worker = startSyncWorker(ctx, { manual: true, clock: () => now, baseDelayMs: 1000, random: () => 0.999, drivers: { webdav: driver } });
    await worker.runOnce();
    expect(driver.calls).toBe(1);
    await worker.runOnce();
    expect(driver.calls).toBe(1); // waiting out the backoff
    now += 1000;
    await worker.runOnce();
    expect(driver.calls).toBe(2);
    let overview = await ok(ctx, 'getSyncOverview');
    expect(overview.targets[0].stoppedReason).toBe('refused the password (401)');
    expect(overview.items[0]).toMatchObject({ status: 'stopped', attempts: 2, lastError: 'refused the password (401)' });
    now += 3_600_000;
    await worker.runOnce();
    expect(driver.calls).toBe(2); // stopped: no retry on its own
    await ok(ctx, 'retryExport', { id: exportId(ctx, 'cta_checkin', '1') });
    await worker.runOnce();
    overview = await ok(ctx, 'getSyncOverview');
    expect(overview.items[0]).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(ctx.db.prepare(`SELECT outcome FROM sync_attempts ORDER BY id`).pluck().all()).toEqual(['retry', 'stopped', 'delivered']);
  });

  it('counts an export delivered only when every enabled target has it; disabling the slow one completes it', async () => {
    const ctx = memoryCore();
    queue(ctx, '1');
    const { folder } = await folderTarget(ctx);
    const dav = await ok(ctx, 'saveSyncTarget', { kind: 'webdav', name: 'District DAV', enabled: true, url: 'https://dav.district.example/', auth: 'none' });
    const worker = startSyncWorker(ctx, { manual: true, drivers: { webdav: scripted([new DeliveryError('unreachable', 'Could not reach dav.district.example')]) } });
    await worker.runOnce();
    expect(packagesOnDisk(folder).final).toHaveLength(1);
    expect((await ok(ctx, 'getStatus')).exportsWaiting).toBe(1);
    await ok(ctx, 'saveSyncTarget', { id: dav.id, kind: 'webdav', name: 'District DAV', enabled: false, url: 'https://dav.district.example/', auth: 'none' });
    expect((await ok(ctx, 'getStatus')).exportsWaiting).toBe(0);
    // No target at all: exports wait rather than count as sent.
    queue(ctx, '2');
    await ok(ctx, 'removeSyncTarget', { targetId: 1 });
    await worker.runOnce();
    expect((await ok(ctx, 'getStatus')).exportsWaiting).toBe(1);
    expect((await ok(ctx, 'getStatus')).connection).toBe('not_set_up');
  });

  it('refuses a folder that is not there, a relative path and a plain-http address elsewhere, naming the field and changing nothing', async () => {
    const ctx = memoryCore();
    const before = snapshot(ctx);
    const cases: [object, string, RegExp][] = [
      [{ kind: 'folder', name: 'USB', enabled: true, folder: '/no/such/folder' }, 'folder', /no folder at/],
      [{ kind: 'folder', name: 'USB', enabled: true, folder: 'relative/path' }, 'folder', /full path/],
      [{ kind: 'webdav', name: 'DAV', enabled: true, url: 'http://dav.district.example/' }, 'url', /https:\/\//],
      [{ kind: 'https', name: 'API', enabled: true, url: 'https://user:pw@api.district.example/' }, 'url', /without a user name/],
      [{ kind: 'webdav', name: 'DAV', enabled: true, url: 'https://dav.example/', auth: 'basic' }, 'username', /user name/],
      [{ kind: 'webdav', name: 'DAV', enabled: true, url: 'https://dav.example/', auth: 'basic', username: 'robin' }, 'secret', /Enter the password/],
    ];
    for (const [input, field, message] of cases) {
      const r = await dispatch(ctx, 'saveSyncTarget', input);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) {
        expect(r.error.field).toBe(field);
        expect(r.error.message).toMatch(message);
      }
    }
    expect(snapshot(ctx)).toEqual(before);
  });
});

describe('passwords', () => {
  const dav = { kind: 'webdav', name: 'District DAV', enabled: true, url: 'https://dav.district.example/', auth: 'basic', username: 'robin', secret: 'correct horse' };

  it('are stored encrypted by the OS secret store, never as plain text, and never sent back', async () => {
    const ctx = { ...memoryCore(), secrets: fakeKeychain };
    const t = await ok(ctx, 'saveSyncTarget', dav);
    expect(t.secret).toBe('encrypted');
    expect(JSON.stringify(t)).not.toContain('correct horse');
    const stored = ctx.db.prepare(`SELECT secret FROM sync_targets`).pluck().get() as Buffer;
    expect(stored.toString()).not.toContain('correct horse');
    expect(fakeKeychain.decrypt(stored)).toBe('correct horse');
    // Saving again without typing it keeps it.
    expect((await ok(ctx, 'saveSyncTarget', { ...dav, id: t.id, secret: '' })).secret).toBe('encrypted');
  });

  it('without a secret store, are kept for the session only after the person agrees, and are gone after a restart', async () => {
    const ctx = memoryCore();
    const before = snapshot(ctx);
    const refused = await dispatch(ctx, 'saveSyncTarget', dav);
    expect(refused).toMatchObject({ ok: false, error: { field: 'keepForSessionOnly', message: expect.stringMatching(/session only/) } });
    expect(snapshot(ctx)).toEqual(before);
    const t = await ok(ctx, 'saveSyncTarget', { ...dav, keepForSessionOnly: true });
    expect(t.secret).toBe('session');
    expect(ctx.db.prepare(`SELECT secret FROM sync_targets`).pluck().get()).toBeNull();
    const dump = ctx.db.prepare(`SELECT * FROM sync_targets`).all();
    expect(JSON.stringify(dump)).not.toContain('correct horse');
    // The same database opened by a new process (a new context): the password has to be typed again.
    const restarted = { ...ctx };
    expect((await ok(restarted, 'getSyncOverview')).targets[0].secret).toBe('missing');
    expect((await ok(restarted, 'getSyncOverview')).items).toEqual([]);
  });
});

describe('the exports Sync queues itself', () => {
  it('queues a week’s visit log with a CSV, refuses an empty or future week, and queues a new revision only when the week changed', async () => {
    const ctx = memoryCore();
    await ok(ctx, 'loadDemoData');
    ctx.db.prepare(`DELETE FROM visits WHERE date BETWEEN '2026-11-16' AND '2026-11-22'`).run();
    const schoolId = ctx.db.prepare(`SELECT id FROM schools LIMIT 1`).pluck().get() as number;
    const leaderId = ctx.db.prepare(`SELECT id FROM leaders LIMIT 1`).pluck().get() as number;
    const empty = await dispatch(ctx, 'queueVisitLog', { weekOf: '2026-11-18' });
    expect(empty).toMatchObject({ ok: false, error: { field: 'weekOf', message: 'No visits were closed in the week of Nov 16, 2026' } });
    expect(await dispatch(ctx, 'queueVisitLog', { weekOf: '2026-12-07' })).toMatchObject({ ok: false, error: { field: 'weekOf', message: expect.stringMatching(/not started/) } });
    insertVisit(ctx, { schoolId, date: '2026-11-17', leaders: [leaderId], purpose: 'Walkthrough debrief' });
    insertVisit(ctx, { schoolId, date: '2026-11-19', status: 'planned' });
    const first = await ok(ctx, 'queueVisitLog', { weekOf: '2026-11-18' });
    expect(first).toEqual({ id: exportId(ctx, 'visit_log', '2026-11-16'), label: 'Weekly visit log · Week of Nov 16, 2026' });
    const pkg = buildPackage(ctx, first.id)!;
    const doc = JSON.parse(pkg.files[0].content.toString());
    expect(doc.payload.visits).toHaveLength(1);
    expect(doc.payload.totals).toMatchObject({ done: 1, hoursDone: 1 });
    expect(pkg.files[1].name).toBe(`visit-log-2026-11-16-${getInstallationId(ctx.db).slice(0, 8)}.csv`);
    expect(pkg.files[1].content.toString()).toContain('Walkthrough debrief');
    expect(await dispatch(ctx, 'queueVisitLog', { weekOf: '2026-11-22' })).toMatchObject({ ok: false, error: { code: 'already_queued', message: expect.stringMatching(/already waiting to be sent/) } });
    insertVisit(ctx, { schoolId, date: '2026-11-20', status: 'cancelled' });
    const second = (await ok(ctx, 'queueVisitLog', { weekOf: '2026-11-16' })).id;
    expect(second).toBe(`${first.id}.r2`);
    expect(JSON.parse(buildPackage(ctx, second)!.files[0].content.toString())).toMatchObject({ id: second, record: first.id, revision: 2 });
  });

  it('counts a week queued with a version 1 id before the upgrade: unchanged is refused, changed is revision 1 of the new id', async () => {
    const ctx = memoryCore();
    await ok(ctx, 'loadDemoData');
    const schoolId = ctx.db.prepare(`SELECT id FROM schools LIMIT 1`).pluck().get() as number;
    ctx.db.prepare(`DELETE FROM visits WHERE date BETWEEN '2026-11-16' AND '2026-11-22'`).run();
    insertVisit(ctx, { schoolId, date: '2026-11-17' });
    const queued = await ok(ctx, 'queueVisitLog', { weekOf: '2026-11-16' });
    // Make it look queued by version 1: the old id, the same payload.
    ctx.db.transaction(() => {
      ctx.db.prepare(`INSERT INTO outbox (id, kind, payload, created_at) SELECT 'visit_log:2026-11-16', kind, payload, created_at FROM outbox WHERE id = ?`).run(queued.id);
      ctx.db.prepare(`DELETE FROM outbox_attachments WHERE outbox_id = ?`).run(queued.id);
      ctx.db.prepare(`DELETE FROM outbox WHERE id = ?`).run(queued.id);
    })();
    expect(await dispatch(ctx, 'queueVisitLog', { weekOf: '2026-11-16' })).toMatchObject({ ok: false, error: { code: 'already_queued' } });
    insertVisit(ctx, { schoolId, date: '2026-11-18' });
    expect((await ok(ctx, 'queueVisitLog', { weekOf: '2026-11-16' })).id).toBe(queued.id);
  });

  it('queues the caseload roster on request with the caseload CSV', async () => {
    const ctx = memoryCore();
    expect(await dispatch(ctx, 'queueCaseloadRoster', {})).toMatchObject({ ok: false, error: { message: expect.stringMatching(/caseload is empty/) } });
    await ok(ctx, 'loadDemoData');
    const r = await ok(ctx, 'queueCaseloadRoster');
    expect(r.id).toBe(exportId(ctx, 'caseload_roster', '2026-11-23'));
    const pkg = buildPackage(ctx, r.id)!;
    expect(JSON.parse(pkg.files[0].content.toString()).payload.leaders.length).toBeGreaterThan(3);
    expect(pkg.files[1]).toMatchObject({ name: `fieldbook-caseload-2026-11-23-${getInstallationId(ctx.db).slice(0, 8)}.csv`, mediaType: 'text/csv' });
    expect((await dispatch(ctx, 'queueCaseloadRoster', {})).ok).toBe(false);
    expect((await ok(ctx, 'getStatus')).exportsWaiting).toBe(1);
  });
});
