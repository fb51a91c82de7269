import { useEffect, useRef, useState } from 'react';
import { call } from '../../api';
import { FormError, SelectField, TextField, optionsOf } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { confirmationIn, submitFocus } from '../../components/outcomeFocus';
import { useQuery } from '../../components/useQuery';
import { formatDate } from '../../format';
import { useCaseload } from '../../stores';
import { rowSpacer, Windowed } from '../../components/Windowed';
import type { NextStep } from '../../../shared/visits/model';
import { ACTION_OWNERS, ACTION_OWNER_LABELS, ACTION_SOURCE_LABELS, type ActionOwner } from '../../../shared/vocabulary';
import { captionFor, countLine, isFiltered, NO_STEP_FILTER, StepFilters, type StepFilter, toQuery } from './StepFilters';
import { useNextStepPages } from './useNextStepPages';
import { Badge } from '../../components/Badge';

/** A table of next steps with "Mark done" and "Reopen"; used here and on a leader's page. */
export function NextStepTable({ steps, showLeader = true, caption, hideCaption = false, onRange }: {
  /** null: a row whose page is still loading (the Next steps screen loads a page at a time). */
  steps: readonly (NextStep | null)[];
  onRange?: (start: number, end: number) => void;
  showLeader?: boolean;
  caption: string;
  /** When a heading right above already says it. */
  hideCaption?: boolean;
}) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const status = useRef<HTMLParagraphElement>(null);
  // A step marked done leaves an open-only list with the focus on its button: the focus goes to the
  // step now in its place (or the one before, or the message), not back to the top of the page.
  const left = useRef<{ index: number; button: HTMLElement } | null>(null);
  useEffect(() => {
    const moved = () => (left.current = null);
    document.addEventListener('focusin', moved);
    return () => document.removeEventListener('focusin', moved);
  }, []);
  useEffect(() => {
    const l = left.current;
    if (!l || l.button.isConnected || (document.activeElement && document.activeElement !== document.body)) return;
    left.current = null;
    const button = (row: number) => table.current?.querySelector<HTMLElement>(`tr[aria-rowindex="${row + 2}"] button`);
    (button(l.index) ?? button(l.index - 1) ?? status.current)?.focus();
  }, [steps, message]);
  async function toggle(step: NextStep, index: number, button: HTMLElement) {
    left.current = { index, button };
    const r = step.doneDate === null ? await call('completeNextStep', { id: step.id }) : await call('reopenNextStep', { id: step.id });
    setMessage(r.ok
      ? { text: `${r.value.doneDate ? 'Marked done' : 'Reopened'}: ${step.description}`, error: false }
      : { text: r.error.message, error: true });
  }
  return (
    <>
      <table ref={table} className="next-steps" aria-rowcount={steps.length + 1}>
        <caption className={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Next step</th>
            {showLeader && <th scope="col">Leader</th>}
            <th scope="col">Due</th>
            <th scope="col">Owner</th>
            <th scope="col">From</th>
            <th scope="col"><span className="visually-hidden">Action</span></th>
          </tr>
        </thead>
        <tbody>
          <Windowed items={steps} estimate={64} spacer={rowSpacer(showLeader ? 6 : 5)} onRange={onRange} render={(s, i) => s === null ? (
            <tr key={`loading-${i}`} aria-rowindex={i + 2}><td colSpan={showLeader ? 6 : 5} className="hint">Loading…</td></tr>
          ) : (
            <tr key={s.id} aria-rowindex={i + 2} className={s.overdue ? 'step-overdue' : s.doneDate ? 'step-done' : undefined}>
              <th scope="row">{s.description}</th>
              {showLeader && (
                <td>
                  <a href={`#/leaders/${s.leaderId}`}>{s.leaderName}</a>
                  {s.schoolName && <><br /><span className="hint">{s.schoolName}</span></>}
                </td>
              )}
              <td>
                {s.dueDate ? formatDate(s.dueDate) : 'No due date'}
                {s.overdue && <Badge kind="badge-overdue">Overdue</Badge>}
                {s.doneDate && <><br /><span className="hint">Done {formatDate(s.doneDate)}</span></>}
              </td>
              <td>{ACTION_OWNER_LABELS[s.owner]}</td>
              <td>{s.visit ? <a href={`#/visits/${s.visit.id}`}>Visit on {formatDate(s.visit.date)}</a> : ACTION_SOURCE_LABELS[s.source]}</td>
              <td>
                <button type="button" aria-label={`${s.doneDate ? 'Reopen' : 'Mark done'}: ${s.description}`} onClick={(e) => void toggle(s, i, e.currentTarget)}>
                  {s.doneDate ? 'Reopen' : 'Mark done'}
                </button>
              </td>
            </tr>
          )} />
        </tbody>
      </table>
      {message && <p ref={status} tabIndex={-1} role={message.error ? 'alert' : 'status'} className={message.error ? 'form-error' : 'success'}>{message.text}</p>}
    </>
  );
}

