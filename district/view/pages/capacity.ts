import type { CapacityPage, SchoolRef, SupervisorRef } from '../../contract/model';
import type { Queryable } from '../../db/connection';
import { tally } from '../access';
import { type Frame, schoolFilterSql } from '../frame';

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

interface CaseloadSql {
  supervisorId: number;
  supervisor: string;
  asOf: string;
  target: number;
  principals: number;
  assistantPrincipals: number;
  aspiring: number;
  allPrincipals: number;
}

interface UnsupervisedSql {
  leaderId: number;
  name: string;
  school: SchoolRef | null;
  lastSeen: string;
  lastSupervisor: SupervisorRef;
}

export async function capacityPage(db: Queryable, { scope, frame, freshness }: Frame): Promise<CapacityPage> {
  const params = [scope.year.start, scope.supervisorId, scope.level, scope.needTier];
  const caseloads = (await db.query<CaseloadSql>(
    `WITH latest AS (${LATEST_ROSTERS})
     SELECT l.supervisor_id AS "supervisorId", coalesce(sup.name, sup.email) AS supervisor, l.as_of AS "asOf", l.target_ratio AS target,
       count(*) FILTER (WHERE re.role = 'principal' AND ${schoolFilterSql('sc', 3, 4)}) AS principals,
       count(*) FILTER (WHERE re.role = 'assistant_principal' AND ${schoolFilterSql('sc', 3, 4)}) AS "assistantPrincipals",
       count(*) FILTER (WHERE re.role = 'aspiring' AND ${schoolFilterSql('sc', 3, 4)}) AS aspiring,
       count(*) FILTER (WHERE re.role = 'principal') AS "allPrincipals"
     FROM latest l JOIN supervisors sup ON sup.id = l.supervisor_id
       LEFT JOIN roster_entries re ON re.package_id = l.package_id LEFT JOIN schools sc ON sc.id = re.school_id
     GROUP BY l.supervisor_id, sup.name, sup.email, l.as_of, l.target_ratio
     ORDER BY 2`, params)).rows;

  // Principals on a roster this year or last whose school no supervisor's newest roster covers.
  const unsupervised = (await db.query<UnsupervisedSql>(
    `WITH latest AS (${LATEST_ROSTERS.replace('($2::bigint IS NULL OR s.supervisor_id = $2)', 'true')}),
     now_on AS (SELECT re.leader_id, re.school_id, re.role FROM latest l JOIN roster_entries re ON re.package_id = l.package_id),
     seen AS (
       SELECT DISTINCT ON (re.leader_id) re.leader_id, re.school_id, r.as_of, s.supervisor_id
       FROM packages p JOIN sources s ON s.id = p.source_id JOIN rosters r ON r.package_id = p.id JOIN roster_entries re ON re.package_id = p.id
       WHERE p.is_current AND p.kind = 'caseload_roster' AND p.school_year_start IN ($1, ($1::date - interval '1 year')::date) AND r.as_of <= $5
         AND re.role = 'principal' AND ($2::bigint IS NULL OR s.supervisor_id = $2)
       ORDER BY re.leader_id, r.as_of DESC)
     SELECT l.id AS "leaderId", l.name,
       CASE WHEN sc.id IS NULL THEN NULL ELSE jsonb_build_object('id', sc.id, 'name', sc.name, 'code', sc.code) END AS school,
       seen.as_of AS "lastSeen", jsonb_build_object('id', sup.id, 'name', coalesce(sup.name, sup.email)) AS "lastSupervisor"
     FROM seen JOIN leaders l ON l.id = seen.leader_id JOIN supervisors sup ON sup.id = seen.supervisor_id LEFT JOIN schools sc ON sc.id = seen.school_id
     WHERE NOT EXISTS (SELECT 1 FROM now_on n WHERE n.leader_id = seen.leader_id)
       AND NOT EXISTS (SELECT 1 FROM now_on n WHERE n.role = 'principal' AND n.school_id = seen.school_id)
       AND ${schoolFilterSql('sc', 3, 4)}
     ORDER BY seen.as_of DESC, l.name`, [...params, scope.asOf])).rows;

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
