import type { GoalStatus } from '../../../shared/cta/vocabulary';
import type { Intent, RiskLevel } from '../../../shared/retention/vocabulary';
import type { LeaderRole } from '../../../shared/vocabulary';
import { fileLink } from '../../contract/contract';
import type { LeaderEvaluation, LeaderRecord, LeaderSearch, LeaderYear, Placement, SchoolRef, SupervisorRef } from '../../contract/model';
import type { Queryable } from '../../db/connection';
import { AppError } from '../../../shared/result';
import type { Viewer } from '../accounts';
import { Forbidden, ownSupervisor, requireNames } from '../access';
import { schoolYears } from '../frame';
import { compareNames } from '../../../shared/collation';

/**
 * One leader across years and supervisors: where and in what role they served, on whose caseload
 * with what support, how often they were visited, their school's CTA goals, their evaluations and,
 * where a supervisor consented, their retention record. For a chief: everything; for a supervisor:
 * what their own exports hold, and only for a leader who has been on their caseload.
 */

const SCHOOL = `CASE WHEN sc.id IS NULL THEN NULL ELSE jsonb_build_object('id', sc.id, 'name', sc.name, 'code', sc.code) END`;
const SUPERVISOR = `jsonb_build_object('id', sup.id, 'name', coalesce(sup.name, sup.email))`;
const SEARCH_LIMIT = 50;

export async function findLeaders(db: Queryable, viewer: Viewer, query: string): Promise<LeaderSearch> {
  requireNames(viewer);
  const rows = (await db.query<LeaderSearch['leaders'][number]>(
    `SELECT l.id AS "leaderId", l.name, l.role, ${SCHOOL} AS school
     FROM leaders l LEFT JOIN schools sc ON sc.id = l.school_id
     WHERE (l.name ILIKE $1 OR l.email ILIKE $1)
       AND ($2::bigint IS NULL OR EXISTS (SELECT 1 FROM roster_entries re JOIN packages p ON p.id = re.package_id JOIN sources s ON s.id = p.source_id
                                         WHERE re.leader_id = l.id AND p.is_current AND s.supervisor_id = $2))
     ORDER BY l.name, l.id LIMIT $3`, [`%${query.replace(/[\\%_]/g, '\\$&')}%`, ownSupervisor(viewer), SEARCH_LIMIT + 1])).rows;
  return { leaders: rows.slice(0, SEARCH_LIMIT).sort((a, b) => compareNames(a.name, b.name)), more: rows.length > SEARCH_LIMIT };
}

interface PlacementSql extends Placement {
  yearStart: string;
}

