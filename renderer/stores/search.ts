import { create } from 'zustand';

export interface SearchFilters {
  query: string;
  /** '' means any. */
  leaderId: string;
  schoolId: string;
  from: string;
  to: string;
  tag: string;
}

export const NO_FILTERS: SearchFilters = { query: '', leaderId: '', schoolId: '', from: '', to: '', tag: '' };

/**
 * What the person is searching for, kept while they open a result and come back. focusRequest
 * grows each time the shortcut is pressed, so the search box takes focus even when already shown.
 */
export const useSearch = create<{ filters: SearchFilters; focusRequest: number }>(() => ({ filters: NO_FILTERS, focusRequest: 0 }));

export function setSearchFilter<K extends keyof SearchFilters>(key: K, value: SearchFilters[K]): void {
  useSearch.setState((s) => ({ filters: { ...s.filters, [key]: value } }));
}

export function requestSearchFocus(): void {
  useSearch.setState((s) => ({ focusRequest: s.focusRequest + 1 }));
}
