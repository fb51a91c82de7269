import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { endOfMonth } from 'date-fns/endOfMonth';
import { max as latest } from 'date-fns/max';
import { min as earliest } from 'date-fns/min';
import { parseISO } from 'date-fns/parseISO';
import type { CaseloadHeatmap, HeatmapRow, LeaderCadence, VisitStrip, VisitStripMonth } from '../../../../shared/visits/model';
import { AppError } from '../../../../shared/result';
import { isoDate, schoolYearOf, type SchoolYear } from '../../../../shared/schoolYear';
import { DEFAULT_SCHOOL_YEAR_START_MONTH } from '../../../../shared/vocabulary';
import { type CoreContext, today } from '../../context';
import type { Db } from '../../db/connection';
import { getSettings } from '../settings/settings';
import { compareNames } from '../../../../shared/collation';

/**
 * Cadence: how often the supervisor means to be on site with each leader (their assignment)
 * against the visits that actually happened. A visit counts for a leader when it is done and
 * the leader is among its leaders; planned, cancelled and no-show visits do not count.
 */

/** Minutes between 'HH:mm' start and end, in SQL, for a visits row aliased v. */
export const VISIT_MINUTES_SQL = `((CAST(substr(v.end_time, 1, 2) AS INTEGER) * 60 + CAST(substr(v.end_time, 4, 2) AS INTEGER))
  - (CAST(substr(v.start_time, 1, 2) AS INTEGER) * 60 + CAST(substr(v.start_time, 4, 2) AS INTEGER)))`;

export const hoursOf = (minutes: number): number => Math.round((minutes / 60) * 100) / 100;

export const schoolYearStartMonth = (db: Db): number => getSettings(db)?.schoolYearStartMonth ?? DEFAULT_SCHOOL_YEAR_START_MONTH;
/** Today's school year, for this district. */
export const currentSchoolYear = (ctx: CoreContext): SchoolYear => schoolYearOf(today(ctx), schoolYearStartMonth(ctx.db));

/** The twelve months of a school year, as the first day of each. */
export const monthsOf = (year: SchoolYear): string[] =>
  Array.from({ length: 12 }, (_, i) => isoDate(addMonths(parseISO(year.start), i)));

interface CaseloadRow {
  leaderId: number;
  leaderName: string;
  role: LeaderCadence['role'];
  schoolName: string | null;
  cadenceDays: number;
  onCaseloadSince: string;
}

function caseloadRows(db: Db, leaderId: number | null): CaseloadRow[] {
  return db
    .prepare(
      `SELECT l.id AS leaderId, l.name AS leaderName, l.role, s.name AS schoolName, a.cadence_days AS cadenceDays,
         a.start_date AS onCaseloadSince
       FROM assignments a JOIN leaders l ON l.id = a.leader_id LEFT JOIN schools s ON s.id = l.school_id
       WHERE a.end_date IS NULL AND l.status = 'active' AND (@leaderId IS NULL OR l.id = @leaderId)
       ORDER BY name_key(l.name)`,
    )
    .all({ leaderId }) as CaseloadRow[];
}

export function requireLeaderExists(db: Db, leaderId: number): { id: number; name: string } {
  const row = db.prepare(`SELECT id, name FROM leaders WHERE id = ?`).get(leaderId) as { id: number; name: string } | undefined;
  if (!row) throw new AppError('not_found', 'That leader is no longer in Fieldbook', 'leaderId');
  return row;
}

/** Dates of the done visits with one leader, on or before `until`, oldest first. */
function doneVisitDates(db: Db, leaderId: number, until: string): string[] {
  return (
    db
      .prepare(
        `SELECT v.date FROM visits v JOIN visit_leaders vl ON vl.visit_id = v.id
         WHERE vl.leader_id = ? AND v.status = 'done' AND v.date <= ? ORDER BY v.date`,
      )
      .all(leaderId, until) as { date: string }[]
  ).map((r) => r.date);
}

/**
 * When the next visit is due: cadence days after the later of the last done visit and the day
 * the leader joined the caseload (so a leader never visited is due one cadence after joining,
 * and one re-added after a long gap is not overdue on their first day back).
 */
export function nextDueDate(lastVisit: string | null, onCaseloadSince: string, cadenceDays: number): string {
  const base = lastVisit && lastVisit > onCaseloadSince ? lastVisit : onCaseloadSince;
  return isoDate(addDays(parseISO(base), cadenceDays));
}

export const overdueDaysOn = (day: string, nextDue: string): number =>
  Math.max(0, differenceInCalendarDays(parseISO(day), parseISO(nextDue)));

/** Each leader on the caseload (or one of them) against their cadence, most overdue first. */
export function getCadence(ctx: CoreContext, leaderId: number | null): LeaderCadence[] {
  if (leaderId !== null) requireLeaderExists(ctx.db, leaderId);
  const day = today(ctx);
  const last = new Map(
    (
      ctx.db
        .prepare(
          // Only the leaders asked about: a decade of the district's visits is no reason to read them all.
          `SELECT vl.leader_id AS leaderId, max(v.date) AS lastVisit FROM visit_leaders vl JOIN visits v ON v.id = vl.visit_id
           WHERE vl.leader_id IN (SELECT leader_id FROM assignments WHERE end_date IS NULL AND (@leaderId IS NULL OR leader_id = @leaderId))
             AND v.status = 'done' AND v.date <= @day GROUP BY vl.leader_id`,
        )
        .all({ day, leaderId }) as { leaderId: number; lastVisit: string }[]
    ).map((r) => [r.leaderId, r.lastVisit]),
  );
  return caseloadRows(ctx.db, leaderId)
    .map((row) => {
      const lastVisit = last.get(row.leaderId) ?? null;
      const nextDue = nextDueDate(lastVisit, row.onCaseloadSince, row.cadenceDays);
      return { ...row, lastVisit, nextDue, overdueDays: overdueDaysOn(day, nextDue) };
    })
    .sort((a, b) => b.overdueDays - a.overdueDays || a.nextDue.localeCompare(b.nextDue) || compareNames(a.leaderName, b.leaderName));
}

