import { useCallback, useEffect, useRef, useState } from 'react';
import type { Envelope } from '../../shared/api';
import { dropDraft, keepDraft, loadDraft } from './drafts';
import { fmt } from '../format';

export type SaveState =
  | { kind: 'saved'; at: Date | null }
  | { kind: 'saving' }
  | { kind: 'pending' }
  | { kind: 'failed'; message: string; retrying: boolean };

/** Wait this long after the last keystroke before saving: well inside the two-second promise. */
export const AUTOSAVE_DELAY_MS = 700;
const RETRY_MS = 3000;
/** Failures that pass: the core was unreachable, hit a fault, is locked, or its disk is full or failing. Anything else will fail again the same way. */
const TRANSIENT = new Set(['unreachable', 'internal', 'app_locked', 'disk_full', 'disk_read_only', 'disk_error']);

/** Every editor's save-now, so locking Fieldbook can first save what was just typed. */
const editors = new Set<() => Promise<void>>();
export const flushAutosaves = (): Promise<unknown> => Promise.all([...editors].map((f) => f()));

/**
 * Save text while the person types: shortly after the last keystroke, at once on blur or when
 * the editor goes away, and again every few seconds if the core could not be reached. Saves
 * never overlap; the newest text always wins. With a keepKey, text the core refused is kept as a
 * draft and shown again (and checked again) when the editor comes back, so leaving a field with a
 * refused value does not throw the typing away.
 */
export function useAutosave(initial: string, save: (text: string) => Promise<Envelope<unknown>>, keepKey?: string) {
  const draftKey = keepKey ? `refused.${keepKey}` : null;
  const [text, setText] = useState(initial);
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: null });
  const latest = useRef(initial);
  const savedText = useRef(initial);
  // A refused text is kept as a draft: dropped once something is saved in its place.
  const keptRefused = useRef(false);
  const inFlight = useRef<Promise<void> | null>(null);
  // Text the core refused for good (a value out of range, a locked record): sent again only once it is edited.
  const refused = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveRef = useRef(save);
  saveRef.current = save;

  const flush = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (inFlight.current) await inFlight.current;
    if (latest.current === savedText.current || latest.current === refused.current) return;
    const attempt = latest.current;
    setState({ kind: 'saving' });
    inFlight.current = (async () => {
      const r = await saveRef.current(attempt);
      if (r.ok) {
        savedText.current = attempt;
        if (draftKey && keptRefused.current) {
          keptRefused.current = false;
          dropDraft(draftKey);
        }
        setState(latest.current === attempt ? { kind: 'saved', at: new Date() } : { kind: 'pending' });
      } else {
        const retry = TRANSIENT.has(r.error.code);
        setState({ kind: 'failed', message: r.error.message, retrying: retry });
        if (retry) timer.current = setTimeout(() => void flush(), RETRY_MS);
        else {
          refused.current = attempt;
          if (draftKey) {
            keptRefused.current = true;
            keepDraft(draftKey, attempt);
          }
        }
      }
    })();
    await inFlight.current;
    inFlight.current = null;
    if (latest.current !== savedText.current && latest.current !== refused.current && !timer.current) timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
  }, []);

  const change = useCallback((next: string) => {
    latest.current = next;
    setText(next);
    setState((s) => (s.kind === 'failed' ? s : { kind: 'pending' }));
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
  }, [flush]);

  useEffect(() => {
    editors.add(flush);
    return () => void editors.delete(flush);
  }, [flush]);

  // Text refused last time is put back (unless typing has begun) and checked again at once, so its message shows.
  useEffect(() => {
    if (!draftKey) return;
    let current = true;
    void loadDraft<string>(draftKey).then((kept) => {
      if (!current || typeof kept !== 'string' || latest.current !== savedText.current) return;
      keptRefused.current = true;
      latest.current = kept;
      setText(kept);
      setState({ kind: 'pending' });
      void flush();
    });
    return () => {
      current = false;
    };
  }, [draftKey, flush]);

  // Leaving the screen or closing the window still saves what was typed. On unload there is no
  // time to wait for a save already under way: send the newest text at once (the last save wins).
  useEffect(() => {
    const beforeUnload = () => {
      if (latest.current !== savedText.current) void saveRef.current(latest.current);
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      void flush();
    };
  }, [flush]);

  return { text, change, flush, state };
}

export function saveStateLabel(s: SaveState): string {
  switch (s.kind) {
    case 'saved': return s.at ? `Saved at ${fmt().time(s.at.toISOString())}` : 'Saved';
    case 'saving': return 'Saving…';
    // Typed and about to be saved (within a second): to the person it is already saving.
    case 'pending': return 'Saving…';
    case 'failed': return s.retrying ? `Not saved yet: ${s.message} Trying again…` : `Not saved: ${s.message}`;
  }
}
