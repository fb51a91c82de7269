import type { Result } from '../../shared/result';
import type { ViewCallName, ViewInput, ViewResult } from '../contract/contract';
import { CSRF_HEADER, VIEW_API_PREFIX } from '../contract/routes';

/**
 * The web view's one way to the server: POST /api/view/<call> with the session cookie (sent by the
 * browser, unreadable here) and the session's CSRF token in a header.
 */

let csrfToken = '';
export const setCsrfToken = (token: string): void => {
  csrfToken = token;
};

export type Transport = (name: ViewCallName, input: unknown, headers: Record<string, string>) => Promise<Result<unknown>>;

const overHttp: Transport = async (name, input, headers) => {
  try {
    const res = await fetch(VIEW_API_PREFIX + name, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(input ?? {}),
    });
    return (await res.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: { code: 'unreachable', message: 'The district server cannot be reached. Check your connection and reload the page.' } };
  }
};

let transport: Transport = overHttp;
/** For tests: the same calls without HTTP. */
export const setTransport = (t: Transport): void => {
  transport = t;
};

const listeners = new Set<() => void>();
/** Told when the server says the session has ended, so the sign-in page comes back. */
export const onSignedOut = (l: () => void): (() => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export async function call<N extends ViewCallName>(name: N, input: ViewInput<N>): Promise<Result<ViewResult<N>>> {
  const r = (await transport(name, input, csrfToken ? { [CSRF_HEADER]: csrfToken } : {})) as Result<ViewResult<N>>;
  if (!r.ok && r.error.code === 'not_signed_in') listeners.forEach((l) => l());
  return r;
}