/**
 * Whether the leader was never past due on any day from `from` to `to`, given the dates of
 * their done visits (oldest first).
 */
function keptCadence(from: string, to: string, visits: string[], onCaseloadSince: string, cadenceDays: number): boolean {
  for (let d = parseISO(from); d <= parseISO(to); d = addDays(d, 1)) {
    const day = isoDate(d);
    const lastBefore = visits.filter((v) => v <= day).at(-1) ?? null;
    if (overdueDaysOn(day, nextDueDate(lastBefore, onCaseloadSince, cadenceDays)) > 0) return false;
  }
  return true;
}

/** A leader's school year month by month: done and planned visits, and whether each month kept cadence. */
export function getVisitStrip(ctx: CoreContext, leaderId: number): VisitStrip {
  requireLeaderExists(ctx.db, leaderId);
  const day = today(ctx);
  const year = schoolYearOf(day, schoolYearStartMonth(ctx.db));
  const assignment = caseloadRows(ctx.db, leaderId)[0] ?? null;
  const counts = ctx.db
    .prepare(
      `SELECT substr(v.date, 1, 7) AS ym, sum(v.status = 'done') AS done, sum(v.status IN ('planned', 'in_progress')) AS planned
       FROM visits v JOIN visit_leaders vl ON vl.visit_id = v.id
       WHERE vl.leader_id = ? AND v.date BETWEEN ? AND ? GROUP BY ym`,
    )
    .all(leaderId, year.start, year.end) as { ym: string; done: number; planned: number }[];
  const byMonth = new Map(counts.map((c) => [c.ym, c]));
  const visits = doneVisitDates(ctx.db, leaderId, day);
  const months: VisitStripMonth[] = monthsOf(year).map((month) => {
    const start = parseISO(month);
    const end = endOfMonth(start);
    const c = byMonth.get(month.slice(0, 7));
    let metCadence: boolean | null = null;
    if (assignment) {
      const from = isoDate(latest([start, parseISO(assignment.onCaseloadSince)]));
      const to = isoDate(earliest([end, parseISO(day)]));
      if (from <= to) metCadence = keptCadence(from, to, visits, assignment.onCaseloadSince, assignment.cadenceDays);
    }
    return {
      month,
      monthNumber: start.getMonth() + 1,
      done: c?.done ?? 0,
      planned: c?.planned ?? 0,
      metCadence,
      current: month.slice(0, 7) === day.slice(0, 7),
    };
  });
  return { leaderId, schoolYear: year, cadenceDays: assignment?.cadenceDays ?? null, months };
}

/**
 * Leaders by month: done visits and hours on site for a school year (the current one unless
 * `startYear` names the calendar year it starts in). Rows are everyone on the caseload now plus
 * anyone else visited that year.
 */
export function getCaseloadHeatmap(ctx: CoreContext, startYear: number | null): CaseloadHeatmap {
  const startMonth = schoolYearStartMonth(ctx.db);
  const year = startYear === null
    ? schoolYearOf(today(ctx), startMonth)
    : schoolYearOf(`${startYear}-${String(startMonth).padStart(2, '0')}-01`, startMonth);
  const months = monthsOf(year);
  const cells = ctx.db
    .prepare(
      `SELECT vl.leader_id AS leaderId, substr(v.date, 1, 7) AS ym, count(*) AS visits, sum(${VISIT_MINUTES_SQL}) AS minutes
       FROM visits v JOIN visit_leaders vl ON vl.visit_id = v.id
       WHERE v.status = 'done' AND v.date BETWEEN ? AND ? GROUP BY vl.leader_id, ym`,
    )
    .all(year.start, year.end) as { leaderId: number; ym: string; visits: number; minutes: number }[];
  const leaders = ctx.db
    .prepare(
      `SELECT l.id AS leaderId, l.name AS leaderName, s.name AS schoolName FROM leaders l LEFT JOIN schools s ON s.id = l.school_id
       WHERE (l.status = 'active' AND l.id IN (SELECT leader_id FROM assignments WHERE end_date IS NULL))
          OR l.id IN (SELECT vl.leader_id FROM visits v JOIN visit_leaders vl ON vl.visit_id = v.id
                      WHERE v.status = 'done' AND v.date BETWEEN @start AND @end)
       ORDER BY name_key(l.name)`,
    )
    .all({ start: year.start, end: year.end }) as { leaderId: number; leaderName: string; schoolName: string | null }[];
  const key = (leaderId: number, ym: string) => `${leaderId}:${ym}`;
  const byKey = new Map(cells.map((c) => [key(c.leaderId, c.ym), c]));
  const rows: HeatmapRow[] = leaders.map((l) => {
    const row = months.map((month) => {
      const c = byKey.get(key(l.leaderId, month.slice(0, 7)));
      return { month, visits: c?.visits ?? 0, minutes: c?.minutes ?? 0 };
    });
    return {
      ...l,
      cells: row.map((c) => ({ month: c.month, visits: c.visits, hours: hoursOf(c.minutes) })),
      totalVisits: row.reduce((n, c) => n + c.visits, 0),
      totalHours: hoursOf(row.reduce((n, c) => n + c.minutes, 0)),
    };
  });
  return { schoolYear: year, months, rows, maxVisits: Math.max(0, ...cells.map((c) => c.visits)) };
}
