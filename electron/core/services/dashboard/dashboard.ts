import { endOfWeek } from 'date-fns/endOfWeek';
import { parseISO } from 'date-fns/parseISO';
import { startOfWeek } from 'date-fns/startOfWeek';
import { DASHBOARD_VISITS } from '../../../../shared/visits/contract';
import type { Dashboard, VisitSummary } from '../../../../shared/visits/model';
import { isoDate } from '../../../../shared/schoolYear';
import { type CoreContext, today } from '../../context';
import { getCadence } from '../visits/cadence';
import { listNextStepsPage } from '../visits/nextSteps';
import { listVisits } from '../visits/visits';

/** What the dashboard opens on: today's and this week's visits, who is overdue, what is overdue. */

const openVisits = (ctx: CoreContext, from: string, to: string): VisitSummary[] =>
  listVisits(ctx, { from, to }).filter((v) => v.status === 'planned' || v.status === 'in_progress');

/** How many overdue next steps the dashboard lists; the rest are a link to the Next steps screen. */
export const DASHBOARD_OVERDUE_STEPS = 10;

export function getDashboard(ctx: CoreContext): Dashboard {
  const day = today(ctx);
  const weekStart = isoDate(startOfWeek(parseISO(day), { weekStartsOn: 1 }));
  const weekEnd = isoDate(endOfWeek(parseISO(day), { weekStartsOn: 1 }));
  const week = openVisits(ctx, weekStart, weekEnd);
  const todayVisits = week.filter((v) => v.date === day);
  const weekVisits = week.filter((v) => v.date !== day);
  const overdueLeaders = getCadence(ctx, null).filter((c) => c.overdueDays > 0);
  const filter = { leaderId: null, status: 'open', source: null, owner: null, text: null, offset: 0 } as const;
  // A decade of unclosed steps can be thousands: the dashboard shows the oldest few and the count.
  const overdue = listNextStepsPage(ctx, { ...filter, due: 'overdue', limit: DASHBOARD_OVERDUE_STEPS });
  const open = listNextStepsPage(ctx, { ...filter, due: 'any', limit: 1 });
  return {
    today: day,
    week: { start: weekStart, end: weekEnd },
    // Every caseload's visits can be hundreds a day: the frames list a few, and the counts say how many.
    todayVisits: todayVisits.slice(0, DASHBOARD_VISITS),
    weekVisits: weekVisits.slice(0, DASHBOARD_VISITS),
    overdueLeaders,
    overdueNextSteps: overdue.steps,
    counts: {
      visitsToday: todayVisits.length,
      visitsThisWeek: week.length,
      overdueLeaders: overdueLeaders.length,
      overdueNextSteps: overdue.total,
      openNextSteps: open.total,
    },
  };
}
