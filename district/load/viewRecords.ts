import type { DocumentV1, DocumentV2 } from '../../shared/exportFormat/document';
import type { RosterEvaluationV2, VacancyCountsV2, RetentionNamedPayloadV2 } from '../../shared/exportFormat/payloadsV2';
import { json, type Tx } from '../db/connection';
import { resolveLeaders, resolveSchools } from './identity';

/**
 * The rows the leader tracking view reads that version 2 packages gained for it (migration 4):
 * each roster entry's evaluation cycle of the year, and a retention summary's vacancy counts and
 * named successors. Packages without them (older ones) simply add none.
 */

/** What the view reads beyond a package's own rows, made after them (version 1 packages say nothing of cycles or successors). */
export async function loadViewRecords(tx: Tx, packageId: number, document: DocumentV1 | DocumentV2, at: string): Promise<void> {
  // Any version: a week's visits added up per school, and each leader's visit days (migration 4).
  if (document.kind === 'visit_log') await tx.query('SELECT load_visit_facts($1)', [packageId]);
  if (document.schemaVersion !== 2) return;
  if (document.kind === 'caseload_roster') await loadRosterEvaluations(tx, packageId, (document as DocumentV2<'caseload_roster'>).payload.leaders);
  if (document.kind === 'retention_snapshot') {
    const p = (document as DocumentV2<'retention_snapshot'>).payload;
    await loadVacancy(tx, packageId, p.counts.vacancy, p.consent === 'named' ? p.succession : undefined, at);
  }
}

/** After a roster's entries: each entry's cycle (positions are 1-based, as the entries'). */
async function loadRosterEvaluations(tx: Tx, packageId: number, leaders: { evaluation?: RosterEvaluationV2 | null }[]): Promise<void> {
  const cycles = leaders.flatMap((l, i) => (l.evaluation ? [{ position: i + 1, ...l.evaluation }] : []));
  if (cycles.length === 0) return;
  await tx.query(
    `INSERT INTO roster_evaluations (package_id, position, school_year, framework, signed_at, locked_at)
     SELECT $1, x.position, x.school_year, x.framework, x.signed_at, x.locked_at
     FROM jsonb_to_recordset($2::jsonb) AS x(position int, school_year text, framework text, signed_at timestamptz, locked_at timestamptz)`,
    [packageId, json(cycles.map((c) => ({ position: c.position, school_year: c.schoolYear, framework: c.framework, signed_at: c.signedAt, locked_at: c.lockedAt })))]);
  const stages = cycles.flatMap((c) => c.stages.map((s, i) => ({ position: c.position, stage: i + 1, name: s.name, due_date: s.dueDate, completed_on: s.completedDate })));
  if (stages.length === 0) return;
  await tx.query(
    `INSERT INTO roster_evaluation_stages (package_id, position, stage, name, due_date, completed_on)
     SELECT $1, x.position, x.stage, x.name, x.due_date, x.completed_on
     FROM jsonb_to_recordset($2::jsonb) AS x(position int, stage int, name text, due_date date, completed_on date)`, [packageId, json(stages)]);
}

/** After a retention summary: its vacancy counts (either consent) and, when named, each school's successors. */
async function loadVacancy(tx: Tx, packageId: number, vacancy: VacancyCountsV2 | undefined, succession: RetentionNamedPayloadV2['succession'], at: string): Promise<void> {
  if (vacancy) {
    await tx.query(`INSERT INTO retention_vacancy (package_id, schools, ready_now, ready_soon, developing_only, no_successor) VALUES ($1, $2, $3, $4, $5, $6)`,
      [packageId, vacancy.schools, vacancy.readyNow, vacancy.readySoon, vacancy.developingOnly, vacancy.noSuccessor]);
  }
  const named = (succession ?? []).flatMap((s) => s.candidates.map((c) => ({ school: s.school, candidate: c })));
  if (named.length === 0) return;
  const schoolIds = await resolveSchools(tx, named.map((n) => ({ code: n.school.districtCode || null, name: n.school.name })), at);
  // A successor's own school is not in the summary: they join by email, or by name alone.
  const { ids } = await resolveLeaders(tx, named.map((n) => ({ email: n.candidate.email, name: n.candidate.name, school: null, role: null })), at);
  await tx.query(
    `INSERT INTO retention_successors (package_id, position, school_id, leader_id, readiness)
     SELECT $1, x.position, x.school_id, x.leader_id, x.readiness FROM jsonb_to_recordset($2::jsonb) AS x(position int, school_id bigint, leader_id bigint, readiness text)`,
    [packageId, json(named.map((n, i) => ({ position: i + 1, school_id: schoolIds[i], leader_id: ids[i], readiness: n.candidate.readiness })))]);
}
