import { useEffect } from 'react';
import { navigate, useRoute } from '../router';
import { requestSearchFocus } from '../stores/search';

export const isMac = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
/** How the shortcut is written for this computer. */
export const searchShortcutLabel = (): string => (isMac() ? '⌘K' : 'Ctrl+K');

const isSearchKey = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k';

/** Ctrl+K (⌘K on a Mac) from any screen opens Search with the cursor in the search box. */
export function useSearchShortcut(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isSearchKey(e)) return;
      e.preventDefault();
      requestSearchFocus();
      if (useRoute.getState().path !== '/search') navigate('/search');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
