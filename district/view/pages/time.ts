import { MIN_BASE, type OverdueLeader, type Share, type SupervisorRef, type TimePage, type TimeRow } from '../../contract/model';
import type { Queryable } from '../../db/connection';
import { tally } from '../access';
import { type Frame, schoolFilterSql } from '../frame';
import { LATEST_ROSTERS } from './capacity';
import { compareNames } from '../../../shared/collation';

/**
 * Time in schools, from the weekly visit logs: hours on site per supervisor per week, the share of
 * those hours spent with a principal present, and the leaders on each supervisor's newest roster
 * who have not had a visit within their cadence by the page's "as of" day.
 */

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
  // Each week's log, with its visits as added up per school when it arrived (migration 4), the school filters applied to them.
  const weeks = (await db.query<WeekSql>(
    `SELECT s.supervisor_id AS "supervisorId", vl.week_start AS "weekStart",
       coalesce(sum(f.hours), 0) AS hours, coalesce(sum(f.hours_with_principals), 0) AS "withPrincipals",
       coalesce(sum(f.done), 0)::int AS done, coalesce(sum(f.cancelled), 0)::int AS cancelled, coalesce(sum(f.no_show), 0)::int AS "noShow"
     FROM visit_logs vl JOIN packages p ON p.id = vl.package_id JOIN sources s ON s.id = p.source_id
       LEFT JOIN LATERAL (
         SELECT sum(x.hours) AS hours, sum(x.hours_with_principals) AS hours_with_principals, sum(x.done) AS done, sum(x.cancelled) AS cancelled, sum(x.no_show) AS no_show
         FROM visit_log_schools x JOIN schools sc ON sc.id = x.school_id WHERE x.package_id = vl.package_id AND ${schoolFilterSql('sc', 3, 4)}) f ON true
     WHERE vl.week_start BETWEEN $1 AND $5 AND p.is_current AND ($2::bigint IS NULL OR s.supervisor_id = $2)
     GROUP BY s.supervisor_id, vl.week_start ORDER BY s.supervisor_id, vl.week_start`,
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
  })).sort((a, b) => compareNames(a.supervisor.name, b.supervisor.name));

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
      .sort((a, b) => compareNames(a.supervisor.name, b.supervisor.name)),
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
 * asOf, found from their visit days newest first): overdue when more days than their cadence have passed since it, or since they joined the
 * caseload when there was none.
 */
async function overdueLeaders(db: Queryable, scope: Frame['scope']): Promise<{ all: OverdueSql[] }> {
  const all = (await db.query<OverdueSql>(
    `WITH latest AS (${LATEST_ROSTERS}),
     on_roster AS (
       SELECT l.supervisor_id, re.leader_id, re.school_id, re.cadence_days, re.on_caseload_since
       FROM latest l JOIN roster_entries re ON re.package_id = l.package_id LEFT JOIN schools sc ON sc.id = re.school_id
       WHERE ${schoolFilterSql('sc', 3, 4)})
     SELECT o.supervisor_id AS "supervisorId", o.leader_id AS "leaderId", l.name,
       CASE WHEN sc.id IS NULL THEN NULL ELSE jsonb_build_object('id', sc.id, 'name', sc.name, 'code', sc.code) END AS school,
       o.cadence_days AS "cadenceDays", v.last AS "lastVisit",
       ($5::date - greatest(coalesce(v.last, o.on_caseload_since), $5::date - 366)) AS "daysSince",
       ($5::date - greatest(coalesce(v.last, o.on_caseload_since), $5::date - 366)) > o.cadence_days AS overdue
     FROM on_roster o JOIN leaders l ON l.id = o.leader_id LEFT JOIN schools sc ON sc.id = o.school_id
       LEFT JOIN LATERAL (
         SELECT d.date AS last FROM visit_days d JOIN sources s ON s.id = d.source_id JOIN packages p ON p.id = d.package_id
         WHERE d.leader_id = o.leader_id AND d.date <= $5 AND d.date > ($5::date - 366) AND s.supervisor_id = o.supervisor_id AND p.is_current
         ORDER BY d.date DESC LIMIT 1) v ON true
`,
    [scope.year.start, scope.supervisorId, scope.level, scope.needTier, scope.asOf])).rows
    // Longest unvisited first, then by name in the screens' order (the database's collation may be plain bytes).
    .sort((a, b) => b.daysSince - a.daysSince || compareNames(a.name, b.name));
  return { all };
}