export async function leaderRecord(db: Queryable, viewer: Viewer, leaderId: number): Promise<LeaderRecord> {
  requireNames(viewer);
  const own = ownSupervisor(viewer);
  const leader = (await db.query<LeaderRecord['leader']>(
    `SELECT l.id AS "leaderId", l.name, l.email, l.role, ${SCHOOL} AS school FROM leaders l LEFT JOIN schools sc ON sc.id = l.school_id WHERE l.id = $1`, [leaderId])).rows[0];
  if (!leader) throw new AppError('not_found', 'The district holds no leader with that number', 'leaderId');

  const placements = (await db.query<PlacementSql>(
    `SELECT DISTINCT ON (p.school_year_start, s.supervisor_id) p.school_year_start AS "yearStart", ${SUPERVISOR} AS supervisor, r.as_of AS "asOf",
       ${SCHOOL} AS school, re.role, re.support_tier AS "supportTier", re.cadence_days AS "cadenceDays"
     FROM roster_entries re JOIN packages p ON p.id = re.package_id JOIN rosters r ON r.package_id = p.id JOIN sources s ON s.id = p.source_id
       JOIN supervisors sup ON sup.id = s.supervisor_id LEFT JOIN schools sc ON sc.id = re.school_id
     WHERE re.leader_id = $1 AND p.is_current AND ($2::bigint IS NULL OR s.supervisor_id = $2)
     ORDER BY p.school_year_start DESC, s.supervisor_id, r.as_of DESC`, [leaderId, own])).rows;
  if (own !== null && placements.length === 0) {
    throw new Forbidden('This leader has not been on your caseload in any roster the district holds from you.', 'leaderId');
  }

  const years = await schoolYears(db);
  const yearOf = (date: string) => years.find((y) => y.start <= date && date <= y.end);

  const visits = (await db.query<{ supervisor: SupervisorRef; date: string }>(
    `SELECT ${SUPERVISOR} AS supervisor, vi.date
     FROM visit_leaders x JOIN visits vi ON vi.package_id = x.package_id AND vi.position = x.position JOIN packages p ON p.id = x.package_id
       JOIN sources s ON s.id = p.source_id JOIN supervisors sup ON sup.id = s.supervisor_id
     WHERE x.leader_id = $1 AND p.is_current AND vi.status = 'done' AND ($2::bigint IS NULL OR s.supervisor_id = $2)`, [leaderId, own])).rows;

  const schoolsByYear = [...new Map(placements.filter((p) => p.school).map((p) => [`${p.school!.id}|${p.yearStart}`, { schoolId: p.school!.id, label: years.find((y) => y.start === p.yearStart)?.label ?? '' }])).values()];
  const goals = schoolsByYear.length === 0 ? [] : (await db.query<{ label: string; school: SchoolRef; quarter: number; title: string; status: GoalStatus | null; packageId: number; pdf: string | null }>(
    `SELECT c.school_year AS label, ${SCHOOL} AS school, c.quarter, g.title, g.status, c.package_id AS "packageId",
       (SELECT f.name FROM package_files f WHERE f.package_id = c.package_id AND f.role = 'attachment' AND f.media_type = 'application/pdf' ORDER BY f.name LIMIT 1) AS pdf
     FROM jsonb_to_recordset($1::jsonb) AS want(school_id bigint, label text)
       JOIN cta_checkins c ON c.school_id = want.school_id AND c.school_year = want.label JOIN packages p ON p.id = c.package_id JOIN sources s ON s.id = p.source_id
       JOIN schools sc ON sc.id = c.school_id JOIN cta_goal_statuses g ON g.package_id = c.package_id
     WHERE p.is_current AND ($2::bigint IS NULL OR s.supervisor_id = $2)
     ORDER BY c.quarter, g.position`, [JSON.stringify(schoolsByYear.map((s) => ({ school_id: s.schoolId, label: s.label }))), own])).rows;

  const locked = (await db.query<{ label: string; supervisor: SupervisorRef; lockedAt: string; signedBy: string | null; packageId: number; pdf: string | null;
    ratings: LeaderEvaluation['ratings']; stages: LeaderEvaluation['stages'] }>(
    `SELECT e.school_year AS label, ${SUPERVISOR} AS supervisor, e.locked_at AS "lockedAt", e.signed_by AS "signedBy", p.id AS "packageId",
       (SELECT f.name FROM package_files f WHERE f.package_id = p.id AND f.role = 'attachment' AND f.media_type = 'application/pdf' ORDER BY f.name LIMIT 1) AS pdf,
       coalesce((SELECT jsonb_agg(jsonb_build_object('element', r.element, 'title', r.title, 'rating', r.rating, 'label', r.label) ORDER BY r.position)
          FROM evaluation_ratings r WHERE r.package_id = p.id), '[]') AS ratings,
       coalesce((SELECT jsonb_agg(jsonb_build_object('name', st.name, 'dueDate', st.due_date, 'completedOn', st.completed_on) ORDER BY st.position)
          FROM evaluation_stages st WHERE st.package_id = p.id), '[]') AS stages
     FROM evaluations e JOIN packages p ON p.id = e.package_id JOIN sources s ON s.id = p.source_id JOIN supervisors sup ON sup.id = s.supervisor_id
     WHERE e.leader_id = $1 AND p.is_current AND ($2::bigint IS NULL OR s.supervisor_id = $2)`, [leaderId, own])).rows;

  // Cycles in progress, from the newest roster of each year and supervisor that lists this leader.
  const cycles = (await db.query<{ yearStart: string; supervisor: SupervisorRef; stages: LeaderEvaluation['stages']; lockedAt: string | null }>(
    `SELECT DISTINCT ON (p.school_year_start, s.supervisor_id) p.school_year_start AS "yearStart", ${SUPERVISOR} AS supervisor, ev.locked_at AS "lockedAt",
       coalesce((SELECT jsonb_agg(jsonb_build_object('name', st.name, 'dueDate', st.due_date, 'completedOn', st.completed_on) ORDER BY st.stage)
          FROM roster_evaluation_stages st WHERE st.package_id = ev.package_id AND st.position = ev.position), '[]') AS stages
     FROM roster_entries re JOIN roster_evaluations ev ON ev.package_id = re.package_id AND ev.position = re.position
       JOIN packages p ON p.id = re.package_id JOIN rosters r ON r.package_id = p.id JOIN sources s ON s.id = p.source_id JOIN supervisors sup ON sup.id = s.supervisor_id
     WHERE re.leader_id = $1 AND p.is_current AND ($2::bigint IS NULL OR s.supervisor_id = $2)
     ORDER BY p.school_year_start DESC, s.supervisor_id, r.as_of DESC`, [leaderId, own])).rows;

  const retention = (await db.query<{ yearStart: string; supervisor: SupervisorRef; asOf: string; risk: RiskLevel | null; riskReason: string | null; intent: Intent | null; conversations: number }>(
    `SELECT DISTINCT ON (p.school_year_start, s.supervisor_id) p.school_year_start AS "yearStart", ${SUPERVISOR} AS supervisor, rs.as_of AS "asOf",
       rr.risk, rr.risk_reason AS "riskReason", rr.intent, jsonb_array_length(rr.conversations) AS conversations
     FROM retention_records rr JOIN retention_summaries rs ON rs.package_id = rr.package_id JOIN packages p ON p.id = rr.package_id
       JOIN sources s ON s.id = p.source_id JOIN supervisors sup ON sup.id = s.supervisor_id
     WHERE rr.leader_id = $1 AND p.is_current AND ($2::bigint IS NULL OR s.supervisor_id = $2)
     ORDER BY p.school_year_start DESC, s.supervisor_id, rs.as_of DESC`, [leaderId, own])).rows;

  const starts = new Set<string>([...placements.map((p) => p.yearStart), ...cycles.map((c) => c.yearStart), ...retention.map((r) => r.yearStart)]);
  for (const v of visits) { const y = yearOf(v.date); if (y) starts.add(y.start); }
  for (const l of locked) { const y = years.find((yr) => yr.label === l.label); if (y) starts.add(y.start); }

  const recordYears: LeaderYear[] = years.filter((y) => starts.has(y.start)).map((year) => {
    const mine = visits.filter((v) => yearOf(v.date)?.start === year.start);
    const bySupervisor = new Map<number, { supervisor: SupervisorRef; done: number; lastVisit: string | null }>();
    for (const v of mine) {
      const at = bySupervisor.get(v.supervisor.id) ?? { supervisor: v.supervisor, done: 0, lastVisit: null };
      bySupervisor.set(v.supervisor.id, { ...at, done: at.done + 1, lastVisit: at.lastVisit && at.lastVisit > v.date ? at.lastVisit : v.date });
    }
    const lockedThisYear = locked.filter((l) => l.label === year.label);
    const evaluations: LeaderEvaluation[] = [
      ...lockedThisYear.map((l) => ({ supervisor: l.supervisor, stages: l.stages, lockedAt: l.lockedAt, signedBy: l.signedBy, ratings: l.ratings, pdf: l.pdf ? fileLink(l.packageId, l.pdf) : null })),
      ...cycles.filter((c) => c.yearStart === year.start && !lockedThisYear.some((l) => l.supervisor.id === c.supervisor.id))
        .map((c) => ({ supervisor: c.supervisor, stages: c.stages, lockedAt: c.lockedAt, signedBy: null, ratings: [], pdf: null })),
    ];
    return {
      year,
      placements: placements.filter((p) => p.yearStart === year.start).map(({ yearStart: _y, ...p }) => p),
      visits: [...bySupervisor.values()],
      ctaGoals: goals.filter((g) => g.label === year.label).map(({ label: _l, packageId, pdf, ...g }) => ({ ...g, pdf: pdf ? fileLink(packageId, pdf) : null })),
      evaluations,
      retention: retention.filter((r) => r.yearStart === year.start).map(({ yearStart: _y, ...r }) => r),
    };
  });
  return { leader: { ...leader, role: leader.role as LeaderRole | null }, scope: own === null ? 'all' : 'own', years: recordYears };
}
