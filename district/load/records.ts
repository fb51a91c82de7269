import type { ExportKind } from '../../shared/exportFormat/common';
import type { DocumentV1, DocumentV2 } from '../../shared/exportFormat/document';
import type { Tx } from '../db/connection';
import { json } from '../db/connection';
import { type LeaderRef, resolveLeaders, resolveSchools, type SchoolRef } from './identity';
import { loadViewRecords } from './viewRecords';

/**
 * The rows each kind of package becomes, from either schema version. Version 1 payloads lack
 * leader emails (evaluations, visit logs) and sometimes school codes: the identity step then joins
 * by name, and the notes say so for the load line.
 */

type AnyDocument<K extends ExportKind> = DocumentV1<K> | DocumentV2<K>;
interface LoadContext {
  tx: Tx;
  packageId: number;
  /** When the package was made: newer names win. */
  at: string;
  notes: string[];
}

const rows = (values: object[]) => json(values);
const school = (s: { name: string; districtCode?: string | null } | null | undefined, extra: Partial<SchoolRef> = {}): SchoolRef | null =>
  s ? { code: s.districtCode || null, name: s.name, ...extra } : null;

function noteWithoutEmail(ctx: LoadContext, count: number): void {
  if (count > 0) ctx.notes.push(`${count} ${count === 1 ? 'leader' : 'leaders'} without an email joined by name and school`);
}

async function loadRoster(ctx: LoadContext, doc: AnyDocument<'caseload_roster'>): Promise<void> {
  const p = doc.payload;
  const refs: LeaderRef[] = p.leaders.map((l) => ({ email: l.email, name: l.name, role: l.role, school: school(l.school, { level: l.school?.level, needTier: l.school?.needTier }) }));
  const { ids, schoolIds, withoutEmail } = await resolveLeaders(ctx.tx, refs, ctx.at);
  noteWithoutEmail(ctx, withoutEmail);
  await ctx.tx.query(
    `WITH r AS (INSERT INTO rosters (package_id, as_of, principals, assistant_principals, aspiring, target_ratio, over_target) VALUES ($1, $3, $4, $5, $6, $7, $8))
     INSERT INTO roster_entries (package_id, position, leader_id, school_id, role, role_start_date, support_tier, cadence_days, on_caseload_since)
     SELECT $1, x.position, x.leader_id, x.school_id, x.role, x.role_start_date, x.support_tier, x.cadence_days, x.on_caseload_since
     FROM jsonb_to_recordset($2::jsonb) AS x(position int, leader_id bigint, school_id bigint, role text, role_start_date date, support_tier text, cadence_days int, on_caseload_since date)`,
    [ctx.packageId, rows(p.leaders.map((l, i) => ({
      position: i + 1, leader_id: ids[i], school_id: schoolIds[i], role: l.role, role_start_date: l.roleStartDate, support_tier: l.supportTier, cadence_days: l.cadenceDays, on_caseload_since: l.onCaseloadSince,
    }))), p.date, p.ratio.principals, p.ratio.assistantPrincipals, p.ratio.aspiring, p.ratio.target, p.ratio.overTarget]);
}

async function loadVisitLog(ctx: LoadContext, doc: AnyDocument<'visit_log'>): Promise<void> {
  const p = doc.payload;
  const schoolRefs = p.visits.map((v) => school(v.school as { name: string; districtCode?: string | null }));
  const schoolIds = await resolveSchools(ctx.tx, schoolRefs, ctx.at);
  const present = p.visits.flatMap((v, i) => v.leaders.map((l) => ({ position: i + 1, schoolId: schoolIds[i], ref: { email: (l as { email?: string | null }).email ?? null, name: l.name, school: schoolRefs[i] } })));
  const { ids, withoutEmail } = await resolveLeaders(ctx.tx, present.map((x) => x.ref), ctx.at, present.map((x) => x.schoolId));
  noteWithoutEmail(ctx, withoutEmail);
  await ctx.tx.query(
    `WITH log AS (INSERT INTO visit_logs (package_id, week_start, week_end, done, cancelled, no_show, hours_done) VALUES ($1, $4, $5, $6, $7, $8, $9)),
     v AS (INSERT INTO visits (package_id, position, local_id, date, start_time, end_time, type, status, status_reason, school_id, purpose, focus)
       SELECT $1, x.position, x.local_id, x.date, x.start_time, x.end_time, x.type, x.status, x.status_reason, x.school_id, x.purpose, x.focus
       FROM jsonb_to_recordset($2::jsonb) AS x(position int, local_id int, date date, start_time text, end_time text, type text, status text, status_reason text, school_id bigint, purpose text, focus text))
     INSERT INTO visit_leaders (package_id, position, leader_id)
       SELECT DISTINCT $1, x.position, x.leader_id FROM jsonb_to_recordset($3::jsonb) AS x(position int, leader_id bigint)`,
    [ctx.packageId, rows(p.visits.map((v, i) => ({
      position: i + 1, local_id: v.id, date: v.date, start_time: v.startTime, end_time: v.endTime, type: v.type, status: v.status, status_reason: v.statusReason,
      school_id: schoolIds[i], purpose: v.purpose, focus: v.focus,
    }))), rows(present.map((x, i) => ({ position: x.position, leader_id: ids[i] }))),
    p.weekStart, p.weekEnd, p.totals.done, p.totals.cancelled, p.totals.noShow, p.totals.hoursDone]);
}

