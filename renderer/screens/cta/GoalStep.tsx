import { useId, useState } from 'react';
import { FormError } from '../../components/Field';
import { call } from '../../api';
import { AutosaveText } from '../../components/NoteEditor';
import { formatMeasure, GOAL_STATUS_LABELS, GOAL_STATUSES, quarterLabel, type GoalStatus } from '../../../shared/cta/vocabulary';
import type { CtaCheckIn, CtaGoal } from '../../../shared/cta/model';
import { CheckInNextSteps, NextStepForm } from './NextSteps';
import { actionLine, GoalTargets } from './TrendChart';

type UpdateField = 'value' | 'valueDate' | 'valueSource' | 'working' | 'barriers' | 'reflection' | 'adjustments';

/** One goal in the room: the latest data, a status, what the ILT said, and what happens next. */
export function GoalStep({ checkIn, goal }: { checkIn: CtaCheckIn; goal: CtaGoal }) {
  const statusName = useId();
  const update = checkIn.updates.find((u) => u.goalId === goal.id);
  // Shown at once when picked; put back if the core refuses it.
  const [status, setStatus] = useState(update?.status ?? null);
  const [statusError, setStatusError] = useState<string | null>(null);
  const chooseStatus = async (s: GoalStatus) => {
    const before = status;
    setStatus(s);
    const r = await call('saveCtaGoalUpdate', { checkinId: checkIn.id, goalId: goal.id, status: s });
    if (!r.ok) setStatus(before);
    setStatusError(r.ok ? null : r.error.message);
  };
  const last = checkIn.previous.find((p) => p.goalId === goal.id);
  const f = (v: string | null) => formatMeasure(goal.measureType, v, goal.unit);
  const save = (field: UpdateField) => (text: string) =>
    call('saveCtaGoalUpdate', { checkinId: checkIn.id, goalId: goal.id, [field]: field === 'valueDate' ? text || null : text });
  return (
    <div className="goal-step">
      <div className="goal-facts">
        <p><strong>Measure:</strong> {goal.measure}{goal.dataSource ? ` (${goal.dataSource})` : ''}</p>
        <GoalTargets goal={goal} />
        <p className="last-time">
          {last ? <>Last check-in ({quarterLabel(last.quarter)}): {f(last.value)}, {last.status ? GOAL_STATUS_LABELS[last.status] : 'no status'}</> : 'First check-in on this goal this year.'}
        </p>
        {goal.actions.length > 0 && (
          <details>
            <summary>Action plan ({goal.actions.length})</summary>
            <ul>{goal.actions.map((a) => <li key={a.id}>{actionLine(a)}</li>)}</ul>
          </details>
        )}
      </div>
      <div className="field-row">
        <AutosaveText input="text" label="Latest value" initial={update?.value ?? ''} save={save('value')} keepKey={`cta-${checkIn.id}-${goal.id}-value`} hint={goal.measureType === 'percentage' ? 'a percentage, 0–100' : goal.measureType === 'number' ? `a number${goal.unit ? ` of ${goal.unit}` : ''}` : 'in words'} />
        <AutosaveText input="date" label="Date of the data" initial={update?.valueDate ?? ''} save={save('valueDate')} keepKey={`cta-${checkIn.id}-${goal.id}-valueDate`} />
        <AutosaveText input="text" label="Source of the data" initial={update?.valueSource || goal.dataSource} save={save('valueSource')} keepKey={`cta-${checkIn.id}-${goal.id}-valueSource`} />
      </div>
      <fieldset className="status-choice">
        <legend>Status</legend>
        {GOAL_STATUSES.map((s) => (
          <label key={s} className={`status-option status-${s}`}>
            <input type="radio" name={statusName} value={s} checked={status === s} onChange={() => void chooseStatus(s)} />
            {' '}{GOAL_STATUS_LABELS[s]}
          </label>
        ))}
      </fieldset>
      <FormError message={statusError} />
      <div className="reflection-grid">
        <AutosaveText label="What is working" rows={3} initial={update?.working ?? ''} save={save('working')} keepKey={`cta-${checkIn.id}-${goal.id}-working`} />
        <AutosaveText label="Barriers" rows={3} initial={update?.barriers ?? ''} save={save('barriers')} keepKey={`cta-${checkIn.id}-${goal.id}-barriers`} />
        <AutosaveText label="The ILT’s reflection" rows={3} initial={update?.reflection ?? ''} save={save('reflection')} keepKey={`cta-${checkIn.id}-${goal.id}-reflection`} />
        <AutosaveText label="Adjustments to the action plan" rows={3} initial={update?.adjustments ?? ''} save={save('adjustments')} keepKey={`cta-${checkIn.id}-${goal.id}-adjustments`} />
      </div>
      <h3>Next steps for this goal</h3>
      <CheckInNextSteps steps={checkIn.nextSteps.filter((n) => n.goalId === goal.id)} />
      <NextStepForm checkinId={checkIn.id} goalId={goal.id} />
    </div>
  );
}
