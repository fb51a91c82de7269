import { useCaseload, useSettings } from '../../stores';
import { schoolYearOf, shiftSchoolYear } from '../../../shared/schoolYear';
import { LEADER_ROLE_LABELS, NEED_TIER_LABELS, SCHOOL_LEVEL_LABELS } from '../../../shared/vocabulary';
import { PlanSection } from './PlanSection';
import { SchoolSuccession } from '../retention/Succession';

/** A school: who leads it, and its Call-to-Action for the school year shown (this one unless asked). */
export function SchoolPage({ schoolId, yearStart }: { schoolId: number; yearStart?: string }) {
  const caseload = useCaseload((s) => s.data);
  const settings = useSettings((s) => s.data);
  if (!caseload || !settings) return <p>Loading…</p>;
  const school = caseload.schools.find((s) => s.id === schoolId);
  if (!school) return <p role="alert">That school is not in Fieldbook.</p>;
  const year = schoolYearOf(yearStart ?? caseload.today, settings.schoolYearStartMonth);
  const leaders = caseload.entries.filter((e) => e.school?.id === schoolId);
  const yearLink = (years: number) => `#/schools/${schoolId}?year=${shiftSchoolYear(year.start, years)}`;
  return (
    <>
      <header className="page-header">
        <h1>{school.name}</h1>
        <p className="subtitle">{SCHOOL_LEVEL_LABELS[school.level]} · {NEED_TIER_LABELS[school.needTier]}{school.districtCode ? ` · ${school.districtCode}` : ''}</p>
      </header>
      <section aria-labelledby="school-leaders-heading">
        <h2 id="school-leaders-heading">Leaders on your caseload here</h2>
        {leaders.length === 0 ? <p className="empty">None.</p> : (
          <ul className="plain">
            {leaders.map((e) => <li key={e.leader.id}><a href={`#/leaders/${e.leader.id}`}>{e.leader.name}</a> · {LEADER_ROLE_LABELS[e.leader.role]}</li>)}
          </ul>
        )}
      </section>
      <section aria-labelledby="cta-heading">
        <h2 id="cta-heading">Call-to-Action {year.label}</h2>
        <nav className="year-nav" aria-label="School year">
          <a href={yearLink(-1)}>Previous school year</a>
          <a href={yearLink(1)}>Next school year</a>
        </nav>
        <PlanSection key={year.start} schoolId={schoolId} yearStart={year.start} today={caseload.today} />
      </section>
      <SchoolSuccession schoolId={schoolId} />
    </>
  );
}
