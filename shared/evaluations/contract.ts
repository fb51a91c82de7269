import { z } from 'zod';
import { ENTRY_KINDS, MAX_STAGES, SCALE_LEVELS, WRITE_UP_SECTIONS, daysInMonth } from './vocabulary';
import type {
  AuditEntry, CycleSummary, EvaluationDeadline, EvaluationDetail, EvaluationList, EvaluationTemplate, RubricEvidence, WriteUpOutline,
} from './model';
import { id, isoDateSchema, noInput } from '../schemas';
import { ACTION_OWNERS } from '../vocabulary';
import { mutation, query } from '../define';

/** Evaluation cycles: template, stages, entries, rubric and evidence, write-up, sign-off, lock, addenda, audit. */

const words = (what: string, max: number) =>
  z.string({ error: `Enter ${what}` }).trim().min(1, `Enter ${what}`).max(max, `Keep ${what} under ${max.toLocaleString('en-US')} characters`);
const optionalWords = (max: number) => z.string().trim().max(max, `Keep this under ${max.toLocaleString('en-US')} characters`).default('');
const optionalDate = (what: string) =>
  z.string({ error: `Enter ${what} as a date, for example 2027-05-31` }).trim().nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || z.iso.date().safeParse(v).success, `Enter ${what} as a date, for example 2027-05-31`);
/** Long text a person types (write-up sections, rationales) is autosaved: generous, but bounded. */
export const EVALUATION_TEXT_MAX = 200_000;
const longText = z.string({ error: 'Enter text' }).max(EVALUATION_TEXT_MAX, `Keep this under ${EVALUATION_TEXT_MAX.toLocaleString('en-US')} characters`);

const cycleRef = z.object({ cycleId: id });
const frameworkId = z.string({ error: 'Choose a framework' }).trim().min(1, 'Choose a framework').max(200, 'Choose a framework');

const templateStage = z
  .object({
    name: words('the stage name', 120),
    month: z.number({ error: 'Choose the month it is due' }).int('Choose a month').min(1, 'Choose a month').max(12, 'Choose a month'),
    day: z.number({ error: 'Enter the day it is due' }).int('Enter a whole day of the month').min(1, 'Enter a day from 1').max(31, 'Enter a day up to 31'),
  })
  .refine((s) => s.day <= daysInMonth(s.month), { message: 'That month has fewer days', path: ['day'] });

export const evaluationTemplateInput = z.object({
  stages: z.array(templateStage).min(1, 'Keep at least one stage').max(MAX_STAGES, `Use at most ${MAX_STAGES} stages`),
  scale: z
    .array(words('a label for each rating level', 60))
    .min(SCALE_LEVELS.min, `Give at least ${SCALE_LEVELS.min} rating levels`)
    .max(SCALE_LEVELS.max, `Use at most ${SCALE_LEVELS.max} rating levels`)
    .refine((labels) => new Set(labels.map((l) => l.toLowerCase())).size === labels.length, 'Give each rating level a different label'),
  frameworkId,
});

const entryFields = {
  title: words('what it is', 500),
  detail: optionalWords(5000),
  measure: optionalWords(500),
  target: optionalWords(500),
  byDate: optionalDate('the date'),
  /** A goal may serve one of the school's CTA goals for the year. */
  ctaGoalId: id.nullish().transform((v) => v ?? null),
};

