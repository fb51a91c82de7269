import type { PageFilter } from '../../contract/contract';
import type { WeekHours } from '../../contract/model';
import { PageHeader } from '../components/Filters';
import { DataTable, Section } from '../components/Section';
import { usePage } from '../components/usePage';
import { count, day, hours, sentence, shareText, shortDay } from '../format';
import { LeaderLink } from './links';

/** Recent weeks' hours as small bars, with the numbers in its accessible name. */
function Bars({ weeks }: { weeks: WeekHours[] }) {
  const max = Math.max(1, ...weeks.map((w) => w.hours));
  const label = weeks.map((w) => `week of ${shortDay(w.weekStart)}: ${w.hours} hours`).join('; ');
  return (
    <svg className="bars" role="img" aria-label={label || 'no weeks logged'} viewBox={`0 0 ${weeks.length * 8} 24`} width={weeks.length * 8} height={24}>
      {weeks.map((w, i) => <rect key={w.weekStart} x={i * 8} y={24 - (w.hours / max) * 24} width={6} height={(w.hours / max) * 24} />)}
    </svg>
  );
}

/** Are principals being visited? Hours on site per supervisor and week, and leaders past their cadence. */
export function TimeInSchools({ filter }: { filter: PageFilter }) {
  const { data, problem } = usePage('timeInSchools', filter);
  return (
    <>
      <PageHeader title="Time in schools" path="/time" frame={data} filter={filter} problem={problem} />
      {data && (
        <>
          <Section title="Hours on site" freshness={data.freshness}>
            <p className="headline" role="status">
              {data.district.hoursPerWeek === null ? 'No weekly visit logs for this school year.'
                : `${hours(data.district.hoursPerWeek)} on site per supervisor per week; ${'value' in data.district.withPrincipals
                  ? `${shareText(data.district.withPrincipals)} of it with a principal present.`
                  : `too few visits done (${data.district.withPrincipals.tooFew}) to say how much of it was with a principal.`}`}
            </p>
            <DataTable table="time-by-supervisor" params={filter} empty={data.rows.length === 0 && 'No visit logs for these filters.'} head={
              <tr><th scope="col">Supervisor</th><th scope="col">Weeks logged</th><th scope="col">Hours per week</th><th scope="col">With principals</th>
                <th scope="col">Visits done</th><th scope="col">Cancelled</th><th scope="col">No-shows</th><th scope="col">Recent weeks</th></tr>
            }>
              {data.rows.map((r) => (
                <tr key={r.supervisor.id}>
                  <th scope="row">{r.supervisor.name}</th><td>{r.weeks}</td><td>{hours(r.hoursPerWeek)}</td><td>{shareText(r.withPrincipals)}</td>
                  <td>{r.done}</td><td>{r.cancelled}</td><td>{r.noShow}</td><td><Bars weeks={r.recent} /></td>
                </tr>
              ))}
            </DataTable>
            <details>
              <summary>Hours on site, week by week</summary>
              <DataTable table="time-by-week" params={filter} empty={data.weeks.length === 0 && 'No weeks logged.'} head={
                <tr><th scope="col">Week of</th><th scope="col">Supervisors who logged it</th><th scope="col">Hours on site</th></tr>
              }>
                {data.weeks.map((w) => <tr key={w.weekStart}><th scope="row">{day(w.weekStart)}</th><td>{w.supervisors}</td><td>{hours(w.hours)}</td></tr>)}
              </DataTable>
            </details>
          </Section>
          <Section title="Leaders not visited within their cadence" freshness={data.cadenceFreshness}>
            <p className="headline" role="status">{sentence(`${count(data.overdueCount)} of ${data.onRosters} leaders on the newest rosters had no visit within their cadence by ${day(data.asOf)}.`)}</p>
            <DataTable table="cadence-by-supervisor" params={filter} empty={data.overdueBySupervisor.length === 0 && 'No rosters for these filters.'} head={
              <tr><th scope="col">Supervisor</th><th scope="col">Leaders on roster</th><th scope="col">Not visited within cadence</th></tr>
            }>
              {data.overdueBySupervisor.map((r) => <tr key={r.supervisor.id}><th scope="row">{r.supervisor.name}</th><td>{r.onRoster}</td><td>{count(r.overdue)}</td></tr>)}
            </DataTable>
            {data.overdue && (
              <DataTable table="cadence-overdue" params={filter} empty={data.overdue.length === 0 && 'Everyone was visited within their cadence.'} head={
                <tr><th scope="col">Leader</th><th scope="col">School</th><th scope="col">Supervisor</th><th scope="col">Cadence</th><th scope="col">Last visit</th><th scope="col">Days since</th></tr>
              }>
                {data.overdue.map((o) => (
                  <tr key={`${o.supervisor.id}-${o.leaderId}`}>
                    <th scope="row"><LeaderLink leader={o} /></th><td>{o.school?.name ?? '—'}</td><td>{o.supervisor.name}</td><td>every {o.cadenceDays} days</td>
                    <td>{o.lastVisit ? day(o.lastVisit) : 'none within a year'}</td><td>{o.daysSince}</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </Section>
        </>
      )}
    </>
  );
}
