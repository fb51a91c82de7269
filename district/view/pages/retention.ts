import type { Intent, RiskLevel } from '../../../shared/retention/vocabulary';
import type { LeaderRole } from '../../../shared/vocabulary';
import type { NamedRetention, RetentionPage, SchoolRef, Successor, SupervisorRef, VacancyRow } from '../../contract/model';
import type { Queryable } from '../../db/connection';
import { tally, tallyAll } from '../access';
import { type Frame, schoolFilterSql } from '../frame';
import { compareNames } from '../../../shared/collation';

/**
 * Retention and succession, from each supervisor's newest retention summary of the year, exactly
 * as their consent cut it: counts by risk and intent for everyone; the named records and the
 * vacancy outlook (schools whose principal is judged high risk or leaving, beside the readiness of
 * their named successors) only from supervisors who consented to named records, and only for a
 * chief or the supervisor themselves.
 */

const LATEST_SUMMARIES = `
  SELECT DISTINCT ON (s.supervisor_id) s.supervisor_id, p.id AS package_id
  FROM packages p JOIN sources s ON s.id = p.source_id JOIN retention_summaries rs ON rs.package_id = p.id
  WHERE p.is_current AND p.kind = 'retention_snapshot' AND p.school_year_start = $1 AND ($2::bigint IS NULL OR s.supervisor_id = $2)
  ORDER BY s.supervisor_id, rs.as_of DESC, p.created_at DESC`;

type RiskKey = RiskLevel | 'notJudged';
type IntentKey = Intent | 'notAsked';
const RISK_KEYS: RiskKey[] = ['low', 'medium', 'high', 'notJudged'];
const INTENT_KEYS: IntentKey[] = ['likely', 'unsure', 'unlikely', 'leaving', 'notAsked'];

interface SummarySql {
  supervisorId: number;
  consent: 'counts' | 'named';
  asOf: string;
  leaders: number;
  byRisk: Record<RiskKey, number>;
  byIntent: Record<IntentKey, number>;
  vacancy: { schools: number; readyNow: number; readySoon: number; developingOnly: number; noSuccessor: number } | null;
}

interface RecordSql {
  packageId: number;
  supervisorId: number;
  leaderId: number;
  name: string;
  role: LeaderRole;
  school: SchoolRef | null;
  asOf: string;
  risk: RiskLevel | null;
  riskReason: string | null;
  riskDate: string | null;
  intent: Intent | null;
  conversations: { date: string; followUpDate?: string | null; followUpDoneDate?: string | null }[];
}

