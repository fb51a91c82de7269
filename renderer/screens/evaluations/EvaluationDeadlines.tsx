import { useQuery } from '../../components/useQuery';
import { formatDate } from '../../format';
import type { EvaluationDeadline } from '../../../shared/evaluations/model';

function Lines({ items, label }: { items: EvaluationDeadline[]; label: string }) {
  return (
    <ul className="plain" aria-label={label}>
      {items.map((d) => (
        <li key={`${d.cycleId}-${d.stageName}`}>
          <a href={`#/evaluations/${d.cycleId}`}>{d.leaderName}</a> — {d.stageName}, {d.late ? 'was due' : 'due'} {formatDate(d.dueDate)}
        </li>
      ))}
    </ul>
  );
}

/** The dashboard's evaluation frame: stages past due, then those due in the next two weeks. */
export function EvaluationDeadlines() {
  const { data, error } = useQuery('listEvaluationDeadlines', {}, ['evaluations']);
  const late = (data ?? []).filter((d) => d.late);
  const soon = (data ?? []).filter((d) => !d.late);
  return (
    <section className="frame" aria-labelledby="evaluations-due-heading">
      <h2 id="evaluations-due-heading">Evaluations</h2>
      {error && <p role="alert">{error}</p>}
      {!data ? <p>Loading…</p> : data.length === 0 ? (
        <p className="empty">No evaluation stage is late or due in the next two weeks.</p>
      ) : (
        <>
          {late.length > 0 && <><h3>Late</h3><Lines items={late} label="Late evaluation stages" /></>}
          {soon.length > 0 && <><h3>Due soon</h3><Lines items={soon} label="Evaluation stages due soon" /></>}
        </>
      )}
      <p><a href="#/evaluations">All evaluations</a></p>
    </section>
  );
}

/** On a leader's page: their evaluation cycle this school year, or a way to start one. */
export function LeaderEvaluationLink({ leaderId }: { leaderId: number }) {
  const { data } = useQuery('listEvaluations', {}, ['evaluations', 'assignments']);
  if (!data) return null;
  const cycle = data.cycles.find((c) => c.leaderId === leaderId);
  const onCaseload = data.withoutCycle.some((l) => l.leaderId === leaderId);
  if (!cycle && !onCaseload) return null;
  return (
    <p className="actions">
      {cycle ? (
        <a href={`#/evaluations/${cycle.id}`}>
          {cycle.status === 'locked' ? `Evaluation ${cycle.yearLabel}: locked, all stages complete` : (
            <>
              Evaluation {cycle.yearLabel}: {cycle.stagesDone} of {cycle.stagesTotal} stages done
              {cycle.nextStage ? `, next: ${cycle.nextStage.name}${cycle.nextStage.late ? ' (late)' : ''}` : ''}
            </>
          )}
        </a>
      ) : (
        <a href="#/evaluations">No evaluation cycle for {data.schoolYear.label} yet: start one</a>
      )}
    </p>
  );
}
