import { formatLongDate, plural } from '../format';
import { useCaseload, useSettings } from '../stores';
import { schoolYearOf } from '../../shared/schoolYear';
import { RatioBanner } from './RatioBanner';

/**
 * The day's starting point. Today, this week and overdue are filled by visits, check-ins,
 * evaluations and retention follow-ups as those features land; until then they say so plainly.
 */
export function Dashboard() {
  const settings = useSettings((s) => s.data);
  const caseload = useCaseload((s) => s.data);
  if (!settings || !caseload) return <p>Loading…</p>;
  const year = schoolYearOf(caseload.today, settings.schoolYearStartMonth);
  const newLeaders = caseload.entries.filter((e) => e.newInRole && e.leader.role !== 'aspiring');
  const highNeed = caseload.entries.filter((e) => e.school?.needTier === 'high');
  return (
    <>
      <header className="page-header">
        <h1>Good to see you, {settings.supervisorName.split(' ')[0]}</h1>
        <p className="subtitle">{formatLongDate(caseload.today)} · School year {year.label} · {settings.district}</p>
      </header>
      <RatioBanner ratio={caseload.ratio} />
      <div className="frames">
        <section className="frame" aria-labelledby="today-heading">
          <h2 id="today-heading">Today</h2>
          <p className="empty">Nothing scheduled. Visits you plan will show here.</p>
        </section>
        <section className="frame" aria-labelledby="week-heading">
          <h2 id="week-heading">This week</h2>
          <p className="empty">Nothing scheduled this week.</p>
        </section>
        <section className="frame" aria-labelledby="overdue-heading">
          <h2 id="overdue-heading">Overdue</h2>
          <p className="empty">Nothing overdue.</p>
        </section>
      </div>
      <section aria-labelledby="focus-heading">
        <h2 id="focus-heading">Who needs more of your time</h2>
        {newLeaders.length + highNeed.length === 0 ? (
          <p className="empty">No leader on your caseload is new in role or at a high-need school.</p>
        ) : (
          <ul className="plain">
            {newLeaders.map((e) => (
              <li key={`new-${e.leader.id}`}>
                <a href={`#/leaders/${e.leader.id}`}>{e.leader.name}</a>: new in role ({plural(e.yearsInRole, 'full year')}), visit every {e.assignment?.cadenceDays} days
              </li>
            ))}
            {highNeed.map((e) => (
              <li key={`need-${e.leader.id}`}>
                <a href={`#/leaders/${e.leader.id}`}>{e.leader.name}</a>: leads {e.school!.name}, a high-need school
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
