import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { version } from '../../package.json';
import type { CoreContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { buildPackage } from '../../electron/core/sync/package';
import { enqueueExport, sha256 } from '../../electron/core/sync/outbox';
import { NO_RECEIPT_WARNING, startSyncWorker } from '../../electron/core/sync/worker';
import { memoryCore, ok, snapshot, tempDir } from './helpers';
import { packagesOnDisk } from './syncServers';

/**
 * District servers as they really are: an HTTPS endpoint that proves what it stored with a receipt
 * (or does not), one that answers 409 or 412 while it is still storing an earlier try (as the IETF
 * idempotency-key draft and payment APIs do), one whose certificate comes from the district's own
 * authority, and targets added after exports were already sent elsewhere.
 */

const queue = (ctx: CoreContext, key: string) =>
  ctx.db.transaction(() => enqueueExport(ctx, { kind: 'cta_checkin', key, payload: { key }, attachments: [{ filename: `check-in-${key}.pdf`, mediaType: 'application/pdf', content: Buffer.from(`%PDF ${key}`) }] }))();

interface Posted {
  key: string;
  userAgent: string | undefined;
  manifestSha256: string;
}
type Answer = { status: number; body?: unknown } | 'cut';

/**
 * A receiving server: it hashes the manifest as the package format says (its file's exact bytes)
 * and answers whatever the test decides for the n-th POST.
 */
async function startReceiver(answer: (p: Posted, n: number) => Answer, tlsFiles?: { key: string; cert: string }) {
  const posts: Posted[] = [];
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { manifest: unknown };
      const posted = { key: String(req.headers['idempotency-key']), userAgent: req.headers['user-agent'], manifestSha256: sha256(`${JSON.stringify(body.manifest, null, 2)}\n`) };
      posts.push(posted);
      const a = answer(posted, posts.length);
      if (a === 'cut') return req.socket.destroy();
      res.writeHead(a.status, { 'Content-Type': 'application/json' }).end(a.body === undefined ? '' : typeof a.body === 'string' ? a.body : JSON.stringify(a.body));
    });
  };
  const server = tlsFiles ? https.createServer({ key: fs.readFileSync(tlsFiles.key), cert: fs.readFileSync(tlsFiles.cert) }, handler) : http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `${tlsFiles ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}/api/exports`;
  servers.push(server);
  return { url, posts };
}
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => (s.closeAllConnections(), s.close(r)))));
});

const receiptFor = (p: Posted, outcome = 'loaded') => ({ receipt: { id: p.key, manifestSha256: p.manifestSha256, outcome, storedAt: '2026-11-23T16:00:00.000Z' } });
const httpsTarget = (ctx: CoreContext, url: string, extra: object = {}) => ok(ctx, 'saveSyncTarget', { kind: 'https', name: 'District API', enabled: true, url, auth: 'none', ...extra });
const delivered = (ctx: CoreContext, id: string) => Boolean(ctx.db.prepare(`SELECT delivered_at FROM outbox WHERE id = ?`).pluck().get(id));
const receiptDetail = (ctx: CoreContext, id: string) => JSON.parse(ctx.db.prepare(`SELECT detail FROM sync_receipts WHERE outbox_id = ?`).pluck().get(id) as string);

