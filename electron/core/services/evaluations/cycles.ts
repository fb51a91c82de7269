import { DUE_SOON_DAYS, stageDueDate, type WriteUpSection } from '../../../../shared/evaluations/vocabulary';
import type {
  CycleStatus, CycleSummary, EvaluationDeadline, EvaluationDetail, EvaluationEntry, EvaluationList, RubricRow,
} from '../../../../shared/evaluations/model';
import { AppError } from '../../../../shared/result';
import { daysBetween } from '../../../../shared/schoolYear';
import { type CoreContext, timestamp, today } from '../../context';
import type { Db } from '../../db/connection';
import { lastAudit, recordAudit } from '../../audit';
import { currentSchoolYear } from '../visits/cadence';
import { getLeaderRow } from '../caseload/caseload';
import { getEvaluationTemplate, requireFramework } from './template';
import { ctaGoalGlance, ctaGoalsOfSchoolYear } from '../cta/plans';

/**
 * Evaluation cycles: one per leader per school year, started from the district's template. Every
 * change goes through changeCycle, which refuses a locked (or signed) cycle, bumps its revision and
 * writes the audit trail.
 */

export interface CycleRow {
  id: number;
  leader_id: number;
  year_label: string;
  year_start: string;
  year_end: string;
  framework_id: string;
  framework_name: string;
  scale: string;
  summary: string;
  strengths: string;
  growth_areas: string;
  support_plan: string;
  next_year_goals: string;
  signed_by: string | null;
  signed_at: string | null;
  ack_name: string | null;
  ack_date: string | null;
  ack_comment: string | null;
  ack_recorded_at: string | null;
  locked_at: string | null;
  lock_count: number;
  revision: number;
}

export const SECTION_COLUMNS: Record<WriteUpSection, 'summary' | 'strengths' | 'growth_areas' | 'support_plan' | 'next_year_goals'> = {
  summary: 'summary',
  strengths: 'strengths',
  growthAreas: 'growth_areas',
  supportPlan: 'support_plan',
  nextYearGoals: 'next_year_goals',
};

export function requireCycle(db: Db, cycleId: number, field = 'cycleId'): CycleRow {
  const row = db.prepare(`SELECT * FROM evaluation_cycles WHERE id = ?`).get(cycleId) as CycleRow | undefined;
  if (!row) throw new AppError('not_found', 'That evaluation is no longer in Fieldbook', field);
  return row;
}

export const statusOf = (c: CycleRow): CycleStatus =>
  c.locked_at ? 'locked' : c.ack_recorded_at ? 'acknowledged' : c.signed_at ? 'signed' : 'open';

/**
 * What the change touches: 'signed' is what the signature vouches for (ratings, evidence, the
 * write-up), frozen once signed; 'cycle' is the rest (stages, goals, entries, sign-off), frozen by the lock only.
 */
type Scope = 'signed' | 'cycle';

export function refuseIfLocked(c: CycleRow, field?: string): void {
  if (c.locked_at) throw new AppError('evaluation_locked', 'This evaluation is locked and cannot be changed. Add a dated addendum instead, or unlock it with a reason.', field);
}

/** The cycle, if it may be changed in this scope; checked before anything else about a change. */
export function requireEditable(ctx: CoreContext, cycleId: number, scope: Scope, field?: string): CycleRow {
  const c = requireCycle(ctx.db, cycleId);
  refuseIfLocked(c, field);
  if (scope === 'signed' && c.signed_at) {
    throw new AppError('evaluation_signed', 'This evaluation is signed. Withdraw the signature to change it.', field);
  }
  return c;
}

/**
 * Record a change to a cycle: refuses it when the cycle is locked, or signed (for what the
 * signature covers), then bumps the revision and writes the audit entry. Call it before writing.
 */
export function changeCycle(ctx: CoreContext, cycleId: number, audit: CycleAudit, scope: Scope, field?: string): CycleRow {
  const c = requireEditable(ctx, cycleId, scope, field);
  ctx.db.prepare(`UPDATE evaluation_cycles SET revision = revision + 1, updated_at = ? WHERE id = ?`).run(timestamp(ctx), cycleId);
  if (!(audit.coalesce && sameBurst(ctx, cycleId, audit))) {
    recordAudit(ctx, { entityType: 'evaluation_cycle', entityId: cycleId, action: audit.action, changes: audit.changes });
  }
  return c;
}

