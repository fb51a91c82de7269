import { z } from 'zod';
import type { AuditEntry } from '../evaluations/model';
import type { QueuedExportRef } from '../sync/model';
import type { LeaderRetention, RetentionConversation, RetentionOverview, RiskJudgement, SuccessionCandidate } from './model';
import { CONVERSATION_KINDS, INTENTS, READINESS_LEVELS, RETENTION_FACTORS, RISK_LEVELS } from './vocabulary';
import { id, isoDateSchema, noInput } from '../schemas';
import { ACTION_OWNERS } from '../vocabulary';
import { optionalDate } from '../visits/contract';
import { mutation, query } from '../define';

/** Retention conversations, risk judgements, plans of support, follow-ups and succession. Confidential. */

const LONG = 100_000;
const longText = (what: string) => z.string({ error: `Enter ${what}` }).max(LONG, `Keep ${what} under ${LONG.toLocaleString('en-US')} characters`).default('');
const reason = z.string({ error: 'Say why, in a sentence' }).trim().min(1, 'Say why, in a sentence').max(2000, 'Keep the reason under 2000 characters');

export const retentionActionInput = z.object({
  description: z.string({ error: 'Describe the action' }).trim().min(1, 'Describe the action').max(1000, 'Keep the action under 1000 characters'),
  owner: z.enum(ACTION_OWNERS, { error: 'Choose who owns this action' }),
  dueDate: optionalDate('the due date'),
});

export const conversationFields = z.object({
  date: isoDateSchema('the date of the conversation'),
  kind: z.enum(CONVERSATION_KINDS, { error: 'Choose the kind of conversation' }),
  intent: z.enum(INTENTS, { error: 'Choose their intent to stay' }).nullish().transform((v) => v ?? null),
  factors: z.array(z.enum(RETENTION_FACTORS, { error: 'Choose factors from the list' })).max(RETENTION_FACTORS.length).default([]),
  threats: longText('the threats to sustainability'),
  wouldHelp: longText('what would help'),
  notes: longText('the notes'),
  followUpDate: optionalDate('the follow-up date'),
});

/** A risk judgement given with a conversation: the level and why, or nothing. */
const riskWithConversation = z
  .object({ level: z.enum(RISK_LEVELS, { error: 'Choose a risk level' }), reason })
  .nullish()
  .transform((v) => v ?? null);

export const recordConversationInput = conversationFields.extend({
  leaderId: id,
  risk: riskWithConversation,
  actions: z.array(retentionActionInput).max(50, 'Keep the plan to 50 actions').default([]),
});

export const conversationRef = z.object({ conversationId: id });

export const retentionCalls = {
  getRetentionOverview: query<RetentionOverview>()(noInput),
  getLeaderRetention: query<LeaderRetention>()(z.object({ leaderId: id })),
  getRetentionConversation: query<RetentionConversation>()(conversationRef),
  recordRetentionConversation: mutation<RetentionConversation>()(recordConversationInput, ['retention', 'action_items']),
  updateRetentionConversation: mutation<RetentionConversation>()(conversationFields.extend({ conversationId: id }), ['retention']),
  addRetentionAction: mutation<RetentionConversation>()(retentionActionInput.extend({ conversationId: id }), ['retention', 'action_items']),
  completeRetentionFollowUp: mutation<RetentionConversation>()(z.object({ conversationId: id, doneDate: optionalDate('the day it happened') }), ['retention']),
  recordRetentionRisk: mutation<RiskJudgement>()(
    z.object({ leaderId: id, level: z.enum(RISK_LEVELS, { error: 'Choose a risk level' }), reason, date: isoDateSchema('the date of your judgement') }),
    ['retention'],
  ),
  saveSuccessionCandidate: mutation<SuccessionCandidate>()(
    z.object({
      schoolId: id,
      leaderId: id,
      readiness: z.enum(READINESS_LEVELS, { error: 'Choose how ready they are' }),
      note: z.string().trim().max(2000, 'Keep the note under 2000 characters').default(''),
    }),
    ['retention'],
  ),
  removeSuccessionCandidate: mutation<{ removed: number }>()(z.object({ candidateId: id }), ['retention']),
  /** The trail of a leader's retention records, or of a school's succession plan. */
  listRetentionAudit: query<AuditEntry[]>()(z.object({ leaderId: id.optional(), schoolId: id.optional() }).refine((v) => (v.leaderId === undefined) !== (v.schoolId === undefined), { message: 'Choose a leader or a school', path: ['leaderId'] })),
  /** A snapshot of the caseload's retention, for the targets whose consent allows it. */
  queueRetentionSnapshot: mutation<QueuedExportRef>()(noInput, ['outbox']),
} as const;
