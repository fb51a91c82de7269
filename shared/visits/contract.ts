import { z } from 'zod';
import type { SearchResults, CaseloadHeatmap, Dashboard, LeaderCadence, NextStep, NextStepLeader, NextStepPage, TimeUse, VisitStrip, CalendarFile, LeaderNotes, Note, VisitDetail, VisitSummary } from './model';
import { id, isoDateSchema } from '../schemas';
import { query, mutation } from '../define';
import { ACTION_OWNERS, ACTION_SOURCES, NEXT_STEP_DUE, EVIDENCE_KINDS, VISIT_TYPES } from '../vocabulary';

/** A date a person may leave blank ('' or missing means no limit). */
export const optionalDate = (what: string) =>
  z
    .string({ error: `Enter ${what} as a date, for example 2026-09-01` })
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isoDateSchema(what).safeParse(v).success, `Enter ${what} as a date, for example 2026-09-01`);

/** From and to, both optional, in order; a reversed range is reported on "to". */
export const dateRange = z.object({ from: optionalDate('the first date'), to: optionalDate('the last date') });
export const checkRangeOrder = <S extends z.ZodType<{ from: string | null; to: string | null }>>(schema: S): S =>
  schema.refine((v: { from: string | null; to: string | null }) => !v.from || !v.to || v.from <= v.to, {
    message: 'The last date must be on or after the first date',
    path: ['to'],
  });

const optionalId = id.nullish().transform((v) => v ?? null);

export const searchInput = checkRangeOrder(
  dateRange.extend({
    query: z.string({ error: 'Enter words to search for' }).max(500, 'Keep the search under 500 characters').default(''),
    leaderId: optionalId,
    schoolId: optionalId,
    /** A framework element, 'frameworkId/elementId'. */
    tag: z
      .string()
      .trim()
      .nullish()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || /^[^/]+\/.+$/.test(v), 'Choose a framework element from the list'),
    limit: z.number().int().min(1, 'Show at least 1 result').max(200, 'Show at most 200 results').default(50),
  }),
);

/** Full-text search over notes and visits. */
export const searchCalls = {
  search: query<SearchResults>()(searchInput),
} as const;



/** Cadence, the dashboard, next steps and time use: mostly reads over visits and action items. */

/** How many of today's and this week's visits the dashboard lists; the counts say how many in all. */
export const DASHBOARD_VISITS = 12;

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



/**
 * Planned visits as an iCalendar file: from today on unless a range is chosen. It records what each
 * event said, so the next file can cancel an event or raise its SEQUENCE.
 */
export const calendarCalls = {
  exportVisitsCalendar: mutation<CalendarFile>()(checkRangeOrder(dateRange), ['calendar_events']),
} as const;



/** How many of a leader's notes their page shows at first, and adds each time a person asks for older ones. */
export const LEADER_NOTES_PAGE = 50;

/** Visits, their notes and their framework tags. */

const time = (what: string) => z.string({ error: `Enter ${what}` }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, `Enter ${what} as a time, like 09:30`);
const evidenceKind = z.enum(EVIDENCE_KINDS, { error: 'Choose coaching or evaluative evidence' });
const text = (max: number) => z.string().max(max, `Keep this under ${max.toLocaleString('en-US')} characters`).default('');
/** A note may be long (a whole morning's walkthrough); 2 MB is far beyond any typed note. */
export const NOTE_MAX_CHARS = 2_000_000;

export const visitFields = z
  .object({
    date: isoDateSchema('the visit date'),
    startTime: time('the start time'),
    endTime: time('the end time'),
    schoolId: id,
    leaderIds: z.array(id).max(50).default([]),
    type: z.enum(VISIT_TYPES, { error: 'Choose the kind of visit' }),
    purpose: text(2000),
    focus: text(2000),
    evidenceKind: evidenceKind.default('coaching'),
  })
  .refine((v) => v.endTime > v.startTime, { message: 'The visit must end after it starts', path: ['endTime'] });

export const visitRef = z.object({ visitId: id });
export const tagRef = z.object({ frameworkId: z.string().min(1), elementId: z.string().min(1) });

export const visitFilter = z
  .object({
    from: isoDateSchema('the first date').optional(),
    to: isoDateSchema('the last date').optional(),
    leaderId: id.optional(),
    schoolId: id.optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'The last date must be on or after the first', path: ['to'] })
  .default({});

export const visitCalls = {
  listVisits: query<VisitSummary[]>()(visitFilter),
  getVisit: query<VisitDetail>()(visitRef),
  planVisit: mutation<VisitSummary>()(visitFields, ['visits']),
  updateVisit: mutation<VisitSummary>()(z.intersection(visitRef, visitFields), ['visits']),
  startVisit: mutation<VisitSummary>()(visitRef, ['visits']),
  finishVisit: mutation<VisitSummary>()(
    z
      .object({ visitId: id, outcome: z.enum(['done', 'cancelled', 'no_show'], { error: 'Choose how the visit ended' }), reason: z.string().trim().max(2000).default('') })
      .refine((v) => v.outcome === 'done' || v.reason.length > 0, { message: 'Say why, so the record explains itself', path: ['reason'] }),
    ['visits'],
  ),
  saveVisitEvidence: mutation<{ updatedAt: string }>()(z.object({ visitId: id, evidence: text(NOTE_MAX_CHARS) }), ['visits']),
  setVisitTags: mutation<VisitDetail>()(z.object({ visitId: id, tags: z.array(tagRef).max(100) }), ['tags']),

  createNote: mutation<Note>()(
    z
      .object({ visitId: id.optional(), leaderId: id.optional(), body: text(NOTE_MAX_CHARS), evidenceKind: evidenceKind.optional() })
      .refine((n) => n.visitId !== undefined || n.leaderId !== undefined, { message: 'Choose the leader this note is about', path: ['leaderId'] }),
    ['notes'],
  ),
  /** Autosave: called while the person types. */
  saveNote: mutation<{ id: number; updatedAt: string }>()(
    z.object({ noteId: id, body: z.string().max(NOTE_MAX_CHARS, `Keep this under ${NOTE_MAX_CHARS.toLocaleString('en-US')} characters`).optional(), evidenceKind: evidenceKind.optional() }),
    ['notes'],
  ),
  deleteNote: mutation<{ id: number }>()(z.object({ noteId: id }), ['notes', 'tags']),
  setNoteTags: mutation<Note>()(z.object({ noteId: id, tags: z.array(tagRef).max(100) }), ['tags']),
  /** The newest `limit` notes about a leader: a decade of them is thousands, and the page shows the newest first. */
  listLeaderNotes: query<LeaderNotes>()(z.object({
    leaderId: id,
    limit: z.number({ error: 'Choose how many notes to show' }).int().min(1).max(10_000).default(LEADER_NOTES_PAGE),
  })),
} as const;
