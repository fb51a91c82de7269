import { addYears } from 'date-fns/addYears';
import { parseISO } from 'date-fns/parseISO';
import type { SchoolYear } from '../../../shared/schoolYear';
import { isoDate, schoolYearOf } from '../../../shared/schoolYear';
import type { LeaderRole, SupportTier } from '../../../shared/vocabulary';
import type { CoreContext } from '../context';
import type { Db } from '../db/connection';
import type { Random } from './random';

/** One person holding a caseload slot for a run of school years (turnover starts a new holding). */
export interface Holding {
  leaderId: number;
  name: string;
  firstName: string;
  role: LeaderRole;
  schoolId: number;
  tier: SupportTier;
  cadenceDays: number;
  /** On this supervisor's caseload (the first caseload); the others are the district's other caseloads. */
  mine: boolean;
  /** Indexes into GenContext.years. */
  fromYear: number;
  toYear: number;
}

/** What every generation step shares: the database, the seeded random source and the calendar. */
export interface GenContext {
  db: Db;
  r: Random;
  /** A core context on the same database, for the few real service functions a step reuses. */
  core: CoreContext;
  today: string;
  startMonth: number;
  /** The school years generated, oldest first; the last is the current one. */
  years: SchoolYear[];
  holdings: Holding[];
  schools: { id: number; name: string; mine: boolean }[];
  /** Framework elements notes and visits are tagged with. */
  elements: { frameworkId: string; elementId: string }[];
  counts: Record<string, number>;
  progress: (message: string) => void;
}

export function schoolYears(today: string, startMonth: number, count: number): SchoolYear[] {
  const current = schoolYearOf(today, startMonth);
  return Array.from({ length: count }, (_, i) => schoolYearOf(isoDate(addYears(parseISO(current.start), i - count + 1)), startMonth));
}

export const count = (g: GenContext, table: string, n = 1): void => {
  g.counts[table] = (g.counts[table] ?? 0) + n;
};

/** A timestamp on a day (UTC, mid-morning or as given), as the app stores created_at. */
export const stamp = (day: string, time = '15:00'): string => `${day}T${time}:00.000Z`;
