import type { LeaderCadence } from '../../../shared/visits/model';
import { fmt, plural } from '../../format';

/** Words for cadence and time figures, shared by the dashboard, leader page and time-use screen. */

/** "Oct 2" */
export const shortDate = (iso: string): string => fmt().dayMonth(iso);
/** "Mon, Nov 23" */
export const dayLabel = (iso: string): string => fmt().weekdayDayMonth(iso);
/** "Sep 2026" from a month's first day. */
export const monthLabel = (iso: string): string => fmt().monthYear(iso);
export const monthShort = (iso: string): string => fmt().month(iso);

/** "3.5 hours", "1 hour" */
export const hoursLabel = (hours: number): string => {
  const rounded = Math.round(hours * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'hour' : 'hours'}`;
};
/** 0.756 → "76%" */
export const percent = (share: number): string => `${Math.round(share * 100)}%`;

/** "last visit Oct 2, 11 days overdue" */
export function overdueLine(c: LeaderCadence): string {
  const last = c.lastVisit ? `last visit ${shortDate(c.lastVisit)}` : 'not visited yet';
  return `${last}, ${plural(c.overdueDays, 'day')} overdue`;
}

/** "Next visit due Dec 4" / "Due today" / "11 days overdue (was due Nov 12)" */
export function dueLine(c: LeaderCadence): string {
  if (c.overdueDays > 0) return `${plural(c.overdueDays, 'day')} overdue (was due ${shortDate(c.nextDue)})`;
  return `Due by ${shortDate(c.nextDue)}`;
}
