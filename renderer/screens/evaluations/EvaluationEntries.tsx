import { useState } from 'react';
import { call } from '../../api';
import { FormError, SelectField, TextAreaField, TextField, optionsOf } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { byId, confirmationIn, submitFocus } from '../../components/outcomeFocus';
import { formatDate } from '../../format';
import type { EntryKind } from '../../../shared/evaluations/vocabulary';
import type { LinkedCtaGoal } from '../../../shared/cta/model';
import type { EvaluationDetail, EvaluationEntry } from '../../../shared/evaluations/model';
import { StatusChip } from '../cta/TrendChart';
import { ACTION_OWNERS, ACTION_OWNER_LABELS, type ActionOwner } from '../../../shared/vocabulary';

/** Goals, communication and work styles, strengths, growth areas with support plans: structured entries. */

const KINDS: { kind: EntryKind; heading: string; title: string; detail: string; add: string; empty: string }[] = [
  { kind: 'goal', heading: 'Professional goals', title: 'Goal', detail: 'Why it matters', add: 'Add goal', empty: 'No goals yet.' },
  { kind: 'style', heading: 'Communication and work styles', title: 'Style', detail: 'What it means for how you work together', add: 'Add style', empty: 'No styles noted yet.' },
  { kind: 'strength', heading: 'Strengths to leverage', title: 'Strength', detail: 'How to leverage it', add: 'Add strength', empty: 'No strengths noted yet.' },
  { kind: 'growth_area', heading: 'Growth areas and support plan', title: 'Growth area', detail: 'What growth looks like', add: 'Add growth area', empty: 'No growth areas yet.' },
];

/** Adds an entry of a kind, or (given an entry) changes it. */
function EntryForm({ cycleId, kind, entry, ctaGoals, onDone }: { cycleId: number; kind: (typeof KINDS)[number]; entry?: EvaluationEntry; ctaGoals: LinkedCtaGoal[]; onDone?: () => void }) {
  const blank = { title: '', detail: '', measure: '', target: '', byDate: '', ctaGoalId: 0 };
  const form = useForm(
    entry ? { title: entry.title, detail: entry.detail, measure: entry.measure, target: entry.target, byDate: entry.byDate ?? '', ctaGoalId: entry.ctaGoal?.id ?? 0 } : blank,
    entry ? `evaluation-entry-${entry.id}` : `evaluation-${cycleId}-${kind.kind}`,
  );
  const { values, set, errors } = form;
  const goal = kind.kind === 'goal';
  const button = entry ? `Save ${kind.title.toLowerCase()}` : kind.add;
  const [added, setAdded] = useState<string | null>(null);
  return (
    <form noValidate className="form" aria-label={entry ? `Edit: ${entry.title}` : kind.add} onSubmit={submitFocus(async (el) => {
      const r = await form.submit((v) => (entry
        ? call('updateEvaluationEntry', { entryId: entry.id, ...v, byDate: v.byDate || null, ctaGoalId: v.ctaGoalId || null })
        : call('addEvaluationEntry', { cycleId, kind: kind.kind, ...v, byDate: v.byDate || null, ctaGoalId: v.ctaGoalId || null })));
      if (!r) return null;
      form.reset(blank);
      onDone?.();
      // An edit closes the form and shows the entry again: the focus goes to it.
      if (entry) return byId(`entry-${entry.id}`);
      setAdded(`Added ${kind.title.toLowerCase()}: ${values.title.trim()}`);
      return confirmationIn(el);
    })}>
      <TextField label={kind.title} value={values.title} onChange={(v) => set('title', v)} error={errors.title} />
      <TextAreaField label={kind.detail} value={values.detail} onChange={(v) => set('detail', v)} error={errors.detail} rows={2} />
      {goal && (
        <>
          <TextField label="Measure" value={values.measure} onChange={(v) => set('measure', v)} error={errors.measure} hint="How progress will be seen, e.g. interim reading scores." />
          <TextField label="Target" value={values.target} onChange={(v) => set('target', v)} error={errors.target} />
          <TextField label="By when" type="date" value={values.byDate} onChange={(v) => set('byDate', v)} error={errors.byDate} />
          {(ctaGoals.length > 0 || values.ctaGoalId !== 0) && (
            <SelectField label="Serves the school’s CTA goal" value={values.ctaGoalId} onChange={(v) => set('ctaGoalId', v)} error={errors.ctaGoalId}
              options={[{ value: 0, label: 'None' }, ...ctaGoals.map((g) => ({ value: g.id, label: g.title }))]} hint="Optional: the goal of the school’s Call-to-Action this goal helps reach." />
          )}
        </>
      )}
      <FormError message={form.formError} />
      <button type="submit" disabled={form.busy}>{button}</button>
      {entry && <button type="button" onClick={onDone}>Cancel</button>}
      {added && <p role="status" className="success">{added}</p>}
    </form>
  );
}

function ProgressForm({ goal, today }: { goal: EvaluationEntry; today: string }) {
  const form = useForm({ date: today, note: '' }, `goal-progress-${goal.id}`);
  const { values, set, errors } = form;
  const [added, setAdded] = useState<string | null>(null);
  return (
    <form noValidate className="form form-inline" aria-label={`Progress on ${goal.title}`} onSubmit={submitFocus(async (el) => {
      if (!(await form.submit((v) => call('addGoalProgress', { goalId: goal.id, ...v })))) return null;
      setAdded(`Progress note added: ${values.note.trim()}`);
      form.reset({ date: today, note: '' });
      return confirmationIn(el);
    })}>
      <TextField label="Progress date" type="date" value={values.date} onChange={(v) => set('date', v)} error={errors.date} />
      <TextField label="Progress note" value={values.note} onChange={(v) => set('note', v)} error={errors.note} />
      <FormError message={form.formError} />
      <button type="submit" disabled={form.busy}>Add progress note</button>
      {added && <p role="status" className="success">{added}</p>}
    </form>
  );
}