describe('the receipt', () => {
  it('records the server’s receipt when it names this package’s manifest, and says who is asking', async () => {
    const ctx = memoryCore();
    const server = await startReceiver((p) => ({ status: 201, body: receiptFor(p) }));
    const id = queue(ctx, '1');
    await httpsTarget(ctx, server.url);
    await startSyncWorker(ctx, { manual: true }).runOnce();
    expect(delivered(ctx, id)).toBe(true);
    expect(receiptDetail(ctx, id)).toMatchObject({ confirmed: true, receipt: { id, manifestSha256: buildPackage(ctx, id)!.manifest.sha256, outcome: 'loaded' } });
    expect(server.posts[0].userAgent).toBe(`Fieldbook/${version} (${process.platform}; ${process.arch})`);
    expect((await ok(ctx, 'getSyncOverview')).targets[0].receiptWarning).toBeNull();
  });

  it('stops the target when the receipt names something else, and keeps the export queued', async () => {
    const ctx = memoryCore();
    const server = await startReceiver((p) => ({ status: 200, body: receiptFor({ ...p, manifestSha256: 'ab'.repeat(32) }, 'already_had') }));
    const id = queue(ctx, '1');
    await httpsTarget(ctx, server.url);
    await startSyncWorker(ctx, { manual: true }).runOnce();
    const overview = await ok(ctx, 'getSyncOverview');
    expect(delivered(ctx, id)).toBe(false);
    expect(overview.targets[0].stoppedReason).toMatch(/stored something else under cta_checkin:1: its receipt names a manifest with SHA-256 abababababab…/);
    expect(overview.items[0].status).toBe('stopped');
  });

  it('counts a 2xx without a receipt as sent, warns once on the target, and never sends it again', async () => {
    const ctx = memoryCore();
    const server = await startReceiver(() => ({ status: 200, body: { ok: true } }));
    const ids = ['1', '2', '3'].map((k) => queue(ctx, k));
    await httpsTarget(ctx, server.url);
    const worker = startSyncWorker(ctx, { manual: true });
    await worker.runOnce();
    await worker.runOnce();
    await ok(ctx, 'syncNow');
    await worker.runOnce();
    expect(ids.every((id) => delivered(ctx, id))).toBe(true);
    expect(server.posts.map((p) => p.key)).toEqual(ids); // one POST each, however often the worker looks
    expect(receiptDetail(ctx, ids[0])).toMatchObject({ confirmed: false, status: 200 });
    const [target] = (await ok(ctx, 'getSyncOverview')).targets;
    expect(target.receiptWarning).toBe(NO_RECEIPT_WARNING);
    expect(target.stoppedReason).toBeNull();
  });
});

describe('a server still storing an earlier try (409, 412, 425)', () => {
  it('asks again with backoff, and the export arrives once the server has stored it', async () => {
    const ctx = memoryCore();
    // The first try reaches the server, which starts storing and drops the connection; then it says "in progress" twice.
    const server = await startReceiver((p, n) => (n === 1 ? 'cut' : n === 2 ? { status: 409, body: { error: 'request in progress' } } : n === 3 ? { status: 412, body: 'still processing' } : { status: 200, body: receiptFor(p, 'already_had') }));
    const id = queue(ctx, '1');
    await httpsTarget(ctx, server.url);
    let now = Date.parse('2026-11-23T16:00:00Z');
    const worker = startSyncWorker(ctx, { manual: true, clock: () => now, random: () => 0.5, baseDelayMs: 1000 });
    for (let i = 0; i < 8 && !delivered(ctx, id); i++) {
      await worker.runOnce();
      now += 60_000;
    }
    expect(delivered(ctx, id)).toBe(true);
    expect(server.posts).toHaveLength(4);
    expect(ctx.db.prepare(`SELECT outcome, detail FROM sync_attempts ORDER BY id`).all()).toEqual([
      { outcome: 'retry', detail: expect.stringMatching(/^unreachable: /) },
      { outcome: 'retry', detail: expect.stringMatching(/^in_progress: 127\.0\.0\.1:\d+ is still storing this export from an earlier try \(it answered 409: “\{"error":"request in progress"\}”\)/) },
      { outcome: 'retry', detail: expect.stringMatching(/answered 412: “still processing”/) },
      { outcome: 'delivered', detail: expect.stringContaining('already_had') },
    ]);
    expect((await ok(ctx, 'getSyncOverview')).targets[0].stoppedReason).toBeNull();
  });

  it('stops only after a day of “still working on it”, quoting what the server answered', async () => {
    const ctx = memoryCore();
    const server = await startReceiver((_p, n) => (n === 1 ? 'cut' : { status: 425, body: 'Too Early: processing' }));
    const id = queue(ctx, '1');
    await httpsTarget(ctx, server.url);
    let now = Date.parse('2026-11-23T16:00:00Z');
    const worker = startSyncWorker(ctx, { manual: true, clock: () => now, random: () => 0.5, maxDelayMs: 15 * 60_000 });
    const stopped = async () => (await ok(ctx, 'getSyncOverview')).targets[0].stoppedReason;
    await worker.runOnce(); // cut
    now += 60_000;
    await worker.runOnce(); // 425: patience starts
    for (let hours = 0; hours < 23; hours++) {
      now += 3_600_000;
      await worker.runOnce();
      expect(await stopped(), `after ${hours + 1} h`).toBeNull();
    }
    now += 2 * 3_600_000;
    await worker.runOnce();
    expect(await stopped()).toMatch(/is still storing this export from an earlier try \(it answered 425: “Too Early: processing”\), and has said so for 25 hours\. Fieldbook stopped asking: ask the district to check cta_checkin:1, then press Retry/);
    expect(delivered(ctx, id)).toBe(false);
    const posts = server.posts.length;
    now += 3_600_000;
    await worker.runOnce();
    expect(server.posts).toHaveLength(posts); // stopped: no more asking until the person acts
  });

  it('treats a 409 to a first try as a refusal that says what the server answered', async () => {
    const ctx = memoryCore();
    const server = await startReceiver(() => ({ status: 409, body: 'Idempotency-Key reused with another request' }));
    queue(ctx, '1');
    await httpsTarget(ctx, server.url);
    await startSyncWorker(ctx, { manual: true }).runOnce();
    expect((await ok(ctx, 'getSyncOverview')).targets[0].stoppedReason).toBe(`${new URL(server.url).host} refused the export (409: “Idempotency-Key reused with another request”). Ask the district what it means`);
  });
});

