import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** Real servers for sync tests, all on 127.0.0.1: rclone's WebDAV server and a fault-injecting proxy. */

export async function freePort(): Promise<number> {
  const srv = http.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

/** Poll until cond() is true; bounded in time. */
export async function waitFor(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface Rclone {
  url: string;
  root: string;
  stop: () => Promise<void>;
}

/** `rclone serve webdav` over root, optionally with a user name and password. */
export async function startRclone(root: string, auth?: { user: string; pass: string }, port?: number): Promise<Rclone & { port: number }> {
  port ??= await freePort();
  const args = ['serve', 'webdav', root, '--addr', `127.0.0.1:${port}`, '--config', '/dev/null', ...(auth ? ['--user', auth.user, '--pass', auth.pass] : [])];
  const child: ChildProcess = spawn('rclone', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d) => (err += d));
  const spawnError = new Promise<never>((_, reject) => child.once('error', (e) => reject(new Error(`rclone is missing (apt-get install -y rclone; .ci/run installs it): ${e.message}`))));
  const url = `http://127.0.0.1:${port}/`;
  await Promise.race([
    spawnError,
    waitFor(async () => {
      try {
        const res = await fetch(url, { method: 'OPTIONS' });
        return res.status > 0;
      } catch {
        return false;
      }
    }, `rclone to listen (${err})`, 15_000),
  ]);
  return {
    url,
    root,
    port,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

export type Fault = 'none' | 'down' | 'cut' | 'slow' | 'error500' | 'error500after' | 'unauthorized' | 'hold';

export interface FaultProxy {
  url: string;
  /** Decide the fault for each request (n counts requests from 1). */
  plan: (decide: (req: { method: string; url: string; n: number }) => Fault) => void;
  injected: Record<Fault, number>;
  /** How long a 'slow' answer is held. */
  setSlow: (ms: number) => void;
  /** Called when a 'hold' request has reached the server and its answer is being held back. */
  onHold: (fn: () => void) => void;
  close: () => Promise<void>;
}

/**
 * An HTTP proxy in front of a real server that can refuse connections, cut an upload halfway,
 * answer slowly, answer 500 (before or after the server acted), answer 401, or hold an answer back.
 */
export async function startFaultProxy(upstream: string, slowMs = 1_500): Promise<FaultProxy> {
  let slow = slowMs;
  // The Host header is passed on unchanged: WebDAV's MOVE checks its Destination against it.
  const target = new URL(upstream);
  let decide: (req: { method: string; url: string; n: number }) => Fault = () => 'none';
  let n = 0;
  const injected = { none: 0, down: 0, cut: 0, slow: 0, error500: 0, error500after: 0, unauthorized: 0, hold: 0 } as Record<Fault, number>;
  let holdListener: () => void = () => undefined;
  const sockets = new Set<import('node:net').Socket>();
  const forward = (req: http.IncomingMessage, body: Buffer, done: (res: { status: number; headers: http.IncomingHttpHeaders; body: Buffer } | null) => void) => {
    const up = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', () => done(null));
    });
    up.on('error', () => done(null));
    up.end(body);
  };
  const server = http.createServer((req, res) => {
    const fault = decide({ method: req.method ?? 'GET', url: req.url ?? '/', n: ++n });
    injected[fault]++;
    if (fault === 'down') return req.socket.destroy();
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (c: Buffer) => {
      chunks.push(c);
      received += c.length;
      // Cut mid-upload: after some of the body has arrived, drop the connection.
      if (fault === 'cut' && received > 0) req.socket.destroy();
    });
    req.on('end', () => {
      if (fault === 'cut') return req.socket.destroy();
      if (fault === 'unauthorized') return void res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="district"' }).end('no');
      if (fault === 'error500') return void res.writeHead(500).end('injected');
      const reply = (r: { status: number; headers: http.IncomingHttpHeaders; body: Buffer } | null) => {
        if (!r) return req.socket.destroy();
        if (fault === 'error500after') return void res.writeHead(500).end('injected after the server acted');
        if (fault === 'hold') return holdListener();
        const send = () => {
          if (res.destroyed) return;
          const { 'transfer-encoding': _te, connection: _c, ...headers } = r.headers;
          res.writeHead(r.status, { ...headers, 'content-length': String(r.body.length) }).end(r.body);
        };
        if (fault === 'slow') setTimeout(send, slow);
        else send();
      };
      forward(req, Buffer.concat(chunks), reply);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    plan: (fn) => (decide = fn),
    injected,
    setSlow: (ms) => (slow = ms),
    onHold: (fn) => (holdListener = fn),
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/** The package folders on a WebDAV or folder target's disk: final ones and hidden partial ones. */
export function packagesOnDisk(root: string): { final: string[]; partial: string[] } {
  const names = fs.existsSync(root) ? fs.readdirSync(root) : [];
  return { final: names.filter((n) => !n.startsWith('.')).sort(), partial: names.filter((n) => n.startsWith('.')) };
}

/** Check a package folder against its manifest: every listed file there, byte for byte. */
export function checkPackage(folder: string, sha256: (b: Buffer) => string): string[] {
  const problems: string[] = [];
  const manifestFile = path.join(folder, 'fieldbook-manifest.json');
  if (!fs.existsSync(manifestFile)) return [`${folder}: no manifest`];
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { files: { name: string; size: number; sha256: string }[] };
  for (const f of manifest.files) {
    const file = path.join(folder, f.name);
    if (!fs.existsSync(file)) problems.push(`${file}: missing`);
    else {
      const b = fs.readFileSync(file);
      if (b.length !== f.size || sha256(b) !== f.sha256) problems.push(`${file}: differs from the manifest`);
    }
  }
  const extra = fs.readdirSync(folder).filter((n) => n !== 'fieldbook-manifest.json' && !manifest.files.some((f) => f.name === n));
  if (extra.length) problems.push(`${folder}: files not in the manifest: ${extra.join(', ')}`);
  return problems;
}
