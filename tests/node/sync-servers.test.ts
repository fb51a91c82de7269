import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { folderNameFor } from '../../electron/core/sync/package';
import { enqueueExport, sha256 } from '../../electron/core/sync/outbox';
import type { SecretStore } from '../../electron/core/context';
import { type SyncWorker, startSyncWorker } from '../../electron/core/sync/worker';
import { memoryCore, ok, tempDir } from './helpers';
import { checkPackage, type Fault, type FaultProxy, freePort, packagesOnDisk, type Rclone, startFaultProxy, startRclone, waitFor } from './syncServers';

/**
 * Delivery against real servers on 127.0.0.1: rclone's WebDAV server and a small district API,
 * each behind a proxy that injects faults. After every scenario the server holds exactly one copy
 * of each export, byte-identical to its manifest, and nothing queued is lost.
 */

/** FIELDBOOK_SYNC_SOAK=N queues N times as many exports through the same faults (opt-in, longer). */
const SCALE = Math.max(1, Math.min(50, Math.floor(Number(process.env.FIELDBOOK_SYNC_SOAK) || 1)));
const TIMEOUT = 30_000 * SCALE;

const keychain: SecretStore = { isAvailable: () => true, encrypt: (s) => Buffer.from(s).reverse(), decrypt: (b) => Buffer.from(b).reverse().toString() };
const AUTH = { user: 'fieldbook', pass: 'district-pass' };

/** A small seeded random, so a failing run can be repeated. */
function seeded(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

let queued = 0;
function queueItems(ctx: CoreContext, count: number, rand: () => number): string[] {
  return ctx.db.transaction(() =>
    Array.from({ length: count * SCALE }, () => {
      const n = ++queued;
      const size = 1 + Math.floor(rand() * 150_000);
      const content = Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + n) % 251));
      return enqueueExport(ctx, { kind: 'cta_checkin', key: String(n), payload: { n }, attachments: [{ filename: 'check-in.pdf', mediaType: 'application/pdf', content }] });
    }),
  )();
}
const waiting = (ctx: CoreContext, ids: string[]) => ids.filter((id) => !ctx.db.prepare(`SELECT delivered_at FROM outbox WHERE id = ?`).pluck().get(id));
const totalFaults = (p: FaultProxy) => Object.entries(p.injected).filter(([k]) => k !== 'none').reduce((n, [, v]) => n + v, 0);

