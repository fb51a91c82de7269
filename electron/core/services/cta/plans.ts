import type { z } from 'zod';
import type { ctaCalls, ctaGoalInput } from '../../../../shared/cta/contract';
import { CTA_MAX_GOALS, expectedStage, type CtaStage } from '../../../../shared/cta/vocabulary';
import type { CtaAction, CtaGoal, CtaGoalWithHistory, CtaPlan, GoalPoint, LinkedCtaGoal } from '../../../../shared/cta/model';
import { AppError } from '../../../../shared/result';
import { schoolYearOf, shiftSchoolYear, type SchoolYear } from '../../../../shared/schoolYear';
import { type CoreContext, timestamp, today } from '../../context';
import type { Db } from '../../db/connection';
import { currentSchoolYear, schoolYearStartMonth } from '../visits/cadence';
import { getSchool } from '../caseload/schools';

/** Each school's Call-to-Action for a school year: its goals with typed measures and action plans. */

type In<N extends keyof typeof ctaCalls> = z.output<(typeof ctaCalls)[N]['input']>;

interface PlanRow {
  id: number;
  schoolId: number;
  schoolName: string;
  schoolYearStart: string;
  stage: CtaStage;
  copiedFromPlanId: number | null;
}

const PLAN = `SELECT p.id, p.school_id AS schoolId, s.name AS schoolName, p.school_year_start AS schoolYearStart, p.stage,
  p.copied_from_plan_id AS copiedFromPlanId FROM cta_plans p JOIN schools s ON s.id = p.school_id`;
const GOAL = `SELECT id, position, title, focus_area AS focusArea, measure, measure_type AS measureType, unit, direction,
  data_source AS dataSource, baseline, benchmark, target FROM cta_goals`;

export const yearOf = (db: Db, start: string): SchoolYear => schoolYearOf(start, schoolYearStartMonth(db));

function planRow(db: Db, planId: number): PlanRow {
  const row = db.prepare(`${PLAN} WHERE p.id = ?`).get(planId) as PlanRow | undefined;
  if (!row) throw new AppError('not_found', 'That CTA plan is no longer in Fieldbook', 'planId');
  return row;
}

export function goalsOf(db: Db, planId: number): CtaGoal[] {
  const goals = db.prepare(`${GOAL} WHERE plan_id = ? ORDER BY position, id`).all(planId) as Omit<CtaGoal, 'actions'>[];
  const actions = db
    .prepare(`SELECT a.id, a.goal_id AS goalId, a.description, a.owner, a.timeline FROM cta_actions a JOIN cta_goals g ON g.id = a.goal_id WHERE g.plan_id = ? ORDER BY a.id`)
    .all(planId) as (CtaAction & { goalId: number })[];
  return goals.map((g) => ({ ...g, actions: actions.filter((a) => a.goalId === g.id).map(({ goalId: _g, ...a }) => a) }));
}

function historyOf(db: Db, planId: number): Map<number, GoalPoint[]> {
  const rows = db
    .prepare(
      `SELECT u.goal_id AS goalId, c.quarter, c.id AS checkinId, c.date, u.value, u.value_date AS valueDate, u.status, c.finalised_at IS NOT NULL AS finalised
       FROM cta_goal_updates u JOIN cta_checkins c ON c.id = u.checkin_id WHERE c.plan_id = ? ORDER BY c.quarter`,
    )
    .all(planId) as (Omit<GoalPoint, 'finalised'> & { goalId: number; finalised: number })[];
  const byGoal = new Map<number, GoalPoint[]>();
  for (const { goalId, ...p } of rows) byGoal.set(goalId, [...(byGoal.get(goalId) ?? []), { ...p, finalised: Boolean(p.finalised) }]);
  return byGoal;
}

export function getPlan(ctx: CoreContext, planId: number): CtaPlan {
  const row = planRow(ctx.db, planId);
  const schoolYear = yearOf(ctx.db, row.schoolYearStart);
  const history = historyOf(ctx.db, planId);
  const goals: CtaGoalWithHistory[] = goalsOf(ctx.db, planId).map((g) => {
    const points = history.get(g.id) ?? [];
    return { ...g, history: points, latestStatus: points.findLast((p) => p.status !== null)?.status ?? null };
  });
  const copied = row.copiedFromPlanId === null ? null : planRow(ctx.db, row.copiedFromPlanId);
  const nextStart = shiftSchoolYear(row.schoolYearStart, 1);
  const next = ctx.db.prepare(`SELECT id FROM cta_plans WHERE school_id = ? AND school_year_start = ?`).get(row.schoolId, nextStart) as { id: number } | undefined;
  return {
    id: row.id,
    school: { id: row.schoolId, name: row.schoolName },
    schoolYear,
    stage: row.stage,
    expectedStage: expectedStage(row.schoolYearStart, today(ctx), schoolYearStartMonth(ctx.db)),
    copiedFrom: copied ? { id: copied.id, schoolYear: yearOf(ctx.db, copied.schoolYearStart) } : null,
    goals,
    checkIns: ctx.db
      .prepare(`SELECT id, quarter, date, finalised_at AS finalisedAt FROM cta_checkins WHERE plan_id = ? ORDER BY quarter`)
      .all(planId) as CtaPlan['checkIns'],
    nextYearPlanId: next?.id ?? null,
  };
}

