/** Timing helpers and the results table: p50 and p95 of repeated runs against a budget. */
export interface Row {
  size: string;
  operation: string;
  unit: 'ms' | 'x' | 'MB' | 's' | 'per s';
  p50: number;
  p95: number;
  /** The budget the p95 must stay within; null: reported only. */
  budget: number | null;
  samples: number;
  note?: string;
}

export const pass = (r: Row): boolean | null => (r.budget === null ? null : r.p95 <= r.budget);

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export const round = (n: number): number => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100);

export function summarise(size: string, operation: string, samples: number[], budget: number | null, unit: Row['unit'] = 'ms', note?: string): Row {
  return { size, operation, unit, p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), budget, samples: samples.length, note };
}

/**
 * One path against another measured in the same run, interleaved so that the machine's noise falls on
 * both: the ratio of their p50s and of their p95s (a ratio of each pair would multiply two samples'
 * noise instead of cancelling it). Budget: the p95 ratio stays under 2×.
 */
export function ratio(size: string, operation: string, slower: number[], faster: number[], note: string): Row {
  const at = (q: number) => round(percentile(slower, q) / percentile(faster, q));
  return { size, operation, unit: 'x', p50: at(50), p95: at(95), budget: 2, samples: slower.length, note };
}

/** Milliseconds one run of fn takes (awaited). */
export async function timed(fn: () => unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export async function sample(runs: number, fn: (i: number) => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push(await timed(() => fn(i)));
  return out;
}

export function table(rows: Row[]): string {
  const head = ['size', 'operation', 'p50', 'p95', 'budget (p95)', 'result'];
  const body = rows.map((r) => {
    const ok = pass(r);
    const unit = { ms: ' ms', x: '×', MB: ' MB', s: ' s', 'per s': '/s' }[r.unit];
    return [r.size, r.operation + (r.note ? ` (${r.note})` : ''), `${r.p50}${unit}`, `${r.p95}${unit}`,
      r.budget === null ? '—' : `${r.unit === 'x' ? '<' : '≤'} ${r.budget}${unit}`, ok === null ? 'report' : ok ? 'pass' : 'FAIL'];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...body.map(line)].join('\n');
}
