import { useQuery } from '../../components/useQuery';
import { formatDate, plural } from '../../format';
import { CTA_STAGE_LABELS, quarterLabel } from '../../../shared/cta/vocabulary';
import type { CtaOverview as Overview, CtaSchoolGlance, LinkedCtaGoal } from '../../../shared/cta/model';
import { CTA_TABLES } from './PlanSection';
import { StatusChip } from './TrendChart';

const STATE_LABELS: Record<CtaSchoolGlance['thisQuarter']['state'], string> = { due: 'Due: not held yet', open: 'In progress', final: 'Held and finalised' };

/** A school's goals at a glance: the newest status of every goal, each with its chip. */
export function GoalList({ schoolName, goals }: { schoolName: string; goals: LinkedCtaGoal[] }) {
  return (
    <ul className="plain goal-glance" aria-label={`${schoolName} goals`}>
      {goals.map((g) => <li key={g.id}><span className="goal-name">{g.title}</span> <StatusChip status={g.latestStatus} /></li>)}
    </ul>
  );
}

export function GoalGlance({ school }: { school: CtaSchoolGlance }) {
  if (school.goals.length === 0) return <span className="hint">{school.planId ? 'No goals yet' : 'No plan yet'}</span>;
  return <GoalList schoolName={school.school.name} goals={school.goals} />;
}

/** "2 check-ins still to hold this quarter · 3 schools without a plan" */
export function quarterProgress(o: Overview): string {
  const planned = o.schools.filter((s) => s.planId !== null);
  const toHold = planned.filter((s) => s.thisQuarter.state !== 'final').length;
  const noPlan = o.schools.length - planned.length;
  return [
    toHold === 0 ? (planned.length ? 'every check-in this quarter is held' : '') : `${plural(toHold, 'check-in')} still to hold this quarter`,
    noPlan ? `${plural(noPlan, 'school')} without a plan for ${o.schoolYear.label}` : '',
  ].filter(Boolean).join(' · ');
}

export const quarterHeading = (o: Overview) => `${quarterLabel(o.quarter)} of ${o.schoolYear.label} (${formatDate(o.quarterRange.start)} – ${formatDate(o.quarterRange.end)})`;

export function CheckInState({ school }: { school: CtaSchoolGlance }) {
  const { state, checkinId, quarter } = school.thisQuarter;
  if (!school.planId) return <a href={`#/schools/${school.school.id}`}>Start the plan</a>;
  if (checkinId === null) return <a href={`#/schools/${school.school.id}`}>{quarterLabel(quarter)} check-in due</a>;
  return <a href={`#/cta/checkins/${checkinId}`}>{STATE_LABELS[state]}</a>;
}

/** The CTA section: every caseload school's plan stage, goal statuses and this quarter's check-in. */
export function CtaOverview() {
  const { data, error } = useQuery('getCtaOverview', {}, CTA_TABLES);
  if (error) return <p role="alert">{error}</p>;
  if (!data) return <p>Loading…</p>;
  return (
    <>
      <header className="page-header">
        <h1>Call-to-Action</h1>
        <p className="subtitle">{quarterHeading(data)} · {quarterProgress(data)}</p>
      </header>
      {data.schools.length === 0 ? <p className="empty">No schools on your caseload yet. Add leaders with their schools first.</p> : (
        <table className="cta-overview">
          <caption className="visually-hidden">Schools and their CTA plans</caption>
          <thead><tr><th scope="col">School</th><th scope="col">Stage</th><th scope="col">Goals</th><th scope="col">This quarter</th></tr></thead>
          <tbody>
            {data.schools.map((s) => (
              <tr key={s.school.id}>
                <th scope="row"><a href={`#/schools/${s.school.id}`}>{s.school.name}</a></th>
                <td>{s.stage ? CTA_STAGE_LABELS[s.stage] : '—'}</td>
                <td><GoalGlance school={s} /></td>
                <td><CheckInState school={s} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