async function loadCheckIn(ctx: LoadContext, doc: AnyDocument<'cta_checkin'>): Promise<void> {
  const p = doc.payload;
  const [schoolId] = await resolveSchools(ctx.tx, [school(p.school)], ctx.at);
  await ctx.tx.query(
    `WITH c AS (INSERT INTO cta_checkins (package_id, checkin_uid, school_id, school_year, quarter, held_on, finalised_at) VALUES ($1, $3, $4, $5, $6, $7, $8))
     INSERT INTO cta_goal_statuses (package_id, position, local_goal_id, title, focus_area, measure, baseline, benchmark, target, value, value_date, status)
     SELECT $1, x.position, x.local_goal_id, x.title, x.focus_area, x.measure, x.baseline, x.benchmark, x.target, x.value, x.value_date, x.status
     FROM jsonb_to_recordset($2::jsonb) AS x(position int, local_goal_id int, title text, focus_area text, measure text, baseline text, benchmark text, target text, value text, value_date date, status text)`,
    [ctx.packageId, rows(p.goals.map((g, i) => ({
      position: i + 1, local_goal_id: (g as { id?: number }).id ?? null, title: g.title, focus_area: g.focusArea ?? null, measure: g.measure ?? null, baseline: g.baseline ?? null,
      benchmark: g.benchmark ?? null, target: g.target ?? null, value: g.value ?? null, value_date: g.valueDate ?? null, status: g.status,
    }))), p.checkinUid, schoolId, p.schoolYear, p.quarter, p.date, p.finalisedAt]);
}

async function loadEvaluation(ctx: LoadContext, doc: AnyDocument<'evaluation'>): Promise<void> {
  const e = doc.schemaVersion === 2 ? (() => {
    const p = (doc as DocumentV2<'evaluation'>).payload;
    return {
      leader: { email: p.leader.email, name: p.leader.name, role: 'principal', school: school(p.school) },
      framework: { id: p.framework.id as string | null, name: p.framework.name }, scale: p.scale as string[] | null, stages: p.stages,
      signedBy: p.signedBy as string | null, signedAt: p.signedAt as string | null, acknowledgedBy: p.acknowledgedBy as string | null, acknowledgedOn: p.acknowledgedOn as string | null,
      yearStart: p.yearStart as string | null, yearEnd: p.yearEnd as string | null, ratings: p.ratings, schoolYear: p.schoolYear, lockedAt: p.lockedAt,
    };
  })() : (() => {
    const p = (doc as DocumentV1<'evaluation'>).payload;
    return {
      leader: { email: null, name: p.leader, role: 'principal', school: p.school ? { code: null, name: p.school } : null },
      framework: { id: null, name: p.framework }, scale: null, stages: [] as { name: string; dueDate: string; completedDate: string | null }[],
      signedBy: p.signedBy ?? null, signedAt: null, acknowledgedBy: p.acknowledgedBy ?? null, acknowledgedOn: null,
      yearStart: null, yearEnd: null, ratings: p.ratings, schoolYear: p.schoolYear, lockedAt: p.lockedAt,
    };
  })();
  const { ids: [leaderId], schoolIds: [schoolId], withoutEmail } = await resolveLeaders(ctx.tx, [e.leader], ctx.at);
  noteWithoutEmail(ctx, withoutEmail);
  await ctx.tx.query(
    `WITH e AS (INSERT INTO evaluations (package_id, leader_id, school_id, school_year, year_start, year_end, framework_id, framework_name, scale, signed_by, signed_at,
       acknowledged_by, acknowledged_on, locked_at) VALUES ($1, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15, $16)),
     st AS (INSERT INTO evaluation_stages (package_id, position, name, due_date, completed_on) SELECT $1, x.position, x.name, x.due_date, x.completed_on
       FROM jsonb_to_recordset($2::jsonb) AS x(position int, name text, due_date date, completed_on date))
     INSERT INTO evaluation_ratings (package_id, position, element, title, rating, label) SELECT $1, x.position, x.element, x.title, x.rating, x.label
     FROM jsonb_to_recordset($3::jsonb) AS x(position int, element text, title text, rating smallint, label text)`,
    [ctx.packageId, rows(e.stages.map((s, i) => ({ position: i + 1, name: s.name, due_date: s.dueDate, completed_on: s.completedDate }))),
      rows(e.ratings.map((r, i) => ({ position: i + 1, element: r.element, title: r.title, rating: r.rating, label: r.label }))),
      leaderId, schoolId, e.schoolYear, e.yearStart, e.yearEnd, e.framework.id, e.framework.name, e.scale ? json(e.scale) : null, e.signedBy, e.signedAt,
      e.acknowledgedBy, e.acknowledgedOn, e.lockedAt]);
}

