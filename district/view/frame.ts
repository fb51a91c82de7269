import { AppError } from '../../shared/result';
import { schoolYearOf } from '../../shared/schoolYear';
import type { ExportKind } from '../../shared/exportFormat/common';
import type { PageFilter } from '../contract/contract';
import { type Freshness, type PageFrame, SILENT_DAYS, type SchoolYearRef, type SupervisorRef } from '../contract/model';
import type { Queryable } from '../db/connection';
import type { Viewer } from './accounts';
import { ownSupervisor, scopedSupervisor, seesNames } from './access';
import { compareNames } from '../../shared/collation';

/**
 * What every page shares: the school year asked for (or the newest), the supervisors the viewer
 * may see, the filters, and for each supervisor when their newest export of each kind was made,
 * which every figure's freshness line is built from.
 */

export interface Scope {
  viewer: Viewer;
  year: SchoolYearRef;
  asOf: string;
  today: string;
  /** null: every supervisor. */
  supervisorId: number | null;
  level: string | null;
  needTier: string | null;
  named: boolean;
}

interface Activity {
  supervisorId: number;
  kind: ExportKind;
  newest: string;
}

export interface Frame {
  scope: Scope;
  frame: PageFrame;
  /** The freshness of a figure built from these kinds of export. */
  freshness: (from: string, kinds: ExportKind[]) => Freshness;
}

export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

export async function loadFrame(db: Queryable, viewer: Viewer, filter: PageFilter, now: Date): Promise<Frame> {
  const supervisorId = scopedSupervisor(viewer, filter.supervisorId);
  const today = isoDay(now);
  const years = await schoolYears(db);
  let year = filter.year ? years.find((y) => y.start === filter.year) : (years.find((y) => y.start <= today && today <= y.end) ?? years[0]);
  if (filter.year && !year) throw new AppError('invalid_input', 'The district holds no exports for that school year', 'year');
  // A district that has received nothing yet still gets its pages, empty, for this year.
  year ??= { start: `${today.slice(0, 4)}-07-01`, end: `${Number(today.slice(0, 4)) + 1}-06-30`, label: 'this year' };
  const asOf = today < year.end ? today : year.end;

  const current = year.start <= today && today <= year.end;
  // Who sent what this year (and, in the current year, who sent last year but nothing yet this one).
  const sent = (await db.query<Activity & { thisYear: boolean }>(
    `SELECT s.supervisor_id AS "supervisorId", p.kind, p.school_year_start = $1 AS "thisYear", max(p.created_at) AS newest
     FROM packages p JOIN sources s ON s.id = p.source_id
     WHERE p.is_current AND p.school_year_start IN ($1, $2) AND ($3::bigint IS NULL OR s.supervisor_id = $3)
     GROUP BY s.supervisor_id, p.kind, p.school_year_start`,
    [year.start, current ? shiftYear(year.start, -1) : year.start, ownSupervisor(viewer)])).rows;
  const activity = sent.filter((a) => a.thisYear && (supervisorId === null || a.supervisorId === supervisorId));
  const people = (await db.query<SupervisorRef & { lastExport: string | null }>(
    `SELECT sup.id, coalesce(sup.name, sup.email, 'Supervisor ' || sup.id) AS name,
       (SELECT max(newest.created_at) FROM sources s CROSS JOIN LATERAL (
          SELECT p.created_at FROM packages p WHERE p.source_id = s.id ORDER BY p.created_at DESC LIMIT 1) newest
        WHERE s.supervisor_id = sup.id) AS "lastExport"
     FROM supervisors sup WHERE sup.id = ANY($1::bigint[]) ORDER BY 2`, [[...new Set(sent.map((a) => a.supervisorId))]])).rows;
  const byId = new Map(people.map((p) => [p.id, p]));
  const inView = people.filter((p) => supervisorId === null || p.id === supervisorId);

  const scope: Scope = {
    viewer, year, asOf, today, supervisorId, level: filter.level ?? null, needTier: filter.needTier ?? null, named: seesNames(viewer.role),
  };
  const supervisors = viewer.role === 'supervisor' ? (viewer.supervisor ? [viewer.supervisor] : []) : people.map(({ id, name }) => ({ id, name }));
  const frame: PageFrame = {
    year, years, asOf, supervisors,
    filter: { supervisorId: filter.supervisorId ?? null, level: filter.level ?? null, needTier: filter.needTier ?? null },
    named: scope.named,
  };
  const silent = current
    ? inView.filter((p) => !p.lastExport || daysBetween(p.lastExport.slice(0, 10), today) >= SILENT_DAYS)
      .map((p) => ({ id: p.id, name: p.name, lastExport: p.lastExport?.slice(0, 10) ?? null, days: p.lastExport ? daysBetween(p.lastExport.slice(0, 10), today) : null }))
    : [];
  return {
    scope,
    frame,
    freshness(from, kinds) {
      const newest = new Map<number, string>();
      for (const a of activity) {
        if (!kinds.includes(a.kind)) continue;
        const day = a.newest.slice(0, 10);
        if ((newest.get(a.supervisorId) ?? '') < day) newest.set(a.supervisorId, day);
      }
      const included = [...newest].map(([id, day]) => ({ id, name: byId.get(id)?.name ?? `Supervisor ${id}`, newestExport: day })).sort((a, b) => compareNames(a.name, b.name));
      return {
        from,
        newestExport: included.reduce<string | null>((m, s) => (m === null || s.newestExport > m ? s.newestExport : m), null),
        included,
        missing: inView.filter((p) => !newest.has(p.id)).map(({ id, name }) => ({ id, name })),
        silent,
      };
    },
  };
}

/**
 * Every school year the district holds current exports for, newest first: one index probe per year
 * (a loose index scan), not a read of every package. Each year's end and label are the app's own
 * (shared/schoolYear.ts), as every package's are.
 */
export async function schoolYears(db: Queryable): Promise<SchoolYearRef[]> {
  const starts = (await db.query<{ start: string }>(
    `WITH RECURSIVE y AS (
       (SELECT school_year_start AS start FROM packages WHERE is_current ORDER BY school_year_start DESC LIMIT 1)
       UNION ALL
       SELECT (SELECT p.school_year_start FROM packages p WHERE p.is_current AND p.school_year_start < y.start ORDER BY p.school_year_start DESC LIMIT 1)
       FROM y WHERE y.start IS NOT NULL)
     SELECT start FROM y WHERE start IS NOT NULL ORDER BY start DESC`)).rows;
  return starts.map(({ start }) => schoolYearOf(start, Number(start.slice(5, 7))));
}

const shiftYear = (start: string, years: number) => `${Number(start.slice(0, 4)) + years}${start.slice(4)}`;

/** SQL for "this school's level and need tier pass the filters" on a schools alias, with its two parameters. */
export const schoolFilterSql = (alias: string, levelParam: number, needParam: number): string =>
  `($${levelParam}::text IS NULL OR ${alias}.level = $${levelParam}) AND ($${needParam}::text IS NULL OR ${alias}.need_tier = $${needParam})`;
