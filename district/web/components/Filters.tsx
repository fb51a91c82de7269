import { NEED_TIER_LABELS, NEED_TIERS, SCHOOL_LEVEL_LABELS, SCHOOL_LEVELS } from '../../../shared/vocabulary';
import type { PageFilter } from '../../contract/contract';
import type { PageFrame } from '../../contract/model';
import { day } from '../format';
import { navigate, pageHref } from '../router';
import { SelectField } from './Field';

/** The filters a page's address carries: ?year=2025-07-01&supervisorId=3&level=middle&needTier=high */
export function filterFromQuery(q: URLSearchParams): PageFilter {
  const f: Record<string, unknown> = {};
  if (q.get('year')) f.year = q.get('year');
  if (q.get('supervisorId')) f.supervisorId = /^\d+$/.test(q.get('supervisorId')!) ? Number(q.get('supervisorId')) : q.get('supervisorId');
  if (q.get('level')) f.level = q.get('level');
  if (q.get('needTier')) f.needTier = q.get('needTier');
  return f as PageFilter;
}

/** The page's title, its school year (previous and next one click away) and its filters. */
export function PageHeader({ title, path, frame, filter, problem }: {
  title: string; path: string; frame: PageFrame | null; filter: PageFilter; problem: { message: string; field?: string } | null;
}) {
  const go = (change: Partial<Record<keyof PageFilter, string | number | undefined>>) => navigate(pageHref(path, { ...filter, ...change }).slice(1));
  const years = frame?.years ?? [];
  const at = frame ? years.findIndex((y) => y.start === frame.year.start) : -1;
  const older = at >= 0 ? years[at + 1] : undefined;
  const newer = at > 0 ? years[at - 1] : undefined;
  const fieldError = (f: string) => (problem?.field === f ? problem.message : undefined);
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {frame && <p className="subtitle">School year {frame.year.label} · figures as of {day(frame.asOf)}</p>}
      <nav className="years" aria-label="School years">
        {older ? <a href={pageHref(path, { ...filter, year: older.start })}>← {older.label}</a> : <span className="hint">No earlier year</span>}
        {newer && <a href={pageHref(path, { ...filter, year: newer.start })}>{newer.label} →</a>}
      </nav>
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField label="School year" value={filter.year ?? frame?.year.start ?? ''} error={fieldError('year')}
          options={years.length ? years.map((y) => ({ value: y.start, label: y.label })) : [{ value: '', label: frame?.year.label ?? '—' }]}
          onChange={(v) => go({ year: v || undefined })} />
        <SelectField label="Supervisor" value={filter.supervisorId ? String(filter.supervisorId) : ''} error={fieldError('supervisorId')}
          options={[{ value: '', label: 'All supervisors' }, ...(frame?.supervisors ?? []).map((s) => ({ value: String(s.id), label: s.name }))]}
          onChange={(v) => go({ supervisorId: v ? Number(v) : undefined })} />
        <SelectField label="School level" value={filter.level ?? ''} error={fieldError('level')}
          options={[{ value: '', label: 'Every level' }, ...SCHOOL_LEVELS.map((l) => ({ value: l, label: SCHOOL_LEVEL_LABELS[l] }))]}
          onChange={(v) => go({ level: v || undefined })} />
        <SelectField label="Need tier" value={filter.needTier ?? ''} error={fieldError('needTier')}
          options={[{ value: '', label: 'Every need tier' }, ...NEED_TIERS.map((t) => ({ value: t, label: NEED_TIER_LABELS[t] }))]}
          onChange={(v) => go({ needTier: v || undefined })} />
      </form>
      {problem && !['year', 'supervisorId', 'level', 'needTier'].includes(problem.field ?? '') && <p className="form-error" role="alert">{problem.message}</p>}
    </header>
  );
}
