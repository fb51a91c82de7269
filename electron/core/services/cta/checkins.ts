import crypto from 'node:crypto';
import type { z } from 'zod';
import type { ctaCalls, ctaGoalUpdateInput, ctaNextStepInput } from '../../../../shared/cta/contract';
import { checkMeasureValue, quarterLabel, quarterOf, type Quarter } from '../../../../shared/cta/vocabulary';
import type { CtaCheckIn, CtaGoalUpdate, CtaNextStep } from '../../../../shared/cta/model';
import { AppError } from '../../../../shared/result';
import { type CoreContext, timestamp, today } from '../../context';
import type { Db } from '../../db/connection';
import { schoolYearStartMonth } from '../visits/cadence';
import { goalsOf, yearOf } from './plans';
import { formatterOf } from '../settings/settings';

/**
 * The quarterly CTA check-in the supervisor facilitates with the ILT: per goal the latest data,
 * a status, what is working, barriers, reflection, adjustments and next steps. Each check-in
 * starts from the one before it: its attendees and its open next steps come forward.
 */

type In<N extends keyof typeof ctaCalls> = z.output<(typeof ctaCalls)[N]['input']>;

interface CheckInRow {
  id: number;
  uid: string;
  planId: number;
  schoolId: number;
  schoolName: string;
  schoolYearStart: string;
  quarter: Quarter;
  date: string;
  finalisedAt: string | null;
}

const CHECKIN = `SELECT c.id, c.uid, c.plan_id AS planId, p.school_id AS schoolId, s.name AS schoolName, p.school_year_start AS schoolYearStart,
  c.quarter, c.date, c.finalised_at AS finalisedAt FROM cta_checkins c JOIN cta_plans p ON p.id = c.plan_id JOIN schools s ON s.id = p.school_id`;

export function checkInRow(db: Db, checkinId: number): CheckInRow {
  const row = db.prepare(`${CHECKIN} WHERE c.id = ?`).get(checkinId) as CheckInRow | undefined;
  if (!row) throw new AppError('not_found', 'That check-in is no longer in Fieldbook', 'checkinId');
  return row;
}

/** The check-in, or a clear refusal when it is finalised: from then on only addenda are added. */
export function requireOpenCheckIn(db: Db, checkinId: number): CheckInRow {
  const row = checkInRow(db, checkinId);
  if (row.finalisedAt) throw new AppError('finalised', `The ${quarterLabel(row.quarter)} check-in is finalised; add an addendum instead of changing it`, 'checkinId');
  return row;
}

const touch = (ctx: CoreContext, checkinId: number): string => {
  const at = timestamp(ctx);
  ctx.db.prepare(`UPDATE cta_checkins SET updated_at = ? WHERE id = ?`).run(at, checkinId);
  return at;
};

type PreviousCheckIn = { id: number; quarter: Quarter; finalisedAt: string | null };
function previousCheckIn(db: Db, planId: number, quarter: number): PreviousCheckIn | null {
  return (db.prepare(`SELECT id, quarter, finalised_at AS finalisedAt FROM cta_checkins WHERE plan_id = ? AND quarter < ? ORDER BY quarter DESC LIMIT 1`).get(planId, quarter) as PreviousCheckIn | undefined) ?? null;
}

function nextStepsOf(db: Db, checkinId: number): CtaNextStep[] {
  const rows = db
    .prepare(
      `SELECT n.id, n.goal_id AS goalId, n.description, n.owner, n.due_date AS dueDate, n.done_date AS doneDate, f.quarter AS fromQuarter, f.date AS fromDate
       FROM cta_next_steps n LEFT JOIN cta_next_steps o ON o.id = n.carried_from_id LEFT JOIN cta_checkins f ON f.id = o.checkin_id
       WHERE n.checkin_id = ? ORDER BY n.carried_from_id IS NULL, n.id`,
    )
    .all(checkinId) as (Omit<CtaNextStep, 'carriedFrom'> & { fromQuarter: Quarter | null; fromDate: string | null })[];
  return rows.map(({ fromQuarter, fromDate, ...n }) => ({ ...n, carriedFrom: fromQuarter === null ? null : { quarter: fromQuarter, date: fromDate! } }));
}

const UPDATE = `SELECT goal_id AS goalId, value, value_date AS valueDate, value_source AS valueSource, status, working, barriers, reflection, adjustments
  FROM cta_goal_updates WHERE checkin_id = ?`;

