import { useState } from 'react';
import { call } from '../../api';
import { formatDate } from '../../format';
import type { EvaluationDetail, EvaluationStage } from '../../../shared/evaluations/model';
import { Badge } from '../../components/Badge';

function StageRow({ stage, today, lockedAt }: { stage: EvaluationStage; today: string; lockedAt: string | null }) {
  const [date, setDate] = useState(today);
  const [error, setError] = useState<string | null>(null);
  const dateId = `stage-${stage.id}-date`;
  async function run(p: ReturnType<typeof call<'completeEvaluationStage'>>) {
    const r = await p;
    setError(r.ok ? null : r.error.message);
  }
  return (
    <tr className={stage.late ? 'step-overdue' : stage.completedDate ? 'step-done' : undefined}>
      <th scope="row">{stage.name}</th>
      <td>{formatDate(stage.dueDate)}{stage.late && <Badge kind="badge-overdue">Late</Badge>}</td>
      <td>{stage.completedDate ? `Completed ${formatDate(stage.completedDate)}` : stage.completeWithLock && lockedAt ? `Complete with the lock on ${formatDate(lockedAt)}` : 'Not yet'}</td>
      <td>
        {lockedAt ? null : stage.completedDate ? (
          <button type="button" aria-label={`Reopen: ${stage.name}`} onClick={() => void run(call('reopenEvaluationStage', { stageId: stage.id }))}>Reopen</button>
        ) : (
          <span className="inline-action">
            <label htmlFor={dateId} className="visually-hidden">Completed on ({stage.name})</label>
            <input id={dateId} type="date" value={date} onChange={(e) => setDate(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${dateId}-error` : undefined} />
            <button type="button" aria-label={`Mark complete: ${stage.name}`} onClick={() => void run(call('completeEvaluationStage', { stageId: stage.id, date }))}>Mark complete</button>
          </span>
        )}
        {error && <p className="field-error" id={`${dateId}-error`} role="alert">{error}</p>}
      </td>
    </tr>
  );
}

/** The cycle's stages with their due dates, as the district's template set them when the cycle started. */
export function EvaluationStages({ evaluation, today }: { evaluation: EvaluationDetail; today: string }) {
  return (
    <section aria-labelledby="stages-heading">
      <h2 id="stages-heading">Stages</h2>
      <table className="stages">
        <caption className="visually-hidden">Stages of the cycle</caption>
        <thead><tr><th scope="col">Stage</th><th scope="col">Due</th><th scope="col">Done</th><th scope="col"><span className="visually-hidden">Action</span></th></tr></thead>
        <tbody>
          {evaluation.stages.map((s) => <StageRow key={`${s.id}-${s.completedDate}`} stage={s} today={today} lockedAt={evaluation.lockedAt} />)}
        </tbody>
      </table>
    </section>
  );
}
