import { addDays, addWeeks, parseISO, startOfWeek } from 'date-fns';
import { useState } from 'react';
import { useQuery } from '../../components/useQuery';
import { itemSpacer, rowSpacer, Windowed } from '../../components/Windowed';
import { fmt, formatDate } from '../../format';
import { useCaseload } from '../../stores';
import type { VisitSummary } from '../../../shared/visits/model';
import { isoDate } from '../../../shared/schoolYear';
import { VISIT_STATUS_LABELS, VISIT_TYPE_LABELS } from '../../../shared/vocabulary';
import { CalendarExportButton } from './CalendarExportButton';
import { VisitForm } from './VisitForm';
import { Badge } from '../../components/Badge';
import { UserText } from '../../components/UserText';

const weekStart = (iso: string) => isoDate(startOfWeek(parseISO(iso), { weekStartsOn: 1 }));

function VisitLine({ v }: { v: VisitSummary }) {
  return (
    <>
      <a href={`#/visits/${v.id}`}>
        {fmt().timeRange(v.startTime, v.endTime)} {VISIT_TYPE_LABELS[v.type]} · <UserText text={v.school.name} />
      </a>
      {v.leaders.length > 0 && <span className="muted"> with {v.leaders.map((l) => l.name).join(', ')}</span>}
      {v.status !== 'planned' && <Badge kind={`status-${v.status}`}>{VISIT_STATUS_LABELS[v.status]}</Badge>}
    </>
  );
}

/**
 * A day of the week view. A supervisor's own day holds a handful of visits, but the data can hold
 * every caseload's (hundreds a day at the large shape): a day shows its first few and a button
 * that opens the whole day, windowed.
 */
const DAY_SHOWN = 8;
function DayVisits({ visits, dayName }: { visits: VisitSummary[]; dayName: string }) {
  const [all, setAll] = useState(false);
  if (visits.length === 0) return <p className="empty">—</p>;
  const shown = all ? visits : visits.slice(0, DAY_SHOWN);
  return (
    <>
      <ul className="plain" aria-label={`Visits on ${dayName}`}>
        <Windowed items={shown} estimate={44} spacer={itemSpacer} render={(v, i) => (
          <li key={v.id} aria-posinset={i + 1} aria-setsize={visits.length}><VisitLine v={v} /></li>
        )} />
      </ul>
      {visits.length > DAY_SHOWN && (
        <button type="button" className="link" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? `Show the first ${DAY_SHOWN}` : `Show all ${visits.length.toLocaleString('en-US')} visits on ${dayName}`}
        </button>
      )}
    </>
  );
}

function WeekView({ today }: { today: string }) {
  const [start, setStart] = useState(() => weekStart(today));
  const end = isoDate(addDays(parseISO(start), 6));
  const { data } = useQuery('listVisits', { from: start, to: end }, ['visits']);
  const days = Array.from({ length: 7 }, (_, i) => isoDate(addDays(parseISO(start), i)));
  return (
    <section aria-label={`Week of ${formatDate(start)}`}>
      <div className="actions week-nav">
        <button type="button" onClick={() => setStart(isoDate(addWeeks(parseISO(start), -1)))}>Previous week</button>
        <button type="button" onClick={() => setStart(weekStart(today))}>This week</button>
        <button type="button" onClick={() => setStart(isoDate(addWeeks(parseISO(start), 1)))}>Next week</button>
        <h2 className="week-title">{fmt().dayMonth(start)} – {fmt().date(end)}</h2>
      </div>
      <div className="week">
        {days.map((d) => {
          const visits = (data ?? []).filter((v) => v.date === d);
          return (
            <section key={d} className={d === today ? 'day today' : 'day'} aria-label={fmt().weekdayLongDayMonth(d)}>
              <h3>{fmt().weekdayDayMonth(d)}</h3>
              <DayVisits key={d} visits={visits} dayName={fmt().weekday(d)} />
              <a className="add-on-day" href={`#/visits/new/${d}`} aria-label={`Plan a visit on ${fmt().weekdayLongDayMonth(d)}`}>+ Plan</a>
            </section>
          );
        })}
      </div>
    </section>
  );
}

function ListView({ today }: { today: string }) {
  const { data } = useQuery('listVisits', { from: isoDate(addDays(parseISO(today), -90)) }, ['visits']);
  if (!data) return <p>Loading visits…</p>;
  const upcoming = data.filter((v) => v.date >= today && (v.status === 'planned' || v.status === 'in_progress'));
  const past = data.filter((v) => !upcoming.includes(v)).reverse();
  const table = (rows: VisitSummary[], caption: string) =>
    rows.length === 0 ? <p className="empty">None.</p> : (
      <table aria-rowcount={rows.length + 1}>
        <caption className="visually-hidden">{caption}</caption>
        <thead><tr><th scope="col">Date</th><th scope="col">Visit</th><th scope="col">Status</th></tr></thead>
        <tbody>
          <Windowed items={rows} estimate={40} spacer={rowSpacer(3)} render={(v, i) => (
            <tr key={v.id} aria-rowindex={i + 2}>
              <td>{formatDate(v.date)}</td>
              <td><VisitLine v={v} /></td>
              <td>{VISIT_STATUS_LABELS[v.status]}{v.statusReason ? `: ${v.statusReason}` : ''}</td>
            </tr>
          )} />
        </tbody>
      </table>
    );
  return (
    <>
      <h2>Coming up</h2>
      {table(upcoming, 'Visits coming up')}
      <h2>Last 90 days</h2>
      {table(past, 'Visits in the last 90 days')}
    </>
  );
}

export function Visits() {
  const today = useCaseload((s) => s.data?.today);
  const [view, setView] = useState<'week' | 'list'>('week');
  if (!today) return <p>Loading…</p>;
  return (
    <>
      <header className="page-header">
        <h1>Visits</h1>
        <div className="actions">
          <a className="button primary" href="#/visits/new">Plan a visit</a>
          <CalendarExportButton />
          <div role="group" aria-label="View" className="toggle">
            <button type="button" aria-pressed={view === 'week'} onClick={() => setView('week')}>Week</button>
            <button type="button" aria-pressed={view === 'list'} onClick={() => setView('list')}>List</button>
          </div>
        </div>
      </header>
      {view === 'week' ? <WeekView today={today} /> : <ListView today={today} />}
    </>
  );
}

export function PlanVisit({ date, leaderId }: { date?: string; leaderId?: number }) {
  // The form starts on today (and the leader's school): wait for the caseload that says which, after a reload too.
  const loaded = useCaseload((s) => s.data !== null);
  return (
    <>
      <header className="page-header"><h1>Plan a visit</h1></header>
      {loaded ? <VisitForm date={date} leaderId={leaderId} /> : <p>Loading…</p>}
    </>
  );
}
