import { create } from 'zustand';

/** The app's screens live in the address fragment (#/caseload), so Back and Forward work in both modes. */
const read = () => (window.location.hash.startsWith('#/') ? window.location.hash.slice(1) : '/dashboard');

export const useRoute = create<{ path: string }>(() => ({ path: read() }));
window.addEventListener('hashchange', () => useRoute.setState({ path: read() }));

export function navigate(path: string): void {
  window.location.hash = path;
  useRoute.setState({ path });
}

/** "/leaders/12" matched against "/leaders/:id" gives { id: "12" }. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const a = path.split('/');
  if (p.length !== a.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(a[i]);
    else if (p[i] !== a[i]) return null;
  }
  return params;
}
