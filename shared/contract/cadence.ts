import { z } from 'zod';
import type { CaseloadHeatmap, Dashboard, LeaderCadence, NextStep, TimeUse, VisitStrip } from '../model/cadence';
import { id, isoDateSchema } from '../schemas';
import { ACTION_OWNERS } from '../vocabulary';
import { mutation, query } from './define';

/** Cadence, the dashboard, next steps and time use: mostly reads over visits and action items. */

/** Blank means "no date"; anything else must be a real calendar date. */
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
export const listNextStepsInput = z
  .object({
    leaderId: id.nullish().transform((v) => v ?? null),
    status: z.enum(NEXT_STEP_FILTERS, { error: 'Choose open, done or all' }).default('open'),
  })
  .default({ leaderId: null, status: 'open' });
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

export const cadenceCalls = {
  getCadence: query<LeaderCadence[]>()(cadenceInput),
  getVisitStrip: query<VisitStrip>()(visitStripInput),
  getCaseloadHeatmap: query<CaseloadHeatmap>()(heatmapInput),
  getTimeUse: query<TimeUse>()(timeUseInput),
  getDashboard: query<Dashboard>()(z.object({}).default({})),

  listNextSteps: query<NextStep[]>()(listNextStepsInput),
  addNextStep: mutation<NextStep>()(addNextStepInput, ['action_items']),
  completeNextStep: mutation<NextStep>()(completeNextStepInput, ['action_items']),
  reopenNextStep: mutation<NextStep>()(nextStepRef, ['action_items']),
} as const;
