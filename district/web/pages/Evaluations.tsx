import type { PageFilter } from '../../contract/contract';
import { PageHeader } from '../components/Filters';
import { DataTable, Section } from '../components/Section';
import { usePage } from '../components/usePage';
import { count, day, sentence } from '../format';
import { LeaderLink, PdfLink } from './links';

/** Which evaluations are late? Cycles by stage, stages past due, locked write-ups and how ratings fall. */
export function Evaluations({ filter }: { filter: PageFilter }) {
  const { data, problem } = usePage('evaluations', filter);
  return (
    <>
      <PageHeader title="Evaluations" path="/evaluations" frame={data} filter={filter} problem={problem} />
      {data && (
        <>
          <Section title="Cycles by stage" freshness={data.stagesFreshness}>
            <p className="headline" role="status">{sentence(data.lateCount === 1 ? '1 leader has a stage past its due date.' : `${count(data.lateCount)} leaders have a stage past its due date.`)}</p>
            {data.rostersWithoutStages.length > 0 && (
              <p className="hint">No evaluation stages in the newest roster from {data.rostersWithoutStages.map((s) => s.name).join(', ')}: their Fieldbook does not send them yet, so their cycles count as not started.</p>
            )}
            <DataTable table="evaluation-stages" params={filter} empty={data.bySupervisor.length === 0 && 'No rosters for these filters.'} head={
              <tr><th scope="col">Supervisor</th><th scope="col">Leaders</th><th scope="col">Not started</th>
                {data.stageNames.map((s) => <th scope="col" key={s}>{s}</th>)}
                <th scope="col">All stages done</th><th scope="col">Locked</th><th scope="col">With a late stage</th></tr>
            }>
              {data.bySupervisor.map((r) => (
                <tr key={r.supervisor.id}>
                  <th scope="row">{r.supervisor.name}</th><td>{count(r.leaders)}</td><td>{count(r.notStarted)}</td>
                  {r.byStage.map((s) => <td key={s.stage}>{count(s.count)}</td>)}
                  <td>{count(r.allStagesDone)}</td><td>{count(r.locked)}</td><td className={r.late ? 'cell-warn' : undefined}>{count(r.late)}</td>
                </tr>
              ))}
            </DataTable>
          </Section>
          {data.late && (
            <Section title="Late stages">
              <DataTable table="evaluation-late" params={filter} empty={data.late.length === 0 && 'No stage is past its due date.'} head={
                <tr><th scope="col">Leader</th><th scope="col">School</th><th scope="col">Supervisor</th><th scope="col">Stage</th><th scope="col">Due</th><th scope="col">Days late</th></tr>
              }>
                {data.late.map((l) => (
                  <tr key={`${l.supervisor.id}-${l.leaderId}-${l.stage}`}>
                    <th scope="row"><LeaderLink leader={l} /></th><td>{l.school?.name ?? '—'}</td><td>{l.supervisor.name}</td><td>{l.stage}</td><td>{day(l.dueDate)}</td><td>{l.daysLate}</td>
                  </tr>
                ))}
              </DataTable>
            </Section>
          )}
          <Section title="Locked write-ups" freshness={data.lockedFreshness}>
            {data.locked === null ? <p>{sentence(`${count(data.lockedCount)} locked write-ups this school year.`)}</p> : (
              <DataTable table="evaluation-locked" params={filter} empty={data.locked.length === 0 && 'No locked evaluations for these filters.'} head={
                <tr><th scope="col">Leader</th><th scope="col">School</th><th scope="col">Supervisor</th><th scope="col">Locked</th><th scope="col">Signed by</th><th scope="col">Write-up</th></tr>
              }>
                {data.locked.map((l) => (
                  <tr key={`${l.supervisor.id}-${l.leaderId}`}>
                    <th scope="row"><LeaderLink leader={l} /></th><td>{l.school?.name ?? '—'}</td><td>{l.supervisor.name}</td>
                    <td>{day(l.lockedAt)}{l.lock > 1 ? ` (lock ${l.lock})` : ''}</td><td>{l.signedBy ?? '—'}</td>
                    <td><PdfLink href={l.pdf} label={`Evaluation of ${l.name}: PDF`} /></td>
                  </tr>
                ))}
              </DataTable>
            )}
          </Section>
          <Section title="Ratings per framework element">
            <p className="hint">From locked evaluations only; each element counts every evaluation that rated it.</p>
            {data.ratings.length === 0 && <p className="empty">No locked evaluations with ratings for these filters.</p>}
            {data.ratings.map((f) => {
              const scale = [...new Map(f.elements.flatMap((e) => e.counts.map((c) => [c.rating, c.label] as const))).entries()].sort((a, b) => a[0] - b[0]);
              return (
                <DataTable key={f.framework} table="evaluation-ratings" params={filter} head={
                  <>
                    <tr><th scope="col" colSpan={scale.length + 2}>{f.framework}: {count(f.evaluations)} evaluations</th></tr>
                    <tr><th scope="col">Element</th>{scale.map(([r, label]) => <th scope="col" key={r}>{label}</th>)}<th scope="col">Not rated</th></tr>
                  </>
                }>
                  {f.elements.map((e) => (
                    <tr key={e.element}>
                      <th scope="row">{e.title}</th>
                      {scale.map(([r]) => <td key={r}>{count(e.counts.find((c) => c.rating === r)?.count ?? 0)}</td>)}
                      <td>{count(e.notRated)}</td>
                    </tr>
                  ))}
                </DataTable>
              );
            })}
          </Section>
        </>
      )}
    </>
  );
}
