import { useCallback, useEffect, useRef, useState } from 'react';
import type { NextStepQuery } from '../../../shared/visits/contract';
import type { NextStep } from '../../../shared/visits/model';
import { call, onTablesChanged } from '../../api';
import { CADENCE_TABLES } from '../../stores/cadence';

/** Rows asked for at a time; pages are fetched half a page ahead of what is drawn, so Tab never runs into a row still loading. */
export const PAGE = 100;
const AHEAD = PAGE / 2;

interface Loaded { generation: number; key: string; total: number; overdue: number; pages: Map<number, NextStep[]> }

/**
 * The Next steps screen's list, filtered in the core and loaded a page at a time as it scrolls:
 * `rows` has one entry per matching step (null while its page is on the way), so the list is as
 * long as the total from the first answer and each row knows its place in it.
 */
export function useNextStepPages(filter: NextStepQuery) {
  const key = JSON.stringify(filter);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<{ text: string; field?: string } | null>(null);
  const generation = useRef(0);
  const asked = useRef(new Set<number>());
  const shown = useRef({ start: 0, end: PAGE });
  /** After a change to the steps (not the filters), other pages still hold until they are asked for again. */
  const keepOld = useRef(false);

  const fetchPage = useCallback(async (page: number, mine: number) => {
    asked.current.add(page);
    const r = await call('listNextStepsPage', { ...(JSON.parse(key) as NextStepQuery), offset: page * PAGE, limit: PAGE });
    if (mine !== generation.current) return; // the filters changed while it was on the way
    if (!r.ok) {
      asked.current.delete(page); // asked again when it is next in view
      setError({ text: r.error.message, field: r.error.field });
      // A filter the core refused matches nothing: no rows of the last filters stay as if they did.
      if (r.error.field) setLoaded({ generation: mine, key, total: 0, overdue: 0, pages: new Map() });
      return;
    }
    setError(null);
    setLoaded((l) => {
      // Until the first answer for new filters the old rows stay on screen; after a change to the
      // steps, the other pages of the same filters hold until they are asked for again.
      const pages = new Map(l && (l.generation === mine || (keepOld.current && l.key === key)) ? l.pages : []);
      pages.set(page, r.value.steps);
      // A fresh answer's total wins: steps may have been marked done or added meanwhile.
      return { generation: mine, key, total: r.value.total, overdue: r.value.overdue, pages };
    });
  }, [key]);

  const want = useCallback((start: number, end: number, mine = generation.current) => {
    shown.current = { start, end };
    const first = Math.floor(Math.max(0, start - AHEAD) / PAGE);
    const last = Math.floor((end + AHEAD) / PAGE);
    for (let p = first; p <= last; p++) if (!asked.current.has(p)) void fetchPage(p, mine);
  }, [fetchPage]);

  // New filters, or a change to what the list reads: start again from the rows on screen (and the
  // first page, which the count comes with).
  const restart = useCallback((keepRows: boolean) => {
    const mine = ++generation.current;
    asked.current = new Set();
    keepOld.current = keepRows;
    const { start, end } = shown.current;
    want(0, PAGE, mine);
    want(start, end, mine);
  }, [want]);

  useEffect(() => {
    restart(false);
    return onTablesChanged((changed) => {
      if (changed.some((t) => CADENCE_TABLES.includes(t))) restart(true);
    });
  }, [restart]);

  const rows: (NextStep | null)[] = loaded
    ? Array.from({ length: loaded.total }, (_, i) => loaded.pages.get(Math.floor(i / PAGE))?.[i % PAGE] ?? null)
    : [];
  const busy = loaded === null || loaded.generation !== generation.current;
  return { rows, total: loaded?.total ?? null, overdue: loaded?.overdue ?? 0, busy, error, onRange: want };
}