export function getCheckIn(ctx: CoreContext, checkinId: number): CtaCheckIn {
  const row = checkInRow(ctx.db, checkinId);
  const prev = previousCheckIn(ctx.db, row.planId, row.quarter);
  const previous = prev
    ? (ctx.db.prepare(`SELECT goal_id AS goalId, value, status FROM cta_goal_updates WHERE checkin_id = ?`).all(prev.id) as CtaCheckIn['previous']).map((p) => ({ ...p, quarter: prev.quarter }))
    : [];
  return {
    id: row.id,
    uid: row.uid,
    planId: row.planId,
    school: { id: row.schoolId, name: row.schoolName },
    schoolYear: yearOf(ctx.db, row.schoolYearStart),
    quarter: row.quarter,
    date: row.date,
    finalisedAt: row.finalisedAt,
    attendees: ctx.db.prepare(`SELECT name, role FROM cta_attendees WHERE checkin_id = ? ORDER BY position`).all(checkinId) as CtaCheckIn['attendees'],
    goals: goalsOf(ctx.db, row.planId),
    updates: ctx.db.prepare(UPDATE).all(checkinId) as CtaGoalUpdate[],
    previous,
    nextSteps: nextStepsOf(ctx.db, checkinId),
    addenda: ctx.db.prepare(`SELECT id, body, created_at AS createdAt FROM cta_addenda WHERE checkin_id = ? ORDER BY id`).all(checkinId) as CtaCheckIn['addenda'],
  };
}

function insertAttendees(db: Db, checkinId: number, attendees: { name: string; role: string }[]): void {
  const insert = db.prepare(`INSERT INTO cta_attendees (checkin_id, position, name, role) VALUES (?, ?, ?, ?)`);
  attendees.forEach((a, i) => insert.run(checkinId, i + 1, a.name, a.role));
}

