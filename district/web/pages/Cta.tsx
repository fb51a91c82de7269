import { useState } from 'react';
import { GOAL_STATUS_LABELS } from '../../../shared/cta/vocabulary';
import type { PageFilter } from '../../contract/contract';
import type { CheckinCell, CtaSchoolRow, GoalCounts } from '../../contract/model';
import { PageHeader } from '../components/Filters';
import { AfterFirstPaint, DataTable, Section } from '../components/Section';
import { usePage } from '../components/usePage';
import { day, shareText, shortDay } from '../format';
import { PdfLink } from './links';

const goalsText = (g: GoalCounts) =>
  [g.on_track && `${g.on_track} on track`, g.at_risk && `${g.at_risk} at risk`, g.off_track && `${g.off_track} off track`, g.none && `${g.none} without status`].filter(Boolean).join(', ') || 'no goals';
const statusText = (s: string | null) => (s === null ? '—' : s === 'none' ? 'no status' : GOAL_STATUS_LABELS[s as keyof typeof GOAL_STATUS_LABELS]);

function Cell({ cell, quarter, over, school }: { cell: CheckinCell | null; quarter: number; over: boolean; school: string }) {
  if (!cell) return <td className={over ? 'cell-warn' : undefined}>{over ? 'not held' : '—'}</td>;
  return (
    <td>
      {shortDay(cell.heldOn)}{cell.onTime ? '' : ' (late)'} · <PdfLink href={cell.pdf} label={`Q${quarter} check-in at ${school}, held ${day(cell.heldOn)}: PDF`} />
      <br /><span className="hint">{goalsText(cell.goals)}</span>
    </td>
  );
}

function SchoolRow({ row, over }: { row: CtaSchoolRow; over: boolean[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <tr>
        <th scope="row">{row.school.name}</th>
        <td>{row.supervisor?.name ?? '—'}</td>
        {row.quarters.map((c, i) => <Cell key={i} cell={c} quarter={i + 1} over={over[i]} school={row.school.name} />)}
        <td>{row.goals.length ? <button type="button" className="link" aria-expanded={open} aria-label={`${open ? 'Hide' : 'Show'} ${row.goals.length} goals of ${row.school.name}`} onClick={() => setOpen(!open)}>{open ? 'Hide' : 'Show'} {row.goals.length} goals</button> : '—'}</td>
      </tr>
      {open && (
        <tr className="detail">
          <td colSpan={7}>
            <table>
              <caption>Goals of {row.school.name}</caption>
              <thead><tr><th scope="col">Goal</th><th scope="col">Q1</th><th scope="col">Q2</th><th scope="col">Q3</th><th scope="col">Q4</th></tr></thead>
              <tbody>{row.goals.map((g) => <tr key={g.title}><th scope="row">{g.title}</th>{g.statuses.map((s, i) => <td key={i} className={s === 'off_track' ? 'cell-warn' : undefined}>{statusText(s)}</td>)}</tr>)}</tbody>
            </table>
          </td>
        </tr>
      )}
    </>
  );
}

/** Who is off track? Every school's CTA goals at each quarter's check-in, and check-ins held on time. */
export function Cta({ filter }: { filter: PageFilter }) {
  const { data, problem } = usePage('cta', filter);
  return (
    <>
      <PageHeader title="CTA" path="/cta" frame={data} filter={filter} problem={problem} />
      {data && (
        <>
          <Section title="Check-ins per quarter" freshness={data.freshness}>
            <DataTable table="cta-quarters" params={filter} head={
              <tr><th scope="col">Quarter</th><th scope="col">Schools expected</th><th scope="col">Held on time</th><th scope="col">Held late</th><th scope="col">Not held</th><th scope="col">On time</th><th scope="col">Goals at the check-ins</th></tr>
            }>
              {data.quarters.map((q) => (
                <tr key={q.quarter}>
                  <th scope="row">Q{q.quarter} ({shortDay(q.start)} – {shortDay(q.end)})</th><td>{q.expected}</td><td>{q.onTime}</td><td>{q.late}</td>
                  <td>{q.over ? q.notHeld : 'not over'}</td><td>{shareText(q.onTimeShare)}</td><td>{goalsText(q.goals)}</td>
                </tr>
              ))}
            </DataTable>
          </Section>
          <Section title="Goals off track two quarters running">
            {data.offTrackTwice === null ? <p>{data.offTrackTwiceCount} goals. Which schools is for the chief of schools and the supervisors themselves.</p> : (
              <DataTable table="cta-off-track" params={filter} empty={data.offTrackTwice.length === 0 && 'No goal was off track at two check-ins running.'} head={
                <tr><th scope="col">School</th><th scope="col">Supervisor</th><th scope="col">Goal</th><th scope="col">Off track in</th></tr>
              }>
                {data.offTrackTwice.map((o) => (
                  <tr key={`${o.school.id}-${o.title}`}><th scope="row">{o.school.name}</th><td>{o.supervisor?.name ?? '—'}</td><td>{o.title}</td><td>{o.quarters.map((q) => `Q${q}`).join(', ')}</td></tr>
                ))}
              </DataTable>
            )}
          </Section>
          {data.schools && (
            <Section title="Every school’s check-ins">
              <AfterFirstPaint>
                <DataTable table="cta-goals" params={filter} empty={data.schools.length === 0 && 'No schools for these filters.'} head={
                  <tr><th scope="col">School</th><th scope="col">Supervisor</th><th scope="col">Q1</th><th scope="col">Q2</th><th scope="col">Q3</th><th scope="col">Q4</th><th scope="col">Goals</th></tr>
                }>
                  {data.schools.map((s) => <SchoolRow key={s.school.id} row={s} over={data.quarters.map((q) => q.over)} />)}
                </DataTable>
              </AfterFirstPaint>
            </Section>
          )}
        </>
      )}
    </>
  );
}
