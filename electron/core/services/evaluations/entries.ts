import type { EntryKind } from '../../../../shared/evaluations/vocabulary';
import { ENTRY_KIND_LABELS } from '../../../../shared/evaluations/vocabulary';
import type { EvaluationDetail } from '../../../../shared/evaluations/model';
import { AppError } from '../../../../shared/result';
import type { ActionOwner } from '../../../../shared/vocabulary';
import { type CoreContext, timestamp, today } from '../../context';
import { recordAudit } from '../../audit';
import { ctaGoalsOfSchoolYear } from '../cta/plans';
import { changeCycle, getEvaluation, leaderSchool } from './cycles';

/** A cycle's stages, and its structured entries: goals with progress notes, styles, strengths, growth areas with support plans. */

function requireStage(ctx: CoreContext, stageId: number) {
  const s = ctx.db.prepare(`SELECT id, cycle_id AS cycleId, name, completed_date AS completedDate FROM evaluation_stages WHERE id = ?`).get(stageId) as
    | { id: number; cycleId: number; name: string; completedDate: string | null }
    | undefined;
  if (!s) throw new AppError('not_found', 'That stage is no longer in Fieldbook', 'stageId');
  return s;
}

export function completeEvaluationStage(ctx: CoreContext, input: { stageId: number; date: string }): EvaluationDetail {
  const s = requireStage(ctx, input.stageId);
  if (input.date > today(ctx)) throw new AppError('invalid_input', 'The day it was completed can’t be after today', 'date');
  changeCycle(ctx, s.cycleId, { action: 'stage completed', changes: { stage: s.name, from: s.completedDate, to: input.date } }, 'cycle', 'date');
  ctx.db.prepare(`UPDATE evaluation_stages SET completed_date = ? WHERE id = ?`).run(input.date, s.id);
  return getEvaluation(ctx, s.cycleId);
}

export function reopenEvaluationStage(ctx: CoreContext, stageId: number): EvaluationDetail {
  const s = requireStage(ctx, stageId);
  changeCycle(ctx, s.cycleId, { action: 'stage reopened', changes: { stage: s.name, from: s.completedDate, to: null } }, 'cycle', 'stageId');
  ctx.db.prepare(`UPDATE evaluation_stages SET completed_date = NULL WHERE id = ?`).run(s.id);
  return getEvaluation(ctx, s.cycleId);
}

interface EntryFields {
  title: string;
  detail: string;
  measure: string;
  target: string;
  byDate: string | null;
  ctaGoalId: number | null;
}

function requireEntry(ctx: CoreContext, entryId: number, field = 'entryId') {
  const e = ctx.db.prepare(`SELECT id, cycle_id AS cycleId, kind, title, detail, measure, target, entry_date AS byDate, cta_goal_id AS ctaGoalId FROM evaluation_entries WHERE id = ?`).get(entryId) as
    | (EntryFields & { id: number; cycleId: number; kind: EntryKind | 'goal_progress' })
    | undefined;
  if (!e || e.kind === 'goal_progress') throw new AppError('not_found', 'That entry is no longer in Fieldbook', field);
  return e as typeof e & { kind: EntryKind };
}

/** Only goals have a measure, a target, a date and a CTA goal; for the others those fields are kept blank. */
const fieldsFor = (kind: EntryKind, { title, detail, measure, target, byDate, ctaGoalId }: EntryFields): EntryFields =>
  kind === 'goal' ? { title, detail, measure, target, byDate, ctaGoalId } : { title, detail, measure: '', target: '', byDate: null, ctaGoalId: null };

/** The CTA goal must be one of the leader's school's goals for the cycle's school year. */
function checkCtaGoal(ctx: CoreContext, cycleId: number, ctaGoalId: number | null): void {
  if (ctaGoalId === null) return;
  const { leaderId, yearStart } = ctx.db.prepare(`SELECT leader_id AS leaderId, year_start AS yearStart FROM evaluation_cycles WHERE id = ?`).get(cycleId) as { leaderId: number; yearStart: string };
  if (!ctaGoalsOfSchoolYear(ctx.db, leaderSchool(ctx.db, leaderId), yearStart).some((g) => g.id === ctaGoalId)) {
    throw new AppError('not_found', 'Choose one of the CTA goals of this leader’s school for the same school year', 'ctaGoalId');
  }
}

