import { MIN_BASE, type OverdueLeader, type Share, type SupervisorRef, type TimePage, type TimeRow } from '../../contract/model';
import type { Queryable } from '../../db/connection';
import { tally } from '../access';
import { type Frame, schoolFilterSql } from '../frame';
import { LATEST_ROSTERS } from './capacity';

/**
 * Time in schools, from the weekly visit logs: hours on site per supervisor per week, the share of
 * those hours spent with a principal present, and the leaders on each supervisor's newest roster
 * who have not had a visit within their cadence by the page's "as of" day.
 */

/** Hours of a visit from its clock times. */
const HOURS = `greatest(0, extract(epoch FROM (vi.end_time::time - vi.start_time::time)) / 3600.0)`;
const RECENT_WEEKS = 8;

interface WeekSql {
  supervisorId: number;
  weekStart: string;
  hours: number;
  withPrincipals: number;
  done: number;
  cancelled: number;
  noShow: number;
}

export async function timePage(db: Queryable, { scope, frame, freshness }: Frame): Promise<TimePage> {
  const weeks = (await db.query<WeekSql>(
    `WITH logged AS (
       SELECT s.supervisor_id, vl.week_start, p.id AS package_id FROM visit_logs vl JOIN packages p ON p.id = vl.package_id JOIN sources s ON s.id = p.source_id
       WHERE vl.week_start BETWEEN $1 AND $5 AND p.is_current AND ($2::bigint IS NULL OR s.supervisor_id = $2)),
     closed AS (
       SELECT vi.package_id, vi.status, ${HOURS} AS hours,
         EXISTS (SELECT 1 FROM visit_leaders x JOIN leaders l ON l.id = x.leader_id
                 WHERE x.package_id = vi.package_id AND x.position = vi.position AND l.role = 'principal') AS with_principal
       FROM logged g JOIN visits vi ON vi.package_id = g.package_id LEFT JOIN schools sc ON sc.id = vi.school_id
       WHERE ${schoolFilterSql('sc', 3, 4)})
     SELECT g.supervisor_id AS "supervisorId", g.week_start AS "weekStart",
       coalesce(sum(c.hours) FILTER (WHERE c.status = 'done'), 0)::float8 AS hours,
       coalesce(sum(c.hours) FILTER (WHERE c.status = 'done' AND c.with_principal), 0)::float8 AS "withPrincipals",
       count(c.*) FILTER (WHERE c.status = 'done') AS done, count(c.*) FILTER (WHERE c.status = 'cancelled') AS cancelled,
       count(c.*) FILTER (WHERE c.status = 'no_show') AS "noShow"
     FROM logged g LEFT JOIN closed c ON c.package_id = g.package_id
     GROUP BY g.supervisor_id, g.week_start ORDER BY g.supervisor_id, g.week_start`,
    [scope.year.start, scope.supervisorId, scope.level, scope.needTier, scope.year.end])).rows;

  const names = new Map(frame.supervisors.map((s) => [s.id, s.name]));
  const supervisor = (id: number): SupervisorRef => ({ id, name: names.get(id) ?? `Supervisor ${id}` });
  const bySupervisor = new Map<number, WeekSql[]>();
  for (const w of weeks) bySupervisor.set(w.supervisorId, [...(bySupervisor.get(w.supervisorId) ?? []), w]);
  const round = (h: number) => Math.round(h * 10) / 10;
  const sum = (ws: WeekSql[], k: 'hours' | 'withPrincipals' | 'done' | 'cancelled' | 'noShow') => ws.reduce((n, w) => n + w[k], 0);
  const rows: TimeRow[] = [...bySupervisor].map(([id, ws]) => ({
    supervisor: supervisor(id),
    weeks: ws.length,
    hours: round(sum(ws, 'hours')),
    hoursPerWeek: ws.length ? round(sum(ws, 'hours') / ws.length) : null,
    withPrincipals: shareOfHours(sum(ws, 'withPrincipals'), sum(ws, 'hours'), sum(ws, 'done')),
    done: sum(ws, 'done'), cancelled: sum(ws, 'cancelled'), noShow: sum(ws, 'noShow'),
    recent: ws.slice(-RECENT_WEEKS).map((w) => ({ weekStart: w.weekStart, hours: round(w.hours) })),
  })).sort((a, b) => a.supervisor.name.localeCompare(b.supervisor.name));

  const byWeek = new Map<string, { supervisors: number; hours: number }>();
  for (const w of weeks) {
    const at = byWeek.get(w.weekStart) ?? { supervisors: 0, hours: 0 };
    byWeek.set(w.weekStart, { supervisors: at.supervisors + 1, hours: at.hours + w.hours });
  }

  const overdue = await overdueLeaders(db, scope);
  const onRoster = new Map<number, number>();
  const late = new Map<number, number>();
  for (const o of overdue.all) {
    onRoster.set(o.supervisorId, (onRoster.get(o.supervisorId) ?? 0) + 1);
    if (o.overdue) late.set(o.supervisorId, (late.get(o.supervisorId) ?? 0) + 1);
  }
  const overdueRows = overdue.all.filter((o) => o.overdue);

  return {
    ...frame,
    freshness: freshness('weekly visit logs', ['visit_log']),
    district: {
      hoursPerWeek: weeks.length ? round(sum(weeks, 'hours') / weeks.length) : null,
      withPrincipals: shareOfHours(sum(weeks, 'withPrincipals'), sum(weeks, 'hours'), sum(weeks, 'done')),
    },
    rows,
    weeks: [...byWeek].map(([weekStart, w]) => ({ weekStart, supervisors: w.supervisors, hours: round(w.hours) })).sort((a, b) => a.weekStart.localeCompare(b.weekStart)),
    cadenceFreshness: freshness('caseload rosters and weekly visit logs', ['caseload_roster', 'visit_log']),
    onRosters: overdue.all.length,
    overdueCount: tally(overdueRows.length, scope.named),
    overdueBySupervisor: [...onRoster].map(([id, n]) => ({ supervisor: supervisor(id), onRoster: n, overdue: tally(late.get(id) ?? 0, scope.named) }))
      .sort((a, b) => a.supervisor.name.localeCompare(b.supervisor.name)),
    overdue: scope.named ? overdueRows.map(({ supervisorId, overdue: _late, ...o }) => ({ ...o, supervisor: supervisor(supervisorId) })) : null,
  };
}

