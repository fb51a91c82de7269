import { type GoalStatus, quarterRange, QUARTERS } from '../../../shared/cta/vocabulary';
import type { NeedTier, SchoolLevel } from '../../../shared/vocabulary';
import { fileLink } from '../../contract/contract';
import type { CheckinCell, CtaPage, CtaSchoolRow, GoalCounts, OffTrackGoal, QuarterSummary, SupervisorRef } from '../../contract/model';
import type { Queryable } from '../../db/connection';
import { share } from '../access';
import { type Frame, schoolFilterSql } from '../frame';
import { LATEST_ROSTERS } from './capacity';
import { compareNames } from '../../../shared/collation';

/**
 * CTA: every school's goals with their status at each quarter's check-in, check-ins held on time
 * (by the quarter's last day) of the schools expected to hold one, and goals off track at two
 * check-ins running. An analyst gets the quarter figures only: no school is listed.
 */

interface GoalSql {
  packageId: number;
  supervisorId: number;
  schoolId: number;
  school: string;
  code: string | null;
  level: SchoolLevel | null;
  needTier: NeedTier | null;
  quarter: 1 | 2 | 3 | 4;
  heldOn: string;
  pdf: string | null;
  title: string | null;
  focusArea: string | null;
  status: GoalStatus | null;
}

const noGoals = (): GoalCounts => ({ on_track: 0, at_risk: 0, off_track: 0, none: 0 });
const titleKey = (t: string) => t.trim().replace(/\s+/g, ' ').toLowerCase();

