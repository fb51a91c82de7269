import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { HTTP_API_PREFIX, TOKEN_HEADER } from '../../shared/api';
import type { Core } from '../core';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy';
import { loopbackProblem, newToken, tokenMatches } from './security';

/**
 * Browser mode: the same core behind a loopback-only HTTP bridge, serving the built renderer.
 * POST /api/<call> with the per-run token runs one call of the contract; everything else is a
 * static file. The bridge adds no logic of its own.
 */

export interface BrowserServer {
  /** The address to open: the token travels in the fragment, which browsers never send to a server. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close: () => Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};
const MAX_BODY = 8 * 1024 * 1024;

function send(res: http.ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}
const sendError = (res: http.ServerResponse, status: number, code: string, message: string) =>
  send(res, status, JSON.stringify({ ok: false, error: { code, message } }));

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) return void chunks.push(c);
      // Stop keeping it but let it drain, so the 413 reaches the client instead of a reset.
      req.off('data', onData);
      req.resume();
      reject(new Error('too_large'));
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handleApi(core: Core, token: string, req: http.IncomingMessage, res: http.ServerResponse, name: string) {
  if (req.method !== 'POST') return sendError(res, 405, 'method_not_allowed', 'API calls are POST requests');
  if (!tokenMatches(req.headers[TOKEN_HEADER], token)) {
    return sendError(res, 401, 'unauthorized', 'This Fieldbook session has ended or the link is incomplete. Open the address Fieldbook printed when it started.');
  }
  let input: unknown;
  try {
    const body = await readBody(req);
    input = body ? JSON.parse(body) : {};
  } catch (err) {
    const tooLarge = err instanceof Error && err.message === 'too_large';
    return sendError(res, tooLarge ? 413 : 400, tooLarge ? 'too_large' : 'bad_json', tooLarge ? 'That request is too large' : 'The request was not valid JSON');
  }
  const envelope = await core.call(name, input);
  send(res, !envelope.ok && envelope.error.code === 'unknown_call' ? 404 : 200, JSON.stringify(envelope));
}

function serveStatic(staticDir: string, req: http.IncomingMessage, res: http.ServerResponse, pathname: string) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'method_not_allowed', 'Only GET is allowed here');
  const root = path.resolve(staticDir);
  let file = path.resolve(root, '.' + path.posix.normalize(pathname));
  if (file !== root && !file.startsWith(root + path.sep)) return sendError(res, 404, 'not_found', 'Not found');
  // The app has one page; any other path that is not a file is that page.
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
  if (!fs.existsSync(file)) return send(res, 500, 'The app has not been built: run npm start.', 'text/plain; charset=utf-8');
  send(res, 200, req.method === 'HEAD' ? '' : fs.readFileSync(file), TYPES[path.extname(file)] ?? 'application/octet-stream');
}

export function startBrowserServer(core: Core, staticDir: string, port = 0): Promise<BrowserServer> {
  const token = newToken();
  const server = http.createServer((req, res) => {
    const actualPort = (server.address() as AddressInfo).port;
    const problem = loopbackProblem(req, actualPort);
    if (problem) return sendError(res, 403, 'forbidden', problem);
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', `http://127.0.0.1:${actualPort}`).pathname);
    } catch {
      return sendError(res, 400, 'bad_request', 'That address is not valid');
    }
    const work = pathname.startsWith(HTTP_API_PREFIX)
      ? handleApi(core, token, req, res, pathname.slice(HTTP_API_PREFIX.length))
      : Promise.resolve().then(() => serveStatic(staticDir, req, res, pathname));
    work.catch((err) => {
      console.error('[fieldbook] request failed:', err);
      if (!res.headersSent) sendError(res, 500, 'internal', 'Something went wrong inside Fieldbook');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const p = (server.address() as AddressInfo).port;
      const origin = `http://127.0.0.1:${p}`;
      resolve({
        url: `${origin}/#token=${token}`,
        origin,
        port: p,
        token,
        close: () => new Promise<void>((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
      });
    });
  });
}
