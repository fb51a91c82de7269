import { useMemo, useState } from 'react';
import { load } from '../../api';
import { SelectField, TextField, optionsOf } from '../../components/Field';
import { itemSpacer, rowSpacer, Windowed } from '../../components/Windowed';
import { downloadText, yearsLabel } from '../../format';
import { navigate } from '../../router';
import { useCaseload } from '../../stores';
import type { CaseloadEntry } from '../../../shared/caseload/model';
import { compareNames } from '../../../shared/collation';
import {
  LEADER_ROLES, LEADER_ROLE_LABELS, NEED_TIER_LABELS, SUPPORT_TIERS, SUPPORT_TIER_LABELS, type LeaderRole, type SupportTier,
} from '../../../shared/vocabulary';
import { RatioBanner } from './RatioBanner';
import { Badge } from '../../components/Badge';
import { UserText } from '../../components/UserText';

type SortKey = 'name' | 'school' | 'role' | 'years' | 'tier' | 'cadence';
const byNumber = (value: (e: CaseloadEntry) => number) => (a: CaseloadEntry, b: CaseloadEntry) => value(a) - value(b);
const COLUMNS: { key: SortKey; label: string; compare: (a: CaseloadEntry, b: CaseloadEntry) => number }[] = [
  { key: 'name', label: 'Leader', compare: (a, b) => compareNames(a.leader.name, b.leader.name) },
  { key: 'school', label: 'School', compare: (a, b) => compareNames(a.school?.name ?? '', b.school?.name ?? '') },
  { key: 'role', label: 'Role', compare: byNumber((e) => LEADER_ROLES.indexOf(e.leader.role)) },
  { key: 'years', label: 'Years in role', compare: byNumber((e) => e.yearsInRole) },
  { key: 'tier', label: 'Support tier', compare: byNumber((e) => (e.assignment ? SUPPORT_TIERS.indexOf(e.assignment.supportTier) : 9)) },
  { key: 'cadence', label: 'Visit every', compare: byNumber((e) => e.assignment?.cadenceDays ?? 0) },
];

export function Caseload() {
  const data = useCaseload((s) => s.data);
  const [query, setQuery] = useState('');
  const [role, setRole] = useState<LeaderRole | 'all'>('all');
  const [tier, setTier] = useState<SupportTier | 'all'>('all');
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'name', dir: 1 });
  const [exportError, setExportError] = useState<string | null>(null);

  const rows = useMemo(() => {
    if (!data) return [];
    const q = query.trim().toLowerCase();
    const col = COLUMNS.find((c) => c.key === sort.key)!;
    return data.entries
      .filter((e) => role === 'all' || e.leader.role === role)
      .filter((e) => tier === 'all' || e.assignment?.supportTier === tier)
      .filter((e) => !q || `${e.leader.name} ${e.school?.name ?? ''} ${e.leader.email ?? ''}`.toLowerCase().includes(q))
      .sort((a, b) => col.compare(a, b) * sort.dir);
  }, [data, query, role, tier, sort]);

  if (!data) return <p>Loading your caseload…</p>;
  return (
    <>
      <header className="page-header">
        <h1>Caseload</h1>
        <div className="actions">
          <a className="button primary" href="#/caseload/add-leader">Add leader</a>
          <a className="button" href="#/schools">Schools</a>
          <a className="button" href="#/caseload/import">Import roster CSV</a>
          <button
            type="button"
            onClick={async () => {
              try {
                const file = await load('exportCaseloadCsv');
                downloadText(file.filename, file.csv);
                setExportError(null);
              } catch (err) {
                setExportError((err as Error).message);
              }
            }}
          >
            Export caseload CSV
          </button>
        </div>
      </header>
      {exportError && <p className="form-error" role="alert">{exportError}</p>}
      <RatioBanner ratio={data.ratio} />
      <div className="filters" role="search" aria-label="Filter the caseload">
        <TextField label="Search by name, school or email" value={query} onChange={setQuery} />
        <SelectField label="Role" value={role} onChange={setRole} options={[{ value: 'all' as const, label: 'All roles' }, ...optionsOf(LEADER_ROLES, LEADER_ROLE_LABELS)]} />
        <SelectField label="Support tier" value={tier} onChange={setTier} options={[{ value: 'all' as const, label: 'All tiers' }, ...optionsOf(SUPPORT_TIERS, SUPPORT_TIER_LABELS)]} />
      </div>
      {data.entries.length === 0 ? (
        <p className="empty">Nobody is on your caseload yet. Add a leader, import a roster, or load the demo district from the first-start screen.</p>
      ) : (
        <table className="caseload" aria-rowcount={rows.length + 1}>
          <caption className="visually-hidden">Leaders on your caseload ({rows.length} shown)</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" aria-sort={sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
                  <button type="button" className="sort" onClick={() => setSort((s) => ({ key: c.key, dir: s.key === c.key ? (-s.dir as 1 | -1) : 1 }))}>
                    {c.label}
                    <span aria-hidden="true">{sort.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <Windowed items={rows} estimate={44} spacer={rowSpacer(COLUMNS.length)} render={(e, i) => (
              <tr key={e.leader.id} aria-rowindex={i + 2}>
                <th scope="row">
                  <a href={`#/leaders/${e.leader.id}`}><UserText text={e.leader.name} /></a>
                  {e.newInRole && e.leader.role !== 'aspiring' && <Badge>New in role</Badge>}
                </th>
                <td>
                  {e.school ? <UserText text={e.school.name} /> : '—'}
                  {e.school?.needTier === 'high' && <Badge kind="badge-need">{NEED_TIER_LABELS.high}</Badge>}
                </td>
                <td>{LEADER_ROLE_LABELS[e.leader.role]}</td>
                <td>{yearsLabel(e.yearsInRole)}</td>
                <td>{e.assignment ? SUPPORT_TIER_LABELS[e.assignment.supportTier] : '—'}</td>
                <td>{e.assignment ? `${e.assignment.cadenceDays} days` : '—'}</td>
              </tr>
            )} />
          </tbody>
        </table>
      )}
      {rows.length === 0 && data.entries.length > 0 && <p className="empty">No leader matches these filters.</p>}
      {data.unassigned.length > 0 && (
        <section aria-labelledby="others-heading">
          <h2 id="others-heading">In Fieldbook, not on your caseload</h2>
          <ul className="plain">
            <Windowed items={data.unassigned} estimate={32} spacer={itemSpacer} render={(l, i) => (
              <li key={l.id} aria-setsize={data.unassigned.length} aria-posinset={i + 1}>
                <button type="button" className="link" onClick={() => navigate(`/leaders/${l.id}`)}><UserText text={l.name} /></button> · {LEADER_ROLE_LABELS[l.role]}
              </li>
            )} />
          </ul>
        </section>
      )}
    </>
  );
}
