import { useState } from 'react';
import { call } from '../../api';
import { FormError, SelectField, TextField, optionsOf } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { byId, confirmationIn, submitFocus } from '../../components/outcomeFocus';
import { useQuery } from '../../components/useQuery';
import { formatDate, plural } from '../../format';
import { navigate } from '../../router';
import { CTA_MAX_GOALS, CTA_MIN_GOALS, CTA_STAGE_LABELS, CTA_STAGES, GOAL_DIRECTION_LABELS, quarterLabel } from '../../../shared/cta/vocabulary';
import type { CtaGoalWithHistory, CtaPlan } from '../../../shared/cta/model';
import type { Table } from '../../../shared/api';
import { shiftSchoolYear } from '../../../shared/schoolYear';
import { GoalForm } from './GoalForm';
import { actionLine, GoalTargets, StatusChip, StatusHistory, TrendChart } from './TrendChart';

export const CTA_TABLES: readonly Table[] = ['cta_plans', 'cta_goals', 'cta_actions', 'cta_checkins', 'cta_goal_updates', 'cta_next_steps', 'cta_attendees', 'cta_addenda', 'schools', 'settings'];

function ActionForm({ goalId }: { goalId: number }) {
  const blank = { description: '', owner: '', timeline: '' };
  const form = useForm(blank, `cta-action-${goalId}`);
  const { values, set, errors } = form;
  const [added, setAdded] = useState<string | null>(null);
  return (
    <form
      noValidate
      className="inline-form"
      aria-label="Add an action"
      onSubmit={submitFocus(async (el) => {
        if (!(await form.submit((v) => call('addCtaAction', { goalId, ...v })))) return null;
        setAdded(`Added action: ${values.description.trim()}`);
        form.reset(blank);
        return confirmationIn(el);
      })}
    >
      <TextField label="Action" value={values.description} onChange={(v) => set('description', v)} error={errors.description} />
      <TextField label="Owner" value={values.owner} onChange={(v) => set('owner', v)} error={errors.owner} />
      <TextField label="Timeline" value={values.timeline} onChange={(v) => set('timeline', v)} error={errors.timeline} hint="e.g. Sept–Dec" />
      <button type="submit" disabled={form.busy}>Add action</button>
      <FormError message={form.formError} />
      {added && <p role="status" className="success">{added}</p>}
    </form>
  );
}

function GoalCard({ plan, goal, index }: { plan: CtaPlan; goal: CtaGoalWithHistory; index: number }) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (editing) return <GoalForm planId={plan.id} goal={goal} onDone={() => setEditing(false)} />;
  return (
    <article className="goal-card" aria-labelledby={`goal-${goal.id}`}>
      <header>
        <h3 id={`goal-${goal.id}`}>{index + 1}. {goal.title}</h3>
        <StatusChip status={goal.latestStatus} />
      </header>
      <p className="hint">{goal.focusArea} · {goal.measure}{goal.measureType !== 'text' ? ` · ${GOAL_DIRECTION_LABELS[goal.direction].toLowerCase()}` : ''}{goal.dataSource ? ` · Source: ${goal.dataSource}` : ''}</p>
      <GoalTargets goal={goal} />
      <div className="goal-trend">
        <TrendChart goal={goal} />
        <StatusHistory goal={goal} />
      </div>
      <h4>Action plan</h4>
      {goal.actions.length === 0 ? <p className="empty">No actions yet.</p> : (
        <ul className="plain actions-list">
          {goal.actions.map((a) => (
            <li key={a.id}>
              {actionLine(a)}{' '}
              <button type="button" className="link" onClick={() => void call('deleteCtaAction', { actionId: a.id })}>Remove action: {a.description}</button>
            </li>
          ))}
        </ul>
      )}
      <ActionForm goalId={goal.id} />
      <div className="actions">
        <button type="button" onClick={() => setEditing(true)}>Edit goal {index + 1}</button>
        <button type="button" onClick={async () => {
          const r = await call('deleteCtaGoal', { goalId: goal.id });
          setError(r.ok ? null : r.error.message);
        }}>Remove goal {index + 1}</button>
      </div>
      <FormError message={error} />
    </article>
  );
}

function OpenCheckInForm({ plan, today }: { plan: CtaPlan; today: string }) {
  const inYear = today >= plan.schoolYear.start && today <= plan.schoolYear.end;
  const form = useForm({ date: inYear ? today : plan.schoolYear.start });
  return (
    <form
      noValidate
      className="inline-form"
      aria-label="Hold a check-in"
      onSubmit={submitFocus(async () => {
        const c = await form.submit((v) => call('openCtaCheckIn', { planId: plan.id, date: v.date }), { planId: 'date' });
        if (!c) return null;
        navigate(`/cta/checkins/${c.id}`);
        // Facilitation mode opens on its first step, named by the step's heading.
        return byId('step-heading');
      })}
    >
      <TextField label="Check-in date" type="date" value={form.values.date} onChange={(v) => form.set('date', v)} error={form.errors.date} hint="The quarter follows from the date." />
      <button type="submit" className="primary" disabled={form.busy}>Open check-in</button>
      <FormError message={form.formError} />
    </form>
  );
}

