import { z } from 'zod';
import {
  checkMeasureValue, CTA_FOCUS_AREAS, CTA_STAGES, GOAL_DIRECTIONS, GOAL_STATUSES, MEASURE_TYPES, QUARTERS,
} from './vocabulary';
import type { CtaCheckIn, CtaCheckInSummaryView, CtaOverview, CtaPlan } from './model';
import { id, isoDateSchema, noInput, optionalText, required } from '../schemas';
import { mutation, query } from '../define';

/** The Call-to-Action: plans, goals and action plans, and the quarterly check-ins with the ILT. */

const longText = (max = 20_000) => z.string().max(max, `Keep this under ${max.toLocaleString('en-US')} characters`);
const planRef = z.object({ planId: id });
const checkinRef = z.object({ checkinId: id });

/** A goal's baseline, benchmark and target are checked against its kind of measure and stored in one form. */
export const ctaGoalInput = z
  .object({
    planId: id,
    goalId: id.optional(),
    title: required('the goal', 300),
    focusArea: z.enum(CTA_FOCUS_AREAS, { error: 'Choose the focus area' }),
    measure: required('what is measured', 300),
    measureType: z.enum(MEASURE_TYPES, { error: 'Choose how the goal is measured' }),
    unit: z.string().trim().max(40, 'Keep the unit under 40 characters').default(''),
    direction: z.enum(GOAL_DIRECTIONS, { error: 'Choose whether higher or lower is better' }).default('increase'),
    dataSource: z.string().trim().max(300, 'Keep the data source under 300 characters').default(''),
    baseline: optionalText(200),
    benchmark: optionalText(200),
    target: optionalText(200),
  })
  .transform((goal, ctx) => {
    const out = { ...goal };
    for (const field of ['baseline', 'benchmark', 'target'] as const) {
      const raw = goal[field];
      if (raw === null) continue;
      const checked = checkMeasureValue(goal.measureType, raw);
      if (checked.ok) out[field] = checked.value;
      else ctx.addIssue({ code: 'custom', message: checked.message, path: [field] });
    }
    return out;
  });

export const ctaGoalUpdateInput = z.object({
  checkinId: id,
  goalId: id,
  /** Checked against the goal's measure by the core (the schema cannot know the goal's type). */
  value: z.string().max(200, 'Keep the value under 200 characters').nullish(),
  valueDate: isoDateSchema('the date of the data').nullish(),
  valueSource: z.string().max(300, 'Keep the source under 300 characters').optional(),
  status: z.enum(GOAL_STATUSES, { error: 'Choose on track, at risk or off track' }).nullish(),
  working: longText().optional(),
  barriers: longText().optional(),
  reflection: longText().optional(),
  adjustments: longText().optional(),
});

export const ctaNextStepInput = z.object({
  checkinId: id,
  goalId: id.nullish().transform((v) => v ?? null),
  description: required('the next step', 1000),
  owner: required('who owns it', 200),
  dueDate: isoDateSchema('the due date').nullish().transform((v) => v ?? null),
});

export const ctaCalls = {
  getCtaOverview: query<CtaOverview>()(noInput),
  /** null when the school has no plan for that year yet. */
  getCtaPlan: query<CtaPlan | null>()(z.object({ schoolId: id, schoolYearStart: isoDateSchema('the school year').optional() })),
  createCtaPlan: mutation<CtaPlan>()(z.object({ schoolId: id, schoolYearStart: isoDateSchema('the school year').optional() }), ['cta_plans']),
  setCtaPlanStage: mutation<CtaPlan>()(z.object({ planId: id, stage: z.enum(CTA_STAGES, { error: 'Choose the stage' }) }), ['cta_plans']),
  copyCtaPlanToNextYear: mutation<CtaPlan>()(planRef, ['cta_plans', 'cta_goals', 'cta_actions']),
  saveCtaGoal: mutation<CtaPlan>()(ctaGoalInput, ['cta_goals']),
  deleteCtaGoal: mutation<CtaPlan>()(z.object({ goalId: id }), ['cta_goals', 'cta_actions']),
  addCtaAction: mutation<CtaPlan>()(
    z.object({ goalId: id, description: required('the action', 1000), owner: z.string().trim().max(200, 'Keep the owner under 200 characters').default(''), timeline: z.string().trim().max(200, 'Keep the timeline under 200 characters').default('') }),
    ['cta_actions'],
  ),
  deleteCtaAction: mutation<CtaPlan>()(z.object({ actionId: id }), ['cta_actions']),

  /** The quarter follows from the date unless one is chosen. Carries forward attendees and open next steps. */
  openCtaCheckIn: mutation<CtaCheckIn>()(
    z.object({ planId: id, date: isoDateSchema('the check-in date'), quarter: z.union(QUARTERS.map((q) => z.literal(q)), { error: 'Choose a quarter from Q1 to Q4' }).optional() }),
    ['cta_checkins', 'cta_attendees', 'cta_next_steps'],
  ),
  getCtaCheckIn: query<CtaCheckIn>()(checkinRef),
  /** Only a check-in that is not finalised: one opened by mistake, or on the wrong date. */
  discardCtaCheckIn: mutation<{ planId: number; schoolId: number }>()(checkinRef, ['cta_checkins', 'cta_attendees', 'cta_goal_updates', 'cta_next_steps']),
  saveCtaAttendees: mutation<{ updatedAt: string }>()(
    z.object({ checkinId: id, attendees: z.array(z.object({ name: required('the attendee’s name'), role: z.string().trim().max(200, 'Keep the role under 200 characters').default('') })).max(60, 'A check-in has at most 60 attendees') }),
    ['cta_attendees'],
  ),
  /** Autosave: called as the ILT's words are typed. Only the fields given change. */
  saveCtaGoalUpdate: mutation<{ updatedAt: string }>()(ctaGoalUpdateInput, ['cta_goal_updates']),
  addCtaNextStep: mutation<CtaCheckIn>()(ctaNextStepInput, ['cta_next_steps']),
  setCtaNextStepDone: mutation<CtaCheckIn>()(z.object({ nextStepId: id, done: z.boolean({ error: 'Say whether it is done' }) }), ['cta_next_steps']),
  deleteCtaNextStep: mutation<CtaCheckIn>()(z.object({ nextStepId: id }), ['cta_next_steps']),
  /** Renders the summary PDF first, then finalises and queues it in one transaction. */
  finaliseCtaCheckIn: { ...mutation<CtaCheckIn>()(checkinRef, ['cta_checkins', 'outbox']), outsideTransaction: true as const },
  addCtaAddendum: mutation<CtaCheckIn>()(z.object({ checkinId: id, body: required('the addendum', 20_000) }), ['cta_addenda', 'outbox']),
  getCtaCheckInSummary: query<CtaCheckInSummaryView>()(checkinRef),
  getCtaCheckInPdf: query<{ filename: string; base64: string }>()(checkinRef),
} as const;
