import { fileLink } from '../../contract/contract';
import type { EvaluationSupervisorRow, EvaluationsPage, LateStage, LockedWriteUp, RatingElement, SchoolRef, SupervisorRef } from '../../contract/model';
import type { Queryable } from '../../db/connection';
import { tally, tallyAll } from '../access';
import { type Frame, schoolFilterSql } from '../frame';
import { LATEST_ROSTERS } from './capacity';
import { compareNames } from '../../../shared/collation';

/**
 * Evaluations: each cycle's stage (from the newest rosters, which carry every leader's cycle as
 * far as it has gone), stages past their due date, the locked write-ups (from the evaluations
 * themselves, each with its PDF), and how ratings fall per framework element.
 */

export const NOT_STARTED = 'Not started';
export const ALL_STAGES_DONE = 'All stages done';
export const LOCKED = 'Locked';

interface CycleSql {
  supervisorId: number;
  leaderId: number;
  name: string;
  school: SchoolRef | null;
  hasCycle: boolean;
  lockedAt: string | null;
  stages: { name: string; dueDate: string; completedOn: string | null }[] | null;
}

interface LockedSql extends Omit<LockedWriteUp, 'supervisor' | 'pdf'> {
  supervisorId: number;
  packageId: number;
  pdf: string | null;
}

interface RatingSql {
  framework: string;
  element: string;
  title: string;
  rating: number | null;
  label: string | null;
  n: number;
}

