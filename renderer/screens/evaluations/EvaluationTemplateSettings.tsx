import { useEffect, useState } from 'react';
import { call } from '../../api';
import { FormError, SelectField, TextField, numberFrom } from '../../components/Field';
import { useQuery } from '../../components/useQuery';
import { useFrameworks } from '../../stores/frameworks';
import { SCALE_LEVELS } from '../../../shared/evaluations/vocabulary';
import type { EvaluationTemplate } from '../../../shared/evaluations/model';
import { MONTH_NAMES } from '../../../shared/vocabulary';
import { confirmationIn, submitFocus } from '../../components/outcomeFocus';
import { dropDraft, keepDraft, loadDraft } from '../../components/drafts';

/** Unsaved edits are kept as a draft until saved, like every form's. */
const DRAFT_KEY = 'evaluation-template';

const MONTHS = MONTH_NAMES.map((label, i) => ({ value: i + 1, label }));
type Draft = { stages: { name: string; month: number; day: string }[]; scale: string[]; frameworkId: string };
const toDraft = (t: EvaluationTemplate): Draft => ({ ...t, stages: t.stages.map((s) => ({ ...s, day: String(s.day) })) });
const move = <T,>(list: T[], from: number, to: number): T[] => {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
};

/**
 * The district's evaluation template: stage names, order and due dates (a month and day of the
 * school year), the rating scale's labels, and the default rubric framework. New cycles copy it.
 */
export function EvaluationTemplateSettings() {
  const { data } = useQuery('getEvaluationTemplate', {}, ['evaluations']);
  const frameworks = useFrameworks((s) => s.data) ?? [];
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!data) return;
    let current = true;
    void loadDraft<Draft>(DRAFT_KEY).then((kept) => current && setDraft(kept ?? toDraft(data)));
    return () => {
      current = false;
    };
  }, [data]);
  if (!draft) return null;
  const at = (field: string) => (error?.field === field ? error.message : undefined);
  const update = (next: Draft) => {
    keepDraft(DRAFT_KEY, next);
    setDraft(next);
    setSaved(false);
    setError(null);
  };
  const setStage = (i: number, patch: Partial<Draft['stages'][number]>) => update({ ...draft, stages: draft.stages.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const shown = new Set(['frameworkId', 'scale', 'stages', ...draft.stages.flatMap((_s, i) => [`stages.${i}.name`, `stages.${i}.month`, `stages.${i}.day`]), ...draft.scale.map((_l, i) => `scale.${i}`)]);
  return (
    <section aria-labelledby="evaluation-template-heading">
      <h2 id="evaluation-template-heading">Evaluation cycle template</h2>
      <p className="hint">New evaluation cycles copy these stages, due dates and rating labels; cycles already started keep theirs.</p>
      <form noValidate className="form template-form" aria-label="Evaluation cycle template" onSubmit={submitFocus(async (el) => {
        const r = await call('saveEvaluationTemplate', { ...draft, stages: draft.stages.map((s) => ({ ...s, day: numberFrom(s.day) })) });
        if (!r.ok) {
          setError(r.error);
          return null;
        }
        dropDraft(DRAFT_KEY);
        setSaved(true);
        return confirmationIn(el);
      })}>
        <fieldset>
          <legend>Stages, in order</legend>
          <ol className="template-stages">
            {draft.stages.map((s, i) => (
              <li key={i}>
                <TextField label={`Stage ${i + 1} name`} value={s.name} onChange={(v) => setStage(i, { name: v })} error={at(`stages.${i}.name`)} />
                <SelectField label={`Stage ${i + 1} due month`} value={s.month} onChange={(v) => setStage(i, { month: v })} options={MONTHS} error={at(`stages.${i}.month`)} />
                <TextField label={`Stage ${i + 1} due day`} type="number" min={1} max={31} value={s.day} onChange={(v) => setStage(i, { day: v })} error={at(`stages.${i}.day`)} />
                <span className="inline-action">
                  <button type="button" disabled={i === 0} aria-label={`Move stage ${i + 1} up`} onClick={() => update({ ...draft, stages: move(draft.stages, i, i - 1) })}>Up</button>
                  <button type="button" disabled={i === draft.stages.length - 1} aria-label={`Move stage ${i + 1} down`} onClick={() => update({ ...draft, stages: move(draft.stages, i, i + 1) })}>Down</button>
                  <button type="button" aria-label={`Remove stage ${i + 1}`} onClick={() => update({ ...draft, stages: draft.stages.filter((_x, j) => j !== i) })}>Remove</button>
                </span>
              </li>
            ))}
          </ol>
          {at('stages') && <p className="field-error" role="alert">{at('stages')}</p>}
          <button type="button" onClick={() => update({ ...draft, stages: [...draft.stages, { name: '', month: 6, day: '1' }] })}>Add a stage</button>
        </fieldset>
        <fieldset>
          <legend>Rating scale, lowest first</legend>
          {draft.scale.map((label, i) => (
            <TextField key={i} label={`Rating ${i + 1} label`} value={label} error={at(`scale.${i}`)}
              onChange={(v) => update({ ...draft, scale: draft.scale.map((l, j) => (j === i ? v : l)) })} />
          ))}
          {at('scale') && <p className="field-error" role="alert">{at('scale')}</p>}
          <span className="inline-action">
            <button type="button" disabled={draft.scale.length >= SCALE_LEVELS.max} onClick={() => update({ ...draft, scale: [...draft.scale, ''] })}>Add a level</button>
            <button type="button" disabled={draft.scale.length <= SCALE_LEVELS.min} onClick={() => update({ ...draft, scale: draft.scale.slice(0, -1) })}>Remove the top level</button>
          </span>
        </fieldset>
        <SelectField label="Default rubric framework" value={draft.frameworkId} onChange={(v) => update({ ...draft, frameworkId: v })}
          options={frameworks.map((f) => ({ value: f.id, label: f.name }))} error={at('frameworkId')} />
        <FormError message={error && !shown.has(error.field ?? '') ? error.message : null} />
        <button type="submit" className="primary">Save evaluation template</button>
        {saved && <p role="status" className="success">Evaluation template saved.</p>}
      </form>
    </section>
  );
}
