import { CALL_NAMES, type CallInput, type CallName, type CallResult, type Envelope, type FieldbookClient, HTTP_API_PREFIX, SESSION_PATH, TABLES, type Table, TOKEN_HEADER } from '../shared/api';
import type { AppErrorShape } from '../shared/result';

/**
 * The renderer's only way to the core. In Electron the preload provides window.fieldbook over
 * IPC; in browser mode the same calls go over HTTP to the loopback bridge with the per-run token.
 * The token never travels in an address: the address Fieldbook prints or opens carries a one-time
 * code (#code=…), exchanged here for the token, which is then kept for this tab only.
 */

const TOKEN_KEY = 'fieldbook.token';

export async function sessionToken(loc: Location = window.location, storage: Storage = window.sessionStorage, fetchImpl: typeof fetch = (...a) => fetch(...a)): Promise<string | null> {
  const m = /[#&]code=([\w-]+)/.exec(loc.hash);
  if (!m) return storage.getItem(TOKEN_KEY);
  // Out of the address bar at once, so a reload or a bookmark never offers a spent code.
  history.replaceState(null, '', loc.pathname + loc.search);
  try {
    const res = await fetchImpl(SESSION_PATH, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: m[1] }) });
    const body = (await res.json()) as { token?: string };
    if (res.ok && body.token) storage.setItem(TOKEN_KEY, body.token);
  } catch {
    // The server is not there: the calls say so.
  }
  return storage.getItem(TOKEN_KEY);
}

export function httpClient(token: Promise<string | null> | string | null, fetchImpl: typeof fetch = (...a) => fetch(...a)): FieldbookClient {
  const client = {} as Record<CallName, (input?: unknown) => Promise<Envelope<unknown>>>;
  for (const name of CALL_NAMES) {
    client[name] = async (input) => {
      try {
        const body = JSON.stringify(input ?? {});
        const res = await fetchImpl(HTTP_API_PREFIX + name, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: (await token) ?? '' },
          body,
          // Lets a save sent while the tab closes still arrive (browsers cap keepalive bodies at 64 KB).
          keepalive: body.length < 60_000,
        });
        return (await res.json()) as Envelope<unknown>;
      } catch {
        return { ok: false, error: { code: 'unreachable', message: 'Fieldbook’s local server is not running. Start it again with npm start.' } };
      }
    };
  }
  return client as FieldbookClient;
}

type Listener = (tables: readonly Table[]) => void;
const listeners = new Set<Listener>();

/** Stores subscribe here to reload when a call reports which tables it changed. */
export function onTablesChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

let transport: FieldbookClient | null = null;
export function setTransport(client: FieldbookClient): void {
  transport = client;
}
/**
 * Pick the transport at start-up, before anything renders: the token must be read from the
 * address before the person (or the app's own routing) changes the fragment.
 */
export function initTransport(): void {
  transport ??= window.fieldbook ?? httpClient(sessionToken());
}
function current(): FieldbookClient {
  initTransport();
  return transport!;
}

export const isBrowserMode = (): boolean => !window.fieldbook;

type Args<N extends CallName> = undefined extends CallInput<N> ? [CallInput<N>?] : [CallInput<N>];

/** Screens that show these tables load again (another window changed them). */
export const announceTablesChanged = (tables: readonly Table[]): void => listeners.forEach((l) => l(tables));
/** After the core was locked: everything a screen shows is loaded again. */
export const announceAllTablesChanged = (): void => announceTablesChanged(TABLES);

/** The change numbers of this window's own saves: its screens already reloaded after them. */
const ownChanges = new Set<number>();
export const isOwnChange = (seq: number): boolean => ownChanges.has(seq);
export const forgetOwnChangesUpTo = (seq: number): void => ownChanges.forEach((s) => s <= seq && ownChanges.delete(s));

/**
 * In browser mode a tab belongs to one run of Fieldbook: after a restart its key no longer opens
 * the core (401), and after a stop nothing answers. Either way the session has ended.
 */
export type SessionEnd = 'restarted' | 'stopped';
const endListeners = new Set<(why: SessionEnd) => void>();
export function onSessionEnded(listener: (why: SessionEnd) => void): () => void {
  endListeners.add(listener);
  return () => endListeners.delete(listener);
}

const lockListeners = new Set<() => void>();
/** Told when the core refuses a call because Fieldbook is locked (by another window, or at start). */
export function onCoreLocked(listener: () => void): () => void {
  lockListeners.add(listener);
  return () => lockListeners.delete(listener);
}

/** Call the core; announces changed tables on success, and a locked core. */
export async function call<N extends CallName>(name: N, ...input: Args<N>): Promise<Envelope<CallResult<N>>> {
  const envelope = await current()[name](input[0]);
  if (envelope.ok && envelope.seq !== undefined) ownChanges.add(envelope.seq);
  if (envelope.ok && envelope.changed?.length) listeners.forEach((l) => l(envelope.changed!));
  if (!envelope.ok && envelope.error.code === 'app_locked') lockListeners.forEach((l) => l());
  if (!envelope.ok && isBrowserMode() && (envelope.error.code === 'unauthorized' || envelope.error.code === 'unreachable')) {
    const why = envelope.error.code === 'unauthorized' ? 'restarted' : 'stopped';
    endListeners.forEach((l) => l(why));
  }
  return envelope;
}

/** For loads where an error is not about a field: the value, or throw with the message to show. */
export async function load<N extends CallName>(name: N, ...input: Args<N>): Promise<CallResult<N>> {
  const r = await call(name, ...input);
  if (!r.ok) throw new CallError(r.error);
  return r.value;
}

export class CallError extends Error {
  constructor(readonly error: AppErrorShape) {
    super(error.message);
  }
}
