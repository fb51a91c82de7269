import { addYears } from 'date-fns/addYears';
import { parseISO } from 'date-fns/parseISO';
import type { z } from 'zod';
import type { visitCalls, visitFields } from '../../../../shared/visits/contract';
import type { TagRef, VisitDetail, VisitNextStep, VisitSummary } from '../../../../shared/visits/model';
import { AppError } from '../../../../shared/result';
import { isoDate, schoolYearOf } from '../../../../shared/schoolYear';
import { DEFAULT_SCHOOL_YEAR_START_MONTH, VISIT_STATUS_LABELS } from '../../../../shared/vocabulary';
import { type CoreContext, timestamp, today } from '../../context';
import type { Db } from '../../db/connection';
import { getLeaderRow } from '../caseload/caseload';
import { listNotes } from './notes';
import { getSchool } from '../caseload/schools';
import { formatterOf, getSettings } from '../settings/settings';
import { replaceTags, tagsFor } from './tags';
import { removesWords, removingFromIndex } from '../../db/fullTextIndex';

type VisitFields = z.output<typeof visitFields>;
type VisitFilter = z.output<(typeof visitCalls)['listVisits']['input']>;

const COLUMNS = `v.id, v.date, v.start_time AS startTime, v.end_time AS endTime, v.type, v.status, v.status_reason AS statusReason,
  v.evidence_kind AS evidenceKind, v.purpose, v.focus, v.school_id AS schoolId, s.name AS schoolName`;
type VisitRow = Omit<VisitSummary, 'school' | 'leaders'> & { schoolId: number; schoolName: string };

function leadersOf(db: Db, visitIds: number[]): Map<number, { id: number; name: string }[]> {
  const byVisit = new Map<number, { id: number; name: string }[]>();
  if (visitIds.length === 0) return byVisit;
  const rows = db
    .prepare(
      `SELECT vl.visit_id AS visitId, l.id, l.name FROM visit_leaders vl JOIN leaders l ON l.id = vl.leader_id
       WHERE vl.visit_id IN (SELECT value FROM json_each(?)) ORDER BY name_key(l.name)`,
    )
    .all(JSON.stringify(visitIds)) as { visitId: number; id: number; name: string }[];
  for (const r of rows) byVisit.set(r.visitId, [...(byVisit.get(r.visitId) ?? []), { id: r.id, name: r.name }]);
  return byVisit;
}

function toSummaries(db: Db, rows: VisitRow[]): VisitSummary[] {
  const leaders = leadersOf(db, rows.map((r) => r.id));
  return rows.map(({ schoolId, schoolName, ...v }) => ({ ...v, school: { id: schoolId, name: schoolName }, leaders: leaders.get(v.id) ?? [] }));
}

export function listVisits(ctx: CoreContext, f: VisitFilter): VisitSummary[] {
  // Only the filters given go into the SQL, so SQLite can use their indexes (an "@x IS NULL OR" cannot).
  const where = [
    f.from !== undefined && 'v.date >= @from',
    f.to !== undefined && 'v.date <= @to',
    f.schoolId !== undefined && 'v.school_id = @schoolId',
    f.leaderId !== undefined && 'v.id IN (SELECT visit_id FROM visit_leaders WHERE leader_id = @leaderId)',
  ].filter(Boolean);
  const rows = ctx.db
    .prepare(`SELECT ${COLUMNS} FROM visits v JOIN schools s ON s.id = v.school_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY v.date, v.start_time`)
    .all({ from: f.from ?? null, to: f.to ?? null, schoolId: f.schoolId ?? null, leaderId: f.leaderId ?? null }) as VisitRow[];
  return toSummaries(ctx.db, rows);
}

function requireVisit(ctx: CoreContext, visitId: number): VisitSummary {
  const row = ctx.db.prepare(`SELECT ${COLUMNS} FROM visits v JOIN schools s ON s.id = v.school_id WHERE v.id = ?`).get(visitId) as VisitRow | undefined;
  if (!row) throw new AppError('not_found', 'That visit is no longer in Fieldbook', 'visitId');
  return toSummaries(ctx.db, [row])[0];
}

export function getVisit(ctx: CoreContext, visitId: number): VisitDetail {
  const summary = requireVisit(ctx, visitId);
  const extra = ctx.db
    .prepare(`SELECT evidence, started_at AS startedAt, finished_at AS finishedAt FROM visits WHERE id = ?`)
    .get(visitId) as { evidence: string; startedAt: string | null; finishedAt: string | null };
  const nextSteps = ctx.db
    .prepare(
      `SELECT a.id, a.leader_id AS leaderId, l.name AS leaderName, a.description, a.owner, a.due_date AS dueDate, a.done_date AS doneDate
       FROM action_items a JOIN leaders l ON l.id = a.leader_id WHERE a.visit_id = ? ORDER BY a.id`,
    )
    .all(visitId) as VisitNextStep[];
  return { ...summary, ...extra, tags: tagsFor(ctx.db, 'visit', visitId), notes: listNotes(ctx.db, { visitId }), nextSteps };
}

/**
 * A visit date must fall in a school year Fieldbook can reason about: from ten school years ago
 * to the end of next school year.
 */
