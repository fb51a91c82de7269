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

/** One request with a deadline. A network failure or timeout becomes 'unreachable'; never follows redirects (they could carry the password elsewhere). */
export async function request(url: string, init: { method: string; headers?: Record<string, string>; body?: Buffer }, options: DeliverOptions): Promise<HttpAnswer> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  try {
    const res = await fetch(url, {
      method: init.method,
      headers: init.headers,
      body: init.body ? new Uint8Array(init.body) : undefined,
      redirect: 'manual',
      signal: AbortSignal.any([deadline, options.signal]),
    });
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
  } catch (err) {
    if (deadline.aborted) throw new DeliveryError('unreachable', `${hostOf(url)} did not answer within ${Math.round(options.timeoutMs / 1000)} s`);
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new DeliveryError('unreachable', `Could not reach ${hostOf(url)} (${cause?.code ?? cause?.message ?? (err as Error).message})`);
  }
}

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
