import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const newToken = (): string => crypto.randomBytes(32).toString('base64url');

export function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * DNS-rebinding defence: a page on another site that resolves its name to 127.0.0.1 still sends
 * its own Host and Origin. Only the exact loopback address we serve is accepted.
 */
export function loopbackProblem(req: IncomingMessage, port: number): string | null {
  const host = `127.0.0.1:${port}`;
  if (req.headers.host !== host) return `Host must be ${host}`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return `Origin ${origin} is not allowed`;
  return null;
}