function ActionForm({ area }: { area: EvaluationEntry }) {
  const form = useForm({ description: '', owner: 'leader' as ActionOwner, dueDate: '' }, `support-action-${area.id}`);
  const { values, set, errors } = form;
  const [added, setAdded] = useState<string | null>(null);
  return (
    <form noValidate className="form form-inline" aria-label={`Support action for ${area.title}`} onSubmit={submitFocus(async (el) => {
      if (!(await form.submit((v) => call('addSupportAction', { growthAreaId: area.id, ...v, dueDate: v.dueDate || null })))) return null;
      setAdded(`Added to the support plan: ${values.description.trim()}`);
      form.reset({ description: '', owner: values.owner, dueDate: '' });
      return confirmationIn(el);
    })}>
      <TextField label="Support action" value={values.description} onChange={(v) => set('description', v)} error={errors.description} />
      <SelectField label="Who does it" value={values.owner} onChange={(v) => set('owner', v)} options={optionsOf(ACTION_OWNERS, ACTION_OWNER_LABELS)} error={errors.owner} />
      <TextField label="Action due" type="date" value={values.dueDate} onChange={(v) => set('dueDate', v)} error={errors.dueDate} />
      <FormError message={form.formError} />
      <button type="submit" disabled={form.busy}>Add to support plan</button>
      {added && <p role="status" className="success">{added}</p>}
    </form>
  );
}

function Entry({ entry, kind, cycleId, locked, today, ctaGoals }: { entry: EvaluationEntry; kind: (typeof KINDS)[number]; cycleId: number; locked: boolean; today: string; ctaGoals: LinkedCtaGoal[] }) {
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  if (editing) return <li className="entry"><EntryForm cycleId={cycleId} kind={kind} entry={entry} ctaGoals={ctaGoals} onDone={() => setEditing(false)} /></li>;
  return (
    <li className="entry" id={`entry-${entry.id}`}>
      <strong>{entry.title}</strong>
      {entry.detail && <> — {entry.detail}</>}
      {entry.kind === 'goal' && (entry.measure || entry.target || entry.byDate) && (
        <p className="hint">Measure: {entry.measure || '—'} · Target: {entry.target || '—'} · By {entry.byDate ? formatDate(entry.byDate) : '—'}</p>
      )}
      {entry.ctaGoal && <p className="hint">Serves the school’s CTA goal: {entry.ctaGoal.title} <StatusChip status={entry.ctaGoal.latestStatus} /></p>}
      {entry.progress.length > 0 && (
        <ul aria-label={`Progress on ${entry.title}`}>{entry.progress.map((p) => <li key={p.id}>{formatDate(p.date)}: {p.note}</li>)}</ul>
      )}
      {entry.kind === 'growth_area' && (
        <ul aria-label={`Support plan for ${entry.title}`}>
          {entry.actions.length === 0 && <li className="empty">No support actions yet.</li>}
          {entry.actions.map((a) => (
            <li key={a.id}>{a.description} ({ACTION_OWNER_LABELS[a.owner]}{a.dueDate ? `, due ${formatDate(a.dueDate)}` : ''}{a.doneDate ? `, done ${formatDate(a.doneDate)}` : ''})</li>
          ))}
        </ul>
      )}
      {!locked && (
        <>
          {entry.kind === 'goal' && <ProgressForm goal={entry} today={today} />}
          {entry.kind === 'growth_area' && <ActionForm area={entry} />}
          <button type="button" aria-label={`Edit: ${entry.title}`} onClick={() => setEditing(true)}>Edit</button>
          <button type="button" className="danger" aria-label={`Remove: ${entry.title}`} onClick={async () => {
            const r = await call('removeEvaluationEntry', { entryId: entry.id });
            setError(r.ok ? null : r.error.message);
          }}>Remove</button>
          {error && <p role="alert" className="form-error">{error}</p>}
        </>
      )}
    </li>
  );
}

export function EvaluationEntries({ evaluation, today }: { evaluation: EvaluationDetail; today: string }) {
  const locked = evaluation.status === 'locked';
  return (
    <>
      {KINDS.map((k) => {
        const entries = evaluation.entries.filter((e) => e.kind === k.kind);
        return (
          <section key={k.kind} aria-labelledby={`entries-${k.kind}`}>
            <h2 id={`entries-${k.kind}`}>{k.heading}</h2>
            {entries.length === 0 ? <p className="empty">{k.empty}</p> : (
              <ul className="plain entries">{entries.map((e) => <Entry key={e.id} entry={e} kind={k} cycleId={evaluation.id} locked={locked} today={today} ctaGoals={evaluation.ctaGoals} />)}</ul>
            )}
            {k.kind === 'growth_area' && entries.length > 0 && <p className="hint">Support actions are next steps: they appear on the leader’s page and under Next steps.</p>}
            {!locked && <EntryForm cycleId={evaluation.id} kind={k} ctaGoals={evaluation.ctaGoals} />}
          </section>
        );
      })}
    </>
  );
}
