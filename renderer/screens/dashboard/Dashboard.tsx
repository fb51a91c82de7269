import { useEffect } from 'react';
import { fmt, formatLongDate, plural } from '../../format';
import { useCaseload, useSettings } from '../../stores';
import { useDashboard } from '../../stores/cadence';
import type { VisitSummary } from '../../../shared/visits/model';
import { schoolYearOf } from '../../../shared/schoolYear';
import { VISIT_TYPE_LABELS } from '../../../shared/vocabulary';
import { dayLabel, hoursLabel, overdueLine, percent, shortDate } from '../visits/cadenceText';
import { EvaluationDeadlines } from '../evaluations/EvaluationDeadlines';
import { RatioBanner } from '../caseload/RatioBanner';
import { CtaGlance } from '../cta/CtaGlance';
import { RetentionGlance } from '../retention/RetentionGlance';
import { UserText } from '../../components/UserText';

function VisitLine({ visit, showDay, today }: { visit: VisitSummary; showDay?: boolean; today: string }) {
  const leaders = visit.leaders.map((l) => l.name).join(', ');
  return (
    <li>
      <a href={`#/visits/${visit.id}`}>
        {showDay ? `${dayLabel(visit.date)}, ` : ''}{fmt().timeRange(visit.startTime, visit.endTime)} · <UserText text={visit.school.name} />
      </a>
      <br />
      <span className="hint">
        {VISIT_TYPE_LABELS[visit.type]}{leaders ? ` with ${leaders}` : ''}
        {visit.status === 'in_progress' ? ' · in progress' : ''}
        {visit.date < today ? ' · not closed yet' : ''}
      </span>
    </li>
  );
}

/**
 * A glance, not the whole list: the supervisor's own week holds a couple of dozen visits, but the
 * data can hold far more (every caseload's visits, a decade of unclosed next steps), so the core
 * sends the first few visits and the ten most overdue next steps with their counts, and the frames
 * link to the whole lists. Leaders overdue, the focus list and the evaluation, retention and CTA
 * frames are one line per leader or goal on the caseload (a few dozen at most): drawn whole.
 */

function VisitLines({ visits, total, today, showDay, what }: { visits: VisitSummary[]; total: number; today: string; showDay?: boolean; what: string }) {
  return (
    <>
      <ul className="plain visit-lines">
        {visits.map((v) => <VisitLine key={v.id} visit={v} today={today} showDay={showDay} />)}
      </ul>
      {total > visits.length && <p><a href="#/visits">Show all {total.toLocaleString('en-US')} {what}</a></p>}
    </>
  );
}

/**
 * The day's starting point: today's and this week's visits, who is past their visit cadence and
 * which next steps are overdue, then where the supervisor's time has gone lately.
 */
