import { useCallback, useEffect, useRef, useState } from 'react';

const KEY = 'fieldbook.locked';
const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
/** How often to look at the clock; the lock comes at most this late. */
const CHECK_MS = 5000;

/**
 * Lock the window after `minutes` without a key press, click or pointer move (0: never). The
 * locked state outlives a reload of the page, so reloading is no way around it.
 */
export function useIdleLock(minutes: number) {
  const [locked, setLocked] = useState(() => sessionStorage.getItem(KEY) === '1');
  const lastActivity = useRef(Date.now());
  const lock = useCallback(() => {
    sessionStorage.setItem(KEY, '1');
    setLocked(true);
  }, []);
  const unlock = useCallback(() => {
    sessionStorage.removeItem(KEY);
    lastActivity.current = Date.now();
    setLocked(false);
  }, []);

  useEffect(() => {
    const seen = () => (lastActivity.current = Date.now());
    for (const e of ACTIVITY) window.addEventListener(e, seen, { passive: true });
    const timer = minutes > 0 ? setInterval(() => Date.now() - lastActivity.current >= minutes * 60_000 && lock(), CHECK_MS) : undefined;
    return () => {
      for (const e of ACTIVITY) window.removeEventListener(e, seen);
      clearInterval(timer);
    };
  }, [minutes, lock]);

  return { locked, lock, unlock };
}