export async function evaluationsPage(db: Queryable, { scope, frame, freshness }: Frame): Promise<EvaluationsPage> {
  const cycles = (await db.query<CycleSql>(
    `WITH latest AS (${LATEST_ROSTERS})
     SELECT l.supervisor_id AS "supervisorId", re.leader_id AS "leaderId", ld.name,
       CASE WHEN sc.id IS NULL THEN NULL ELSE jsonb_build_object('id', sc.id, 'name', sc.name, 'code', sc.code) END AS school,
       ev.package_id IS NOT NULL AS "hasCycle", ev.locked_at AS "lockedAt",
       (SELECT jsonb_agg(jsonb_build_object('name', st.name, 'dueDate', st.due_date, 'completedOn', st.completed_on) ORDER BY st.stage)
          FROM roster_evaluation_stages st WHERE st.package_id = re.package_id AND st.position = re.position) AS stages
     FROM latest l JOIN roster_entries re ON re.package_id = l.package_id JOIN leaders ld ON ld.id = re.leader_id
       LEFT JOIN schools sc ON sc.id = re.school_id LEFT JOIN roster_evaluations ev ON ev.package_id = re.package_id AND ev.position = re.position
     WHERE (re.role <> 'aspiring' OR ev.package_id IS NOT NULL) AND ${schoolFilterSql('sc', 3, 4)}
`, [scope.year.start, scope.supervisorId, scope.level, scope.needTier])).rows
    .sort((a, b) => compareNames(a.name, b.name));

  // A roster from before Fieldbook sent evaluation stages has no "evaluation" field at all (null means "no cycle yet").
  const withoutStages = (await db.query<{ supervisorId: number }>(
    `WITH latest AS (${LATEST_ROSTERS})
     SELECT l.supervisor_id AS "supervisorId" FROM latest l JOIN packages p ON p.id = l.package_id
     WHERE p.schema_version < 2 OR NOT coalesce((p.document #> '{payload,leaders,0}') ? 'evaluation', false)`, [scope.year.start, scope.supervisorId])).rows;

  const locked = (await db.query<LockedSql>(
    `SELECT p.id AS "packageId", s.supervisor_id AS "supervisorId", e.leader_id AS "leaderId", ld.name,
       CASE WHEN sc.id IS NULL THEN NULL ELSE jsonb_build_object('id', sc.id, 'name', sc.name, 'code', sc.code) END AS school,
       e.locked_at AS "lockedAt", e.signed_by AS "signedBy", p.revision AS lock,
       (SELECT f.name FROM package_files f WHERE f.package_id = p.id AND f.role = 'attachment' AND f.media_type = 'application/pdf' ORDER BY f.name LIMIT 1) AS pdf
     FROM evaluations e JOIN packages p ON p.id = e.package_id JOIN sources s ON s.id = p.source_id JOIN leaders ld ON ld.id = e.leader_id
       LEFT JOIN schools sc ON sc.id = e.school_id
     WHERE e.school_year = $1 AND p.is_current AND ($2::bigint IS NULL OR s.supervisor_id = $2) AND ${schoolFilterSql('sc', 3, 4)}
`, [scope.year.label, scope.supervisorId, scope.level, scope.needTier])).rows
    .sort((a, b) => compareNames(a.name, b.name));

  const ratings = (await db.query<RatingSql>(
    `SELECT e.framework_name AS framework, r.element, min(r.title) AS title, r.rating, min(r.label) AS label, count(*) AS n
     FROM evaluations e JOIN packages p ON p.id = e.package_id JOIN sources s ON s.id = p.source_id JOIN evaluation_ratings r ON r.package_id = e.package_id
       LEFT JOIN schools sc ON sc.id = e.school_id
     WHERE e.school_year = $1 AND p.is_current AND ($2::bigint IS NULL OR s.supervisor_id = $2) AND ${schoolFilterSql('sc', 3, 4)}
     GROUP BY e.framework_name, r.element, r.rating ORDER BY e.framework_name, r.element, r.rating`, [scope.year.label, scope.supervisorId, scope.level, scope.needTier])).rows;

  const names = new Map(frame.supervisors.map((s) => [s.id, s.name]));
  const supervisor = (id: number): SupervisorRef => ({ id, name: names.get(id) ?? `Supervisor ${id}` });
  const lockedLeaders = new Set(locked.map((l) => `${l.supervisorId}:${l.leaderId}`));

  // Where each cycle stands, and which of its stages are past due.
  const stageOrder = new Map<string, number>();
  const late: LateStage[] = [];
  const standing = cycles.map((c) => {
    const stages = c.stages ?? [];
    stages.forEach((s, i) => stageOrder.set(s.name, Math.min(stageOrder.get(s.name) ?? i, i)));
    const isLocked = c.lockedAt !== null || lockedLeaders.has(`${c.supervisorId}:${c.leaderId}`);
    const overdue = isLocked ? [] : stages.filter((s) => !s.completedOn && s.dueDate < scope.asOf);
    for (const s of overdue) {
      late.push({ leaderId: c.leaderId, name: c.name, school: c.school, supervisor: supervisor(c.supervisorId), stage: s.name, dueDate: s.dueDate, daysLate: days(s.dueDate, scope.asOf) });
    }
    const at = isLocked ? LOCKED : !c.hasCycle ? NOT_STARTED : (stages.find((s) => !s.completedOn)?.name ?? ALL_STAGES_DONE);
    return { supervisorId: c.supervisorId, at, late: overdue.length > 0 };
  });
  const stageNames = [...stageOrder].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([n]) => n);

  const bySupervisor: EvaluationSupervisorRow[] = [...new Set(standing.map((s) => s.supervisorId))].map((id) => {
    const mine = standing.filter((s) => s.supervisorId === id);
    const counts: Record<string, number> = Object.fromEntries([NOT_STARTED, ...stageNames, ALL_STAGES_DONE, LOCKED].map((k) => [k, mine.filter((s) => s.at === k).length]));
    const shown = tallyAll(counts, scope.named);
    return {
      supervisor: supervisor(id),
      leaders: tally(mine.length, scope.named),
      notStarted: shown[NOT_STARTED],
      byStage: stageNames.map((stage) => ({ stage, count: shown[stage] })),
      allStagesDone: shown[ALL_STAGES_DONE],
      locked: shown[LOCKED],
      late: tally(mine.filter((s) => s.late).length, scope.named),
    };
  }).sort((a, b) => compareNames(a.supervisor.name, b.supervisor.name));

  const frameworks = new Map<string, Map<string, RatingSql[]>>();
  for (const r of ratings) {
    const elements = frameworks.get(r.framework) ?? new Map<string, RatingSql[]>();
    elements.set(r.element, [...(elements.get(r.element) ?? []), r]);
    frameworks.set(r.framework, elements);
  }
  const evaluationsPerFramework = new Map<string, number>();
  for (const [framework, elements] of frameworks) evaluationsPerFramework.set(framework, Math.max(...[...elements.values()].map((rs) => rs.reduce((n, r) => n + r.n, 0))));

  return {
    ...frame,
    stagesFreshness: freshness('caseload rosters (each leader’s cycle as far as it has gone)', ['caseload_roster']),
    lockedFreshness: freshness('locked evaluations', ['evaluation']),
    stageNames,
    rostersWithoutStages: withoutStages.map((w) => supervisor(w.supervisorId)),
    bySupervisor,
    lateCount: tally(new Set(late.map((l) => `${l.supervisor.id}:${l.leaderId}`)).size, scope.named),
    late: scope.named ? late.sort((a, b) => b.daysLate - a.daysLate || compareNames(a.name, b.name)) : null,
    lockedCount: tally(locked.length, scope.named),
    locked: scope.named ? locked.map(({ supervisorId, packageId, pdf, ...l }) => ({ ...l, supervisor: supervisor(supervisorId), pdf: pdf ? fileLink(packageId, pdf) : null })) : null,
    ratings: [...frameworks].map(([framework, elements]) => ({
      framework,
      evaluations: tally(evaluationsPerFramework.get(framework) ?? 0, scope.named),
      elements: [...elements].map(([element, rows]): RatingElement => {
        const rated = rows.filter((r) => r.rating !== null);
        const cells = Object.fromEntries([...rated.map((r) => [String(r.rating), r.n]), ['notRated', rows.find((r) => r.rating === null)?.n ?? 0]]) as Record<string, number>;
        const shown = tallyAll(cells, scope.named);
        return {
          element, title: rows[0].title,
          counts: rated.map((r) => ({ rating: r.rating!, label: r.label ?? String(r.rating), count: shown[String(r.rating)] })),
          notRated: shown.notRated,
          rated: tally(rated.reduce((n, r) => n + r.n, 0), scope.named),
        };
      }),
    })),
  };
}

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