export async function ctaPage(db: Queryable, { scope, frame, freshness }: Frame): Promise<CtaPage> {
  const params = [scope.year.start, scope.supervisorId, scope.level, scope.needTier];
  // Each school's newest check-in per quarter, with its goals (a check-in with none still gives one row).
  const rows = (await db.query<GoalSql>(
    `WITH held AS (
       SELECT DISTINCT ON (c.school_id, c.quarter) c.package_id, s.supervisor_id, c.school_id, c.quarter, c.held_on
       FROM cta_checkins c JOIN packages p ON p.id = c.package_id JOIN sources s ON s.id = p.source_id JOIN schools sc ON sc.id = c.school_id
       WHERE c.school_year = $1 AND p.is_current AND ($2::bigint IS NULL OR s.supervisor_id = $2) AND ${schoolFilterSql('sc', 3, 4)}
       ORDER BY c.school_id, c.quarter, c.held_on DESC, p.created_at DESC)
     SELECT h.package_id AS "packageId", h.supervisor_id AS "supervisorId", h.school_id AS "schoolId", sc.name AS school, sc.code,
       sc.level, sc.need_tier AS "needTier", h.quarter, h.held_on AS "heldOn",
       (SELECT f.name FROM package_files f WHERE f.package_id = h.package_id AND f.role = 'attachment' AND f.media_type = 'application/pdf' ORDER BY f.name LIMIT 1) AS pdf,
       g.title, g.focus_area AS "focusArea", g.status
     FROM held h JOIN schools sc ON sc.id = h.school_id LEFT JOIN cta_goal_statuses g ON g.package_id = h.package_id
     ORDER BY h.school_id, h.quarter, g.position`, [scope.year.label, ...params.slice(1)])).rows;

  // Schools expected to hold check-ins: those of the principals on the newest rosters, and any that held one.
  const expected = (await db.query<{ schoolId: number; supervisorId: number; name: string; code: string | null; level: SchoolLevel | null; needTier: NeedTier | null }>(
    `WITH latest AS (${LATEST_ROSTERS})
     SELECT DISTINCT ON (re.school_id) re.school_id AS "schoolId", l.supervisor_id AS "supervisorId", sc.name, sc.code, sc.level, sc.need_tier AS "needTier"
     FROM latest l JOIN roster_entries re ON re.package_id = l.package_id JOIN schools sc ON sc.id = re.school_id
     WHERE re.role = 'principal' AND ${schoolFilterSql('sc', 3, 4)}
     ORDER BY re.school_id, l.as_of DESC`, params)).rows;

  const names = new Map(frame.supervisors.map((s) => [s.id, s.name]));
  const supervisor = (id: number): SupervisorRef => ({ id, name: names.get(id) ?? `Supervisor ${id}` });
  const schools = new Map<number, CtaSchoolRow & { goalIndex: Map<string, number> }>();
  const ranges = QUARTERS.map((q) => quarterRange(scope.year.start, q));
  for (const r of rows) {
    let row = schools.get(r.schoolId);
    if (!row) {
      row = { school: { id: r.schoolId, name: r.school, code: r.code, level: r.level, needTier: r.needTier }, supervisor: supervisor(r.supervisorId), quarters: [null, null, null, null], goals: [], goalIndex: new Map() };
      schools.set(r.schoolId, row);
    }
    const qi = r.quarter - 1;
    let cell = row.quarters[qi];
    if (!cell) {
      cell = { packageId: r.packageId, heldOn: r.heldOn, onTime: r.heldOn <= ranges[qi].end, pdf: r.pdf ? fileLink(r.packageId, r.pdf) : null, goals: noGoals() };
      row.quarters[qi] = cell;
      // The school's supervisor is the one who held its latest check-in.
      row.supervisor = supervisor(r.supervisorId);
    }
    if (r.title === null) continue;
    cell.goals[r.status ?? 'none']++;
    const key = titleKey(r.title);
    let gi = row.goalIndex.get(key);
    if (gi === undefined) {
      gi = row.goals.push({ title: r.title, focusArea: r.focusArea, statuses: [null, null, null, null] }) - 1;
      row.goalIndex.set(key, gi);
    }
    row.goals[gi].statuses[qi] = r.status ?? 'none';
  }

  const expectedIds = new Set([...expected.map((e) => e.schoolId), ...schools.keys()]);
  for (const e of expected) {
    if (!schools.has(e.schoolId)) {
      schools.set(e.schoolId, {
        school: { id: e.schoolId, name: e.name, code: e.code, level: e.level, needTier: e.needTier }, supervisor: supervisor(e.supervisorId),
        quarters: [null, null, null, null], goals: [], goalIndex: new Map(),
      });
    }
  }
  const quarters: QuarterSummary[] = QUARTERS.map((q, qi) => {
    const cells = [...schools.values()].map((s) => s.quarters[qi]).filter((c): c is CheckinCell => c !== null);
    const onTime = cells.filter((c) => c.onTime).length;
    const over = scope.asOf > ranges[qi].end;
    const goals = noGoals();
    for (const c of cells) for (const k of Object.keys(goals) as (keyof GoalCounts)[]) goals[k] += c.goals[k];
    return {
      quarter: q, start: ranges[qi].start, end: ranges[qi].end, over, expected: expectedIds.size, onTime, late: cells.length - onTime,
      notHeld: over ? expectedIds.size - cells.length : 0, onTimeShare: over ? share(onTime, expectedIds.size) : null, goals,
    };
  });

  const byName = [...schools.values()].sort((a, b) => compareNames(a.school.name, b.school.name));
  const offTrackTwice: OffTrackGoal[] = [];
  for (const s of byName) {
    for (const g of s.goals) {
      const qs = QUARTERS.filter((_q, i) => i > 0 && g.statuses[i] === 'off_track' && g.statuses[i - 1] === 'off_track');
      if (qs.length) offTrackTwice.push({ school: { id: s.school.id, name: s.school.name, code: s.school.code }, supervisor: s.supervisor, title: g.title, quarters: qs.flatMap((q) => [q - 1, q]).filter((q, i, a) => a.indexOf(q) === i) });
    }
  }

  return {
    ...frame,
    freshness: freshness('finalised CTA check-ins', ['cta_checkin']),
    quarters,
    offTrackTwiceCount: offTrackTwice.length,
    offTrackTwice: scope.named ? offTrackTwice : null,
    schools: scope.named ? byName.map(({ goalIndex: _index, ...row }) => row) : null,
  };
}
