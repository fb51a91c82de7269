import { useCallback, useEffect, useRef, useState } from 'react';
import { announceAllTablesChanged, call, onCoreLocked } from '../api';
import { flushDrafts } from './drafts';
import { flushAutosaves } from './useAutosave';
import type { Find } from './outcomeFocus';

const LOCKED = 'fieldbook.locked';
/** Set once this session has been opened (or needed no passphrase): a new start with a passphrase begins locked. */
const OPENED = 'fieldbook.opened';
const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
/** The last use of any Fieldbook window or tab (they share one core, so one is idle only when all are). */
const LAST_USE = 'fieldbook.lastUse';
/** How often to look at the clock; the lock comes at most this late while the window is shown. */
const CHECK_MS = 5000;

/**
 * Lock the window after `minutes` without a key press, click or pointer move (0: never), and the
 * core with it (it then refuses every call about the data). The locked state outlives a reload,
 * and with a passphrase set a fresh start of Fieldbook begins locked, so neither reloading nor
 * restarting gets round it. `hasPassphrase` is undefined until the settings have loaded.
 */
export function useIdleLock(minutes: number, hasPassphrase: boolean | undefined) {
  const [locked, setLocked] = useState(() => sessionStorage.getItem(LOCKED) === '1');
  const isLocked = useRef(locked);
  const lastActivity = useRef(Date.now());
  // Bumped by each lock and unlock: a lock whose saves finish after an unlock does not lock the core again.
  const turn = useRef(0);
  // Where the person was when the window locked: where the focus goes back to on unlock.
  const focusBefore = useRef<HTMLElement | null>(null);
  const show = useCallback(() => {
    if (!isLocked.current) focusBefore.current = document.activeElement as HTMLElement | null;
    sessionStorage.setItem(LOCKED, '1');
    isLocked.current = true;
    setLocked(true);
  }, []);
  // The window hides at once; the core locks once what was just typed is saved (or could not be).
  const lock = useCallback(() => {
    if (isLocked.current) return;
    show();
    const mine = ++turn.current;
    void Promise.allSettled([flushAutosaves(), flushDrafts()]).then(() => {
      if (mine === turn.current && isLocked.current) void call('lockNow');
    });
  }, [show]);
  // The core has checked the passphrase (LockScreen): everything refused while locked loads again,
  // and the focus goes back where it was (or to the page's content).
  const unlock = useCallback((): Find => {
    sessionStorage.removeItem(LOCKED);
    sessionStorage.setItem(OPENED, '1');
    lastActivity.current = Date.now();
    localStorage.setItem(LAST_USE, String(lastActivity.current));
    isLocked.current = false;
    turn.current++;
    setLocked(false);
    announceAllTablesChanged();
    const before = focusBefore.current;
    return () => (before?.isConnected && before !== document.body ? before : document.getElementById('main'));
  }, []);
  // Locked elsewhere (another window, or a fresh start of the core with a passphrase): show the lock.
  useEffect(() => onCoreLocked(show), [show]);

  useEffect(() => {
    if (hasPassphrase === undefined || sessionStorage.getItem(OPENED) === '1') return;
    if (hasPassphrase) lock();
    else sessionStorage.setItem(OPENED, '1');
  }, [hasPassphrase, lock]);

  useEffect(() => {
    const seen = () => {
      const now = Date.now();
      // Told to the other windows now and then, not on every pointer move.
      if (now - lastActivity.current > 1000) localStorage.setItem(LAST_USE, String(now));
      lastActivity.current = now;
    };
    const lastUse = () => Math.max(lastActivity.current, Number(localStorage.getItem(LAST_USE)) || 0);
    const check = () => minutes > 0 && !isLocked.current && Date.now() - lastUse() >= minutes * 60_000 && lock();
    for (const e of ACTIVITY) window.addEventListener(e, seen, { passive: true });
    // Timers sleep with the laptop and slow down in a hidden window: look again as soon as it is back.
    document.addEventListener('visibilitychange', check);
    window.addEventListener('focus', check);
    const timer = minutes > 0 ? setInterval(check, CHECK_MS) : undefined;
    return () => {
      for (const e of ACTIVITY) window.removeEventListener(e, seen);
      document.removeEventListener('visibilitychange', check);
      window.removeEventListener('focus', check);
      clearInterval(timer);
    };
  }, [minutes, lock]);

  return { locked, lock, unlock, show };
}
