import { addYears } from 'date-fns/addYears';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { differenceInYears } from 'date-fns/differenceInYears';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import { setMonth } from 'date-fns/setMonth';
import { startOfMonth } from 'date-fns/startOfMonth';

/** ISO calendar date, yyyy-MM-dd, as stored in the database. */
export const isoDate = (d: Date): string => format(d, 'yyyy-MM-dd');

export interface SchoolYear {
  /** e.g. "2026–27" */
  label: string;
  start: string;
  end: string;
}

/** The school year containing `date`, for a district whose year starts on the 1st of `startMonth` (1–12). */
export function schoolYearOf(date: string | Date, startMonth = 7): SchoolYear {
  const d = typeof date === 'string' ? parseISO(date) : date;
  const startThisCalendarYear = startOfMonth(setMonth(new Date(d.getFullYear(), 0, 1), startMonth - 1));
  const start = d < startThisCalendarYear ? addYears(startThisCalendarYear, -1) : startThisCalendarYear;
  const end = new Date(start.getFullYear() + 1, start.getMonth(), 0);
  const y = start.getFullYear();
  const label = end.getFullYear() === y ? String(y) : `${y}–${String(y + 1).slice(2)}`;
  return { label, start: isoDate(start), end: isoDate(end) };
}

/** Whole years a leader has been in their current role on `today`. */
export function yearsInRole(roleStartDate: string, today: string): number {
  return Math.max(0, differenceInYears(parseISO(today), parseISO(roleStartDate)));
}

/** Leaders in their first three years in a role are new to it and get more support. */
export const NEW_IN_ROLE_YEARS = 3;
export const isNewInRole = (roleStartDate: string, today: string): boolean =>
  yearsInRole(roleStartDate, today) < NEW_IN_ROLE_YEARS;

export const daysBetween = (from: string, to: string): number =>
  differenceInCalendarDays(parseISO(to), parseISO(from));

/** The first day of the school year `years` before or after the one starting on `start`. */
export const shiftSchoolYear = (start: string, years: number): string => isoDate(addYears(parseISO(start), years));
