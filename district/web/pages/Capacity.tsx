import type { PageFilter } from '../../contract/contract';
import { PageHeader } from '../components/Filters';
import { DataTable, Section } from '../components/Section';
import { usePage } from '../components/usePage';
import { count, day, sentence } from '../format';
import { LeaderLink } from './links';

/** Is the district at 5:1? Each supervisor's caseload against their target, and principals no one supervises. */
export function Capacity({ filter }: { filter: PageFilter }) {
  const { data, problem } = usePage('capacity', filter);
  const d = data?.district;
  return (
    <>
      <PageHeader title="Supervision capacity" path="/capacity" frame={data} filter={filter} problem={problem} />
      {data && d && (
        <>
          <Section title="The district’s ratio" freshness={data.freshness}>
            <p className={d.overTarget ? 'headline headline-warn' : 'headline'} role="status">
              {d.perSupervisor === null ? 'No caseload rosters yet for this school year.'
                : `${d.perSupervisor} principals per supervisor (${count(d.principals)} principals, ${d.supervisors} supervisors); target ${d.target}:1. ${d.overTarget ? `${d.overTarget} of ${d.supervisors} over their target.` : 'No one is over their target.'}`}
            </p>
          </Section>
          <Section title="Caseloads">
            <DataTable table="caseloads" params={filter} empty={data.caseloads.length === 0 && 'No caseload rosters for these filters.'} head={
              <tr><th scope="col">Supervisor</th><th scope="col">Roster of</th><th scope="col">Principals</th><th scope="col">Assistant principals</th><th scope="col">Aspiring leaders</th><th scope="col">Target</th><th scope="col">Over target by</th></tr>
            }>
              {data.caseloads.map((c) => (
                <tr key={c.supervisor.id} className={c.overTarget ? 'row-warn' : undefined}>
                  <th scope="row">{c.supervisor.name}</th><td>{day(c.asOf)}</td><td>{count(c.principals)}</td><td>{count(c.assistantPrincipals)}</td>
                  <td>{count(c.aspiring)}</td><td>{c.target}:1</td><td>{c.overTarget ? c.overTarget : '—'}</td>
                </tr>
              ))}
            </DataTable>
          </Section>
          <Section title="Principals with no supervisor">
            <p className="hint">Principals on a roster this year or last whose school has no principal on any supervisor’s newest roster: dropped from a caseload, or gone with no successor reported.</p>
            {data.unsupervised === null ? <p>{sentence(`${count(data.unsupervisedCount)} principals.`)} Names are for the chief of schools and the supervisors themselves.</p> : (
              <DataTable table="unsupervised" params={filter} empty={data.unsupervised.length === 0 && 'Every school with a principal on an earlier roster has one on a newest roster.'} head={
                <tr><th scope="col">Principal</th><th scope="col">School</th><th scope="col">Last on a roster</th><th scope="col">Last supervisor</th></tr>
              }>
                {data.unsupervised.map((u) => (
                  <tr key={u.leaderId}><th scope="row"><LeaderLink leader={u} /></th><td>{u.school?.name ?? '—'}</td><td>{day(u.lastSeen)}</td><td>{u.lastSupervisor.name}</td></tr>
                ))}
              </DataTable>
            )}
          </Section>
        </>
      )}
    </>
  );
}
