import { call } from '../../api';
import { FormError, SelectField, TextField, optionsOf } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { byId, submitFocus } from '../../components/outcomeFocus';
import {
  CTA_FOCUS_AREAS, GOAL_DIRECTION_LABELS, GOAL_DIRECTIONS, MEASURE_TYPE_LABELS, MEASURE_TYPES,
  type CtaFocusArea, type GoalDirection, type MeasureType,
} from '../../../shared/cta/vocabulary';
import type { CtaGoal } from '../../../shared/cta/model';

const blank = {
  title: '', focusArea: '' as CtaFocusArea | '', measure: '', measureType: 'percentage' as MeasureType, unit: '',
  direction: 'increase' as GoalDirection, dataSource: '', baseline: '', benchmark: '', target: '',
};

const fromGoal = (g: CtaGoal): typeof blank => ({
  title: g.title, focusArea: g.focusArea, measure: g.measure, measureType: g.measureType, unit: g.unit, direction: g.direction,
  dataSource: g.dataSource, baseline: g.baseline ?? '', benchmark: g.benchmark ?? '', target: g.target ?? '',
});

/** Add or edit one CTA goal. What is typed is kept as a draft until it is saved. */
/** After a save the focus goes to the goal's card (a new goal's is drawn once the plan reloads). */
export function GoalForm({ planId, goal, onDone }: { planId: number; goal?: CtaGoal; onDone: () => void }) {
  const form = useForm(goal ? fromGoal(goal) : blank, `cta-goal-${planId}-${goal?.id ?? 'new'}`);
  const { values, set, errors } = form;
  const numeric = values.measureType !== 'text';
  const example = values.measureType === 'percentage' ? 'e.g. 42' : values.measureType === 'number' ? 'e.g. 12' : 'e.g. Developing';
  return (
    <form
      noValidate
      className="form goal-form"
      aria-label={goal ? `Edit goal: ${goal.title}` : 'Add a goal'}
      onSubmit={submitFocus(async () => {
        const saved = await form.submit((v) => call('saveCtaGoal', { planId, goalId: goal?.id, ...v, focusArea: v.focusArea as CtaFocusArea }));
        if (!saved) return null;
        form.reset(blank);
        onDone();
        return byId(`goal-${goal?.id ?? saved.goals.at(-1)!.id}`);
      })}
    >
      <TextField label="Goal" value={values.title} onChange={(v) => set('title', v)} error={errors.title} hint="What the school will achieve this year, in the ILT’s words." />
      <SelectField label="Focus area" value={values.focusArea} onChange={(v) => set('focusArea', v)} options={CTA_FOCUS_AREAS.map((f) => ({ value: f, label: f }))} error={errors.focusArea} />
      <TextField label="What is measured" value={values.measure} onChange={(v) => set('measure', v)} error={errors.measure} hint="e.g. Grade 3 students at or above standard in reading" />
      <div className="field-row">
        <SelectField label="Kind of measure" value={values.measureType} onChange={(v) => set('measureType', v)} options={optionsOf(MEASURE_TYPES, MEASURE_TYPE_LABELS)} error={errors.measureType} />
        {values.measureType === 'number' && <TextField label="Unit" value={values.unit} onChange={(v) => set('unit', v)} error={errors.unit} hint="e.g. referrals, cycles" />}
        {numeric && <SelectField label="Which way is progress" value={values.direction} onChange={(v) => set('direction', v)} options={optionsOf(GOAL_DIRECTIONS, GOAL_DIRECTION_LABELS)} error={errors.direction} />}
      </div>
      <TextField label="Data source" value={values.dataSource} onChange={(v) => set('dataSource', v)} error={errors.dataSource} hint="Where the numbers come from, e.g. the interim reading assessment" />
      <div className="field-row">
        <TextField label="Baseline" value={values.baseline} onChange={(v) => set('baseline', v)} error={errors.baseline} hint={example} />
        <TextField label="Mid-year benchmark" value={values.benchmark} onChange={(v) => set('benchmark', v)} error={errors.benchmark} />
        <TextField label="Target" value={values.target} onChange={(v) => set('target', v)} error={errors.target} />
      </div>
      <FormError message={form.formError} />
      <div className="actions">
        <button type="submit" className="primary" disabled={form.busy}>{goal ? 'Save goal' : 'Add goal'}</button>
        {goal && <button type="button" onClick={onDone}>Cancel</button>}
      </div>
    </form>
  );
}
