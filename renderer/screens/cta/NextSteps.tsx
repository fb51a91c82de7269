import { useState } from 'react';
import { call } from '../../api';
import { confirmationIn, submitFocus } from '../../components/outcomeFocus';
import { FormError, TextField } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { formatDate } from '../../format';
import { quarterLabel } from '../../../shared/cta/vocabulary';
import type { CtaNextStep } from '../../../shared/cta/model';

/** The next steps agreed at a check-in: done boxes, and where a carried-forward one came from. */
export function CheckInNextSteps({ steps, readOnly }: { steps: CtaNextStep[]; readOnly?: boolean }) {
  if (steps.length === 0) return <p className="empty">No next steps yet.</p>;
  return (
    <ul className="plain next-steps" aria-label="Next steps">
      {steps.map((n) => (
        <li key={n.id} className={n.doneDate ? 'done' : undefined}>
          <label>
            <input type="checkbox" checked={n.doneDate !== null} disabled={readOnly} onChange={(e) => void call('setCtaNextStepDone', { nextStepId: n.id, done: e.target.checked })} />
            {' '}{n.description}
          </label>
          <span className="hint">
            {' '}— {n.owner}{n.dueDate ? `, due ${formatDate(n.dueDate)}` : ''}
            {n.carriedFrom ? ` · carried forward from ${quarterLabel(n.carriedFrom.quarter)}` : ''}
          </span>
          {!readOnly && <button type="button" className="link" onClick={() => void call('deleteCtaNextStep', { nextStepId: n.id })}>Remove next step: {n.description}</button>}
        </li>
      ))}
    </ul>
  );
}

const blank = { description: '', owner: '', dueDate: '' };

export function NextStepForm({ checkinId, goalId }: { checkinId: number; goalId: number | null }) {
  const form = useForm(blank, `cta-next-step-${checkinId}-${goalId ?? 'other'}`);
  const { values, set, errors } = form;
  const [added, setAdded] = useState<string | null>(null);
  return (
    <form
      noValidate
      className="inline-form"
      aria-label="Add a next step"
      onSubmit={submitFocus(async (el) => {
        const r = await form.submit((v) => call('addCtaNextStep', { checkinId, goalId, description: v.description, owner: v.owner, dueDate: v.dueDate || null }));
        if (!r) return null;
        setAdded(`Added next step: ${values.description.trim()}`);
        form.reset(blank);
        return confirmationIn(el);
      })}
    >
      <TextField label="Next step" value={values.description} onChange={(v) => set('description', v)} error={errors.description} />
      <TextField label="Owner" value={values.owner} onChange={(v) => set('owner', v)} error={errors.owner} hint="Who on the ILT will do it" />
      <TextField label="Due date" type="date" value={values.dueDate} onChange={(v) => set('dueDate', v)} error={errors.dueDate} />
      <button type="submit" disabled={form.busy}>Add next step</button>
      <FormError message={form.formError} />
      {added && <p role="status" className="success">{added}</p>}
    </form>
  );
}
