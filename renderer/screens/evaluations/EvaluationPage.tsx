import { useQuery } from '../../components/useQuery';
import { fmt } from '../../format';
import { useCaseload } from '../../stores';
import { EvaluationEntries } from './EvaluationEntries';
import { EvaluationRubric } from './EvaluationRubric';
import { EvaluationSignOff } from './EvaluationSignOff';
import { EvaluationStages } from './EvaluationStages';
import { EvaluationWriteUp } from './EvaluationWriteUp';
import { CYCLE_STATUS_LABELS } from './Evaluations';
import { UserText } from '../../components/UserText';

const changeText = (changes: Record<string, unknown>) =>
  Object.entries(changes).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('; ');

/** Who changed what and when on this cycle, newest first. */
function AuditTrail({ cycleId }: { cycleId: number }) {
  const trail = useQuery('listAuditTrail', { entityType: 'evaluation_cycle', entityId: cycleId }, ['evaluations', 'action_items']);
  return (
    <section aria-labelledby="audit-heading">
      <details>
        <summary><h2 id="audit-heading" className="inline-heading">Audit trail</h2></summary>
        {trail.error && <p role="alert">{trail.error}</p>}
        <table className="audit">
          <caption className="visually-hidden">Every change to this evaluation</caption>
          <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Details</th></tr></thead>
          <tbody>
            {(trail.data ?? []).map((t) => (
              <tr key={t.id}><td>{fmt().dateTime(t.at)}</td><td>{t.actor}</td><td>{t.action}</td><td>{changeText(t.changes)}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

/** One leader's evaluation cycle for a school year, from goals to the locked write-up. */
export function EvaluationPage({ cycleId }: { cycleId: number }) {
  const { data: e, error } = useQuery('getEvaluation', { cycleId }, ['evaluations', 'action_items']);
  const today = useCaseload((s) => s.data?.today);
  if (error) return <p role="alert">{error}</p>;
  if (!e || !today) return <p>Loading…</p>;
  return (
    <>
      <header className="page-header">
        <h1>Evaluation: <UserText text={e.leader.name} />, {e.yearLabel}</h1>
        <p className="subtitle">
          {e.leader.schoolName ?? 'No school'} · <a href={`#/leaders/${e.leader.id}`}>Leader’s page</a> · {CYCLE_STATUS_LABELS[e.status]}
        </p>
      </header>
      {e.status === 'locked' && (
        <p className="banner" role="note">Locked on {fmt().date(e.lockedAt!)}. Nothing in this evaluation can be changed; add a dated addendum below, or unlock it with a reason.</p>
      )}
      {e.status === 'signed' || e.status === 'acknowledged' ? (
        <p className="banner" role="note">Signed: the ratings and write-up are fixed. Withdraw the signature to change them.</p>
      ) : null}
      <EvaluationStages evaluation={e} today={today} />
      <EvaluationEntries evaluation={e} today={today} />
      <EvaluationRubric evaluation={e} />
      <EvaluationWriteUp key={`${e.id}-${e.status}`} evaluation={e} />
      <EvaluationSignOff evaluation={e} today={today} />
      <AuditTrail cycleId={e.id} />
    </>
  );
}
