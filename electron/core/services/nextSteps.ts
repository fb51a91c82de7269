import type { z } from 'zod';
import type { addNextStepInput, NextStepFilter } from '../../../shared/contract/cadence';
import type { NextStep } from '../../../shared/model/cadence';
import { AppError } from '../../../shared/result';
import { type CoreContext, timestamp, today } from '../context';
import { requireLeaderExists } from './cadence';
import { auditSupportActionProgress } from './evaluationEntries';
import { auditRetentionActionProgress } from './retention';

/**
 * Next steps (action items) as the supervisor follows them up: listed overdue first, marked
 * done and reopened. Next steps usually come from a visit; addNextStep also takes ones that don't.
 */

interface Row extends Omit<NextStep, 'visit' | 'overdue'> {
  visitDate: string | null;
  visitId: number | null;
}

const SELECT = `SELECT a.id, a.leader_id AS leaderId, l.name AS leaderName, s.name AS schoolName, a.description, a.owner,
    a.due_date AS dueDate, a.done_date AS doneDate, a.source, a.visit_id AS visitId, v.date AS visitDate, a.created_at AS createdAt
  FROM action_items a JOIN leaders l ON l.id = a.leader_id LEFT JOIN schools s ON s.id = l.school_id
  LEFT JOIN visits v ON v.id = a.visit_id`;

const toNextStep = (day: string) => ({ visitId, visitDate, ...row }: Row): NextStep => ({
  ...row,
  visit: visitId === null ? null : { id: visitId, date: visitDate! },
  overdue: row.doneDate === null && row.dueDate !== null && row.dueDate < day,
});

/** Open: overdue first, then by due date (none last), then oldest first. Done: most recently done first. */
function byFollowUpOrder(a: NextStep, b: NextStep): number {
  const open = (s: NextStep) => (s.doneDate === null ? 0 : 1);
  if (open(a) !== open(b)) return open(a) - open(b);
  if (a.doneDate !== null && b.doneDate !== null) return b.doneDate.localeCompare(a.doneDate) || b.id - a.id;
  return (
    Number(b.overdue) - Number(a.overdue) ||
    (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
    a.createdAt.localeCompare(b.createdAt) ||
    a.id - b.id
  );
}

export function listNextSteps(ctx: CoreContext, filter: { leaderId: number | null; status: NextStepFilter }): NextStep[] {
  if (filter.leaderId !== null) requireLeaderExists(ctx.db, filter.leaderId);
  const status = { open: 'a.done_date IS NULL', done: 'a.done_date IS NOT NULL', all: '1' }[filter.status];
  const rows = ctx.db
    .prepare(`${SELECT} WHERE ${status} AND (@leaderId IS NULL OR a.leader_id = @leaderId)`)
    .all({ leaderId: filter.leaderId }) as Row[];
  return rows.map(toNextStep(today(ctx))).sort(byFollowUpOrder);
}

export function getNextStep(ctx: CoreContext, id: number): NextStep {
  const row = ctx.db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as Row | undefined;
  if (!row) throw new AppError('not_found', 'That next step is no longer in Fieldbook', 'id');
  return toNextStep(today(ctx))(row);
}

export function addNextStep(ctx: CoreContext, input: z.output<typeof addNextStepInput>): NextStep {
  requireLeaderExists(ctx.db, input.leaderId);
  if (input.visitId !== null) {
    if (!ctx.db.prepare(`SELECT 1 FROM visits WHERE id = ?`).get(input.visitId)) {
      throw new AppError('not_found', 'That visit is no longer in Fieldbook', 'visitId');
    }
    if (!ctx.db.prepare(`SELECT 1 FROM visit_leaders WHERE visit_id = ? AND leader_id = ?`).get(input.visitId, input.leaderId)) {
      throw new AppError('invalid_input', 'Choose one of the leaders who were on this visit', 'leaderId');
    }
  }
  const { lastInsertRowid } = ctx.db
    .prepare(
      `INSERT INTO action_items (leader_id, description, owner, due_date, source, visit_id, created_at)
       VALUES (@leaderId, @description, @owner, @dueDate, @source, @visitId, @at)`,
    )
    .run({ ...input, source: input.visitId === null ? 'other' : 'visit', at: timestamp(ctx) });
  return getNextStep(ctx, Number(lastInsertRowid));
}

/** Mark a next step done, today unless another day is given (not a day still ahead). */
export function completeNextStep(ctx: CoreContext, id: number, doneDate: string | null): NextStep {
  getNextStep(ctx, id);
  const day = doneDate ?? today(ctx);
  if (day > today(ctx)) throw new AppError('invalid_input', 'The day it was done can’t be after today', 'doneDate');
  ctx.db.prepare(`UPDATE action_items SET done_date = ? WHERE id = ?`).run(day, id);
  auditSupportActionProgress(ctx, id, day);
  auditRetentionActionProgress(ctx, id, day);
  return getNextStep(ctx, id);
}

export function reopenNextStep(ctx: CoreContext, id: number): NextStep {
  getNextStep(ctx, id);
  ctx.db.prepare(`UPDATE action_items SET done_date = NULL WHERE id = ?`).run(id);
  auditSupportActionProgress(ctx, id, null);
  auditRetentionActionProgress(ctx, id, null);
  return getNextStep(ctx, id);
}