function StartPlan({ schoolId, yearStart }: { schoolId: number; yearStart?: string }) {
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="empty-plan">
      <p className="empty">No CTA plan for this school year yet. The ILT writes it; you can record its goals here.</p>
      <button type="button" className="primary" onClick={async () => {
        const r = await call('createCtaPlan', { schoolId, schoolYearStart: yearStart });
        setMessage(r.ok ? null : r.error.message);
      }}>Start the CTA plan</button>
      <FormError message={message} />
    </div>
  );
}

function CopyToNextYear({ plan }: { plan: CtaPlan }) {
  const [message, setMessage] = useState<string | null>(null);
  if (plan.nextYearPlanId) return <p>Next year’s plan exists: <a href={`#/schools/${plan.school.id}?year=${shiftSchoolYear(plan.schoolYear.start, 1)}`}>open it</a>.</p>;
  return (
    <>
      <p className="hint">In spring the ILT drafts next year’s goals. Copying starts that draft from this plan, with this year’s newest values as baselines.</p>
      <button type="button" onClick={async () => {
        const r = await call('copyCtaPlanToNextYear', { planId: plan.id });
        if (r.ok) navigate(`/schools/${plan.school.id}?year=${r.value.schoolYear.start}`);
        else setMessage(r.error.message);
      }}>Copy into next school year as a draft</button>
      <FormError message={message} />
    </>
  );
}

/** One school's CTA for one school year: stage, goals with trends, action plans and check-ins. */
export function PlanSection({ schoolId, yearStart, today }: { schoolId: number; yearStart?: string; today: string }) {
  const { data: plan, loaded, error } = useQuery('getCtaPlan', { schoolId, schoolYearStart: yearStart }, CTA_TABLES);
  const [adding, setAdding] = useState(false);
  if (error) return <p role="alert">{error}</p>;
  if (!loaded) return <p>Loading the plan…</p>;
  if (!plan) return <StartPlan schoolId={schoolId} yearStart={yearStart} />;
  const count = plan.goals.length;
  return (
    <>
      <div className="plan-meta">
        <SelectField label="Stage" value={plan.stage} onChange={(stage) => void call('setCtaPlanStage', { planId: plan.id, stage })} options={optionsOf(CTA_STAGES, CTA_STAGE_LABELS)}
          hint={plan.expectedStage && plan.expectedStage !== plan.stage ? `By the calendar the plan would now be at “${CTA_STAGE_LABELS[plan.expectedStage]}”.` : undefined} />
        {plan.copiedFrom && <p className="hint">Started from the {plan.copiedFrom.schoolYear.label} plan.</p>}
      </div>
      {count < CTA_MIN_GOALS && <p className="hint">A CTA has {CTA_MIN_GOALS} to {CTA_MAX_GOALS} goals; this one has {plural(count, 'goal')} so far.</p>}
      {plan.goals.map((g, i) => <GoalCard key={g.id} plan={plan} goal={g} index={i} />)}
      {count < CTA_MAX_GOALS ? (
        adding || count === 0 ? (
          <section aria-label="New goal">
            <GoalForm key={`${count}`} planId={plan.id} onDone={() => setAdding(true)} />
            {count > 0 && <button type="button" onClick={() => setAdding(false)}>Done adding goals</button>}
          </section>
        ) : <button type="button" aria-expanded="false" onClick={() => setAdding(true)}>Add a goal</button>
      ) : <p className="hint">This plan has the most goals a CTA keeps ({CTA_MAX_GOALS}).</p>}

      <section aria-labelledby="checkins-heading">
        <h3 id="checkins-heading">Check-ins with the ILT</h3>
        {plan.checkIns.length === 0 ? <p className="empty">No check-ins yet this year.</p> : (
          <ul className="plain">
            {plan.checkIns.map((c) => (
              <li key={c.id}>
                <a href={`#/cta/checkins/${c.id}`}>{quarterLabel(c.quarter)} check-in, {formatDate(c.date)}</a>{' '}
                <span className="hint">{c.finalisedAt ? 'Finalised' : 'In progress'}</span>
              </li>
            ))}
          </ul>
        )}
        {count > 0 && <OpenCheckInForm plan={plan} today={today} />}
      </section>
      <section aria-labelledby="next-year-heading">
        <h3 id="next-year-heading">Next school year</h3>
        <CopyToNextYear plan={plan} />
      </section>
    </>
  );
}
