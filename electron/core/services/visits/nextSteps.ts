import type { z } from 'zod';
import { addDays } from 'date-fns/addDays';
import { parseISO } from 'date-fns/parseISO';
import type { addNextStepInput, NextStepQuery } from '../../../../shared/visits/contract';
import type { NextStep, NextStepLeader, NextStepPage } from '../../../../shared/visits/model';
import { isoDate } from '../../../../shared/schoolYear';
import { AppError } from '../../../../shared/result';
import { type CoreContext, timestamp, today } from '../../context';
import { requireLeaderExists } from './cadence';
import { auditSupportActionProgress } from '../evaluations/entries';
import { auditRetentionActionProgress } from '../retention/conversations';
import { NEXT_STEP_WEEK_DAYS } from '../../../../shared/vocabulary';

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

/**
 * Open first, then done. Open: by due date (so overdue first, none last), then oldest first.
 * Done: most recently done first. Written in SQL so a page can be cut from the sorted list.
 */
const FOLLOW_UP_ORDER = `ORDER BY a.done_date IS NOT NULL,
  CASE WHEN a.done_date IS NULL THEN coalesce(a.due_date, '9999-12-31') END,
  CASE WHEN a.done_date IS NULL THEN a.created_at END,
  a.done_date DESC,
  CASE WHEN a.done_date IS NULL THEN a.id ELSE -a.id END`;

const STATUS = { open: 'a.done_date IS NULL', done: 'a.done_date IS NOT NULL', all: '1' } as const;
const DUE = {
  any: '1',
  overdue: 'a.done_date IS NULL AND a.due_date < @today',
  week: 'a.due_date BETWEEN @today AND @weekEnd',
  none: 'a.due_date IS NULL',
} as const;

/** The WHERE clause and its parameters for the filters the Next steps screen offers. */
function filtered(ctx: CoreContext, f: NextStepQuery) {
  if (f.leaderId !== null) requireLeaderExists(ctx.db, f.leaderId);
  const day = today(ctx);
  const where = [
    STATUS[f.status],
    DUE[f.due],
    f.leaderId !== null ? 'a.leader_id = @leaderId' : null,
    f.source !== null ? 'a.source = @source' : null,
    f.owner !== null ? 'a.owner = @owner' : null,
    // LIKE with its wildcards escaped: the words are looked for as typed, in any case (SQLite folds case for A–Z only).
    f.text !== null ? `a.description LIKE '%' || @text || '%' ESCAPE '\\'` : null,
  ].filter(Boolean).join(' AND ');
  const params = {
    today: day,
    weekEnd: isoDate(addDays(parseISO(day), NEXT_STEP_WEEK_DAYS)),
    leaderId: f.leaderId,
    source: f.source,
    owner: f.owner,
    text: f.text?.replace(/[\\%_]/g, (c) => `\\${c}`) ?? null,
  };
  return { where, params, day };
}

export function listNextSteps(ctx: CoreContext, filter: NextStepQuery): NextStep[] {
  const { where, params, day } = filtered(ctx, filter);
  const rows = ctx.db.prepare(`${SELECT} WHERE ${where} ${FOLLOW_UP_ORDER}`).all(params) as Row[];
  return rows.map(toNextStep(day));
}

/** One page of the filtered list and its totals, so a long list need not cross the bridge whole. */
export function listNextStepLeaders(ctx: CoreContext): NextStepLeader[] {
  return (ctx.db
    .prepare(`SELECT l.id, l.name, l.status = 'left' AS "left" FROM leaders l
      WHERE EXISTS (SELECT 1 FROM action_items a WHERE a.leader_id = l.id) ORDER BY name_key(l.name), l.id`)
    .all() as { id: number; name: string; left: number }[]).map((l) => ({ ...l, left: l.left === 1 }));
}

export function listNextStepsPage(ctx: CoreContext, input: NextStepQuery & { offset: number; limit: number }): NextStepPage {
  const { where, params, day } = filtered(ctx, input);
  const rows = ctx.db
    .prepare(`${SELECT} WHERE ${where} ${FOLLOW_UP_ORDER} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: input.limit, offset: input.offset }) as Row[];
  const totals = ctx.db
    .prepare(`SELECT count(*) AS total, coalesce(sum(a.done_date IS NULL AND a.due_date < @today), 0) AS overdue FROM action_items a WHERE ${where}`)
    .get(params) as { total: number; overdue: number };
  return { steps: rows.map(toNextStep(day)), offset: input.offset, ...totals };
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
