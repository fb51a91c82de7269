import type { z } from 'zod';
import type { conversationFields, recordConversationInput, retentionActionInput } from '../../../../shared/retention/contract';
import type { RetentionAction, RetentionConversation, RiskJudgement } from '../../../../shared/retention/model';
import type { RetentionFactor, RiskLevel } from '../../../../shared/retention/vocabulary';
import { AppError } from '../../../../shared/result';
import { type CoreContext, timestamp, today } from '../../context';
import { recordAudit } from '../../audit';
import { requireLeaderExists } from '../visits/cadence';
import { formatterOf } from '../settings/settings';

/**
 * Retention conversations with their factors, plan of support (action items, source 'retention')
 * and follow-up, and the supervisor's risk judgements. Every change is in the leader's audit
 * trail ('leader_retention'). Nothing here is exported unless a target's consent allows it.
 */

type Fields = z.output<typeof conversationFields>;
type ActionInput = z.output<typeof retentionActionInput>;

interface ConversationRow {
  id: number; leaderId: number; leaderName: string; date: string; kind: RetentionConversation['kind']; intent: RetentionConversation['intent'];
  threats: string; wouldHelp: string; notes: string; followUpDate: string | null; followUpDoneDate: string | null; createdAt: string; updatedAt: string;
}

const SELECT = `SELECT c.id, c.leader_id AS leaderId, l.name AS leaderName, c.date, c.kind, c.intent, c.threats, c.would_help AS wouldHelp, c.notes,
    c.follow_up_date AS followUpDate, c.follow_up_done_date AS followUpDoneDate, c.created_at AS createdAt, c.updated_at AS updatedAt
  FROM retention_conversations c JOIN leaders l ON l.id = c.leader_id`;

const audit = (ctx: CoreContext, leaderId: number, action: string, changes: Record<string, unknown>) =>
  recordAudit(ctx, { entityType: 'leader_retention', entityId: leaderId, action, changes });

function withDetails(ctx: CoreContext, rows: ConversationRow[]): RetentionConversation[] {
  if (rows.length === 0) return [];
  const ids = JSON.stringify(rows.map((r) => r.id));
  const factors = ctx.db.prepare(`SELECT conversation_id AS id, factor FROM retention_factors WHERE conversation_id IN (SELECT value FROM json_each(?))`).all(ids) as { id: number; factor: RetentionFactor }[];
  const day = today(ctx);
  const actions = ctx.db
    .prepare(`SELECT id, retention_conversation_id AS conversationId, description, owner, due_date AS dueDate, done_date AS doneDate FROM action_items
      WHERE retention_conversation_id IN (SELECT value FROM json_each(?)) ORDER BY coalesce(due_date, '9999'), id`)
    .all(ids) as (Omit<RetentionAction, 'overdue'> & { conversationId: number })[];
  return rows.map((r) => ({
    ...r,
    factors: factors.filter((f) => f.id === r.id).map((f) => f.factor),
    actions: actions.filter((a) => a.conversationId === r.id).map(({ conversationId: _c, ...a }) => ({ ...a, overdue: a.doneDate === null && a.dueDate !== null && a.dueDate < day })),
  }));
}

export function getConversation(ctx: CoreContext, conversationId: number): RetentionConversation {
  const row = ctx.db.prepare(`${SELECT} WHERE c.id = ?`).get(conversationId) as ConversationRow | undefined;
  if (!row) throw new AppError('not_found', 'That conversation is no longer in Fieldbook', 'conversationId');
  return withDetails(ctx, [row])[0];
}

/** A leader's conversations, newest first (or every leader's, for the overview and the export). */
export function listConversations(ctx: CoreContext, leaderId: number | null): RetentionConversation[] {
  const rows = ctx.db.prepare(`${SELECT} WHERE (@leaderId IS NULL OR c.leader_id = @leaderId) ORDER BY c.date DESC, c.id DESC`).all({ leaderId }) as ConversationRow[];
  return withDetails(ctx, rows);
}

/** A conversation must say something, be held by today, and its follow-up come after it. */
function checkFields(ctx: CoreContext, f: Fields, actions: number): void {
  if (f.date > today(ctx)) throw new AppError('invalid_date', 'A conversation can’t be dated after today: record it once it is held', 'date');
  if (f.followUpDate && f.followUpDate < f.date) throw new AppError('invalid_date', 'The follow-up can’t be before the conversation', 'followUpDate');
  const said = f.intent || f.factors.length || f.threats.trim() || f.wouldHelp.trim() || f.notes.trim() || actions > 0;
  if (!said) throw new AppError('empty_conversation', 'Record something from the conversation: their intent, the factors discussed, or notes', 'notes');
}

