import { useEffect, useMemo } from 'react';
import type { FrameworkInfo } from '../../shared/settings/model';
import { load } from '../api';
import { type DomainState, domainStore } from './domainStore';

const store = domainStore(['frameworks'], () => load('listFrameworks'));

/**
 * Every leadership framework, shipped and imported, with its elements and whether it is used for
 * tagging. Reloads when a call changes 'frameworks'; a screen that shows frameworks loads them
 * when it mounts, so Settings and the tag picker never show another session's list.
 */
export const useFrameworks = Object.assign(function useFrameworks<T>(selector: (s: DomainState<FrameworkInfo[]>) => T): T {
  useEffect(() => {
    void store.getState().reload();
  }, []);
  return store(selector);
}, store);

/** The frameworks offered for tagging, in Settings' order. */
export const activeFrameworks = (frameworks: readonly FrameworkInfo[] | null): FrameworkInfo[] => (frameworks ?? []).filter((f) => f.active);

/** For the tag picker: the active frameworks, loaded on mount and kept current. */
export function useActiveFrameworks(): FrameworkInfo[] {
  const frameworks = useFrameworks((s) => s.data);
  return useMemo(() => activeFrameworks(frameworks), [frameworks]);
}
