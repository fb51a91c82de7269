import { type Freshness as FreshnessShape } from '../../contract/model';
import { day, plural } from '../format';

/** Where a figure comes from, how fresh it is, and who is and is not in it: said before the figure. */
export function freshnessLine(f: FreshnessShape): string {
  if (f.included.length === 0) return `No ${f.from} for this school year from ${f.missing.length ? 'any of the supervisors in view' : 'anyone yet'}.`;
  const parts = [`From ${f.from} up to ${day(f.newestExport)}, from ${plural(f.included.length, 'supervisor')}: ${f.included.map((s) => s.name).join(', ')}.`];
  if (f.missing.length) parts.push(`Nothing of this kind this year from ${f.missing.map((s) => s.name).join(', ')}.`);
  if (f.silent.length) {
    const who = f.silent.map((s) => (s.days === null ? `${s.name} (never)` : `${s.name} (${plural(s.days, 'day')})`)).join(', ');
    parts.push(`${f.silent.length === 1 ? '1 supervisor has' : `${f.silent.length} supervisors have`} sent nothing for 14 days or more: ${who}.`);
  }
  return parts.join(' ');
}

export function Freshness({ of }: { of: FreshnessShape }) {
  const stale = of.silent.length > 0 || of.missing.length > 0 || of.included.length === 0;
  return <p className={stale ? 'freshness freshness-stale' : 'freshness'}>{freshnessLine(of)}</p>;
}