function setFactors(ctx: CoreContext, conversationId: number, factors: RetentionFactor[]): void {
  ctx.db.prepare(`DELETE FROM retention_factors WHERE conversation_id = ?`).run(conversationId);
  const add = ctx.db.prepare(`INSERT INTO retention_factors (conversation_id, factor) VALUES (?, ?)`);
  for (const f of new Set(factors)) add.run(conversationId, f);
}

function insertAction(ctx: CoreContext, leaderId: number, conversationId: number, a: ActionInput): void {
  ctx.db
    .prepare(`INSERT INTO action_items (leader_id, description, owner, due_date, source, retention_conversation_id, created_at) VALUES (?, ?, ?, ?, 'retention', ?, ?)`)
    .run(leaderId, a.description, a.owner, a.dueDate, conversationId, timestamp(ctx));
}

function insertRisk(ctx: CoreContext, leaderId: number, level: RiskLevel, reason: string, date: string, conversationId: number | null): RiskJudgement {
  const { lastInsertRowid } = ctx.db
    .prepare(`INSERT INTO retention_risk (leader_id, level, reason, date, conversation_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
    .run(leaderId, level, reason, date, conversationId, timestamp(ctx));
  audit(ctx, leaderId, 'risk judged', { level, reason, date, conversationId });
  return { id: Number(lastInsertRowid), level, reason, date, conversationId };
}

/**
 * Held: a later conversation closes the follow-ups of earlier ones, since that is when they were
 * followed up.
 */
function closeEarlierFollowUps(ctx: CoreContext, leaderId: number, conversationId: number, date: string): void {
  const open = ctx.db
    .prepare(`SELECT id, follow_up_date AS due FROM retention_conversations WHERE leader_id = ? AND id <> ? AND date <= ? AND follow_up_date IS NOT NULL AND follow_up_done_date IS NULL`)
    .all(leaderId, conversationId, date) as { id: number; due: string }[];
  for (const o of open) {
    ctx.db.prepare(`UPDATE retention_conversations SET follow_up_done_date = ? WHERE id = ?`).run(date, o.id);
    audit(ctx, leaderId, 'follow-up held', { conversationId: o.id, due: o.due, heldIn: conversationId, date });
  }
}

export function recordConversation(ctx: CoreContext, input: z.output<typeof recordConversationInput>): RetentionConversation {
  const leader = requireLeaderExists(ctx.db, input.leaderId);
  checkFields(ctx, input, input.actions.length);
  const at = timestamp(ctx);
  const id = Number(ctx.db
    .prepare(`INSERT INTO retention_conversations (leader_id, date, kind, intent, threats, would_help, notes, follow_up_date, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(leader.id, input.date, input.kind, input.intent, input.threats, input.wouldHelp, input.notes, input.followUpDate, at, at).lastInsertRowid);
  setFactors(ctx, id, input.factors);
  for (const a of input.actions) insertAction(ctx, leader.id, id, a);
  // The free text itself stays out of the append-only trail: what a supervisor later removes must be gone from the file.
  audit(ctx, leader.id, 'conversation recorded', {
    conversationId: id, date: input.date, kind: input.kind, intent: input.intent, factors: input.factors, followUpDate: input.followUpDate,
    actions: input.actions.map((a) => a.description),
  });
  if (input.risk) insertRisk(ctx, leader.id, input.risk.level, input.risk.reason, input.date, id);
  closeEarlierFollowUps(ctx, leader.id, id, input.date);
  return getConversation(ctx, id);
}

const FIELD_NAMES: (keyof Fields)[] = ['date', 'kind', 'intent', 'factors', 'threats', 'wouldHelp', 'notes', 'followUpDate'];
/** Said to have been edited in the audit trail, never quoted there. */
const FREE_TEXT = new Set<keyof Fields>(['threats', 'wouldHelp', 'notes']);

export function updateConversation(ctx: CoreContext, { conversationId, ...fields }: Fields & { conversationId: number }): RetentionConversation {
  const before = getConversation(ctx, conversationId);
  checkFields(ctx, fields, before.actions.length);
  const changes: Record<string, unknown> = {};
  for (const k of FIELD_NAMES) {
    const from = k === 'factors' ? [...before.factors].sort() : before[k];
    const to = k === 'factors' ? [...new Set(fields.factors)].sort() : fields[k];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[k] = FREE_TEXT.has(k) ? 'edited' : { from, to };
  }
  if (Object.keys(changes).length === 0) return before;
  ctx.db
    .prepare(`UPDATE retention_conversations SET date = ?, kind = ?, intent = ?, threats = ?, would_help = ?, notes = ?, follow_up_date = ?,
      follow_up_done_date = CASE WHEN ? IS NULL THEN NULL ELSE follow_up_done_date END, updated_at = ? WHERE id = ?`)
    .run(fields.date, fields.kind, fields.intent, fields.threats, fields.wouldHelp, fields.notes, fields.followUpDate, fields.followUpDate, timestamp(ctx), conversationId);
  setFactors(ctx, conversationId, fields.factors);
  audit(ctx, before.leaderId, 'conversation changed', { conversationId, ...changes });
  return getConversation(ctx, conversationId);
}

export function addAction(ctx: CoreContext, { conversationId, ...action }: ActionInput & { conversationId: number }): RetentionConversation {
  const c = getConversation(ctx, conversationId);
  insertAction(ctx, c.leaderId, conversationId, action);
  audit(ctx, c.leaderId, 'plan of support action added', { conversationId, action: action.description, owner: action.owner, due: action.dueDate });
  return getConversation(ctx, conversationId);
}

/** Marking a plan-of-support action done or reopening it (as a next step) is in the leader's trail. */
export function auditRetentionActionProgress(ctx: CoreContext, actionId: number, doneDate: string | null): void {
  const row = ctx.db.prepare(`SELECT leader_id AS leaderId, description, retention_conversation_id AS conversationId FROM action_items WHERE id = ? AND retention_conversation_id IS NOT NULL`)
    .get(actionId) as { leaderId: number; description: string; conversationId: number } | undefined;
  if (row) audit(ctx, row.leaderId, doneDate ? 'plan of support action done' : 'plan of support action reopened', { conversationId: row.conversationId, action: row.description, doneDate });
}

export function completeFollowUp(ctx: CoreContext, conversationId: number, doneDate: string | null): RetentionConversation {
  const c = getConversation(ctx, conversationId);
  if (!c.followUpDate) throw new AppError('no_follow_up', 'This conversation has no follow-up planned', 'conversationId');
  if (c.followUpDoneDate) throw new AppError('already_done', `This follow-up was already marked as held on ${formatterOf(ctx).date(c.followUpDoneDate)}`, 'conversationId');
  const day = doneDate ?? today(ctx);
  if (day > today(ctx)) throw new AppError('invalid_date', 'The day it happened can’t be after today', 'doneDate');
  if (day < c.date) throw new AppError('invalid_date', 'The follow-up can’t have happened before the conversation', 'doneDate');
  ctx.db.prepare(`UPDATE retention_conversations SET follow_up_done_date = ?, updated_at = ? WHERE id = ?`).run(day, timestamp(ctx), conversationId);
  audit(ctx, c.leaderId, 'follow-up held', { conversationId, due: c.followUpDate, date: day });
  return getConversation(ctx, conversationId);
}

export function recordRisk(ctx: CoreContext, input: { leaderId: number; level: RiskLevel; reason: string; date: string }): RiskJudgement {
  requireLeaderExists(ctx.db, input.leaderId);
  if (input.date > today(ctx)) throw new AppError('invalid_date', 'A judgement can’t be dated after today', 'date');
  return insertRisk(ctx, input.leaderId, input.level, input.reason, input.date, null);
}

/** Newest judgement first: by its date, then by when it was written. */
export function riskHistory(ctx: CoreContext, leaderId: number | null): (RiskJudgement & { leaderId: number })[] {
  return ctx.db
    .prepare(`SELECT id, leader_id AS leaderId, level, reason, date, conversation_id AS conversationId FROM retention_risk
      WHERE (@leaderId IS NULL OR leader_id = @leaderId) ORDER BY date DESC, id DESC`)
    .all({ leaderId }) as (RiskJudgement & { leaderId: number })[];
}
