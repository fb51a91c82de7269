import { useQuery } from '../../components/useQuery';
import { CheckInState, GoalGlance, GoalList, quarterHeading, quarterProgress } from './CtaOverview';
import { CTA_TABLES } from './PlanSection';

/** The dashboard's CTA line-up: check-ins still to hold this quarter, and every goal's newest status. */
export function CtaGlance() {
  const { data } = useQuery('getCtaOverview', {}, CTA_TABLES);
  if (!data || data.schools.length === 0) return null;
  return (
    <section aria-labelledby="cta-glance-heading">
      <h2 id="cta-glance-heading">CTA check-ins, {quarterHeading(data)}</h2>
      <p className="cta-progress">{quarterProgress(data)}</p>
      <table className="cta-overview">
        <caption className="visually-hidden">CTA goals by school</caption>
        <thead><tr><th scope="col">School</th><th scope="col">Goals</th><th scope="col">This quarter</th></tr></thead>
        <tbody>
          {data.schools.map((s) => (
            <tr key={s.school.id}>
              <th scope="row"><a href={`#/schools/${s.school.id}`}>{s.school.name}</a></th>
              <td><GoalGlance school={s} /></td>
              <td><CheckInState school={s} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** On a leader's page: their school's CTA goals this year and where each stands. */
export function SchoolCtaGlance({ schoolId, schoolName }: { schoolId: number; schoolName: string }) {
  const { data: plan, loaded } = useQuery('getCtaPlan', { schoolId }, CTA_TABLES);
  if (!loaded) return null;
  return (
    <section aria-labelledby="school-cta-heading">
      <h2 id="school-cta-heading">{schoolName}’s Call-to-Action</h2>
      {!plan || plan.goals.length === 0 ? (
        <p className="empty">No CTA goals recorded for this school year. <a href={`#/schools/${schoolId}`}>Open the school’s page</a></p>
      ) : (
        <>
          <GoalList schoolName={schoolName} goals={plan.goals} />
          <p><a href={`#/schools/${schoolId}`}>The plan and its check-ins</a></p>
        </>
      )}
    </section>
  );
}
