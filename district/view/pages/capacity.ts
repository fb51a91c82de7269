import type { CapacityPage, SchoolRef, SupervisorRef } from '../../contract/model';
import type { Queryable } from '../../db/connection';
import { tally } from '../access';
import { type Frame, schoolFilterSql } from '../frame';
import { compareNames } from '../../../shared/collation';

/**
 * Supervision capacity: each supervisor's newest caseload roster of the year against their target
 * ratio, the district's principals per supervisor, and principals who were on a roster but whose
 * school has no principal on any supervisor's newest roster now.
 */

/** Each supervisor's newest roster of the year ($1 the year's first day, $2 one supervisor or null). */
export const LATEST_ROSTERS = `
  SELECT DISTINCT ON (s.supervisor_id) s.supervisor_id, p.id AS package_id, r.as_of, r.target_ratio
  FROM packages p JOIN sources s ON s.id = p.source_id JOIN rosters r ON r.package_id = p.id
  WHERE p.is_current AND p.kind = 'caseload_roster' AND p.school_year_start = $1 AND ($2::bigint IS NULL OR s.supervisor_id = $2)
  ORDER BY s.supervisor_id, r.as_of DESC, p.created_at DESC`;

interface EntrySql {
  supervisorId: number;
  supervisor: string;
  asOf: string;
  target: number;
  leaderId: number | null;
  schoolId: number | null;
  role: string | null;
  level: string | null;
  needTier: string | null;
}

interface SeenSql {
  leaderId: number;
  name: string;
  school: SchoolRef | null;
  lastSeen: string;
  lastSupervisor: SupervisorRef;
}

export async function capacityPage(db: Queryable, { scope, frame, freshness }: Frame): Promise<CapacityPage> {
  // Every supervisor's newest roster, entry by entry: the caseloads in view, and who is on any roster now.
  const entries = (await db.query<EntrySql>(
    `WITH latest AS (${LATEST_ROSTERS})
     SELECT l.supervisor_id AS "supervisorId", coalesce(sup.name, sup.email) AS supervisor, l.as_of AS "asOf", l.target_ratio AS target,
       re.leader_id AS "leaderId", re.school_id AS "schoolId", re.role, sc.level, sc.need_tier AS "needTier"
     FROM latest l JOIN supervisors sup ON sup.id = l.supervisor_id
       LEFT JOIN roster_entries re ON re.package_id = l.package_id LEFT JOIN schools sc ON sc.id = re.school_id`, [scope.year.start, null])).rows;
  // Principals on a roster this year or last (in view), each with the newest roster that had them.
  const seen = (await db.query<SeenSql>(
    `WITH seen AS (
       SELECT DISTINCT ON (re.leader_id) re.leader_id, re.school_id, r.as_of, s.supervisor_id
       FROM packages p JOIN sources s ON s.id = p.source_id JOIN rosters r ON r.package_id = p.id JOIN roster_entries re ON re.package_id = p.id
       WHERE p.is_current AND p.kind = 'caseload_roster' AND p.school_year_start IN ($1, ($1::date - interval '1 year')::date) AND r.as_of <= $5
         AND re.role = 'principal' AND ($2::bigint IS NULL OR s.supervisor_id = $2)
       ORDER BY re.leader_id, r.as_of DESC)
     SELECT l.id AS "leaderId", l.name,
       CASE WHEN sc.id IS NULL THEN NULL ELSE jsonb_build_object('id', sc.id, 'name', sc.name, 'code', sc.code) END AS school,
       seen.as_of AS "lastSeen", jsonb_build_object('id', sup.id, 'name', coalesce(sup.name, sup.email)) AS "lastSupervisor"
     FROM seen JOIN leaders l ON l.id = seen.leader_id JOIN supervisors sup ON sup.id = seen.supervisor_id LEFT JOIN schools sc ON sc.id = seen.school_id
     WHERE ${schoolFilterSql('sc', 3, 4)}
`, [scope.year.start, scope.supervisorId, scope.level, scope.needTier, scope.asOf])).rows
    // Seen most recently first, then by name in the screens' order.
    .sort((a, b) => (a.lastSeen === b.lastSeen ? compareNames(a.name, b.name) : a.lastSeen < b.lastSeen ? 1 : -1));

  const passes = (e: EntrySql) => (scope.level === null || e.level === scope.level) && (scope.needTier === null || e.needTier === scope.needTier);
  const bySupervisor = new Map<number, EntrySql[]>();
  for (const e of entries) {
    if (scope.supervisorId !== null && e.supervisorId !== scope.supervisorId) continue;
    bySupervisor.set(e.supervisorId, [...(bySupervisor.get(e.supervisorId) ?? []), e]);
  }
  const caseloads = [...bySupervisor.values()].map((es) => {
    const count = (role: string, filtered = true) => es.filter((e) => e.role === role && (!filtered || passes(e))).length;
    return { ...es[0], principals: count('principal'), assistantPrincipals: count('assistant_principal'), aspiring: count('aspiring'), allPrincipals: count('principal', false) };
  }).sort((a, b) => compareNames(a.supervisor, b.supervisor));
  // Unsupervised: on no newest roster, and their school has no principal on one either.
  const onRosters = new Set(entries.map((e) => e.leaderId));
  const ledSchools = new Set(entries.filter((e) => e.role === 'principal').map((e) => e.schoolId));
  const unsupervised = seen.filter((p) => !onRosters.has(p.leaderId) && !ledSchools.has(p.school?.id ?? null));

  const principals = caseloads.reduce((n, c) => n + c.principals, 0);
  const targets = caseloads.map((c) => c.target);
  return {
    ...frame,
    freshness: freshness('caseload rosters', ['caseload_roster']),
    district: {
      supervisors: caseloads.length,
      principals: tally(principals, scope.named),
      perSupervisor: caseloads.length ? Math.round((principals / caseloads.length) * 10) / 10 : null,
      // Every supervisor's own target is on their row; the district's is the one most of them use.
      target: targets.length ? mostCommon(targets) : null,
      overTarget: caseloads.filter((c) => c.allPrincipals > c.target).length,
    },
    caseloads: caseloads.map((c) => ({
      supervisor: { id: c.supervisorId, name: c.supervisor }, asOf: c.asOf, target: c.target,
      principals: tally(c.principals, scope.named), assistantPrincipals: tally(c.assistantPrincipals, scope.named), aspiring: tally(c.aspiring, scope.named),
      overTarget: Math.max(0, c.allPrincipals - c.target),
    })),
    unsupervisedCount: tally(unsupervised.length, scope.named),
    unsupervised: scope.named ? unsupervised : null,
  };
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}
