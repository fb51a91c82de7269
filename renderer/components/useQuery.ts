import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallInput, CallName, CallResult, Table } from '../../shared/api';
import { call, onTablesChanged } from '../api';

/**
 * A number that moves whenever a mutation reports a change to one of `tables`: the one way a
 * screen's own loads know to load again (useQuery below; effects that load several calls at once).
 */
export function useTablesVersion(tables: readonly Table[]): number {
  const [version, setVersion] = useState(0);
  const key = tables.join(',');
  useEffect(() => {
    const wanted = new Set(key.split(','));
    return onTablesChanged((changed) => {
      if (changed.some((t) => wanted.has(t))) setVersion((v) => v + 1);
    });
  }, [key]);
  return version;
}

/**
 * Load one call's result for a screen, and load it again whenever a mutation reports a change
 * to one of `tables`. For data that belongs to one screen (a week of visits, one visit).
 */
export function useQuery<N extends CallName>(name: N, input: CallInput<N>, tables: readonly Table[]) {
  const [data, setData] = useState<CallResult<N> | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A call may answer null on purpose (no plan yet): loaded tells that apart from "still loading".
  const [loaded, setLoaded] = useState(false);
  const key = JSON.stringify(input);
  const version = useTablesVersion(tables);
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++latest.current;
    const r = await call(name, JSON.parse(key) as CallInput<N>);
    if (mine !== latest.current) return;
    setLoaded(true);
    if (r.ok) {
      setData(r.value);
      setError(null);
    } else setError(r.error.message);
  }, [name, key]);
  useEffect(() => {
    void reload();
  }, [reload, version]);
  return { data, loaded, error, reload };
}