async function loadRetention(ctx: LoadContext, doc: AnyDocument<'retention_snapshot'>): Promise<void> {
  const p = doc.payload;
  const summary = [p.date, p.schoolYear, p.consent, p.counts.leaders, json(p.counts.byRisk), json(p.counts.byIntent)];
  // Counts only: the summary is all there is, exactly as the supervisor's consent cut it.
  if (p.consent !== 'named') {
    await ctx.tx.query(`INSERT INTO retention_summaries (package_id, as_of, school_year, consent, leaders, by_risk, by_intent) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`, [ctx.packageId, ...summary]);
    return;
  }
  const refs: LeaderRef[] = p.leaders.map((l) => ({ email: l.email, name: l.name, role: l.role, school: school(l.school) }));
  const { ids, schoolIds, withoutEmail } = await resolveLeaders(ctx.tx, refs, ctx.at);
  noteWithoutEmail(ctx, withoutEmail);
  await ctx.tx.query(
    `WITH s AS (INSERT INTO retention_summaries (package_id, as_of, school_year, consent, leaders, by_risk, by_intent) VALUES ($1, $3, $4, $5, $6, $7::jsonb, $8::jsonb))
     INSERT INTO retention_records (package_id, position, leader_id, school_id, role, risk, risk_reason, risk_date, intent, conversations)
     SELECT $1, x.position, x.leader_id, x.school_id, x.role, x.risk, x.risk_reason, x.risk_date, x.intent, x.conversations
     FROM jsonb_to_recordset($2::jsonb) AS x(position int, leader_id bigint, school_id bigint, role text, risk text, risk_reason text, risk_date date, intent text, conversations jsonb)`,
    [ctx.packageId, rows(p.leaders.map((l, i) => ({
      position: i + 1, leader_id: ids[i], school_id: schoolIds[i], role: l.role, risk: l.risk?.level ?? null, risk_reason: l.risk?.reason ?? null, risk_date: l.risk?.date ?? null,
      intent: l.intent, conversations: l.conversations,
    }))), ...summary]);
}

/** Write the rows of one package (not addenda: load.ts holds and applies those). */
export async function loadRecords(ctx: LoadContext, kind: ExportKind, document: DocumentV1 | DocumentV2): Promise<void> {
  if (kind === 'caseload_roster') await loadRoster(ctx, document as AnyDocument<'caseload_roster'>);
  if (kind === 'visit_log') await loadVisitLog(ctx, document as AnyDocument<'visit_log'>);
  if (kind === 'cta_checkin') await loadCheckIn(ctx, document as AnyDocument<'cta_checkin'>);
  if (kind === 'evaluation') await loadEvaluation(ctx, document as AnyDocument<'evaluation'>);
  if (kind === 'retention_snapshot') await loadRetention(ctx, document as AnyDocument<'retention_snapshot'>);
  await loadViewRecords(ctx.tx, ctx.packageId, document, ctx.at);
}