/** The school year a plan is asked for, as its first day: the given one (any day in it), or this one. */
function yearStart(ctx: CoreContext, given: string | undefined): string {
  return given ? yearOf(ctx.db, given).start : currentSchoolYear(ctx).start;
}

function requireSchool(ctx: CoreContext, schoolId: number): void {
  if (!getSchool(ctx.db, schoolId)) throw new AppError('not_found', 'That school is no longer in Fieldbook', 'schoolId');
}

export function findPlan(ctx: CoreContext, { schoolId, schoolYearStart }: In<'getCtaPlan'>): CtaPlan | null {
  requireSchool(ctx, schoolId);
  const row = ctx.db.prepare(`SELECT id FROM cta_plans WHERE school_id = ? AND school_year_start = ?`).get(schoolId, yearStart(ctx, schoolYearStart)) as { id: number } | undefined;
  return row ? getPlan(ctx, row.id) : null;
}

function insertPlan(ctx: CoreContext, schoolId: number, start: string, copiedFrom: number | null): number {
  const at = timestamp(ctx);
  const { lastInsertRowid } = ctx.db
    .prepare(`INSERT INTO cta_plans (school_id, school_year_start, stage, copied_from_plan_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
    .run(schoolId, start, expectedStage(start, today(ctx), schoolYearStartMonth(ctx.db)) ?? 'winter_midyear', copiedFrom, at, at);
  return Number(lastInsertRowid);
}

function refuseExistingPlan(ctx: CoreContext, schoolId: number, start: string): void {
  if (ctx.db.prepare(`SELECT 1 FROM cta_plans WHERE school_id = ? AND school_year_start = ?`).get(schoolId, start)) {
    throw new AppError('duplicate', `This school already has a CTA plan for ${yearOf(ctx.db, start).label}`, 'schoolYearStart');
  }
}

export function createPlan(ctx: CoreContext, input: In<'createCtaPlan'>): CtaPlan {
  requireSchool(ctx, input.schoolId);
  const start = yearStart(ctx, input.schoolYearStart);
  refuseExistingPlan(ctx, input.schoolId, start);
  return getPlan(ctx, insertPlan(ctx, input.schoolId, start, null));
}

export function setStage(ctx: CoreContext, { planId, stage }: In<'setCtaPlanStage'>): CtaPlan {
  planRow(ctx.db, planId);
  ctx.db.prepare(`UPDATE cta_plans SET stage = ?, updated_at = ? WHERE id = ?`).run(stage, timestamp(ctx), planId);
  return getPlan(ctx, planId);
}

/**
 * Next year's plan starts as a draft from this one: the same goals, measures and action plans;
 * each goal's newest recorded value becomes its baseline, and benchmarks and targets are left for
 * the ILT to set anew.
 */
export function copyToNextYear(ctx: CoreContext, planId: number): CtaPlan {
  const from = getPlan(ctx, planId);
  const start = shiftSchoolYear(from.schoolYear.start, 1);
  refuseExistingPlan(ctx, from.school.id, start);
  const newPlanId = insertPlan(ctx, from.school.id, start, planId);
  ctx.db.prepare(`UPDATE cta_plans SET stage = 'spring_draft' WHERE id = ?`).run(newPlanId);
  for (const goal of from.goals) {
    const latest = goal.history.findLast((p) => p.value !== null)?.value ?? goal.baseline;
    const newGoalId = insertGoal(ctx, newPlanId, { ...goal, baseline: latest, benchmark: null, target: null });
    for (const a of goal.actions) insertAction(ctx, newGoalId, a);
  }
  return getPlan(ctx, newPlanId);
}

type GoalFields = Omit<z.output<typeof ctaGoalInput>, 'planId' | 'goalId'>;

function insertGoal(ctx: CoreContext, planId: number, g: GoalFields): number {
  const at = timestamp(ctx);
  const position = (ctx.db.prepare(`SELECT coalesce(max(position), 0) + 1 FROM cta_goals WHERE plan_id = ?`).pluck().get(planId) as number);
  const { lastInsertRowid } = ctx.db
    .prepare(
      `INSERT INTO cta_goals (plan_id, position, title, focus_area, measure, measure_type, unit, direction, data_source, baseline, benchmark, target, created_at, updated_at)
       VALUES (@planId, @position, @title, @focusArea, @measure, @measureType, @unit, @direction, @dataSource, @baseline, @benchmark, @target, @at, @at)`,
    )
    .run({ planId, position, title: g.title, focusArea: g.focusArea, measure: g.measure, measureType: g.measureType, unit: g.unit, direction: g.direction, dataSource: g.dataSource, baseline: g.baseline, benchmark: g.benchmark, target: g.target, at });
  return Number(lastInsertRowid);
}

const hasRecords = (db: Db, goalId: number): boolean =>
  Boolean(db.prepare(`SELECT 1 FROM cta_goal_updates WHERE goal_id = ? UNION ALL SELECT 1 FROM cta_next_steps WHERE goal_id = ? LIMIT 1`).get(goalId, goalId));
const linkedFromEvaluations = (db: Db, goalId: number): boolean => Boolean(db.prepare(`SELECT 1 FROM evaluation_entries WHERE cta_goal_id = ? LIMIT 1`).get(goalId));

function goalRow(db: Db, goalId: number): { planId: number; measureType: string } {
  const row = db.prepare(`SELECT plan_id AS planId, measure_type AS measureType FROM cta_goals WHERE id = ?`).get(goalId) as { planId: number; measureType: string } | undefined;
  if (!row) throw new AppError('not_found', 'That goal is no longer in this CTA plan', 'goalId');
  return row;
}

export function saveGoal(ctx: CoreContext, { planId, goalId, ...fields }: z.output<typeof ctaGoalInput>): CtaPlan {
  planRow(ctx.db, planId);
  if (goalId === undefined) {
    const count = ctx.db.prepare(`SELECT count(*) FROM cta_goals WHERE plan_id = ?`).pluck().get(planId) as number;
    if (count >= CTA_MAX_GOALS) throw new AppError('too_many', `A CTA keeps to ${CTA_MAX_GOALS} goals at most, so the ILT can focus; edit or remove one first`, 'title');
    insertGoal(ctx, planId, fields);
    return getPlan(ctx, planId);
  }
  const current = goalRow(ctx.db, goalId);
  if (current.planId !== planId) throw new AppError('not_found', 'That goal belongs to another plan', 'goalId');
  if (current.measureType !== fields.measureType && hasRecords(ctx.db, goalId)) {
    throw new AppError('in_use', 'Check-ins have recorded values for this goal, so its kind of measure stays as it is', 'measureType');
  }
  ctx.db
    .prepare(
      `UPDATE cta_goals SET title = @title, focus_area = @focusArea, measure = @measure, measure_type = @measureType, unit = @unit,
         direction = @direction, data_source = @dataSource, baseline = @baseline, benchmark = @benchmark, target = @target, updated_at = @at WHERE id = @goalId`,
    )
    .run({ ...fields, goalId, at: timestamp(ctx) });
  return getPlan(ctx, planId);
}

export function deleteGoal(ctx: CoreContext, goalId: number): CtaPlan {
  const { planId } = goalRow(ctx.db, goalId);
  if (hasRecords(ctx.db, goalId)) throw new AppError('in_use', 'Check-ins have recorded this goal; it stays in the plan so their records stay whole', 'goalId');
  if (linkedFromEvaluations(ctx.db, goalId)) throw new AppError('in_use', 'A leader’s evaluation goal serves this CTA goal; unlink it there first', 'goalId');
  ctx.db.prepare(`DELETE FROM cta_goals WHERE id = ?`).run(goalId);
  return getPlan(ctx, planId);
}

function insertAction(ctx: CoreContext, goalId: number, a: Omit<CtaAction, 'id'>): void {
  ctx.db.prepare(`INSERT INTO cta_actions (goal_id, description, owner, timeline, created_at) VALUES (?, ?, ?, ?, ?)`).run(goalId, a.description, a.owner, a.timeline, timestamp(ctx));
}

export function addAction(ctx: CoreContext, { goalId, ...action }: In<'addCtaAction'>): CtaPlan {
  const { planId } = goalRow(ctx.db, goalId);
  insertAction(ctx, goalId, action);
  return getPlan(ctx, planId);
}

export function deleteAction(ctx: CoreContext, actionId: number): CtaPlan {
  const row = ctx.db.prepare(`SELECT g.plan_id AS planId FROM cta_actions a JOIN cta_goals g ON g.id = a.goal_id WHERE a.id = ?`).get(actionId) as { planId: number } | undefined;
  if (!row) throw new AppError('not_found', 'That action is no longer in this plan', 'actionId');
  ctx.db.prepare(`DELETE FROM cta_actions WHERE id = ?`).run(actionId);
  return getPlan(ctx, row.planId);
}


const GOAL_GLANCE = `SELECT g.id, g.title,
    (SELECT u.status FROM cta_goal_updates u JOIN cta_checkins c ON c.id = u.checkin_id
     WHERE u.goal_id = g.id AND u.status IS NOT NULL ORDER BY c.quarter DESC LIMIT 1) AS latestStatus
  FROM cta_goals g JOIN cta_plans p ON p.id = g.plan_id`;

/** A school's CTA goals for one school year, each with its newest status: what other records link to. */
export function ctaGoalsOfSchoolYear(db: Db, schoolId: number | null, yearStart: string): LinkedCtaGoal[] {
  if (schoolId === null) return [];
  return db.prepare(`${GOAL_GLANCE} WHERE p.school_id = ? AND p.school_year_start = ? ORDER BY g.position, g.id`).all(schoolId, yearStart) as LinkedCtaGoal[];
}

export function ctaGoalGlance(db: Db, goalId: number): LinkedCtaGoal | null {
  return (db.prepare(`${GOAL_GLANCE} WHERE g.id = ?`).get(goalId) as LinkedCtaGoal | undefined) ?? null;
}
