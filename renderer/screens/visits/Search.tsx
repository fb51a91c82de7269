import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Table } from '../../../shared/api';
import type { SearchResult, SearchResults } from '../../../shared/visits/model';
import { VISIT_TYPE_LABELS } from '../../../shared/vocabulary';
import { call, onTablesChanged } from '../../api';
import { SelectField, TextField } from '../../components/Field';
import { itemSpacer, Windowed } from '../../components/Windowed';
import { searchShortcutLabel } from '../../components/useSearchShortcut';
import { formatDate, plural } from '../../format';
import { useCaseload } from '../../stores';
import { useFrameworks } from '../../stores/frameworks';
import { NO_FILTERS, setSearchFilter, type SearchFilters, useSearch } from '../../stores/search';
import { compareNames } from '../../../shared/collation';
import { Badge } from '../../components/Badge';
import { visibleText } from '../../components/UserText';

/** A result is stale once any of these change. */
const SEARCHED: readonly Table[] = ['notes', 'visits', 'tags', 'schools', 'leaders'];
const WAIT_MS = 150;
/** A result is tall (title, names, a snippet): past a screenful or two, draw a window of them (the contract allows 200). */
const WINDOW_FROM = 30;
const ANY = 'any';

function title(r: SearchResult): string {
  const where = r.schoolName ? ` at ${r.schoolName}` : '';
  const type = r.visitType ? VISIT_TYPE_LABELS[r.visitType] : 'Visit';
  if (r.kind === 'visit') return `${type}${where}`;
  if (r.visitId !== null) return `Note from ${type.toLowerCase()}${where}`;
  return `Note on ${r.leaders[0]?.name ?? 'a leader'}`;
}

function Snippet({ result }: { result: SearchResult }) {
  return (
    <p className="search-snippet">
      {result.snippet.map((s, i) => (s.hit ? <mark key={i}>{visibleText(s.text)}</mark> : <span key={i}>{visibleText(s.text)}</span>))}
    </p>
  );
}

/** Framework elements grouped by framework, as 'frameworkId/elementId'. */
function TagFilter({ value, error, onChange }: { value: string; error?: string; onChange: (tag: string) => void }) {
  const frameworks = useFrameworks((s) => s.data);
  const id = useId();
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>Framework tag</label>
      <select id={id} value={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}>
        <option value="">Any tag</option>
        {(frameworks ?? []).map((f) => (
          <optgroup key={f.id} label={f.name}>
            {f.elements.map((el) => <option key={el.id} value={`${f.id}/${el.id}`}>{el.title}</option>)}
          </optgroup>
        ))}
      </select>
      {error && <p className="field-error" id={`${id}-error`} role="alert">{error}</p>}
    </div>
  );
}

/** A result's contents; its <li> is drawn by the list, which marks each row for the window. */
function ResultBody({ result }: { result: SearchResult }) {
  const details = [formatDate(result.date), result.leaders.map((l) => l.name).join(', ')].filter(Boolean).join(' · ');
  return (
    <>
      <a href={result.route}>{visibleText(title(result))}</a>
      <p className="search-meta">
        {visibleText(details)}
        {result.evidenceKind === 'evaluative' && <Badge>Evaluative evidence</Badge>}
      </p>
      <Snippet result={result} />
    </>
  );
}