interface CycleAudit {
  action: string;
  changes?: Record<string, unknown>;
  /** Autosaved text: one entry per burst of typing, not one per keystroke-save. */
  coalesce?: boolean;
}

const BURST_MS = 15 * 60_000;
/** The latest entry is the same edit, made within the last quarter of an hour. */
function sameBurst(ctx: CoreContext, cycleId: number, audit: CycleAudit): boolean {
  const last = lastAudit(ctx, 'evaluation_cycle', cycleId);
  return !!last && last.action === audit.action && JSON.stringify(last.changes) === JSON.stringify(audit.changes ?? {})
    && ctx.now().getTime() - Date.parse(last.at) < BURST_MS;
}

export function startEvaluationCycle(ctx: CoreContext, input: { leaderId: number; frameworkId: string | null }): CycleSummary {
  const leader = getLeaderRow(ctx.db, input.leaderId);
  if (!leader) throw new AppError('not_found', 'Choose a leader who is in Fieldbook', 'leaderId');
  const template = getEvaluationTemplate(ctx.db);
  const framework = requireFramework(ctx.db, input.frameworkId ?? template.frameworkId);
  const elements = ctx.db
    .prepare(`SELECT element_id AS elementId, title FROM framework_elements WHERE framework_id = ? ORDER BY position`)
    .all(framework.id) as { elementId: string; title: string }[];
  if (elements.length === 0) throw new AppError('invalid_input', 'That framework has no elements to rate', 'frameworkId');
  const year = currentSchoolYear(ctx);
  if (ctx.db.prepare(`SELECT 1 FROM evaluation_cycles WHERE leader_id = ? AND year_start = ?`).get(leader.id, year.start)) {
    throw new AppError('already_exists', `${leader.name} already has an evaluation cycle for ${year.label}`, 'leaderId');
  }
  const at = timestamp(ctx);
  const cycleId = Number(
    ctx.db
      .prepare(
        `INSERT INTO evaluation_cycles (leader_id, year_label, year_start, year_end, framework_id, framework_name, scale, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(leader.id, year.label, year.start, year.end, framework.id, framework.name, JSON.stringify(template.scale), at, at).lastInsertRowid,
  );
  const addStage = ctx.db.prepare(`INSERT INTO evaluation_stages (cycle_id, position, name, due_date) VALUES (?, ?, ?, ?)`);
  template.stages.forEach((s, i) => addStage.run(cycleId, i + 1, s.name, stageDueDate(s, year.start)));
  const addRow = ctx.db.prepare(`INSERT INTO evaluation_ratings (cycle_id, element_id, position, title) VALUES (?, ?, ?, ?)`);
  elements.forEach((e, i) => addRow.run(cycleId, e.elementId, i + 1, e.title));
  recordAudit(ctx, {
    entityType: 'evaluation_cycle', entityId: cycleId, action: 'started',
    changes: { leader: leader.name, schoolYear: year.label, framework: framework.name, stages: template.stages.length, scale: template.scale },
  });
  return summaries(ctx, `c.id = ?`, [cycleId])[0];
}

function summaries(ctx: CoreContext, where: string, params: unknown[]): CycleSummary[] {
  const day = today(ctx);
  const rows = ctx.db
    .prepare(
      `SELECT c.*, l.name AS leaderName, s.name AS schoolName FROM evaluation_cycles c JOIN leaders l ON l.id = c.leader_id
       LEFT JOIN schools s ON s.id = l.school_id WHERE ${where} ORDER BY name_key(l.name), c.year_start DESC`,
    )
    .all(...params) as (CycleRow & { leaderName: string; schoolName: string | null })[];
  const stagesOf = ctx.db.prepare(`SELECT name, due_date AS dueDate, completed_date AS completedDate FROM evaluation_stages WHERE cycle_id = ? ORDER BY position`);
  return rows.map((c) => {
    const stages = stagesOf.all(c.id) as { name: string; dueDate: string; completedDate: string | null }[];
    // A locked cycle is complete: no stage of it is next, or late.
    const open = c.locked_at ? [] : stages.filter((s) => s.completedDate === null);
    const next = open[0];
    return {
      id: c.id, leaderId: c.leader_id, leaderName: c.leaderName, schoolName: c.schoolName, yearLabel: c.year_label,
      frameworkName: c.framework_name, status: statusOf(c),
      stagesDone: stages.length - open.length, stagesTotal: stages.length,
      nextStage: next ? { name: next.name, dueDate: next.dueDate, late: next.dueDate < day } : null,
    };
  });
}

/** This school year's cycles for the caseload (and any other leader who has one), and who has none yet. */
export function listEvaluations(ctx: CoreContext): EvaluationList {
  const year = currentSchoolYear(ctx);
  const cycles = summaries(ctx, `c.year_start = ?`, [year.start]);
  const withCycle = new Set(cycles.map((c) => c.leaderId));
  const caseload = ctx.db
    .prepare(
      `SELECT l.id AS leaderId, l.name AS leaderName FROM assignments a JOIN leaders l ON l.id = a.leader_id
       WHERE a.end_date IS NULL AND l.status = 'active' ORDER BY name_key(l.name)`,
    )
    .all() as { leaderId: number; leaderName: string }[];
  return { schoolYear: year, cycles, withoutCycle: caseload.filter((l) => !withCycle.has(l.leaderId)) };
}

/** Stages not yet complete on unlocked cycles: late ones, and those due in the next two weeks. */
export function listEvaluationDeadlines(ctx: CoreContext): EvaluationDeadline[] {
  const day = today(ctx);
  const rows = ctx.db
    .prepare(
      `SELECT c.id AS cycleId, c.leader_id AS leaderId, l.name AS leaderName, st.name AS stageName, st.due_date AS dueDate
       FROM evaluation_stages st JOIN evaluation_cycles c ON c.id = st.cycle_id JOIN leaders l ON l.id = c.leader_id
       WHERE st.completed_date IS NULL AND c.locked_at IS NULL ORDER BY st.due_date, name_key(l.name)`,
    )
    .all() as Omit<EvaluationDeadline, 'late'>[];
  return rows
    .filter((r) => daysBetween(day, r.dueDate) <= DUE_SOON_DAYS)
    .map((r) => ({ ...r, late: r.dueDate < day }));
}

const sourceHref = (noteVisitId: number | null, visitId: number | null, leaderId: number): string | null =>
  visitId ? `#/visits/${visitId}` : noteVisitId ? `#/visits/${noteVisitId}` : `#/leaders/${leaderId}`;

export const leaderSchool = (db: Db, leaderId: number): number | null =>
  (db.prepare(`SELECT school_id FROM leaders WHERE id = ?`).pluck().get(leaderId) as number | null | undefined) ?? null;

function entriesOf(ctx: CoreContext, cycleId: number): EvaluationEntry[] {
  const rows = ctx.db
    .prepare(`SELECT id, kind, parent_id AS parentId, title, detail, measure, target, entry_date AS entryDate, cta_goal_id AS ctaGoalId FROM evaluation_entries WHERE cycle_id = ? ORDER BY id`)
    .all(cycleId) as { id: number; kind: EvaluationEntry['kind'] | 'goal_progress'; parentId: number | null; title: string; detail: string; measure: string; target: string; entryDate: string | null; ctaGoalId: number | null }[];
  const actions = ctx.db
    .prepare(
      `SELECT id, evaluation_entry_id AS entryId, description, owner, due_date AS dueDate, done_date AS doneDate FROM action_items
       WHERE evaluation_entry_id IN (SELECT id FROM evaluation_entries WHERE cycle_id = ?) ORDER BY id`,
    )
    .all(cycleId) as (EvaluationEntry['actions'][number] & { entryId: number })[];
  const progress = rows.filter((r) => r.kind === 'goal_progress');
  return rows
    .filter((r) => r.kind !== 'goal_progress')
    .map((r) => ({
      id: r.id, kind: r.kind as EvaluationEntry['kind'], title: r.title, detail: r.detail, measure: r.measure, target: r.target, byDate: r.entryDate,
      ctaGoal: r.ctaGoalId === null ? null : ctaGoalGlance(ctx.db, r.ctaGoalId),
      progress: progress.filter((p) => p.parentId === r.id).map((p) => ({ id: p.id, date: p.entryDate ?? '', note: p.title })),
      actions: actions.filter((a) => a.entryId === r.id).map(({ entryId: _e, ...a }) => a),
    }));
}

function rubricOf(ctx: CoreContext, cycleId: number, leaderId: number): RubricRow[] {
  const rows = ctx.db
    .prepare(`SELECT id, element_id AS elementId, title, rating, rationale FROM evaluation_ratings WHERE cycle_id = ? ORDER BY position`)
    .all(cycleId) as Omit<RubricRow, 'evidence'>[];
  const evidence = ctx.db
    .prepare(
      `SELECT e.id, e.rating_id AS ratingId, e.note_id AS noteId, e.visit_id AS visitId, n.visit_id AS noteVisitId, e.source_date AS date,
         e.source_label AS label, e.quote, e.coaching_included AS coachingIncluded
       FROM evaluation_evidence e LEFT JOIN notes n ON n.id = e.note_id WHERE e.cycle_id = ? ORDER BY e.source_date DESC, e.id DESC`,
    )
    .all(cycleId) as { id: number; ratingId: number; noteId: number | null; visitId: number | null; noteVisitId: number | null; date: string; label: string; quote: string; coachingIncluded: number }[];
  return rows.map((r) => ({
    ...r,
    evidence: evidence.filter((e) => e.ratingId === r.id).map((e) => ({
      id: e.id, source: e.visitId !== null ? 'visit' : 'note', sourceId: e.visitId ?? e.noteId,
      href: sourceHref(e.noteVisitId, e.visitId, leaderId), date: e.date, label: e.label, quote: e.quote, coachingIncluded: e.coachingIncluded === 1,
    })),
  }));
}

export function getEvaluation(ctx: CoreContext, cycleId: number): EvaluationDetail {
  const c = requireCycle(ctx.db, cycleId);
  const leader = ctx.db
    .prepare(`SELECT l.id, l.name, s.name AS schoolName FROM leaders l LEFT JOIN schools s ON s.id = l.school_id WHERE l.id = ?`)
    .get(c.leader_id) as EvaluationDetail['leader'];
  const day = today(ctx);
  const stages = (ctx.db
    .prepare(`SELECT id, position, name, due_date AS dueDate, completed_date AS completedDate FROM evaluation_stages WHERE cycle_id = ? ORDER BY position`)
    .all(cycleId) as Omit<EvaluationDetail['stages'][number], 'late' | 'completeWithLock'>[])
    .map((s) => ({ ...s, completeWithLock: s.completedDate === null && c.locked_at !== null, late: s.completedDate === null && !c.locked_at && s.dueDate < day }));
  const addenda = ctx.db
    .prepare(`SELECT id, date, body, author, created_at AS createdAt FROM evaluation_addenda WHERE cycle_id = ? ORDER BY date, id`)
    .all(cycleId) as EvaluationDetail['addenda'];
  return {
    id: c.id, leader, yearLabel: c.year_label, yearStart: c.year_start, yearEnd: c.year_end,
    frameworkId: c.framework_id, frameworkName: c.framework_name, scale: JSON.parse(c.scale) as string[], status: statusOf(c),
    stages, entries: entriesOf(ctx, cycleId), ctaGoals: ctaGoalsOfSchoolYear(ctx.db, leaderSchool(ctx.db, c.leader_id), c.year_start), rubric: rubricOf(ctx, cycleId, c.leader_id),
    writeUp: { summary: c.summary, strengths: c.strengths, growthAreas: c.growth_areas, supportPlan: c.support_plan, nextYearGoals: c.next_year_goals },
    signature: c.signed_by && c.signed_at ? { name: c.signed_by, at: c.signed_at } : null,
    acknowledgement: c.ack_recorded_at ? { name: c.ack_name!, date: c.ack_date!, comment: c.ack_comment ?? '', recordedAt: c.ack_recorded_at } : null,
    lockedAt: c.locked_at, addenda, revision: c.revision,
  };
}
