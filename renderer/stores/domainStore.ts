import { create } from 'zustand';
import type { Table } from '../../shared/api';
import { onTablesChanged } from '../api';

export interface DomainState<T> {
  data: T | null;
  /** false until the first load has finished (data may legitimately be null after it). */
  loaded: boolean;
  error: string | null;
  reload: () => Promise<void>;
}

/**
 * One zustand store per domain: what its screens show, reloaded whenever the core reports a
 * change to one of the tables it reads.
 */
export function domainStore<T>(tables: readonly Table[], fetch: () => Promise<T>) {
  let pending = 0;
  const store = create<DomainState<T>>((set) => ({
    data: null,
    loaded: false,
    error: null,
    reload: async () => {
      const mine = ++pending;
      try {
        const data = await fetch();
        if (mine === pending) set({ data, loaded: true, error: null });
      } catch (err) {
        if (mine === pending) set({ loaded: true, error: err instanceof Error ? err.message : String(err) });
      }
    },
  }));
  onTablesChanged((changed) => {
    if (changed.some((t) => tables.includes(t))) void store.getState().reload();
  });
  return store;
}
