import { endOfWeek, parseISO, startOfWeek } from 'date-fns';
import type { Dashboard, VisitSummary } from '../../../shared/model/cadence';
import { isoDate } from '../../../shared/schoolYear';
import { type CoreContext, today } from '../context';
import { getCadence } from './cadence';
import { listNextSteps } from './nextSteps';

/** What the dashboard opens on: today's and this week's visits, who is overdue, what is overdue. */

type VisitRow = Omit<VisitSummary, 'school' | 'leaders'> & { schoolId: number; schoolName: string };

function openVisits(ctx: CoreContext, from: string, to: string): VisitSummary[] {
  const rows = ctx.db
    .prepare(
      `SELECT v.id, v.date, v.start_time AS startTime, v.end_time AS endTime, v.type, v.status, s.id AS schoolId, s.name AS schoolName
       FROM visits v JOIN schools s ON s.id = v.school_id
       WHERE v.status IN ('planned', 'in_progress') AND v.date BETWEEN ? AND ? ORDER BY v.date, v.start_time, v.id`,
    )
    .all(from, to) as VisitRow[];
  const leadersOf = ctx.db.prepare(
    `SELECT l.id, l.name FROM visit_leaders vl JOIN leaders l ON l.id = vl.leader_id WHERE vl.visit_id = ? ORDER BY l.name COLLATE NOCASE`,
  );
  return rows.map(({ schoolId, schoolName, ...v }) => ({
    ...v,
    school: { id: schoolId, name: schoolName },
    leaders: leadersOf.all(v.id) as { id: number; name: string }[],
  }));
}

export function getDashboard(ctx: CoreContext): Dashboard {
  const day = today(ctx);
  const weekStart = isoDate(startOfWeek(parseISO(day), { weekStartsOn: 1 }));
  const weekEnd = isoDate(endOfWeek(parseISO(day), { weekStartsOn: 1 }));
  const week = openVisits(ctx, weekStart, weekEnd);
  const todayVisits = week.filter((v) => v.date === day);
  const weekVisits = week.filter((v) => v.date !== day);
  const overdueLeaders = getCadence(ctx, null).filter((c) => c.overdueDays > 0);
  const open = listNextSteps(ctx, { leaderId: null, status: 'open' });
  const overdueNextSteps = open.filter((s) => s.overdue);
  return {
    today: day,
    week: { start: weekStart, end: weekEnd },
    todayVisits,
    weekVisits,
    overdueLeaders,
    overdueNextSteps,
    counts: {
      visitsToday: todayVisits.length,
      visitsThisWeek: week.length,
      overdueLeaders: overdueLeaders.length,
      overdueNextSteps: overdueNextSteps.length,
      openNextSteps: open.length,
    },
  };
}