function checkVisit(ctx: CoreContext, v: VisitFields): void {
  const startMonth = getSettings(ctx.db)?.schoolYearStartMonth ?? DEFAULT_SCHOOL_YEAR_START_MONTH;
  const now = today(ctx);
  const earliest = schoolYearOf(isoDate(addYears(parseISO(now), -10)), startMonth).start;
  const latest = schoolYearOf(isoDate(addYears(parseISO(now), 1)), startMonth).end;
  if (v.date < earliest || v.date > latest) {
    const f = formatterOf(ctx);
    throw new AppError('invalid_input', `Choose a date between ${f.date(earliest)} and ${f.date(latest)}, the end of next school year`, 'date');
  }
  if (!getSchool(ctx.db, v.schoolId)) throw new AppError('not_found', 'Choose a school that is in Fieldbook', 'schoolId');
  for (const leaderId of v.leaderIds) {
    if (!getLeaderRow(ctx.db, leaderId)) throw new AppError('not_found', 'One of the leaders is no longer in Fieldbook', 'leaderIds');
  }
}

function writeLeaders(db: Db, visitId: number, leaderIds: number[]): void {
  db.prepare(`DELETE FROM visit_leaders WHERE visit_id = ?`).run(visitId);
  const add = db.prepare(`INSERT OR IGNORE INTO visit_leaders (visit_id, leader_id) VALUES (?, ?)`);
  for (const leaderId of leaderIds) add.run(visitId, leaderId);
}

export function planVisit(ctx: CoreContext, v: VisitFields): VisitSummary {
  checkVisit(ctx, v);
  const at = timestamp(ctx);
  const { lastInsertRowid } = ctx.db
    .prepare(
      `INSERT INTO visits (school_id, date, start_time, end_time, type, purpose, focus, evidence_kind, created_at, updated_at)
       VALUES (@schoolId, @date, @startTime, @endTime, @type, @purpose, @focus, @evidenceKind, @at, @at)`,
    )
    .run({ ...v, at });
  writeLeaders(ctx.db, Number(lastInsertRowid), v.leaderIds);
  return requireVisit(ctx, Number(lastInsertRowid));
}

/** Only a visit that is still planned or under way can change or be closed; a closed one is the record. */
function requireOpenVisit(ctx: CoreContext, visitId: number): VisitSummary {
  const visit = requireVisit(ctx, visitId);
  if (visit.status !== 'planned' && visit.status !== 'in_progress') {
    throw new AppError('invalid_state', `This visit is already closed (${VISIT_STATUS_LABELS[visit.status].toLowerCase()})`, 'visitId');
  }
  return visit;
}

export function updateVisit(ctx: CoreContext, v: VisitFields & { visitId: number }): VisitSummary {
  const before = requireOpenVisit(ctx, v.visitId);
  checkVisit(ctx, v);
  removingFromIndex(ctx.db, 'visits_fts', removesWords(`${before.purpose} ${before.focus}`, `${v.purpose} ${v.focus}`), () =>
    ctx.db
      .prepare(
        `UPDATE visits SET school_id = @schoolId, date = @date, start_time = @startTime, end_time = @endTime, type = @type,
         purpose = @purpose, focus = @focus, evidence_kind = @evidenceKind, updated_at = @at WHERE id = @visitId`,
      )
      .run({ ...v, at: timestamp(ctx) }));
  writeLeaders(ctx.db, v.visitId, v.leaderIds);
  return requireVisit(ctx, v.visitId);
}

export function startVisit(ctx: CoreContext, visitId: number): VisitSummary {
  requireOpenVisit(ctx, visitId);
  ctx.db.prepare(`UPDATE visits SET status = 'in_progress', started_at = coalesce(started_at, ?), updated_at = ? WHERE id = ?`).run(timestamp(ctx), timestamp(ctx), visitId);
  return requireVisit(ctx, visitId);
}

export function finishVisit(ctx: CoreContext, input: { visitId: number; outcome: 'done' | 'cancelled' | 'no_show'; reason: string }): VisitSummary {
  requireOpenVisit(ctx, input.visitId);
  ctx.db
    .prepare(`UPDATE visits SET status = ?, status_reason = ?, finished_at = ?, updated_at = ? WHERE id = ?`)
    .run(input.outcome, input.reason || null, timestamp(ctx), timestamp(ctx), input.visitId);
  return requireVisit(ctx, input.visitId);
}

export function saveVisitEvidence(ctx: CoreContext, visitId: number, evidence: string): { updatedAt: string } {
  const before = ctx.db.prepare(`SELECT evidence FROM visits WHERE id = ?`).pluck().get(requireVisit(ctx, visitId).id) as string;
  const updatedAt = timestamp(ctx);
  removingFromIndex(ctx.db, 'visits_fts', removesWords(before, evidence), () =>
    ctx.db.prepare(`UPDATE visits SET evidence = ?, updated_at = ? WHERE id = ?`).run(evidence, updatedAt, visitId));
  return { updatedAt };
}

export function setVisitTags(ctx: CoreContext, visitId: number, tags: Omit<TagRef, 'title'>[]): VisitDetail {
  requireVisit(ctx, visitId);
  replaceTags(ctx, 'visit', visitId, tags);
  return getVisit(ctx, visitId);
}
