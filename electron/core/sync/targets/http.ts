import http from 'node:http';
import https from 'node:https';
import { version } from '../../../../package.json';
import { agentFor, certificateProblem } from './trust';
import { DeliveryError, type DeliverOptions, type TargetConfig } from './types';

export interface HttpAnswer {
  status: number;
  body: Buffer;
}

export function authHeaders(target: TargetConfig): Record<string, string> {
  if (target.auth === 'basic') return { Authorization: `Basic ${Buffer.from(`${target.username ?? ''}:${target.secret ?? ''}`).toString('base64')}` };
  if (target.auth === 'bearer') return { Authorization: `Bearer ${target.secret ?? ''}` };
  return {};
}

const hostOf = (url: string) => new URL(url).host;

/** Who is asking, as every request says: the district's logs can tell Fieldbook's versions apart. */
const USER_AGENT = `Fieldbook/${version} (${process.platform}; ${process.arch})`;

/**
 * One request with a deadline, over Node's own http and https so a target can trust a certificate
 * authority of its own. A network failure or timeout becomes 'unreachable'; a certificate this
 * computer does not trust stops the target with the problem in words. Never follows redirects
 * (they could carry the password elsewhere).
 */
export function request(url: string, init: { method: string; headers?: Record<string, string>; body?: Buffer }, options: DeliverOptions): Promise<HttpAnswer> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const agent = secure ? agentFor(options.caFile ?? null) : undefined;
  if (agent && 'problem' in agent) return Promise.reject(new DeliveryError('refused', agent.problem));
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const headers = { 'User-Agent': USER_AGENT, ...init.headers, ...(init.body ? { 'Content-Length': String(init.body.length) } : {}) };
  return new Promise<HttpAnswer>((resolve, reject) => {
    const req = (secure ? https : http).request(target, { method: init.method, headers, agent, signal: AbortSignal.any([deadline, options.signal]) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', fail);
      // A connection dropped mid-answer: never left waiting (a settled promise ignores this after 'end').
      res.on('close', () => {
        if (!res.complete) fail(Object.assign(new Error('the connection closed mid-answer'), { code: 'ECONNRESET' }));
      });
    });
    function fail(err: NodeJS.ErrnoException) {
      if (deadline.aborted) return reject(new DeliveryError('unreachable', `${hostOf(url)} did not answer within ${Math.round(options.timeoutMs / 1000)} s`));
      const certificate = certificateProblem(err.code, target.hostname);
      if (certificate) return reject(new DeliveryError('refused', certificate));
      reject(new DeliveryError('unreachable', `Could not reach ${hostOf(url)} (${err.code ?? err.message})`));
    }
    req.on('error', fail);
    req.end(init.body);
  });
}

/** The start of a server's answer, quoted in a message: one line, at most 200 characters. */
export const quoteAnswer = (body: Buffer): string => {
  const text = body.toString('utf8').replace(/\s+/g, ' ').trim();
  return text ? `“${text.length > 200 ? `${text.slice(0, 200)}…` : text}”` : 'nothing';
};

/** A status that is not success, as a failure the person can act on. */
export function failureFor(status: number, url: string, kind: 'webdav' | 'https' = 'webdav'): DeliveryError {
  const host = hostOf(url);
  if (kind === 'https' && (status === 404 || status === 405)) return new DeliveryError('refused', `${host} has no export service at this address (${status}). Check the address in this target's settings`);
  if (status >= 500 || status === 408 || status === 425 || status === 429) return new DeliveryError('busy', `${host} could not take the export right now (${status}); Fieldbook will try again`);
  if (status === 401) return new DeliveryError('refused', `${host} refused the user name, password or token (401). Check them in this target's settings`);
  if (status === 403) return new DeliveryError('refused', `${host} does not allow this account to write there (403). Ask the district for access, or choose another folder`);
  if (kind === 'webdav' && (status === 404 || status === 409)) return new DeliveryError('refused', `${host} has no folder at this address (${status}). Check the address in this target's settings`);
  if (status >= 300 && status < 400) return new DeliveryError('refused', `${host} sends Fieldbook to another address (${status}). Enter the final address in this target's settings`);
  return new DeliveryError('refused', `${host} refused the export (${status}). Check this target's settings`);
}

export const isSuccess = (status: number) => status >= 200 && status < 300;