export async function retentionPage(db: Queryable, { scope, frame, freshness }: Frame): Promise<RetentionPage> {
  const summaries = (await db.query<SummarySql>(
    `WITH latest AS (${LATEST_SUMMARIES})
     SELECT l.supervisor_id AS "supervisorId", rs.consent, rs.as_of AS "asOf", rs.leaders, rs.by_risk AS "byRisk", rs.by_intent AS "byIntent",
       CASE WHEN v.package_id IS NULL THEN NULL ELSE jsonb_build_object('schools', v.schools, 'readyNow', v.ready_now, 'readySoon', v.ready_soon,
         'developingOnly', v.developing_only, 'noSuccessor', v.no_successor) END AS vacancy
     FROM latest l JOIN retention_summaries rs ON rs.package_id = l.package_id LEFT JOIN retention_vacancy v ON v.package_id = l.package_id`,
    [scope.year.start, scope.supervisorId])).rows;

  const names = new Map(frame.supervisors.map((s) => [s.id, s.name]));
  const supervisor = (id: number): SupervisorRef => ({ id, name: names.get(id) ?? `Supervisor ${id}` });
  const sum = <K extends string>(keys: K[], of: (s: SummarySql) => Record<K, number>) =>
    Object.fromEntries(keys.map((k) => [k, summaries.reduce((n, s) => n + (of(s)[k] ?? 0), 0)])) as Record<K, number>;
  const vacancyOf = (k: keyof NonNullable<SummarySql['vacancy']>) => summaries.reduce((n, s) => n + (s.vacancy?.[k] ?? 0), 0);

  let records: RecordSql[] = [];
  let successors: { packageId: number; schoolId: number; leaderId: number; name: string; readiness: Successor['readiness'] }[] = [];
  // An analyst's answer is built without ever reading a name.
  if (scope.named) {
    records = (await db.query<RecordSql>(
      `WITH latest AS (${LATEST_SUMMARIES})
       SELECT l.package_id AS "packageId", l.supervisor_id AS "supervisorId", rr.leader_id AS "leaderId", ld.name, rr.role,
         CASE WHEN sc.id IS NULL THEN NULL ELSE jsonb_build_object('id', sc.id, 'name', sc.name, 'code', sc.code) END AS school,
         rs.as_of AS "asOf", rr.risk, rr.risk_reason AS "riskReason", rr.risk_date AS "riskDate", rr.intent, rr.conversations
       FROM latest l JOIN retention_summaries rs ON rs.package_id = l.package_id AND rs.consent = 'named'
         JOIN retention_records rr ON rr.package_id = l.package_id JOIN leaders ld ON ld.id = rr.leader_id LEFT JOIN schools sc ON sc.id = rr.school_id
       WHERE ${schoolFilterSql('sc', 3, 4)}`, [scope.year.start, scope.supervisorId, scope.level, scope.needTier])).rows
      .sort((a, b) => compareNames(a.name, b.name));
    successors = (await db.query<(typeof successors)[number]>(
      `WITH latest AS (${LATEST_SUMMARIES})
       SELECT su.package_id AS "packageId", su.school_id AS "schoolId", su.leader_id AS "leaderId", ld.name, su.readiness
       FROM latest l JOIN retention_successors su ON su.package_id = l.package_id JOIN leaders ld ON ld.id = su.leader_id
       ORDER BY su.position`, [scope.year.start, scope.supervisorId])).rows;
  }

  const named: NamedRetention[] = records.map(({ packageId: _p, supervisorId, conversations, ...r }) => {
    const dates = conversations.map((c) => c.date).sort();
    const due = conversations.filter((c) => c.followUpDate && !c.followUpDoneDate).map((c) => c.followUpDate!).sort();
    return { ...r, supervisor: supervisor(supervisorId), lastConversation: dates.at(-1) ?? null, followUpDue: due[0] ?? null };
  });
  const vacancy: VacancyRow[] = records
    .filter((r) => r.role === 'principal' && r.school && (r.risk === 'high' || r.intent === 'leaving'))
    .map((r) => ({
      school: r.school!, principal: { leaderId: r.leaderId, name: r.name }, supervisor: supervisor(r.supervisorId), risk: r.risk, intent: r.intent,
      successors: successors.filter((s) => s.packageId === r.packageId && s.schoolId === r.school!.id).map((s) => ({ leaderId: s.leaderId, name: s.name, readiness: s.readiness })),
    }));

  const byRisk = sum(RISK_KEYS, (s) => s.byRisk);
  const byIntent = sum(INTENT_KEYS, (s) => s.byIntent);
  const leaders = summaries.reduce((n, s) => n + s.leaders, 0);
  return {
    ...frame,
    freshness: freshness('retention summaries (as each supervisor’s consent allows)', ['retention_snapshot']),
    district: {
      leaders: tally(leaders, scope.named), byRisk: tallyAll(byRisk, scope.named), byIntent: tallyAll(byIntent, scope.named),
      named: summaries.filter((s) => s.consent === 'named').length, countsOnly: summaries.filter((s) => s.consent === 'counts').length,
    },
    bySupervisor: summaries.map((s) => ({
      supervisor: supervisor(s.supervisorId), consent: s.consent, asOf: s.asOf, leaders: tally(s.leaders, scope.named),
      byRisk: tallyAll(pick(RISK_KEYS, s.byRisk), scope.named), byIntent: tallyAll(pick(INTENT_KEYS, s.byIntent), scope.named),
    })).sort((a, b) => compareNames(a.supervisor.name, b.supervisor.name)),
    records: scope.named ? named : null,
    vacancyCounts: {
      ...tallyAll({ readyNow: vacancyOf('readyNow'), readySoon: vacancyOf('readySoon'), developingOnly: vacancyOf('developingOnly'), noSuccessor: vacancyOf('noSuccessor') }, scope.named),
      schools: tally(vacancyOf('schools'), scope.named),
      withCounts: summaries.filter((s) => s.vacancy).length,
    },
    vacancy: scope.named ? vacancy : null,
  };
}

const pick = <K extends string>(keys: K[], from: Record<K, number>) => Object.fromEntries(keys.map((k) => [k, from[k] ?? 0])) as Record<K, number>;