describe('a district server whose certificate comes from the district’s own authority', () => {
  const dir = tempDir();
  const file = (name: string) => path.join(dir, name);
  beforeAll(() => {
    const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3', '-subj', '/CN=Lakeside USD Certificate Authority');
    openssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
    fs.writeFileSync(file('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n');
    openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext.cnf');
    openssl('req', '-x509', ...ec, '-keyout', 'self.key', '-out', 'self.pem', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1');
    fs.writeFileSync(file('not-a-certificate.pem'), 'hello\n');
  });

  it('names the problem in words on the target (not “Offline”), and sends once the authority’s file is chosen', async () => {
    const ctx = memoryCore();
    const server = await startReceiver((p) => ({ status: 201, body: receiptFor(p) }), { key: file('server.key'), cert: file('server.pem') });
    const id = queue(ctx, '1');
    const target = await httpsTarget(ctx, server.url);
    const worker = startSyncWorker(ctx, { manual: true });
    await worker.runOnce();
    let overview = await ok(ctx, 'getSyncOverview');
    expect(overview.targets[0].stoppedReason).toBe("The server's certificate is not trusted by this computer (UNABLE_TO_VERIFY_LEAF_SIGNATURE). If the district runs its own certificate authority, choose its certificate file in this target's settings");
    expect(overview.connection).not.toBe('offline');
    expect(overview.needsAttention).toBe(true);
    expect(server.posts).toHaveLength(0);

    await httpsTarget(ctx, server.url, { id: target.id, caFile: file('ca.pem') });
    await worker.runOnce();
    overview = await ok(ctx, 'getSyncOverview');
    expect(overview.targets[0]).toMatchObject({ caFile: file('ca.pem'), stoppedReason: null, reachable: true });
    expect(delivered(ctx, id)).toBe(true);
    expect(server.posts.map((p) => p.key)).toEqual([id]);
  });

  it('names a self-signed certificate the same way', async () => {
    const ctx = memoryCore();
    const server = await startReceiver((p) => ({ status: 201, body: receiptFor(p) }), { key: file('self.key'), cert: file('self.pem') });
    queue(ctx, '1');
    await httpsTarget(ctx, server.url);
    await startSyncWorker(ctx, { manual: true }).runOnce();
    expect((await ok(ctx, 'getSyncOverview')).targets[0].stoppedReason).toMatch(/^The server's certificate is not trusted by this computer \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
  });

  it('refuses a certificate file that is missing or holds no certificate, at the field, and saves nothing', async () => {
    const ctx = memoryCore();
    const before = snapshot(ctx);
    const input = { kind: 'https', name: 'District API', enabled: true, url: 'https://exports.lakeside.example/api/exports', auth: 'none' };
    expect(await dispatch(ctx, 'saveSyncTarget', { ...input, caFile: file('missing.pem') })).toMatchObject({ ok: false, error: { field: 'caFile', message: expect.stringContaining('cannot read') } });
    expect(await dispatch(ctx, 'saveSyncTarget', { ...input, caFile: file('not-a-certificate.pem') })).toMatchObject({ ok: false, error: { field: 'caFile', message: expect.stringContaining('holds no certificate') } });
    expect(await dispatch(ctx, 'saveSyncTarget', { ...input, caFile: 'ca.pem' })).toMatchObject({ ok: false, error: { field: 'caFile', message: expect.stringContaining('full path') } });
    expect(snapshot(ctx)).toEqual(before);
  });
});

describe('a target added later', () => {
  const folderTarget = (ctx: CoreContext, name: string, folder = tempDir()) => ok(ctx, 'saveSyncTarget', { kind: 'folder', name, enabled: true, folder }).then((t) => ({ ...t, folder }));

  it('is offered the exports already sent elsewhere, with the count, and gets them when the person says so', async () => {
    const ctx = memoryCore();
    const ids = ['1', '2', '3'].map((k) => queue(ctx, k));
    const usb = await folderTarget(ctx, 'USB stick');
    const worker = startSyncWorker(ctx, { manual: true });
    await worker.runOnce();
    expect(ids.every((id) => delivered(ctx, id))).toBe(true);

    const share = await folderTarget(ctx, 'District share');
    expect(share.earlierExports).toBe(3);
    await worker.runOnce();
    expect(packagesOnDisk(share.folder).final).toEqual([]); // only when asked
    expect((await ok(ctx, 'getStatus')).exportsWaiting).toBe(0);

    expect(await ok(ctx, 'sendEarlierExports', { targetId: share.id })).toEqual({ requested: 3, waiting: 3 });
    let overview = await ok(ctx, 'getSyncOverview');
    expect(overview.targets.find((t) => t.id === share.id)).toMatchObject({ earlierExports: 0, waiting: 3 });
    expect(overview.items.map((i) => i.status)).toEqual(['waiting', 'waiting', 'waiting']);
    await worker.runOnce();
    expect(packagesOnDisk(share.folder).final).toEqual(['cta_checkin--1', 'cta_checkin--2', 'cta_checkin--3']);
    expect(packagesOnDisk(usb.folder).final).toHaveLength(3); // nothing sent twice to the first target
    overview = await ok(ctx, 'getSyncOverview');
    expect(overview.waiting).toBe(0);
    expect(overview.items.every((i) => i.status === 'delivered' && i.deliveries.every((d) => d.acknowledgedAt))).toBe(true);
    expect(ctx.db.prepare(`SELECT count(*) FROM sync_attempts`).pluck().get()).toBe(6);
  });

  it('lets Retry send one export already sent to a target that lacks it', async () => {
    const ctx = memoryCore();
    const ids = ['1', '2'].map((k) => queue(ctx, k));
    await folderTarget(ctx, 'USB stick');
    const worker = startSyncWorker(ctx, { manual: true });
    await worker.runOnce();
    const share = await folderTarget(ctx, 'District share');
    const item = (await ok(ctx, 'getSyncOverview')).items.find((i) => i.id === ids[1])!;
    expect(item.deliveries.find((d) => d.targetId === share.id)).toMatchObject({ acknowledgedAt: null, inUse: true });
    await ok(ctx, 'retryExport', { id: ids[1] });
    await worker.runOnce();
    expect(packagesOnDisk(share.folder).final).toEqual(['cta_checkin--2']);
    expect((await ok(ctx, 'getSyncOverview')).targets.find((t) => t.id === share.id)!.earlierExports).toBe(1);
  });
});
