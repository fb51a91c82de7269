import { formatMeasure, GOAL_STATUS_LABELS, quarterLabel } from '../../../shared/cta/vocabulary';
import type { CtaAction, CtaGoal, CtaGoalWithHistory } from '../../../shared/cta/model';

const W = 360;
const H = 150;
const PAD = { left: 40, right: 92, top: 12, bottom: 26 };
const SLOTS = ['Baseline', 'Q1', 'Q2', 'Q3', 'Q4'];

/** What a person hears for the chart: every number it draws, in words. */
export function trendDescription(goal: CtaGoalWithHistory): string {
  const f = (v: string | null) => formatMeasure(goal.measureType, v, goal.unit);
  const points = goal.history.map((p) => `${quarterLabel(p.quarter)} ${f(p.value)}${p.status ? ` (${GOAL_STATUS_LABELS[p.status].toLowerCase()})` : ''}`);
  return [`Baseline ${f(goal.baseline)}`, ...points, `mid-year benchmark ${f(goal.benchmark)}`, `target ${f(goal.target)}`].join(', ');
}

/**
 * A goal's year on one small chart, in plain SVG so it draws the same in Electron and browser
 * mode: the baseline and each quarter's value (coloured by status), with the benchmark and the
 * target as lines to aim at. Words-only measures have no chart, only their status history.
 */
export function TrendChart({ goal }: { goal: CtaGoalWithHistory }) {
  if (goal.measureType === 'text') return null;
  const num = (v: string | null) => (v === null || v === '' ? null : Number(v));
  const values: (number | null)[] = [num(goal.baseline), ...[1, 2, 3, 4].map((q) => num(goal.history.find((p) => p.quarter === q)?.value ?? null))];
  const guides = [num(goal.benchmark), num(goal.target)];
  const all = [...values, ...guides].filter((v): v is number => v !== null);
  if (all.length === 0) return <p className="hint">No numbers yet: the chart appears once a baseline or value is recorded.</p>;
  let lo = goal.measureType === 'percentage' ? 0 : Math.min(...all);
  let hi = goal.measureType === 'percentage' ? 100 : Math.max(...all);
  if (goal.measureType === 'percentage') {
    // Zoom to the data, but keep the scale honest: whole tens around it.
    lo = Math.max(0, Math.floor(Math.min(...all) / 10) * 10 - 10);
    hi = Math.min(100, Math.ceil(Math.max(...all) / 10) * 10 + 10);
  }
  if (hi === lo) hi = lo + 1;
  const x = (i: number) => PAD.left + (i * (W - PAD.left - PAD.right)) / (SLOTS.length - 1);
  const y = (v: number) => PAD.top + ((hi - v) * (H - PAD.top - PAD.bottom)) / (hi - lo);
  const points = values.map((v, i) => (v === null ? null : { x: x(i), y: y(v), i })).filter((p): p is { x: number; y: number; i: number } => p !== null);
  const statusOf = (i: number) => (i === 0 ? null : goal.history.find((p) => p.quarter === i)?.status ?? null);
  const f = (v: number) => formatMeasure(goal.measureType, String(v), '');
  return (
    <svg className="trend" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Trend for ${goal.title}: ${trendDescription(goal)}`}>
      <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="axis" />
      <text x={PAD.left - 6} y={y(hi) + 4} className="tick" textAnchor="end">{f(hi)}</text>
      <text x={PAD.left - 6} y={y(lo) + 4} className="tick" textAnchor="end">{f(lo)}</text>
      {SLOTS.map((s, i) => <text key={s} x={x(i)} y={H - 8} className="tick" textAnchor="middle">{s}</text>)}
      {([['benchmark', guides[0], -1], ['target', guides[1], 1]] as const).map(([name, v, side]) => {
        if (v === null) return null;
        // Benchmark and target close together: move their labels apart, benchmark up, target down.
        const close = guides[0] !== null && guides[1] !== null && Math.abs(y(guides[0]) - y(guides[1])) < 11;
        const below = guides[0] !== null && guides[1] !== null && y(guides[0]) > y(guides[1]) ? -1 : 1;
        return (
          <g key={name} className={`guide guide-${name}`}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text x={W - PAD.right + 4} y={y(v) + 4 + (close ? 6 * side * below : 0)}>{name === 'target' ? 'Target' : 'Benchmark'} {f(v)}</text>
          </g>
        );
      })}
      {points.length > 1 && <polyline className="series" points={points.map((p) => `${p.x},${p.y}`).join(' ')} />}
      {points.map((p) => <circle key={p.i} cx={p.x} cy={p.y} r={4.5} className={`dot dot-${statusOf(p.i) ?? 'none'}`} />)}
    </svg>
  );
}

/** "Q1 On track · Q2 At risk" */
export function StatusHistory({ goal }: { goal: CtaGoalWithHistory }) {
  const withStatus = goal.history.filter((p) => p.status);
  if (withStatus.length === 0) return <p className="hint">No status recorded yet this year.</p>;
  return (
    <ol className="status-history" aria-label={`Status history for ${goal.title}`}>
      {withStatus.map((p) => (
        <li key={p.quarter}>{quarterLabel(p.quarter)} <StatusChip status={p.status} /></li>
      ))}
    </ol>
  );
}

export function StatusChip({ status }: { status: CtaGoalWithHistory['latestStatus'] }) {
  return <span className={`status status-${status ?? 'none'}`}>{status ? GOAL_STATUS_LABELS[status] : 'No status yet'}</span>;
}

/** "Baseline 38% → mid-year benchmark 44% → target 50%" */
export function GoalTargets({ goal }: { goal: CtaGoal }) {
  const f = (v: string | null) => formatMeasure(goal.measureType, v, goal.unit);
  return <p>Baseline {f(goal.baseline)} → mid-year benchmark {f(goal.benchmark)} → target {f(goal.target)}</p>;
}

/** "Weekly walkthroughs — Principal (Sept–Dec)" */
export const actionLine = (a: CtaAction): string => `${a.description}${a.owner ? ` — ${a.owner}` : ''}${a.timeline ? ` (${a.timeline})` : ''}`;