/** Add a next step: here for any leader, and on a visit for the leaders who were there. */
export function AddNextStepForm({ leaders, visitId }: { leaders: { value: number; label: string }[]; visitId?: number }) {
  const form = useForm(
    { leaderId: (visitId && leaders.length === 1 ? leaders[0].value : '') as number | '', description: '', owner: 'leader' as ActionOwner, dueDate: '' },
    visitId ? `next-step-${visitId}` : 'next-step',
  );
  const { values, set, errors } = form;
  const [added, setAdded] = useState<string | null>(null);
  return (
    <form
      noValidate
      className="form"
      aria-label="Add a next step"
      onSubmit={submitFocus(async (el) => {
        setAdded(null);
        const r = await form.submit((v) =>
          call('addNextStep', { leaderId: v.leaderId === '' ? 0 : v.leaderId, description: v.description, owner: v.owner, dueDate: v.dueDate || null, visitId }),
        );
        if (!r) return null;
        form.reset({ leaderId: values.leaderId, description: '', owner: values.owner, dueDate: '' });
        setAdded(`Added for ${r.leaderName}: ${r.description}`);
        return confirmationIn(el);
      })}
    >
      <SelectField label="Leader" value={values.leaderId} onChange={(v) => set('leaderId', v)} options={leaders} error={errors.leaderId} />
      <TextField label="Next step" value={values.description} onChange={(v) => set('description', v)} error={errors.description} hint="What will happen, in a sentence." />
      <SelectField label="Owner" value={values.owner} onChange={(v) => set('owner', v)} options={optionsOf(ACTION_OWNERS, ACTION_OWNER_LABELS)} error={errors.owner} />
      <TextField label="Due date" type="date" value={values.dueDate} onChange={(v) => set('dueDate', v)} error={errors.dueDate} hint="Optional." />
      <FormError message={form.formError} />
      <button type="submit" className="primary" disabled={form.busy}>Add next step</button>
      {added && <p role="status" className="success">{added}</p>}
    </form>
  );
}

/** Every next step in one place, open ones overdue first; the filters run in the core, a page at a time. */
export function NextSteps({ initial }: { initial?: Partial<StepFilter> }) {
  const caseload = useCaseload((s) => s.data);
  const [filter, setFilter] = useState<StepFilter>({ ...NO_STEP_FILTER, ...initial });
  const query = toQuery(filter);
  const list = useNextStepPages(query);
  const stepLeaders = useQuery('listNextStepLeaders', {}, ['action_items', 'leaders']).data ?? [];

  if (!caseload) return <p>Loading…</p>;
  const formLeaders = [
    ...caseload.entries.map((e) => ({ value: e.leader.id, label: e.leader.name })),
    ...caseload.unassigned.map((l) => ({ value: l.id, label: `${l.name} (not on your caseload)` })),
  ];
  const filtered = isFiltered(filter);
  return (
    <>
      <header className="page-header">
        <h1>Next steps</h1>
        <p className="subtitle">What you and your leaders agreed to do, overdue first.</p>
      </header>
      <StepFilters filter={filter} onChange={setFilter} today={caseload.today} leaders={stepLeaders.map((l) => ({ value: l.id, label: l.left ? `${l.name} (left)` : l.name }))} error={list.error} />
      <p role="status" aria-busy={list.busy}>
        {list.total === null ? 'Loading next steps…' : countLine(list.total, list.overdue, filter.status)}
      </p>
      {list.error && !list.error.field && <p role="alert" className="form-error">{list.error.text}</p>}
      {list.total === 0 ? (
        <p className="empty">{filter.status === 'open' && !filtered ? 'No open next steps.' : 'No next steps match.'}</p>
      ) : list.total !== null && (
        <NextStepTable steps={list.rows} onRange={list.onRange} caption={captionFor(filter)} />
      )}
      <section aria-labelledby="add-step-heading">
        <h2 id="add-step-heading">Add a next step</h2>
        <p className="hint">Next steps from a visit are best added on the visit; this is for the rest.</p>
        <AddNextStepForm leaders={formLeaders} />
      </section>
    </>
  );
}
