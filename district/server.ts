import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Receipt } from '../shared/exportFormat/document';
import { type DistrictDb, isDbUnavailable } from './db/connection';
import { loadPackage } from './load/load';
import { checkPackage, sha256 } from './package/check';
import { parsePackageJson } from './package/json';
import { PackageRefused, type Refusal, refusalOf } from './package/refusal';
import { httpsBodySource } from './package/source';
import { recordQuarantine } from './quarantine';
import { readBody } from './readBody';

/**
 * The receiving endpoint for Fieldbook's HTTPS target: POST /api/exports with the body, headers
 * and Idempotency-Key the app sends. It answers 200 with a receipt only after the package is
 * committed; the same key again gets the same answer and stores nothing new; a package that
 * fails a check gets a 4xx with the reason as JSON and is kept in the quarantine table; a
 * database that cannot be reached gets 503, so the app tries again later.
 */
export const MAX_BODY_BYTES = 36 * 1024 * 1024;

export interface DistrictServerOptions {
  db: DistrictDb;
  host?: string;
  port?: number;
  /** When set, every request needs `Authorization: Bearer <token>`. */
  token?: string | null;
  /** TLS certificate and key files (PEM): serve https instead of http. */
  tls?: { certFile: string; keyFile: string } | null;
  maxBodyBytes?: number;
  log?: (line: string) => void;
  /** The leader tracking view on the same address (district/view/http.ts): true when it answered. */
  view?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
}

export interface DistrictServer {
  url: string;
  close(): Promise<void>;
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> };
const refused = (status: number, r: Refusal): Answer => ({ status, body: { error: r } });
const receiptOf = (r: { id: string; manifestSha256: string; outcome: Receipt['outcome']; storedAt: string }): { receipt: Receipt } =>
  ({ receipt: { id: r.id, manifestSha256: r.manifestSha256, outcome: r.outcome, storedAt: r.storedAt } });
const sameSecret = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function startDistrictServer(options: DistrictServerOptions): Promise<DistrictServer> {
  const { db } = options;
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const log = options.log ?? (() => undefined);

  async function quarantine(req: http.IncomingMessage, refusal: Refusal, body: Buffer | null, size: number | null, exportId: string | null): Promise<void> {
    try {
      await recordQuarantine(db, { via: 'https', from: req.socket.remoteAddress ?? null, exportId, refusal, size, bodySha256: body ? sha256(body) : null, body });
    } catch (err) {
      log(`could not record the quarantined request (${(err as Error).message})`);
    }
  }

  async function receive(req: http.IncomingMessage): Promise<Answer> {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') return refused(415, { code: 'bad_content_type', message: 'Send the package as application/json, as Fieldbook does', field: 'Content-Type' });
    const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
    const declared = Number(req.headers['content-length'] ?? NaN);
    const tooLarge: Refusal = { code: 'too_large', message: `The body is larger than the ${Math.round(limit / 1024 / 1024)} MB this district takes; no Fieldbook package is that large`, field: 'body' };
    if (declared > limit) {
      await quarantine(req, tooLarge, null, declared, key);
      return { ...refused(413, tooLarge), headers: { Connection: 'close' } };
    }
    const body = await readBody(req, limit);
    if (body === null) {
      await quarantine(req, tooLarge, null, null, key);
      return refused(413, tooLarge);
    }
    try {
      const { source } = httpsBodySource(parsePackageJson(body, 'The body'), key);
      const pkg = await checkPackage(source);
      const result = await loadPackage(db, pkg, { channel: 'https', from: req.socket.remoteAddress ?? null });
      log(`${result.outcome.padEnd(11)} ${pkg.id} (${pkg.supervisor.name ?? 'no profile'})${result.notes.length ? `: ${result.notes.join('; ')}` : ''}`);
      return { status: 200, body: receiptOf(result) };
    } catch (err) {
      if (!(err instanceof PackageRefused)) throw err;
      const refusal = refusalOf(err);
      log(`refused     ${key ?? '(no Idempotency-Key)'}: ${refusal.code}: ${refusal.message}`);
      await quarantine(req, refusal, body, body.length, key);
      // The request itself is wrong (400), or it is well formed but the package fails a check (422).
      const status = ['bad_json', 'forbidden_key', 'bad_body', 'no_idempotency_key', 'key_mismatch'].includes(refusal.code) ? 400 : 422;
      return refused(status, refusal);
    }
  }

  async function storedReceipt(id: string): Promise<Answer> {
    const found = await db.query<{ id: string; manifestSha256: string; outcome: Receipt['outcome']; storedAt: string }>(
      `SELECT export_id AS id, manifest_sha256 AS "manifestSha256", outcome, stored_at AS "storedAt" FROM packages WHERE export_id = $1 ORDER BY id LIMIT 1`, [id]);
    return found.rows[0] ? { status: 200, body: receiptOf(found.rows[0]) } : refused(404, { code: 'not_found', message: `The district holds no package ${id}` });
  }

  async function answer(req: http.IncomingMessage): Promise<Answer> {
    const url = new URL(req.url ?? '/', 'http://district');
    if (options.token) {
      const auth = req.headers.authorization ?? '';
      if (!auth.startsWith('Bearer ') || !sameSecret(auth.slice(7), options.token)) {
        return { ...refused(401, { code: 'unauthorized', message: 'This district server needs its access token (Authorization: Bearer …)' }), headers: { 'WWW-Authenticate': 'Bearer realm="fieldbook-district"' } };
      }
    }
    if (url.pathname === '/api/exports' && req.method === 'POST') return receive(req);
    if (url.pathname.startsWith('/api/exports/') && req.method === 'GET') return storedReceipt(decodeURIComponent(url.pathname.slice('/api/exports/'.length)));
    if (url.pathname === '/api/health' && req.method === 'GET') {
      await db.query('SELECT 1');
      return { status: 200, body: { ok: true, database: db.where } };
    }
    return refused(url.pathname === '/api/exports' ? 405 : 404, { code: 'not_found', message: 'Fieldbook sends exports with POST /api/exports' });
  }

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (options.view?.(req, res)) return;
    answer(req)
      .catch((err): Answer => {
        if (isDbUnavailable(err)) {
          log(`database unavailable: ${(err as Error).message}`);
          return { ...refused(503, { code: 'database_unavailable', message: 'The district database cannot be reached right now; nothing was stored. Try again later' }), headers: { 'Retry-After': '30' } };
        }
        log(`error: ${(err as Error).stack ?? err}`);
        return refused(500, { code: 'internal', message: 'The district server failed on this request; nothing was stored' });
      })
      .then((a) => {
        const text = JSON.stringify(a.body);
        res.writeHead(a.status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', ...a.headers });
        res.end(text);
        if (a.headers?.Connection === 'close') req.socket.end();
      });
  };
  const server = options.tls
    ? https.createServer({ cert: fs.readFileSync(options.tls.certFile), key: fs.readFileSync(options.tls.keyFile) }, handler)
    : http.createServer(handler);
  server.requestTimeout = 120_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `${options.tls ? 'https' : 'http'}://${shown}:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