export function openCtaCheckIn(ctx: CoreContext, { planId, date, quarter }: In<'openCtaCheckIn'>): CtaCheckIn {
  const plan = ctx.db.prepare(`SELECT school_year_start AS start FROM cta_plans WHERE id = ?`).get(planId) as { start: string } | undefined;
  if (!plan) throw new AppError('not_found', 'That CTA plan is no longer in Fieldbook', 'planId');
  const year = yearOf(ctx.db, plan.start);
  if (date < year.start || date > year.end) {
    throw new AppError('wrong_year', `This plan is for ${year.label} (${formatterOf(ctx).dateRange(year.start, year.end)}); choose a date in that school year`, 'date');
  }
  if (!ctx.db.prepare(`SELECT 1 FROM cta_goals WHERE plan_id = ?`).get(planId)) {
    throw new AppError('no_goals', 'Add the plan’s goals before holding a check-in on them', 'planId');
  }
  const q = quarter ?? quarterOf(date, schoolYearStartMonth(ctx.db));
  if (ctx.db.prepare(`SELECT 1 FROM cta_checkins WHERE plan_id = ? AND quarter = ?`).get(planId, q)) {
    throw new AppError('duplicate', `There is already a ${quarterLabel(q)} check-in for this plan; open it instead`, 'date');
  }
  const prev = previousCheckIn(ctx.db, planId, q);
  if (prev && !prev.finalisedAt) {
    throw new AppError('previous_open', `Finalise the ${quarterLabel(prev.quarter)} check-in first, so its next steps carry forward`, 'date');
  }
  const at = timestamp(ctx);
  const { lastInsertRowid } = ctx.db
    .prepare(`INSERT INTO cta_checkins (uid, plan_id, quarter, date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
    .run(crypto.randomUUID(), planId, q, date, at, at);
  const checkinId = Number(lastInsertRowid);
  if (prev) {
    insertAttendees(ctx.db, checkinId, ctx.db.prepare(`SELECT name, role FROM cta_attendees WHERE checkin_id = ? ORDER BY position`).all(prev.id) as { name: string; role: string }[]);
    ctx.db
      .prepare(
        `INSERT INTO cta_next_steps (checkin_id, goal_id, description, owner, due_date, carried_from_id, created_at)
         SELECT ?, goal_id, description, owner, due_date, id, ? FROM cta_next_steps WHERE checkin_id = ? AND done_date IS NULL ORDER BY id`,
      )
      .run(checkinId, at, prev.id);
  }
  return getCheckIn(ctx, checkinId);
}

/** A later check-in builds on this one, so only the newest may be discarded. */
export function discardCheckIn(ctx: CoreContext, checkinId: number): { planId: number; schoolId: number } {
  const row = requireOpenCheckIn(ctx.db, checkinId);
  if (ctx.db.prepare(`SELECT 1 FROM cta_checkins WHERE plan_id = ? AND quarter > ?`).get(row.planId, row.quarter)) {
    throw new AppError('in_use', 'A later check-in builds on this one, so it stays', 'checkinId');
  }
  for (const table of ['cta_attendees', 'cta_goal_updates', 'cta_next_steps']) ctx.db.prepare(`DELETE FROM ${table} WHERE checkin_id = ?`).run(checkinId);
  ctx.db.prepare(`DELETE FROM cta_checkins WHERE id = ?`).run(checkinId);
  return { planId: row.planId, schoolId: row.schoolId };
}

export function saveAttendees(ctx: CoreContext, { checkinId, attendees }: In<'saveCtaAttendees'>): { updatedAt: string } {
  requireOpenCheckIn(ctx.db, checkinId);
  ctx.db.prepare(`DELETE FROM cta_attendees WHERE checkin_id = ?`).run(checkinId);
  insertAttendees(ctx.db, checkinId, attendees);
  return { updatedAt: touch(ctx, checkinId) };
}

export function saveGoalUpdate(ctx: CoreContext, { checkinId, goalId, ...fields }: z.output<typeof ctaGoalUpdateInput>): { updatedAt: string } {
  const row = requireOpenCheckIn(ctx.db, checkinId);
  const goal = ctx.db.prepare(`SELECT measure_type AS measureType FROM cta_goals WHERE id = ? AND plan_id = ?`).get(goalId, row.planId) as
    | { measureType: 'percentage' | 'number' | 'text' }
    | undefined;
  if (!goal) throw new AppError('not_found', 'That goal is not part of this check-in’s plan', 'goalId');
  const changes: Record<string, string | null> = {};
  if (fields.value !== undefined) {
    if (fields.value === null || fields.value.trim() === '') changes.value = null;
    else {
      const checked = checkMeasureValue(goal.measureType, fields.value);
      if (!checked.ok) throw new AppError('invalid_input', checked.message, 'value');
      changes.value = checked.value;
    }
  }
  if (fields.valueDate !== undefined) changes.value_date = fields.valueDate;
  if (fields.status !== undefined) changes.status = fields.status;
  for (const [key, column] of [['valueSource', 'value_source'], ['working', 'working'], ['barriers', 'barriers'], ['reflection', 'reflection'], ['adjustments', 'adjustments']] as const) {
    if (fields[key] !== undefined) changes[column] = fields[key];
  }
  const at = touch(ctx, checkinId);
  ctx.db.prepare(`INSERT INTO cta_goal_updates (checkin_id, goal_id, updated_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`).run(checkinId, goalId, at);
  const columns = Object.keys(changes);
  ctx.db
    .prepare(`UPDATE cta_goal_updates SET ${[...columns.map((c) => `${c} = @${c}`), 'updated_at = @at'].join(', ')} WHERE checkin_id = @checkinId AND goal_id = @goalId`)
    .run({ ...changes, at, checkinId, goalId });
  return { updatedAt: at };
}

export function addNextStep(ctx: CoreContext, input: z.output<typeof ctaNextStepInput>): CtaCheckIn {
  const row = requireOpenCheckIn(ctx.db, input.checkinId);
  if (input.goalId !== null && !ctx.db.prepare(`SELECT 1 FROM cta_goals WHERE id = ? AND plan_id = ?`).get(input.goalId, row.planId)) {
    throw new AppError('not_found', 'That goal is not part of this check-in’s plan', 'goalId');
  }
  ctx.db
    .prepare(`INSERT INTO cta_next_steps (checkin_id, goal_id, description, owner, due_date, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
    .run(input.checkinId, input.goalId, input.description, input.owner, input.dueDate, timestamp(ctx));
  touch(ctx, input.checkinId);
  return getCheckIn(ctx, input.checkinId);
}

function nextStepCheckIn(db: Db, nextStepId: number): number {
  const row = db.prepare(`SELECT checkin_id AS checkinId FROM cta_next_steps WHERE id = ?`).get(nextStepId) as { checkinId: number } | undefined;
  if (!row) throw new AppError('not_found', 'That next step is no longer in Fieldbook', 'nextStepId');
  requireOpenCheckIn(db, row.checkinId);
  return row.checkinId;
}

export function setNextStepDone(ctx: CoreContext, { nextStepId, done }: In<'setCtaNextStepDone'>): CtaCheckIn {
  const checkinId = nextStepCheckIn(ctx.db, nextStepId);
  ctx.db.prepare(`UPDATE cta_next_steps SET done_date = ? WHERE id = ?`).run(done ? today(ctx) : null, nextStepId);
  touch(ctx, checkinId);
  return getCheckIn(ctx, checkinId);
}

export function deleteNextStep(ctx: CoreContext, nextStepId: number): CtaCheckIn {
  const checkinId = nextStepCheckIn(ctx.db, nextStepId);
  ctx.db.prepare(`DELETE FROM cta_next_steps WHERE id = ?`).run(nextStepId);
  touch(ctx, checkinId);
  return getCheckIn(ctx, checkinId);
}

