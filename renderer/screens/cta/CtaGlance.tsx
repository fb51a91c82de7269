import { useQuery } from '../../components/useQuery';
import { CheckInState, GoalGlance, quarterHeading, quarterProgress } from './CtaOverview';
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
