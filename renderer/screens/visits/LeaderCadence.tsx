import { useEffect, useState } from 'react';
import { load } from '../../api';
import { formatDate, plural } from '../../format';
import { useTablesVersion } from '../../components/useQuery';
import { CADENCE_TABLES } from '../../stores/cadence';
import type { LeaderCadence as Cadence, NextStep, VisitStrip, VisitStripMonth } from '../../../shared/visits/model';
import { dueLine, monthLabel, monthShort } from './cadenceText';
import { NextStepTable } from './NextSteps';

interface Data {
  cadence: Cadence | null;
  strip: VisitStrip;
  steps: NextStep[];
}

function cadenceWord(m: VisitStripMonth): string {
  if (m.metCadence === null) return '—';
  if (m.current) return m.metCadence ? 'On track so far' : 'Missed';
  return m.metCadence ? 'Met' : 'Missed';
}

const cellClass = (m: VisitStripMonth) =>
  m.metCadence === null ? 'strip-none' : m.metCadence ? 'strip-met' : 'strip-missed';

/** On a leader's page: their cadence, the school year month by month, and their open next steps. */
export function LeaderCadence({ leaderId }: { leaderId: number }) {
  const version = useTablesVersion(CADENCE_TABLES);
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all([
      load('getCadence', { leaderId }),
      load('getVisitStrip', { leaderId }),
      load('listNextSteps', { leaderId, status: 'open' }),
    ]).then(
      ([cadence, strip, steps]) => live && (setData({ cadence: cadence[0] ?? null, strip, steps }), setError(null)),
      (err: Error) => live && setError(err.message),
    );
    return () => { live = false; };
  }, [leaderId, version]);

  if (error) return <p role="alert">{error}</p>;
  if (!data) return null;
  const { cadence, strip, steps } = data;
  return (
    <>
      <section aria-labelledby="cadence-heading">
        <h2 id="cadence-heading">Visit cadence</h2>
        {cadence ? (
          <dl className="facts">
            <dt>Visit every</dt>
            <dd>{plural(cadence.cadenceDays, 'day')}</dd>
            <dt>Last visit</dt>
            <dd>{cadence.lastVisit ? formatDate(cadence.lastVisit) : 'Not visited yet'}</dd>
            <dt>Next visit</dt>
            <dd className={cadence.overdueDays > 0 ? 'cadence-overdue' : undefined}>
              {cadence.overdueDays > 0 && <strong>Overdue: </strong>}{dueLine(cadence)}
            </dd>
          </dl>
        ) : (
          <p className="empty">Not on your caseload, so there is no visit cadence to keep.</p>
        )}
        <div className="strip-wrap">
          <table className="visit-strip">
            <caption>Visits month by month, school year {strip.schoolYear.label}</caption>
            <thead>
              <tr>
                <td />
                {strip.months.map((m) => (
                  <th key={m.month} scope="col" aria-current={m.current ? 'date' : undefined}>
                    <abbr title={monthLabel(m.month)}>{monthShort(m.month)}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Done</th>
                {strip.months.map((m) => <td key={m.month}>{m.done}</td>)}
              </tr>
              <tr>
                <th scope="row">Planned</th>
                {strip.months.map((m) => <td key={m.month}>{m.planned}</td>)}
              </tr>
              <tr>
                <th scope="row">Cadence</th>
                {strip.months.map((m) => <td key={m.month} className={cellClass(m)}>{cadenceWord(m)}</td>)}
              </tr>
            </tbody>
          </table>
        </div>
        <p className="hint">A month is “Met” when the leader was never past due for a visit during it.</p>
      </section>
      <section aria-labelledby="leader-steps-heading">
        <h2 id="leader-steps-heading">Open next steps</h2>
        {steps.length === 0 ? (
          <p className="empty">No open next steps.</p>
        ) : (
          <NextStepTable steps={steps} showLeader={false} caption="Open next steps for this leader, overdue first" hideCaption />
        )}
        <p><a href="#/next-steps">All next steps</a></p>
      </section>
    </>
  );
}