/** The share of hours with a principal, given only when enough visits were done to mean something. */
function shareOfHours(withPrincipals: number, hours: number, visitsDone: number): Share {
  return visitsDone < MIN_BASE || hours === 0 ? { tooFew: visitsDone } : { value: withPrincipals / hours, of: Math.round(hours * 10) / 10 };
}

type OverdueSql = Omit<OverdueLeader, 'supervisor'> & { supervisorId: number; overdue: boolean };

/**
 * Everyone on a newest roster with their last done visit (by that supervisor, within a year of
 * asOf): overdue when more days than their cadence have passed since it, or since they joined the
 * caseload when there was none.
 */
async function overdueLeaders(db: Queryable, scope: Frame['scope']): Promise<{ all: OverdueSql[] }> {
  const all = (await db.query<OverdueSql>(
    `WITH latest AS (${LATEST_ROSTERS}),
     on_roster AS (
       SELECT l.supervisor_id, re.leader_id, re.school_id, re.cadence_days, re.on_caseload_since
       FROM latest l JOIN roster_entries re ON re.package_id = l.package_id LEFT JOIN schools sc ON sc.id = re.school_id
       WHERE ${schoolFilterSql('sc', 3, 4)}),
     visited AS (
       SELECT s.supervisor_id, x.leader_id, max(vi.date) AS last
       FROM visit_logs vl JOIN packages p ON p.id = vl.package_id JOIN sources s ON s.id = p.source_id JOIN visits vi ON vi.package_id = p.id
         JOIN visit_leaders x ON x.package_id = vi.package_id AND x.position = vi.position
       WHERE vl.week_start BETWEEN ($5::date - 372) AND $5 AND p.is_current
         AND ($2::bigint IS NULL OR s.supervisor_id = $2) AND vi.status = 'done' AND vi.date <= $5 AND vi.date > ($5::date - 366)
       GROUP BY s.supervisor_id, x.leader_id)
     SELECT o.supervisor_id AS "supervisorId", o.leader_id AS "leaderId", l.name,
       CASE WHEN sc.id IS NULL THEN NULL ELSE jsonb_build_object('id', sc.id, 'name', sc.name, 'code', sc.code) END AS school,
       o.cadence_days AS "cadenceDays", v.last AS "lastVisit",
       ($5::date - greatest(coalesce(v.last, o.on_caseload_since), $5::date - 366)) AS "daysSince",
       ($5::date - greatest(coalesce(v.last, o.on_caseload_since), $5::date - 366)) > o.cadence_days AS overdue
     FROM on_roster o JOIN leaders l ON l.id = o.leader_id LEFT JOIN schools sc ON sc.id = o.school_id
       LEFT JOIN visited v ON v.supervisor_id = o.supervisor_id AND v.leader_id = o.leader_id
     ORDER BY "daysSince" DESC, l.name`,
    [scope.year.start, scope.supervisorId, scope.level, scope.needTier, scope.asOf])).rows;
  return { all };
}
