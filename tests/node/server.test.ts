import http from 'node:http';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../shared/api';
import { startCore, type Core } from '../../electron/core';
import { type BrowserServer, startBrowserServer } from '../../electron/server/server';
import { tempDir } from './helpers';

let core: Core;
let server: BrowserServer;
let staticDir: string;

beforeEach(async () => {
  staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Fieldbook</title>');
  // A file right beside the app's folder: what a traversal would reach first.
  fs.writeFileSync(path.join(path.dirname(staticDir), 'secret.txt'), 'not for you');
  core = startCore({ dataDir: tempDir(), mode: 'browser' });
  server = await startBrowserServer(core, staticDir);
});
afterEach(async () => {
  await server.close();
  core.close();
});

/** A raw request, so the test controls Host and Origin exactly as an attacker's page would. */
function request(pathname: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: pathname, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${server.port}`, ...opts.headers } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}
const api = (name: string, body: unknown, headers: Record<string, string> = {}) =>
  request(`/api/${name}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-fieldbook-token': server.token, ...headers } });
const schoolCount = () => (core.ctx.db.prepare('SELECT count(*) FROM schools').pluck().get() as number);
const SCHOOL = { name: 'Oak', level: 'high', needTier: 'low' };

describe('browser mode server', () => {
  it('listens on 127.0.0.1 only and gives addresses that carry a one-time code, never the token', () => {
    const url = server.url;
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#code=[\\w-]{40,}$`));
    expect(url).not.toContain(server.token);
    expect(server.url).not.toBe(url); // each address is its own
  });

  it('gives the token once for each address’s code, only to a page of its own origin', async () => {
    const code = (url: string) => /#code=([\w-]+)/.exec(url)![1];
    const exchange = (c: string, headers: Record<string, string> = {}) =>
      request('/session', { method: 'POST', body: JSON.stringify({ code: c }), headers: { 'content-type': 'application/json', ...headers } });
    const used: string[] = [];
    server.onCodeUsed(() => used.push('used'));
    const first = code(server.url);
    expect((await exchange(first, { origin: 'http://evil.example' })).status).toBe(403);
    const r = await exchange(first, { origin: server.origin });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ token: server.token });
    // Spent: the same address (from a browser's history, say) opens nothing now.
    expect((await exchange(first)).status).toBe(401);
    expect((await exchange('made-up-code')).status).toBe(401);
    await new Promise((r) => setTimeout(r, 10));
    expect(used).toEqual(['used']);
  });

  it('opens the browser on a private page in the data folder that holds a code, not the token, and is gone once used', async () => {
    const page = server.writeOpenPage(core.ctx.dataDir);
    expect(path.dirname(page)).toBe(core.ctx.dataDir);
    if (process.platform !== 'win32') expect(fs.statSync(page).mode & 0o777).toBe(0o600);
    const html = fs.readFileSync(page, 'utf8');
    expect(html).not.toContain(server.token);
    expect(html).not.toMatch(/<script/);
    const code = /#code=([\w-]+)/.exec(html)![1];
    const r = await request('/session', { method: 'POST', body: JSON.stringify({ code }), headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(200);
    expect(fs.existsSync(page)).toBe(false);
  });

  it('runs a call of the contract with the token', async () => {
    const r = await api('addSchool', SCHOOL);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { name: 'Oak' }, changed: ['schools'] });
    expect(schoolCount()).toBe(1);
  });

  it('refuses a call with a missing or wrong token with 401, writing nothing', async () => {
    expect((await api('addSchool', SCHOOL, { 'x-fieldbook-token': '' })).status).toBe(401);
    expect((await api('addSchool', SCHOOL, { 'x-fieldbook-token': server.token.slice(0, -1) + 'x' })).status).toBe(401);
    const noHeader = await request('/api/getSettings', { method: 'POST', body: '{}' });
    expect(noHeader.status).toBe(401);
    expect(schoolCount()).toBe(0);
  });

  it('refuses another Host or Origin (DNS rebinding), even with the token', async () => {
    expect((await api('addSchool', SCHOOL, { host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await api('addSchool', SCHOOL, { host: `localhost:${server.port}` })).status).toBe(403);
    expect((await api('addSchool', SCHOOL, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await request('/', { headers: { host: 'evil.example' } })).status).toBe(403);
    expect(schoolCount()).toBe(0);
    expect((await api('addSchool', SCHOOL, { origin: server.origin })).status).toBe(200);
  });

  it('returns validation errors naming the field, and unknown calls as 404', async () => {
    expect(JSON.parse((await api('addSchool', { ...SCHOOL, needTier: 'extreme' })).body)).toMatchObject({ ok: false, error: { field: 'needTier' } });
    expect((await api('deleteEverything', {})).status).toBe(404);
    expect((await request('/api/getSettings', { method: 'POST', body: '{oops', headers: { 'x-fieldbook-token': server.token } })).status).toBe(400);
  });

  it('serves the app with a strict CSP and never a file outside it', async () => {
    const page = await request('/caseload');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Fieldbook</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval');
    for (const attempt of ['/..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/%2e%2e/%2e%2e/etc/passwd']) {
      const r = await request(attempt);
      expect(r.body, attempt).not.toContain('not for you');
      expect(r.body, attempt).not.toContain('root:');
    }
  });

  it('answers a malformed address with 400 and keeps running', async () => {
    expect((await request('/%E0%A4%A')).status).toBe(400);
    expect((await request('/api/%')).status).toBe(400);
    expect((await api('getSettings', {})).status).toBe(200);
  });

  it('refuses an oversized body with 413, not a dropped connection', async () => {
    const r = await api('saveNote', { noteId: 1, body: 'x'.repeat(9 * 1024 * 1024) });
    expect(r.status).toBe(413);
  });

  it('cannot be reached on any address but 127.0.0.1', async () => {
    const reachable = (host: string) =>
      new Promise<boolean>((resolve) => {
        const socket = net.connect({ host, port: server.port, timeout: 2000 });
        socket.once('connect', () => (socket.destroy(), resolve(true)));
        socket.once('error', () => resolve(false));
        socket.once('timeout', () => (socket.destroy(), resolve(false)));
      });
    expect(await reachable('127.0.0.1')).toBe(true);
    // Every other address of this machine: IPv6 loopback and each network card.
    const others = Object.values(os.networkInterfaces()).flat().map((i) => i!.address).filter((a) => a !== '127.0.0.1');
    for (const address of ['::1', ...others]) expect(await reachable(address), address).toBe(false);
  });

  it('asks for the token on every call of the contract, and runs none without it', async () => {
    const total = () => core.ctx.db.prepare(`SELECT total_changes()`).pluck().get();
    const changes = total();
    for (const name of CALL_NAMES) {
      const r = await request(`/api/${name}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      expect(r.status, name).toBe(401);
      expect(JSON.parse(r.body), name).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(total()).toBe(changes);
    expect(schoolCount()).toBe(0);
  });

  it('sends no CORS headers on any answer, and refuses a preflight', async () => {
    const answers = [
      await request('/'),
      await request('/caseload'),
      await api('getSettings', {}),
      await api('getSettings', {}, { origin: server.origin }),
      await api('addSchool', SCHOOL, { 'x-fieldbook-token': 'wrong' }),
      await api('addSchool', SCHOOL, { origin: 'http://evil.example' }),
      await api('deleteEverything', {}),
      await request('/api/getSettings', { method: 'OPTIONS', headers: { origin: server.origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-fieldbook-token' } }),
      await request('/api/getSettings', { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } }),
      await request('/..%2fsecret.txt'),
    ];
    for (const r of answers) {
      expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-')), `${r.status} ${r.body.slice(0, 60)}`).toEqual([]);
    }
    const preflight = answers[7];
    expect(preflight.status).toBeGreaterThanOrEqual(400);
  });
});
