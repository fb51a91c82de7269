import { z } from 'zod';
import type { CaseloadHeatmap, Dashboard, LeaderCadence, NextStep, NextStepLeader, NextStepPage, TimeUse, VisitStrip } from '../model/cadence';
import { id, isoDateSchema } from '../schemas';
import { ACTION_OWNERS, ACTION_SOURCES, NEXT_STEP_DUE } from '../vocabulary';
import { mutation, query } from './define';

/** Cadence, the dashboard, next steps and time use: mostly reads over visits and action items. */

/** Blank means "no date"; anything else must be a real calendar date. */
/** How many of today's and this week's visits the dashboard lists; the counts say how many in all. */
export const DASHBOARD_VISITS = 12;

export const optionalDate = (what: string) =>
  z
    .string({ error: `Enter ${what} as a date, for example 2026-12-01` })
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || z.iso.date().safeParse(v).success, `Enter ${what} as a date, for example 2026-12-01`);

export const cadenceInput = z.object({ leaderId: id.nullish().transform((v) => v ?? null) }).default({ leaderId: null });
export const visitStripInput = z.object({ leaderId: id });
export const heatmapInput = z
  .object({
    /** The calendar year the school year starts in: 2026 for 2026–27. Left out: the current school year. */
    schoolYear: z
      .number({ error: 'Choose a school year' })
      .int('Choose a school year')
      .min(2000, 'Choose a school year from 2000 on')
      .max(2100, 'Choose a school year before 2100')
      .nullish()
      .transform((v) => v ?? null),
  })
  .default({ schoolYear: null });
export const timeUseInput = z
  .object({ from: isoDateSchema('the first day'), to: isoDateSchema('the last day') })
  .refine((r) => r.from <= r.to, { message: 'The last day must be on or after the first day', path: ['to'] });

export const NEXT_STEP_FILTERS = ['open', 'done', 'all'] as const;
/** What the Next steps screen filters by; every field may be left out (then it does not filter). */
const nextStepFilters = {
  leaderId: id.nullish().transform((v) => v ?? null),
  status: z.enum(NEXT_STEP_FILTERS, { error: 'Choose open, done or all' }).default('open'),
  source: z.enum(ACTION_SOURCES, { error: 'Choose where the next steps came from' }).nullish().transform((v) => v ?? null),
  owner: z.enum(ACTION_OWNERS, { error: 'Choose who owns the next steps' }).nullish().transform((v) => v ?? null),
  due: z.enum(NEXT_STEP_DUE, { error: 'Choose overdue, due in the next 7 days or no due date' }).default('any'),
  /** Words in the next step's description. */
  text: z
    .string({ error: 'Enter words to look for' })
    .trim()
    .max(200, 'Keep the words to look for under 200 characters')
    .nullish()
    .transform((v) => (v ? v : null)),
};
const NO_FILTER = { leaderId: null, status: 'open', source: null, owner: null, due: 'any', text: null } as const;
export const listNextStepsInput = z.object(nextStepFilters).default(NO_FILTER);
/** One page of the filtered list, with the totals so the screen can say how many there are in all. */
export const listNextStepsPageInput = z
  .object({
    ...nextStepFilters,
    offset: z.number({ error: 'Start from a row number' }).int('Start from a whole row number').min(0, 'Start from row 0 or later').default(0),
    limit: z.number({ error: 'Choose how many to show' }).int('Show a whole number').min(1, 'Show at least 1 next step').max(500, 'Show at most 500 next steps at a time').default(100),
  })
  .default({ ...NO_FILTER, offset: 0, limit: 100 });
export const completeNextStepInput = z.object({ id, doneDate: optionalDate('the day it was done') });
export const nextStepRef = z.object({ id });
export const addNextStepInput = z.object({
  leaderId: z.number({ error: 'Choose the leader this next step is for' }).int().positive('Choose the leader this next step is for'),
  description: z
    .string({ error: 'Describe the next step' })
    .trim()
    .min(1, 'Describe the next step')
    .max(1000, 'Keep the next step under 1000 characters'),
  owner: z.enum(ACTION_OWNERS, { error: 'Choose who owns this next step' }),
  dueDate: optionalDate('the due date'),
  visitId: id.nullish().transform((v) => v ?? null),
});

export type AddNextStepInput = z.input<typeof addNextStepInput>;
export type NextStepFilter = (typeof NEXT_STEP_FILTERS)[number];
export type NextStepQuery = z.output<typeof listNextStepsInput>;

export const cadenceCalls = {
  getCadence: query<LeaderCadence[]>()(cadenceInput),
  getVisitStrip: query<VisitStrip>()(visitStripInput),
  getCaseloadHeatmap: query<CaseloadHeatmap>()(heatmapInput),
  getTimeUse: query<TimeUse>()(timeUseInput),
  getDashboard: query<Dashboard>()(z.object({}).default({})),

  listNextSteps: query<NextStep[]>()(listNextStepsInput),
  listNextStepsPage: query<NextStepPage>()(listNextStepsPageInput),
  /** Everyone with a next step, those who have left too: the leaders the Next steps screen can filter by. */
  listNextStepLeaders: query<NextStepLeader[]>()(z.object({}).default({})),
  addNextStep: mutation<NextStep>()(addNextStepInput, ['action_items']),
  completeNextStep: mutation<NextStep>()(completeNextStepInput, ['action_items']),
  reopenNextStep: mutation<NextStep>()(nextStepRef, ['action_items']),
} as const;