describe('WebDAV (rclone serve webdav) through a fault-injecting proxy', () => {
  let rclone: Rclone & { port: number };
  let proxy: FaultProxy;
  let ctx: CoreContext;
  let worker: SyncWorker;
  let root: string;
  const all: string[] = [];
  const rand = seeded(8);

  beforeAll(async () => {
    root = tempDir();
    fs.mkdirSync(path.join(root, 'district'));
    rclone = await startRclone(root, AUTH);
    proxy = await startFaultProxy(rclone.url);
    ctx = { ...memoryCore(), secrets: keychain };
    await ok(ctx, 'saveSyncTarget', { kind: 'webdav', name: 'District file server', enabled: true, url: `${proxy.url}district/`, auth: 'basic', username: AUTH.user, secret: AUTH.pass });
    worker = startSyncWorker(ctx, { baseDelayMs: 20, maxDelayMs: 250, requestTimeoutMs: 800, idleMs: 100 });
  }, 30_000);
  afterAll(async () => {
    await worker?.stop();
    await proxy?.close();
    await rclone?.stop();
  });

  async function scenario(count: number, decide: (r: { method: string }) => Fault): Promise<void> {
    proxy.plan(decide);
    const ids = queueItems(ctx, count, rand);
    all.push(...ids);
    worker.wake();
    await waitFor(() => waiting(ctx, ids).length === 0, `all ${ids.length} delivered`, TIMEOUT);
    proxy.plan(() => 'none');
  }

  it('server down (proxy refusing, then rclone itself stopped), then back', async () => {
    const until = Date.now() + 700;
    await scenario(4, () => (Date.now() < until ? 'down' : 'none'));
    await rclone.stop();
    const ids = queueItems(ctx, 3, rand);
    all.push(...ids);
    worker.wake();
    await waitFor(() => (ctx.db.prepare(`SELECT reachable FROM sync_targets`).pluck().get() as number) === 0, 'the target to be seen as unreachable');
    expect((await ok(ctx, 'getStatus')).connection).toBe('offline');
    rclone = await startRclone(root, AUTH, rclone.port);
    await waitFor(() => waiting(ctx, ids).length === 0, 'delivery after the server came back', TIMEOUT);
  }, TIMEOUT * 2);

  it('connection cut mid-upload', async () => {
    await scenario(5, ({ method }) => (method === 'PUT' && rand() < 0.3 ? 'cut' : 'none'));
  }, TIMEOUT * 2);

  it('slow answers, some slower than Fieldbook waits (the server acted, the answer came too late)', async () => {
    proxy.setSlow(1_200);
    await scenario(4, () => (rand() < 0.15 ? 'slow' : 'none'));
  }, TIMEOUT * 2);

  it('injected 500s, before and after the server acted', async () => {
    await scenario(6, () => {
      const r = rand();
      return r < 0.2 ? 'error500' : r < 0.3 ? 'error500after' : 'none';
    });
  }, TIMEOUT * 2);

  it('a 401 stops the target with a reason; the exports stay queued until the person retries', async () => {
    proxy.plan(() => 'unauthorized');
    const ids = queueItems(ctx, 3, rand);
    all.push(...ids);
    worker.wake();
    await waitFor(() => Boolean(ctx.db.prepare(`SELECT stopped_reason FROM sync_targets`).pluck().get()), 'the target to stop');
    const overview = await ok(ctx, 'getSyncOverview');
    expect(overview.targets[0].stoppedReason).toMatch(/refused the user name, password or token \(401\)/);
    expect(waiting(ctx, ids)).toEqual(ids);
    const attempts = ctx.db.prepare(`SELECT count(*) FROM sync_attempts`).pluck().get();
    await new Promise((r) => setTimeout(r, 300));
    expect(ctx.db.prepare(`SELECT count(*) FROM sync_attempts`).pluck().get()).toBe(attempts); // no hammering
    proxy.plan(() => 'none');
    await ok(ctx, 'syncNow');
    await waitFor(() => waiting(ctx, ids).length === 0, 'delivery after Sync now', TIMEOUT);
  }, TIMEOUT * 2);

  it('a wrong password, then the right one (rclone’s own 401)', async () => {
    const target = (await ok(ctx, 'getSyncOverview')).targets[0];
    const input = { id: target.id, kind: 'webdav', name: target.name, enabled: true, url: target.location, auth: 'basic', username: AUTH.user };
    await ok(ctx, 'saveSyncTarget', { ...input, secret: 'wrong-password' });
    const ids = queueItems(ctx, 2, rand);
    all.push(...ids);
    await waitFor(() => Boolean(ctx.db.prepare(`SELECT stopped_reason FROM sync_targets`).pluck().get()), 'the wrong password to stop the target');
    expect(waiting(ctx, ids)).toEqual(ids);
    await ok(ctx, 'saveSyncTarget', { ...input, secret: AUTH.pass });
    await waitFor(() => waiting(ctx, ids).length === 0, 'delivery with the right password', TIMEOUT);
  }, TIMEOUT * 2);

  it('holds exactly one byte-identical copy of every export, and lost none', () => {
    const { final, partial } = packagesOnDisk(path.join(root, 'district'));
    const expected = all.map(folderNameFor).sort();
    const duplicates = final.length - new Set(final).size + final.filter((f) => !expected.includes(f)).length;
    const lost = expected.filter((f) => !final.includes(f) || checkPackage(path.join(root, 'district', f), sha256).length > 0);
    const receipts = ctx.db.prepare(`SELECT count(*) FROM sync_receipts`).pluck().get();
    const attempts = ctx.db.prepare(`SELECT count(*) FROM sync_attempts`).pluck().get();
    console.log(`[sync webdav] items ${all.length}, faults injected ${totalFaults(proxy)} ${JSON.stringify(proxy.injected)}, attempts ${attempts}, duplicates ${duplicates}, losses ${lost.length}`);
    expect(final).toEqual(expected);
    expect(partial).toEqual([]);
    expect(duplicates).toBe(0);
    expect(lost).toEqual([]);
    expect(receipts).toBe(all.length);
    expect(totalFaults(proxy)).toBeGreaterThan(10);
  });
});

