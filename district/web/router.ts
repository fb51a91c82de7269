import { useSyncExternalStore } from 'react';

/** Pages live in the address fragment (#/capacity?year=2025-07-01), so Back, Forward and bookmarks work. */
const read = () => (window.location.hash.startsWith('#/') ? window.location.hash.slice(1) : '/capacity');

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): { path: string; query: URLSearchParams } {
  const full = useSyncExternalStore(subscribe, read);
  const [path, search = ''] = full.split('?');
  return { path, query: new URLSearchParams(search) };
}

export function navigate(to: string): void {
  window.location.hash = to;
}

/** A page address with its filters (empty ones left out). */
export function pageHref(path: string, params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `#${path}${s ? `?${s}` : ''}`;
}