/** Find any note or visit by its words, narrowed by leader, school, dates and framework tag. */
export function Search() {
  const filters = useSearch((s) => s.filters);
  const focusRequest = useSearch((s) => s.focusRequest);
  const caseload = useCaseload((s) => s.data);
  const box = useRef<HTMLInputElement>(null);
  const boxId = useId();
  const [found, setFound] = useState<SearchResults | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof SearchFilters, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    box.current?.focus();
    box.current?.select();
  }, [focusRequest]);

  const run = useCallback(async (f: SearchFilters) => {
    const mine = ++latest.current;
    const r = await call('search', {
      query: f.query,
      leaderId: f.leaderId ? Number(f.leaderId) : null,
      schoolId: f.schoolId ? Number(f.schoolId) : null,
      from: f.from,
      to: f.to,
      tag: f.tag,
    });
    if (mine !== latest.current) return;
    if (r.ok) {
      setFound(r.value);
      setErrors({});
      setFailure(null);
    } else if (r.error.field && r.error.field in NO_FILTERS) {
      setErrors({ [r.error.field]: r.error.message });
      setFound(null);
    } else setFailure(r.error.message);
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => void run(filters), WAIT_MS);
    return () => clearTimeout(timer);
  }, [filters, run]);
  useEffect(
    () => onTablesChanged((changed) => {
      if (changed.some((t) => SEARCHED.includes(t))) void run(useSearch.getState().filters);
    }),
    [run],
  );

  const leaders = useMemo(() => {
    const all = [...(caseload?.entries.map((e) => e.leader) ?? []), ...(caseload?.unassigned ?? [])];
    return all.sort((a, b) => compareNames(a.name, b.name)).map((l) => ({ value: String(l.id), label: l.name }));
  }, [caseload]);
  const schools = useMemo(() => (caseload?.schools ?? []).map((s) => ({ value: String(s.id), label: s.name })), [caseload]);

  const hasWords = filters.query.trim() !== '';
  const hasFilters = (Object.keys(NO_FILTERS) as (keyof SearchFilters)[]).some((k) => k !== 'query' && filters[k] !== '');
  const shortcut = searchShortcutLabel();

  return (
    <>
      <header className="page-header">
        <h1>Search</h1>
      </header>
      <form className="search-form" role="search" noValidate onSubmit={(e) => e.preventDefault()}>
        <div className="field search-box">
          <label htmlFor={boxId}>Search notes and visits</label>
          <input
            id={boxId}
            ref={box}
            type="search"
            value={filters.query}
            autoComplete="off"
            aria-keyshortcuts="Control+K Meta+K"
            aria-describedby={errors.query ? `${boxId}-error` : `${boxId}-hint`}
            aria-invalid={errors.query ? true : undefined}
            onChange={(e) => setSearchFilter('query', e.target.value)}
          />
          {errors.query ? (
            <p className="field-error" id={`${boxId}-error`} role="alert">{errors.query}</p>
          ) : (
            <p className="hint" id={`${boxId}-hint`}>
              Words from a coaching note, or a visit’s purpose, focus or evidence. Press <kbd>{shortcut}</kbd> on any screen to search.
            </p>
          )}
        </div>
        <fieldset className="filters search-filters">
          <legend>Narrow it down</legend>
          <SelectField label="Leader" value={filters.leaderId || ANY} error={errors.leaderId}
            options={[{ value: ANY, label: 'Any leader' }, ...leaders]} onChange={(v) => setSearchFilter('leaderId', v === ANY ? '' : v)} />
          <SelectField label="School" value={filters.schoolId || ANY} error={errors.schoolId}
            options={[{ value: ANY, label: 'Any school' }, ...schools]} onChange={(v) => setSearchFilter('schoolId', v === ANY ? '' : v)} />
          <TextField label="From" type="date" value={filters.from} error={errors.from} onChange={(v) => setSearchFilter('from', v)} />
          <TextField label="To" type="date" value={filters.to} error={errors.to} onChange={(v) => setSearchFilter('to', v)} />
          <TagFilter value={filters.tag} error={errors.tag} onChange={(v) => setSearchFilter('tag', v)} />
          {hasFilters && (
            <button type="button" className="link" onClick={() => useSearch.setState((s) => ({ filters: { ...NO_FILTERS, query: s.filters.query } }))}>
              Clear filters
            </button>
          )}
        </fieldset>
      </form>
      {failure && <p className="form-error" role="alert">{failure}</p>}
      <section aria-label="Search results" className="search-results">
        <p role="status" className="search-count">
          {!hasWords
            ? 'Type a word to search your notes and visits.'
            : found === null
              ? ''
              : found.results.length === 0
                ? `No notes or visits match “${filters.query.trim()}”${hasFilters ? ' with these filters' : ''}.`
                : found.more
                  ? `The best ${found.results.length} results. Add a word or a filter to narrow them down.`
                  : plural(found.results.length, 'result')}
        </p>
        {hasWords && found && found.results.length > 0 && (
          <ol className="plain search-list" aria-label="Results">
            <Windowed items={found.results} estimate={110} threshold={WINDOW_FROM} overscan={10} spacer={itemSpacer} render={(r, i) => (
              <li key={`${r.kind}-${r.noteId ?? r.visitId}`} className="search-result" aria-posinset={i + 1} aria-setsize={found.results.length}>
                <ResultBody result={r} />
              </li>
            )} />
          </ol>
        )}
      </section>
    </>
  );
}
