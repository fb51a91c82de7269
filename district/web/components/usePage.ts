import { useEffect, useState } from 'react';
import type { ViewCallName, ViewInput, ViewResult } from '../../contract/contract';
import { call } from '../api';

/** One page's one call: loaded again whenever its input changes. */
export function usePage<N extends ViewCallName>(name: N, input: ViewInput<N>) {
  const [state, setState] = useState<{ data: ViewResult<N> | null; problem: { message: string; field?: string } | null; loading: boolean }>({ data: null, problem: null, loading: true });
  const key = JSON.stringify(input);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    void call(name, JSON.parse(key) as ViewInput<N>).then((r) => {
      if (!live) return;
      setState(r.ok ? { data: r.value, problem: null, loading: false } : { data: null, problem: { message: r.error.message, field: r.error.field }, loading: false });
    });
    return () => {
      live = false;
    };
  }, [name, key]);
  return state;
}
