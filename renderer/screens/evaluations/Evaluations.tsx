import { useState } from 'react';
import { call } from '../../api';
import { FormError, SelectField } from '../../components/Field';
import { useQuery } from '../../components/useQuery';
import { submitFocus } from '../../components/outcomeFocus';
import { formatDate } from '../../format';
import { navigate } from '../../router';
import { useFrameworks } from '../../stores/frameworks';
import type { CycleStatus } from '../../../shared/evaluations/model';
import { Badge } from '../../components/Badge';
import { UserText } from '../../components/UserText';

export const CYCLE_STATUS_LABELS: Record<CycleStatus, string> = {
  open: 'In progress',
  signed: 'Signed, awaiting acknowledgement',
  acknowledged: 'Acknowledged, ready to lock',
  locked: 'Locked',
};

function StartCycle({ leaders, defaultFramework }: { leaders: { leaderId: number; leaderName: string }[]; defaultFramework: string }) {
  const frameworks = useFrameworks((s) => s.data) ?? [];
  const [leaderId, setLeaderId] = useState<number | ''>('');
  const [frameworkId, setFrameworkId] = useState(defaultFramework);
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      noValidate
      className="form"
      aria-label="Start an evaluation cycle"
      onSubmit={submitFocus(async () => {
        setBusy(true);
        const r = await call('startEvaluationCycle', { leaderId: leaderId === '' ? 0 : leaderId, frameworkId });
        setBusy(false);
        if (!r.ok) {
          setError(r.error);
          return null;
        }
        navigate(`/evaluations/${r.value.id}`);
        return 'page';
      })}
    >
      <SelectField label="Leader" value={leaderId} onChange={(v) => (setLeaderId(v), setError(null))}
        options={leaders.map((l) => ({ value: l.leaderId, label: l.leaderName }))} error={error?.field === 'leaderId' ? error.message : undefined} />
      <SelectField label="Rubric framework" value={frameworkId} onChange={setFrameworkId}
        options={frameworks.map((f) => ({ value: f.id, label: f.name }))} error={error?.field === 'frameworkId' ? error.message : undefined}
        hint="The district's default is set in Settings." />
      <FormError message={error && error.field !== 'leaderId' && error.field !== 'frameworkId' ? error.message : null} />
      <button type="submit" className="primary" disabled={busy}>Start cycle</button>
    </form>
  );
}

/** This school year's evaluation cycles for the caseload, and starting one. */
export function Evaluations() {
  const list = useQuery('listEvaluations', {}, ['evaluations', 'leaders', 'assignments', 'settings']);
  const template = useQuery('getEvaluationTemplate', {}, ['evaluations']);
  if (list.error) return <p role="alert">{list.error}</p>;
  if (!list.data || !template.data) return <p>Loading…</p>;
  const { cycles, withoutCycle, schoolYear } = list.data;
  return (
    <>
      <header className="page-header">
        <h1>Evaluations</h1>
        <p className="subtitle">School year {schoolYear.label}: goals, styles, strengths, growth areas, evidence from your visits, the summative write-up.</p>
      </header>
      {cycles.length === 0 ? (
        <p className="empty">No evaluation cycles started this school year.</p>
      ) : (
        <table className="evaluations">
          <caption>Cycles in {schoolYear.label}</caption>
          <thead>
            <tr><th scope="col">Leader</th><th scope="col">Stages done</th><th scope="col">Next stage</th><th scope="col">Status</th></tr>
          </thead>
          <tbody>
            {cycles.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <a href={`#/evaluations/${c.id}`}><UserText text={c.leaderName} /></a>
                  {c.schoolName && <><br /><span className="hint">{c.schoolName}</span></>}
                </th>
                <td>{c.stagesDone} of {c.stagesTotal}</td>
                <td>
                  {c.nextStage ? <>{c.nextStage.name}, due {formatDate(c.nextStage.dueDate)}{c.nextStage.late && <Badge kind="badge-overdue">Late</Badge>}</> : 'All stages complete'}
                </td>
                <td>{CYCLE_STATUS_LABELS[c.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="start-cycle-heading">
        <h2 id="start-cycle-heading">Start a cycle</h2>
        {withoutCycle.length === 0 ? (
          <p className="empty">Everyone on your caseload has a cycle this school year.</p>
        ) : (
          <StartCycle leaders={withoutCycle} defaultFramework={template.data.frameworkId} />
        )}
      </section>
    </>
  );
}