/** A district API: stores each export once per Idempotency-Key, checks the bearer token. */
async function startDistrictApi(token: string) {
  const stored = new Map<string, { body: string }>();
  let posts = 0;
  let conflicting = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      posts++;
      if (req.headers.authorization !== `Bearer ${token}`) return void res.writeHead(401).end();
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || req.method !== 'POST') return void res.writeHead(400).end();
      const body = Buffer.concat(chunks).toString();
      const earlier = stored.get(key);
      if (earlier && earlier.body !== body) conflicting++;
      if (!earlier) stored.set(key, { body });
      res.writeHead(earlier ? 200 : 201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ received: key }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/exports`, stored, posts: () => posts, conflicting: () => conflicting, close: () => new Promise((r) => server.close(r)) };
}

describe('an HTTPS endpoint (a district API) through the proxy', () => {
  it('POSTs each export with an Idempotency-Key; with cuts, 500s and slow answers the district stores each exactly once', async () => {
    const api = await startDistrictApi('district-token');
    const proxy = await startFaultProxy(api.url.replace(/exports$/, ''), 1_200);
    const rand = seeded(3);
    const ctx = { ...memoryCore(), secrets: keychain };
    await ok(ctx, 'saveSyncTarget', { kind: 'https', name: 'District API', enabled: true, url: `${proxy.url}exports`, auth: 'bearer', secret: 'district-token' });
    const worker = startSyncWorker(ctx, { baseDelayMs: 20, maxDelayMs: 200, requestTimeoutMs: 800, idleMs: 100 });
    try {
      proxy.plan(() => {
        const r = rand();
        return r < 0.15 ? 'cut' : r < 0.3 ? 'error500after' : r < 0.4 ? 'error500' : r < 0.5 ? 'slow' : 'none';
      });
      const ids = queueItems(ctx, 10, rand);
      worker.wake();
      await waitFor(() => waiting(ctx, ids).length === 0, 'all delivered to the API', TIMEOUT);
      for (const id of ids) {
        const body = JSON.parse(api.stored.get(id)!.body);
        const [file] = body.attachments;
        expect(sha256(Buffer.from(file.contentBase64, 'base64'))).toBe(body.manifest.files.find((f: { name: string }) => f.name === file.name).sha256);
      }
      console.log(`[sync https] items ${ids.length}, faults injected ${totalFaults(proxy)} ${JSON.stringify(proxy.injected)}, POSTs ${api.posts()}, stored ${api.stored.size}, duplicates 0 (same key, different body: ${api.conflicting()}), losses ${ids.filter((id) => !api.stored.has(id)).length}`);
      expect([...api.stored.keys()].sort()).toEqual([...ids].sort());
      expect(api.conflicting()).toBe(0);
      expect(totalFaults(proxy)).toBeGreaterThan(3);
    } finally {
      await worker.stop();
      await proxy.close();
      await api.close();
    }
  }, TIMEOUT * 2);

  it('an unreachable address leaves the exports queued with a clear message', async () => {
    const ctx = memoryCore();
    const port = await freePort();
    await ok(ctx, 'saveSyncTarget', { kind: 'https', name: 'District API', enabled: true, url: `http://127.0.0.1:${port}/exports`, auth: 'none' });
    const ids = queueItems(ctx, 2, seeded(1));
    const worker = startSyncWorker(ctx, { manual: true, requestTimeoutMs: 2_000 });
    await worker.runOnce();
    const overview = await ok(ctx, 'getSyncOverview');
    expect(overview.connection).toBe('offline');
    expect(overview.targets[0].lastError).toMatch(new RegExp(`Could not reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
    expect(waiting(ctx, ids)).toEqual(ids);
    await worker.stop();
  });
});