export function Dashboard() {
  const settings = useSettings((s) => s.data);
  const caseload = useCaseload((s) => s.data);
  const dashboard = useDashboard((s) => s.data);
  const dashboardError = useDashboard((s) => s.error);
  useEffect(() => {
    void useDashboard.getState().reload();
  }, []);
  if (!settings || !caseload) return <p>Loading…</p>;
  const year = schoolYearOf(caseload.today, settings.schoolYearStartMonth);
  // One line per leader, with every reason they need more time.
  const needsMore = caseload.entries
    .map((e) => ({
      entry: e,
      reasons: [
        e.newInRole && e.leader.role !== 'aspiring' ? `new in role (${plural(e.yearsInRole, 'full year')})` : null,
        e.school?.needTier === 'high' ? `at ${e.school.name}, a high-need school` : null,
      ].filter(Boolean),
    }))
    .filter((n) => n.reasons.length > 0);
  const d = dashboard;
  return (
    <>
      <header className="page-header">
        <h1>Good to see you, {settings.supervisorName.split(' ')[0]}</h1>
        <p className="subtitle">{formatLongDate(caseload.today)} · School year {year.label} · {settings.district}</p>
      </header>
      <RatioBanner ratio={caseload.ratio} />
      {dashboardError && <p role="alert">{dashboardError}</p>}
      <div className="frames">
        <section className="frame" aria-labelledby="today-heading">
          <h2 id="today-heading">Today</h2>
          {!d ? <p>Loading…</p> : d.todayVisits.length === 0 ? (
            <p className="empty">No visits planned for today.</p>
          ) : (
            <VisitLines visits={d.todayVisits} total={d.counts.visitsToday} today={d.today} what="visits today" />
          )}
        </section>
        <section className="frame" aria-labelledby="week-heading">
          <h2 id="week-heading">This week</h2>
          {!d ? <p>Loading…</p> : d.weekVisits.length === 0 ? (
            <p className="empty">No other visits planned this week ({shortDate(d.week.start)}–{shortDate(d.week.end)}).</p>
          ) : (
            <VisitLines visits={d.weekVisits} total={d.counts.visitsThisWeek - d.counts.visitsToday} today={d.today} showDay what="other visits this week" />
          )}
        </section>
        <section className="frame" aria-labelledby="overdue-heading">
          <h2 id="overdue-heading">Overdue</h2>
          {!d ? <p>Loading…</p> : d.overdueLeaders.length + d.overdueNextSteps.length === 0 ? (
            <p className="empty">Nothing overdue: every leader is within their visit cadence and no next step is past due.</p>
          ) : (
            <>
              {d.overdueLeaders.length > 0 && (
                <>
                  <h3>Visits</h3>
                  <ul className="plain" aria-label="Leaders overdue for a visit">
                    {d.overdueLeaders.map((c) => (
                      <li key={c.leaderId}>
                        <a href={`#/leaders/${c.leaderId}`}>{c.leaderName}</a> — {overdueLine(c)}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {d.overdueNextSteps.length > 0 && (
                <>
                  <h3>Next steps</h3>
                  <ul className="plain" aria-label="Overdue next steps">
                    {d.overdueNextSteps.map((s) => (
                      <li key={s.id}>
                        {s.description} — {s.leaderName}, due {shortDate(s.dueDate!)}
                      </li>
                    ))}
                  </ul>
                  <p>
                    {d.counts.overdueNextSteps > d.overdueNextSteps.length
                      ? <a href="#/next-steps?due=overdue">Show all {d.counts.overdueNextSteps.toLocaleString('en-US')} overdue next steps</a>
                      : <a href="#/next-steps">All next steps</a>}
                  </p>
                </>
              )}
            </>
          )}
        </section>
        <EvaluationDeadlines />
        <RetentionGlance />
      </div>
      <CtaGlance />
      {d && (
        <section aria-labelledby="time-heading">
          <h2 id="time-heading">Time in schools</h2>
          {d.timeUse.visits === 0 ? (
            <p className="empty">No visits logged as done in the last 30 days.</p>
          ) : (
            <p>
              Last 30 days: {hoursLabel(d.timeUse.hours)} in {plural(d.timeUse.visits, 'done visit')};{' '}
              {percent(d.timeUse.shareWithPrincipals)} of it ({hoursLabel(d.timeUse.hoursWithPrincipals)}) in visits with a principal.
            </p>
          )}
          <p><a href="#/time-use">Where your time goes</a></p>
        </section>
      )}
      <section aria-labelledby="focus-heading">
        <h2 id="focus-heading">Who needs more of your time</h2>
        {needsMore.length === 0 ? (
          <p className="empty">No leader on your caseload is new in role or at a high-need school.</p>
        ) : (
          <ul className="plain">
            {needsMore.map(({ entry: e, reasons }) => (
              <li key={e.leader.id}>
                <a href={`#/leaders/${e.leader.id}`}><UserText text={e.leader.name} /></a>: {reasons.join('; ')}; visit every {e.assignment?.cadenceDays} days
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
