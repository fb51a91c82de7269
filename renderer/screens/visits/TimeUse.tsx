import { parseISO, subDays } from 'date-fns';
import { useEffect, useState } from 'react';
import { call, load } from '../../api';
import { FormError, TextField } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { byId, submitFocus } from '../../components/outcomeFocus';
import { formatDate, plural } from '../../format';
import { useCaseload } from '../../stores';
import { useTablesVersion } from '../../components/useQuery';
import { CADENCE_TABLES } from '../../stores/cadence';
import type { CaseloadHeatmap, TimeUse as TimeUseFigures } from '../../../shared/visits/model';
import { isoDate } from '../../../shared/schoolYear';
import { VISIT_TYPE_LABELS } from '../../../shared/vocabulary';
import { hoursLabel, monthLabel, monthShort, percent } from './cadenceText';

function RangeForm({ today, onResult }: { today: string; onResult: (t: TimeUseFigures) => void }) {
  const form = useForm({ from: isoDate(subDays(parseISO(today), 29)), to: today });
  const { values, set, errors } = form;
  const version = useTablesVersion(CADENCE_TABLES);
  const show = async () => {
    const r = await form.submit((v) => call('getTimeUse', v));
    if (r) onResult(r);
    return r ? byId('time-use-figures') : null;
  };
  // Show the default range at once, and keep the figures current as visits change.
  useEffect(() => { void show(); }, [version]);
  return (
    <form noValidate className="form form-inline range-form" aria-label="Date range" onSubmit={submitFocus(show)}>
      <TextField label="From" type="date" value={values.from} onChange={(v) => set('from', v)} error={errors.from} />
      <TextField label="To" type="date" value={values.to} onChange={(v) => set('to', v)} error={errors.to} />
      <FormError message={form.formError} />
      <button type="submit" className="primary" disabled={form.busy}>Show time use</button>
    </form>
  );
}

function Figures({ t }: { t: TimeUseFigures }) {
  const range = `${formatDate(t.from)} to ${formatDate(t.to)}`;
  if (t.visits === 0) return <p id="time-use-figures" className="empty" role="status">No visits logged as done from {range}.</p>;
  return (
    <div id="time-use-figures" role="status" aria-live="polite">
      <p className="time-headline">
        {hoursLabel(t.hours)} logged in {plural(t.visits, 'done visit')}, {range}.
      </p>
      <p>
        <strong>{percent(t.shareWithPrincipals)}</strong> of that time ({hoursLabel(t.hoursWithPrincipals)}) was in visits with at
        least one principal present.
      </p>
      <table className="by-type">
        <caption>Time by visit type</caption>
        <thead>
          <tr><th scope="col">Visit type</th><th scope="col">Visits</th><th scope="col">Hours</th><th scope="col">Share of time</th></tr>
        </thead>
        <tbody>
          {t.byType.map((b) => (
            <tr key={b.type}>
              <th scope="row">{VISIT_TYPE_LABELS[b.type]}</th>
              <td>{b.visits}</td>
              <td>{Math.round(b.hours * 10) / 10}</td>
              <td>{percent(b.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Shading steps 0–4, always alongside the number so the table reads without colour. */
const heat = (visits: number, max: number) => (visits === 0 ? 0 : Math.max(1, Math.ceil((visits / Math.max(max, 1)) * 4)));

function Heatmap({ startYear, setStartYear }: { startYear: number | null; setStartYear: (y: number) => void }) {
  const version = useTablesVersion(CADENCE_TABLES);
  const [map, setMap] = useState<CaseloadHeatmap | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    load('getCaseloadHeatmap', { schoolYear: startYear }).then(
      (m) => live && (setMap(m), setError(null)),
      (err: Error) => live && setError(err.message),
    );
    return () => { live = false; };
  }, [startYear, version]);
  if (error) return <p role="alert">{error}</p>;
  if (!map) return <p>Loading…</p>;
  const year = Number(map.schoolYear.start.slice(0, 4));
  return (
    <>
      <div className="actions">
        <button type="button" onClick={() => setStartYear(year - 1)}>Previous school year</button>
        <button type="button" onClick={() => setStartYear(year + 1)}>Next school year</button>
      </div>
      {map.rows.length === 0 ? (
        <p className="empty">No leaders on your caseload yet.</p>
      ) : (
        <div className="strip-wrap">
          <table className="heatmap">
            <caption>Done visits by leader and month, school year {map.schoolYear.label}</caption>
            <thead>
              <tr>
                <th scope="col">Leader</th>
                {map.months.map((m) => <th key={m} scope="col"><abbr title={monthLabel(m)}>{monthShort(m)}</abbr></th>)}
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {map.rows.map((r) => (
                <tr key={r.leaderId}>
                  <th scope="row"><a href={`#/leaders/${r.leaderId}`}>{r.leaderName}</a></th>
                  {r.cells.map((c) => (
                    <td key={c.month} className={`heat heat-${heat(c.visits, map.maxVisits)}`} title={c.visits ? `${plural(c.visits, 'visit')}, ${hoursLabel(c.hours)}` : undefined}>
                      {c.visits}
                      {c.visits > 0 && <span className="heat-hours">{Math.round(c.hours * 10) / 10} h</span>}
                    </td>
                  ))}
                  <td>{r.totalVisits}<span className="heat-hours">{Math.round(r.totalHours * 10) / 10} h</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="hint">Each cell is the number of done visits with that leader in the month, and the hours they took (h).</p>
    </>
  );
}

/** Where the supervisor's time goes: hours on site, the share with principals, by type, and by leader and month. */
export function TimeUse() {
  const today = useCaseload((s) => s.data?.today);
  const [figures, setFigures] = useState<TimeUseFigures | null>(null);
  const [startYear, setStartYear] = useState<number | null>(null);
  if (!today) return <p>Loading…</p>;
  return (
    <>
      <header className="page-header">
        <h1>Where your time goes</h1>
        <p className="subtitle">Hours logged in done visits, from each visit’s start and end time.</p>
      </header>
      <section aria-labelledby="range-heading">
        <h2 id="range-heading">Time in schools</h2>
        <RangeForm today={today} onResult={setFigures} />
        {figures && <Figures t={figures} />}
      </section>
      <section aria-labelledby="heatmap-heading">
        <h2 id="heatmap-heading">Visits by leader and month</h2>
        <Heatmap startYear={startYear} setStartYear={setStartYear} />
      </section>
    </>
  );
}
