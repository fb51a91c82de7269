import { endOfWeek } from 'date-fns/endOfWeek';
import { parseISO } from 'date-fns/parseISO';
import { startOfWeek } from 'date-fns/startOfWeek';
import type { VisitSummary } from '../../../shared/model';
import type { Dashboard } from '../../../shared/model/cadence';
import { isoDate } from '../../../shared/schoolYear';
import { type CoreContext, today } from '../context';
import { getCadence } from './cadence';
import { listNextSteps } from './nextSteps';
import { listVisits } from './visits';

/** What the dashboard opens on: today's and this week's visits, who is overdue, what is overdue. */

const openVisits = (ctx: CoreContext, from: string, to: string): VisitSummary[] =>
  listVisits(ctx, { from, to }).filter((v) => v.status === 'planned' || v.status === 'in_progress');

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
