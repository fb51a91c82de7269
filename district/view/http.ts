import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { CSRF_HEADER, CSV_PREFIX, FILE_PREFIX, isViewCallName, VIEW_API_PREFIX, viewCalls } from '../contract/contract';
import { readBody } from '../readBody';
import { viewerFor } from './accounts';
import { sameSecret } from './passwords';
import { type ViewContext, dispatchView, downloadFor, statusOf } from './dispatch';
import { csvDownload } from './csv';
import { originalFile } from './files';

/**
 * The web view over HTTP, on the same server as the receiving endpoint: the built pages, the calls
 * (POST /api/view/<call>), CSV downloads (GET /csv/<table>.csv?…) and original files
 * (GET /files/<package>/<name>). Sessions ride in an HttpOnly, SameSite=Strict cookie; every call
 * must come from this origin, and one that changes something also carries the session's CSRF token.
 */

export const SESSION_COOKIE = 'fieldbook_district_session';
const MAX_CALL_BODY = 64 * 1024;

export const VIEW_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export interface ViewOptions extends ViewContext {
  /** The built web view (vite's output). */
  staticDir: string;
  /** Mark the cookie Secure and expect https origins: the server speaks https, or is reached through an https proxy. */
  secure: boolean;
  /** Reached through a reverse proxy: the caller's address is the last one it adds to X-Forwarded-For. */
  behindProxy?: boolean;
}

/** Who is calling, for slowing sign-ins: the socket's address, or behind a proxy the address the proxy saw. */
function callerAddress(req: http.IncomingMessage, behindProxy = false): string | null {
  const forwarded = req.headers['x-forwarded-for'];
  if (behindProxy && typeof forwarded === 'string') return forwarded.split(',').at(-1)!.trim() || null;
  return req.socket.remoteAddress ?? null;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2',
};

function headers(extra: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    'Content-Security-Policy': VIEW_CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
    ...extra,
  };
}

export function sendText(res: http.ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string | string[]> = {}): void {
  res.writeHead(status, headers({ 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), ...extra }));
  res.end(body);
}
const sendJson = (res: http.ServerResponse, status: number, value: unknown, extra: Record<string, string | string[]> = {}) =>
  sendText(res, status, JSON.stringify(value), 'application/json; charset=utf-8', extra);

export function cookieToken(req: http.IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === SESSION_COOKIE) return v.join('=') || null;
  }
  return null;
}

function sessionCookie(token: string | null, secure: boolean): string {
  const attrs = ['Path=/', 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])];
  return token ? [`${SESSION_COOKIE}=${token}`, ...attrs].join('; ') : [`${SESSION_COOKIE}=`, 'Max-Age=0', ...attrs].join('; ');
}

/** A call must come from a page of this server: no other site's form or script can make one. */
function crossSiteProblem(req: http.IncomingMessage, secure: boolean): string | null {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return 'Calls must come from the district view itself';
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `${secure ? 'https' : 'http'}://${req.headers.host}`) return `Calls from ${origin} are not allowed`;
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') return 'Calls are JSON (Content-Type: application/json)';
  return null;
}

async function handleCall(options: ViewOptions, req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'method_not_allowed', message: 'Calls are POST requests' } });
  const problem = crossSiteProblem(req, options.secure);
  if (problem) return sendJson(res, 403, { ok: false, error: { code: 'forbidden', message: problem } });
  const body = await readBody(req, MAX_CALL_BODY);
  if (body === null) return sendJson(res, 413, { ok: false, error: { code: 'too_large', message: 'That request is too large' } });
  let input: unknown;
  try {
    input = body.length ? JSON.parse(body.toString('utf8')) : {};
  } catch {
    return sendJson(res, 400, { ok: false, error: { code: 'bad_json', message: 'The request was not valid JSON' } });
  }
  const token = cookieToken(req);
  // A call that changes something must also carry the session's CSRF token. Reads need not: another
  // site's request is refused above (its origin) and carries no session cookie (SameSite=Strict).
  if (token && isViewCallName(name) && viewCalls[name].changes) {
    const viewer = await viewerFor(options.db, token, options.now());
    const given = req.headers[CSRF_HEADER];
    if (viewer && (typeof given !== 'string' || !sameSecret(given, viewer.csrfToken))) {
      return sendJson(res, 403, { ok: false, error: { code: 'forbidden', message: 'This page is out of date: reload it and try again' } });
    }
  }
  const { envelope, session } = await dispatchView(options, { token, address: callerAddress(req, options.behindProxy) }, name, input);
  sendJson(res, statusOf(envelope), envelope, session === undefined ? {} : { 'Set-Cookie': sessionCookie(session, options.secure) });
}

function serveStatic(staticDir: string, req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Only GET is allowed here', 'text/plain; charset=utf-8');
  const root = path.resolve(staticDir);
  let file = path.resolve(root, '.' + path.posix.normalize(pathname));
  if (file !== root && !file.startsWith(root + path.sep)) return sendText(res, 404, 'Not found', 'text/plain; charset=utf-8');
  // One page: any other address that is not a file is that page.
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
  if (!fs.existsSync(file)) return sendText(res, 500, 'The district view has not been built: run npm run district -- serve (it builds it first).', 'text/plain; charset=utf-8');
  const cache: Record<string, string> = file.includes(`${path.sep}assets${path.sep}`) ? { 'Cache-Control': 'public, max-age=31536000, immutable' } : {};
  sendText(res, 200, req.method === 'HEAD' ? '' : fs.readFileSync(file), TYPES[path.extname(file)] ?? 'application/octet-stream', cache);
}

/** A download (CSV or file) for the signed-in viewer, or a plain-text refusal. */
async function download(options: ViewOptions, req: http.IncomingMessage, res: http.ServerResponse, url: URL, make: typeof csvDownload | typeof originalFile): Promise<void> {
  if (req.method !== 'GET') return sendText(res, 405, 'Only GET is allowed here', 'text/plain; charset=utf-8');
  const answer = await downloadFor(options, cookieToken(req), (viewer) => make(options, viewer, url));
  if (!answer.ok) return sendText(res, statusOf(answer), answer.error.message, 'text/plain; charset=utf-8');
  const { body, type, filename, inline } = answer.value;
  sendText(res, 200, body, type, { 'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${filename.replace(/[^\w.-]/g, '_')}"` });
}

/** Handle a request that belongs to the web view; false when it is not the view's (the receiving endpoint's). */
export function viewRoutes(options: ViewOptions): (req: http.IncomingMessage, res: http.ServerResponse) => boolean {
  return (req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://district');
    } catch {
      return false;
    }
    const p = url.pathname;
    if (p.startsWith('/api/') && !p.startsWith(VIEW_API_PREFIX)) return false;
    const work = Promise.resolve().then(() => (p.startsWith(VIEW_API_PREFIX) ? handleCall(options, req, res, decodeURIComponent(p.slice(VIEW_API_PREFIX.length)))
      : p.startsWith(CSV_PREFIX) ? download(options, req, res, url, csvDownload)
      : p.startsWith(FILE_PREFIX) ? download(options, req, res, url, originalFile)
      : serveStatic(options.staticDir, req, res, p)));
    work.catch((err) => {
      if (err instanceof URIError && !res.headersSent) return sendText(res, 400, 'That address is not valid', 'text/plain; charset=utf-8');
      console.error('[district view] request failed:', err);
      if (!res.headersSent) sendText(res, 500, 'Something went wrong in the district server; the details are in its log.', 'text/plain; charset=utf-8');
    });
    return true;
  };
}