export function addEvaluationEntry(ctx: CoreContext, input: EntryFields & { cycleId: number; kind: EntryKind }): EvaluationDetail {
  const f = fieldsFor(input.kind, input);
  changeCycle(ctx, input.cycleId, { action: `${ENTRY_KIND_LABELS[input.kind].toLowerCase()} added`, changes: { ...f } }, 'cycle', 'title');
  checkCtaGoal(ctx, input.cycleId, f.ctaGoalId);
  const at = timestamp(ctx);
  ctx.db
    .prepare(
      `INSERT INTO evaluation_entries (cycle_id, kind, title, detail, measure, target, entry_date, cta_goal_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(input.cycleId, input.kind, f.title, f.detail, f.measure, f.target, f.byDate, f.ctaGoalId, at, at);
  return getEvaluation(ctx, input.cycleId);
}

export function updateEvaluationEntry(ctx: CoreContext, input: EntryFields & { entryId: number }): EvaluationDetail {
  const e = requireEntry(ctx, input.entryId);
  const f = fieldsFor(e.kind, input);
  const changed = Object.fromEntries(
    (Object.keys(f) as (keyof EntryFields)[]).filter((k) => f[k] !== e[k]).map((k) => [k, { from: e[k], to: f[k] }]),
  );
  changeCycle(ctx, e.cycleId, { action: `${ENTRY_KIND_LABELS[e.kind].toLowerCase()} changed`, changes: { entry: e.title, ...changed } }, 'cycle', 'title');
  checkCtaGoal(ctx, e.cycleId, f.ctaGoalId);
  ctx.db
    .prepare(`UPDATE evaluation_entries SET title = ?, detail = ?, measure = ?, target = ?, entry_date = ?, cta_goal_id = ?, updated_at = ? WHERE id = ?`)
    .run(f.title, f.detail, f.measure, f.target, f.byDate, f.ctaGoalId, timestamp(ctx), e.id);
  return getEvaluation(ctx, e.cycleId);
}

/** Removes the entry with its progress notes and, for a growth area, its support-plan actions. */
export function removeEvaluationEntry(ctx: CoreContext, entryId: number): EvaluationDetail {
  const e = requireEntry(ctx, entryId);
  changeCycle(ctx, e.cycleId, { action: `${ENTRY_KIND_LABELS[e.kind].toLowerCase()} removed`, changes: { entry: e.title, detail: e.detail } }, 'cycle', 'entryId');
  ctx.db.prepare(`DELETE FROM action_items WHERE evaluation_entry_id = ?`).run(e.id);
  ctx.db.prepare(`DELETE FROM evaluation_entries WHERE parent_id = ?`).run(e.id);
  ctx.db.prepare(`DELETE FROM evaluation_entries WHERE id = ?`).run(e.id);
  return getEvaluation(ctx, e.cycleId);
}

export function addGoalProgress(ctx: CoreContext, input: { goalId: number; date: string; note: string }): EvaluationDetail {
  const goal = requireEntry(ctx, input.goalId, 'goalId');
  if (goal.kind !== 'goal') throw new AppError('invalid_input', 'Progress notes belong to a goal', 'goalId');
  if (input.date > today(ctx)) throw new AppError('invalid_input', 'A progress note can’t be dated after today', 'date');
  changeCycle(ctx, goal.cycleId, { action: 'goal progress noted', changes: { goal: goal.title, date: input.date, note: input.note } }, 'cycle', 'note');
  const at = timestamp(ctx);
  ctx.db
    .prepare(`INSERT INTO evaluation_entries (cycle_id, kind, parent_id, title, entry_date, created_at, updated_at) VALUES (?, 'goal_progress', ?, ?, ?, ?, ?)`)
    .run(goal.cycleId, goal.id, input.note, input.date, at, at);
  return getEvaluation(ctx, goal.cycleId);
}

/** A support-plan action is a next step for the leader, with its owner and date, shown on their page. */
export function addSupportAction(ctx: CoreContext, input: { growthAreaId: number; description: string; owner: ActionOwner; dueDate: string | null }): EvaluationDetail {
  const area = requireEntry(ctx, input.growthAreaId, 'growthAreaId');
  if (area.kind !== 'growth_area') throw new AppError('invalid_input', 'Support-plan actions belong to a growth area', 'growthAreaId');
  const c = changeCycle(ctx, area.cycleId, { action: 'support action added', changes: { growthArea: area.title, action: input.description, owner: input.owner, due: input.dueDate } }, 'cycle', 'description');
  ctx.db
    .prepare(
      `INSERT INTO action_items (leader_id, description, owner, due_date, source, evaluation_entry_id, created_at)
       VALUES (?, ?, ?, ?, 'evaluation', ?, ?)`,
    )
    .run(c.leader_id, input.description, input.owner, input.dueDate, area.id, timestamp(ctx));
  return getEvaluation(ctx, area.cycleId);
}

/**
 * A support-plan action marked done or reopened (as a next step) is part of its cycle's trail,
 * even after the lock: the plan is followed up all year.
 */
export function auditSupportActionProgress(ctx: CoreContext, actionId: number, doneDate: string | null): void {
  const row = ctx.db
    .prepare(`SELECT a.description, e.cycle_id AS cycleId, e.title FROM action_items a JOIN evaluation_entries e ON e.id = a.evaluation_entry_id WHERE a.id = ?`)
    .get(actionId) as { description: string; cycleId: number; title: string } | undefined;
  if (!row) return;
  recordAudit(ctx, {
    entityType: 'evaluation_cycle', entityId: row.cycleId, action: doneDate ? 'support action done' : 'support action reopened',
    changes: { growthArea: row.title, action: row.description, doneDate },
  });
}