export const evaluationCalls = {
  getEvaluationTemplate: query<EvaluationTemplate>()(noInput),
  saveEvaluationTemplate: mutation<EvaluationTemplate>()(evaluationTemplateInput, ['evaluations']),

  listEvaluations: query<EvaluationList>()(noInput),
  listEvaluationDeadlines: query<EvaluationDeadline[]>()(noInput),
  getEvaluation: query<EvaluationDetail>()(cycleRef),
  startEvaluationCycle: mutation<CycleSummary>()(
    z.object({ leaderId: id, frameworkId: frameworkId.nullish().transform((v) => v ?? null) }),
    ['evaluations'],
  ),

  completeEvaluationStage: mutation<EvaluationDetail>()(z.object({ stageId: id, date: isoDateSchema('the day it was completed') }), ['evaluations']),
  reopenEvaluationStage: mutation<EvaluationDetail>()(z.object({ stageId: id }), ['evaluations']),

  addEvaluationEntry: mutation<EvaluationDetail>()(z.object({ cycleId: id, kind: z.enum(ENTRY_KINDS, { error: 'Choose what to add' }), ...entryFields }), ['evaluations']),
  updateEvaluationEntry: mutation<EvaluationDetail>()(z.object({ entryId: id, ...entryFields }), ['evaluations']),
  removeEvaluationEntry: mutation<EvaluationDetail>()(z.object({ entryId: id }), ['evaluations', 'action_items']),
  addGoalProgress: mutation<EvaluationDetail>()(
    z.object({ goalId: id, date: isoDateSchema('the date'), note: words('the progress note', 5000) }),
    ['evaluations'],
  ),
  /** A support-plan action becomes a next step (source: evaluation) on the leader's page. */
  addSupportAction: mutation<EvaluationDetail>()(
    z.object({
      growthAreaId: id,
      description: words('the action', 500),
      owner: z.enum(ACTION_OWNERS, { error: 'Choose who does it' }),
      dueDate: optionalDate('the due date'),
    }),
    ['evaluations', 'action_items'],
  ),

  rateElement: mutation<EvaluationDetail>()(
    z.object({
      cycleId: id,
      elementId: z.string({ error: 'Choose a rubric row' }).min(1, 'Choose a rubric row').max(200, 'Choose a rubric row'),
      rating: z.number({ error: 'Choose a rating' }).int('Choose a rating').nullish(),
      rationale: longText.optional(),
    }),
    ['evaluations'],
  ),
  listRubricEvidence: query<RubricEvidence[]>()(z.object({ cycleId: id, includeCoaching: z.boolean({ error: 'Say whether to show coaching notes' }).default(false) })),
  citeEvidence: mutation<EvaluationDetail>()(
    z.object({
      cycleId: id,
      elementId: z.string({ error: 'Choose a rubric row' }).min(1, 'Choose a rubric row').max(200, 'Choose a rubric row'),
      source: z.enum(['note', 'visit'], { error: 'Choose a note or a visit' }),
      sourceId: id,
    }),
    ['evaluations'],
  ),
  removeEvidence: mutation<EvaluationDetail>()(z.object({ evidenceId: id }), ['evaluations']),

  saveWriteUp: mutation<{ updatedAt: string }>()(
    z.object({ cycleId: id, section: z.enum(WRITE_UP_SECTIONS, { error: 'Choose a section' }), text: longText }),
    ['evaluations'],
  ),
  /** "Start from evidence": headings and quotes with their sources, for the supervisor to edit. */
  outlineWriteUp: query<WriteUpOutline>()(cycleRef),

  signEvaluation: mutation<EvaluationDetail>()(z.object({ cycleId: id, name: words('your name as your signature', 200) }), ['evaluations']),
  withdrawSignature: mutation<EvaluationDetail>()(cycleRef, ['evaluations']),
  acknowledgeEvaluation: mutation<EvaluationDetail>()(
    z.object({
      cycleId: id,
      name: words('the leader’s name as they typed it', 200),
      date: isoDateSchema('the date of the acknowledgement'),
      comment: optionalWords(20_000),
    }),
    ['evaluations'],
  ),
  /** Renders the PDF first (async), then locks and queues it for the district in one transaction. */
  lockEvaluation: { ...mutation<EvaluationDetail>()(cycleRef, ['evaluations', 'outbox']), outsideTransaction: true as const },
  unlockEvaluation: mutation<EvaluationDetail>()(z.object({ cycleId: id, reason: words('why it is being unlocked', 2000) }), ['evaluations']),
  addAddendum: mutation<EvaluationDetail>()(
    z.object({ cycleId: id, date: isoDateSchema('the addendum’s date'), body: words('the addendum', 20_000) }),
    ['evaluations'],
  ),
  getEvaluationPdf: query<{ filename: string; base64: string }>()(cycleRef),
  listAuditTrail: query<AuditEntry[]>()(z.object({ entityType: z.enum(['evaluation_cycle'], { error: 'Choose a record' }), entityId: id })),
} as const;
