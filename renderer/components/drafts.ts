import { call } from '../api';

/**
 * Drafts of what is being typed, kept by the core (never in the browser's storage, which any tab
 * at the app's address could read and which browser mode lost with each new port). A pause in
 * typing sends one save; one the core could not take (unreachable, locked, a full disk) is sent
 * again a little later; closing the window or locking Fieldbook sends what is waiting at once.
 * Saves of one draft go one at a time, so the newest always lands last.
 */
const PAUSE_MS = 300;
const RETRY_MS = 3000;

interface Slot {
  /** What to write next: a value, or null to discard the draft. */
  next: { value: unknown } | null | undefined;
  timer: ReturnType<typeof setTimeout> | null;
  sending: Promise<void> | null;
}
const slots = new Map<string, Slot>();
const slot = (key: string): Slot => {
  let s = slots.get(key);
  if (!s) slots.set(key, (s = { next: undefined, timer: null, sending: null }));
  return s;
};

async function send(key: string): Promise<void> {
  const s = slot(key);
  if (s.timer) clearTimeout(s.timer);
  s.timer = null;
  while (s.sending) await s.sending;
  if (s.next === undefined) return;
  const next = s.next;
  s.next = undefined;
  s.sending = (async () => {
    const r = next === null ? await call('discardDraft', { key }) : await call('saveDraft', { key, value: next.value });
    // Not taken (and nothing newer since): try again later. A refusal of the draft itself (too large) is not retried.
    if (!r.ok && s.next === undefined && r.error.code !== 'invalid_input') {
      s.next = next;
      s.timer = setTimeout(() => void send(key), RETRY_MS);
    }
  })();
  await s.sending;
  s.sending = null;
}

/** The draft kept under key, or null (none, or the core cannot say right now). */
export async function loadDraft<T>(key: string): Promise<T | null> {
  const pending = slots.get(key)?.next;
  if (pending !== undefined) return pending === null ? null : (pending.value as T);
  const r = await call('getDraft', { key });
  return r.ok && r.value ? (r.value.value as T) : null;
}

/** Keep value as the draft under key, once typing pauses. */
export function keepDraft(key: string, value: unknown): void {
  const s = slot(key);
  s.next = { value };
  if (s.timer) clearTimeout(s.timer);
  s.timer = setTimeout(() => void send(key), PAUSE_MS);
}

/** The form was saved or cleared: its draft goes. */
export function dropDraft(key: string): void {
  slot(key).next = null;
  void send(key);
}

/** Send every waiting draft now (before the window closes, or Fieldbook locks). */
export const flushDrafts = (): Promise<unknown> => Promise.all([...slots.keys()].map(send));

if (typeof window !== 'undefined') window.addEventListener('beforeunload', () => void flushDrafts());
