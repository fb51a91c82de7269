import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { HTTP_API_PREFIX, SESSION_PATH, TOKEN_HEADER } from '../../shared/api';
import type { Core } from '../core';
import { writeDurably } from '../core/durable';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy';
import { loopbackProblem, newToken, tokenMatches } from './security';

/**
 * Browser mode: the same core behind a loopback-only HTTP bridge, serving the built renderer.
 * POST /api/<call> with the per-run token runs one call of the contract; everything else is a
 * static file. The bridge adds no logic of its own.
 *
 * The token itself is never put in an address: an address carries a one-time code (in the
 * fragment, which browsers never send to a server), which the page exchanges for the token at
 * POST /session and which then opens nothing. So a browser's history, or a command line any local
 * user can read with `ps`, holds at most a code that has been used.
 */

export interface BrowserServer {
  /** An address that opens Fieldbook once: each read makes a new one. */
  readonly url: string;
  origin: string;
  port: number;
  /** The session token (what the page is given for a code); tests and tools that call the API use it. */
  token: string;
  /** Told each time an address's code has been used (the terminal then prints a new one). */
  onCodeUsed: (listener: () => void) => void;
  /**
   * A page in `folder` (the data folder: private to this user) that sends a browser to a new
   * address: what browser mode opens, so only the page's path is on the browser's command line.
   * It removes itself once used, and at close.
   */
  writeOpenPage: (folder: string) => string;
  close: () => Promise<void>;
}

export const OPEN_PAGE = 'open-fieldbook.html';

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
    return sendError(res, 401, 'unauthorized', 'This Fieldbook session has ended, or this tab was not opened from an address Fieldbook gave. Open the newest address Fieldbook printed in its window.');
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

/** POST /session {code}: the one-time code from an address, for the session token. */
async function handleSession(req: http.IncomingMessage, res: http.ServerResponse, redeem: (code: string) => boolean, token: string) {
  if (req.method !== 'POST') return sendError(res, 405, 'method_not_allowed', 'Use POST');
  let code: unknown;
  try {
    code = (JSON.parse(await readBody(req)) as { code?: unknown }).code;
  } catch {
    return sendError(res, 400, 'bad_json', 'The request was not valid JSON');
  }
  if (typeof code !== 'string' || !redeem(code)) {
    return sendError(res, 401, 'unauthorized', 'This address has been used already, or is from an earlier start of Fieldbook. Open the newest address Fieldbook printed in its window.');
  }
  send(res, 200, JSON.stringify({ token }));
}

export function startBrowserServer(core: Core, staticDir: string, port = 0): Promise<BrowserServer> {
  const token = newToken();
  const codes = new Set<string>();
  const pages = new Map<string, string>(); // code → the open page that holds it
  const listeners: (() => void)[] = [];
  const redeem = (code: string): boolean => {
    if (!codes.delete(code)) return false;
    const page = pages.get(code);
    pages.delete(code);
    if (page) fs.rmSync(page, { force: true });
    queueMicrotask(() => listeners.forEach((l) => l()));
    return true;
  };
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
      : pathname === SESSION_PATH
        ? handleSession(req, res, redeem, token)
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
      const address = () => {
        const code = newToken();
        codes.add(code);
        return { code, url: `${origin}/#code=${code}` };
      };
      resolve({
        get url() {
          return address().url;
        },
        origin,
        port: p,
        token,
        onCodeUsed: (listener) => void listeners.push(listener),
        writeOpenPage: (folder) => {
          const { code, url } = address();
          const page = path.join(folder, OPEN_PAGE);
          // No script: a refresh to the address, and no referrer from the page.
          const html = `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>Opening Fieldbook…</title>` +
            `<meta http-equiv="refresh" content="0;url=${url}"><p>Opening Fieldbook… If nothing happens, <a href="${url}">open Fieldbook</a>.</p>`;
          fs.rmSync(page, { force: true });
          writeDurably(page, Buffer.from(html), 'wx');
          pages.set(code, page);
          return page;
        },
        close: () => new Promise<void>((r) => {
          for (const page of pages.values()) fs.rmSync(page, { force: true });
          server.closeAllConnections();
          server.close(() => r());
        }),
      });
    });
  });
}
