import { toCsv } from '../../shared/csv';
import { GOAL_STATUS_LABELS } from '../../shared/cta/vocabulary';
import { INTENT_LABELS, READINESS_LABELS, RISK_LEVEL_LABELS } from '../../shared/retention/vocabulary';
import { AppError, type Result } from '../../shared/result';
import { LEADER_ROLE_LABELS, SUPPORT_TIER_LABELS } from '../../shared/vocabulary';
import { CSV_PREFIX, CSV_TABLES, type CsvTable, isCsvTable, leaderInput, pageFilter, type PageCallName } from '../contract/contract';
import type { CapacityPage, CtaPage, EvaluationsPage, LeaderRecord, RetentionPage, Share, TimePage } from '../contract/model';
import type { Viewer } from './accounts';
import { requireNames } from './access';
import { runPage, type ViewContext } from './dispatch';

/**
 * Every table of every page as CSV: built from the very answer the page gets (so a download can
 * never show more than the page), written with the app's CSV rules (shared/csv.ts: RFC 4180,
 * a BOM, and every cell that a spreadsheet would run as a formula neutralised).
 */

export interface Download {
  body: string | Buffer;
  type: string;
  filename: string;
  inline?: boolean;
}

type Cell = string | number | null | undefined;
type Rows = Cell[][];

export const percent = (s: Share | null): string => (s === null ? '' : 'value' in s ? `${Math.round(s.value * 100)}%` : `too few (${s.tooFew})`);
const statusLabel = (s: string | null) => (s === null ? '' : s === 'none' ? 'no status' : GOAL_STATUS_LABELS[s as keyof typeof GOAL_STATUS_LABELS] ?? s);

const TABLES: { [T in CsvTable]: (answer: never) => Rows } = {
  caseloads: (p: CapacityPage) => [
    ['supervisor', 'roster_as_of', 'principals', 'assistant_principals', 'aspiring_leaders', 'target_ratio', 'principals_over_target'],
    ...p.caseloads.map((c) => [c.supervisor.name, c.asOf, c.principals, c.assistantPrincipals, c.aspiring, c.target, c.overTarget]),
  ],
  unsupervised: (p: CapacityPage) => [
    ['leader', 'school', 'school_code', 'last_on_a_roster', 'last_supervisor'],
    ...p.unsupervised!.map((u) => [u.name, u.school?.name, u.school?.code, u.lastSeen, u.lastSupervisor.name]),
  ],
  'time-by-supervisor': (p: TimePage) => [
    ['supervisor', 'weeks_logged', 'hours_on_site', 'hours_per_week', 'share_with_principals', 'visits_done', 'cancelled', 'no_show'],
    ...p.rows.map((r) => [r.supervisor.name, r.weeks, r.hours, r.hoursPerWeek, percent(r.withPrincipals), r.done, r.cancelled, r.noShow]),
  ],
  'time-by-week': (p: TimePage) => [['week_of', 'supervisors_logged', 'hours_on_site'], ...p.weeks.map((w) => [w.weekStart, w.supervisors, w.hours])],
  'cadence-by-supervisor': (p: TimePage) => [
    ['supervisor', 'leaders_on_roster', 'not_visited_within_cadence'], ...p.overdueBySupervisor.map((r) => [r.supervisor.name, r.onRoster, r.overdue]),
  ],
  'cadence-overdue': (p: TimePage) => [
    ['leader', 'school', 'supervisor', 'cadence_days', 'last_visit', 'days_since'],
    ...p.overdue!.map((o) => [o.name, o.school?.name, o.supervisor.name, o.cadenceDays, o.lastVisit, o.daysSince]),
  ],
  'cta-quarters': (p: CtaPage) => [
    ['quarter', 'from', 'to', 'schools_expected', 'held_on_time', 'held_late', 'not_held', 'on_time_share', 'goals_on_track', 'goals_at_risk', 'goals_off_track', 'goals_without_status'],
    ...p.quarters.map((q) => [`Q${q.quarter}`, q.start, q.end, q.expected, q.onTime, q.late, q.over ? q.notHeld : 'quarter not over', percent(q.onTimeShare),
      q.goals.on_track, q.goals.at_risk, q.goals.off_track, q.goals.none]),
  ],
  'cta-goals': (p: CtaPage) => [
    ['school', 'school_code', 'supervisor', 'goal', 'focus_area', 'q1', 'q2', 'q3', 'q4'],
    ...p.schools!.flatMap((s) => s.goals.map((g) => [s.school.name, s.school.code, s.supervisor?.name, g.title, g.focusArea, ...g.statuses.map(statusLabel)])),
  ],
  'cta-off-track': (p: CtaPage) => [
    ['school', 'supervisor', 'goal', 'quarters_off_track'], ...p.offTrackTwice!.map((o) => [o.school.name, o.supervisor?.name, o.title, o.quarters.map((q) => `Q${q}`).join(' ')]),
  ],
  'evaluation-stages': (p: EvaluationsPage) => [
    ['supervisor', 'leaders', 'not_started', ...p.stageNames, 'all_stages_done', 'locked', 'with_a_late_stage'],
    ...p.bySupervisor.map((r) => [r.supervisor.name, r.leaders, r.notStarted, ...r.byStage.map((s) => s.count), r.allStagesDone, r.locked, r.late]),
  ],
  'evaluation-late': (p: EvaluationsPage) => [
    ['leader', 'school', 'supervisor', 'stage', 'due', 'days_late'], ...p.late!.map((l) => [l.name, l.school?.name, l.supervisor.name, l.stage, l.dueDate, l.daysLate]),
  ],
  'evaluation-locked': (p: EvaluationsPage) => [
    ['leader', 'school', 'supervisor', 'locked_at', 'signed_by', 'lock'], ...p.locked!.map((l) => [l.name, l.school?.name, l.supervisor.name, l.lockedAt, l.signedBy, l.lock]),
  ],
  'evaluation-ratings': (p: EvaluationsPage) => [
    ['framework', 'element', 'title', 'rating', 'label', 'evaluations'],
    ...p.ratings.flatMap((f) => f.elements.flatMap((e) => [
      ...e.counts.map((c) => [f.framework, e.element, e.title, c.rating, c.label, c.count]),
      [f.framework, e.element, e.title, '', 'not rated', e.notRated],
    ])),
  ],
  'retention-counts': (p: RetentionPage) => [
    ['supervisor', 'consent', 'as_of', 'leaders', 'risk_low', 'risk_medium', 'risk_high', 'risk_not_judged', 'likely_to_stay', 'unsure', 'unlikely_to_stay', 'leaving', 'intent_not_asked'],
    ...p.bySupervisor.map((r) => [r.supervisor.name, r.consent === 'named' ? 'named records' : 'counts only', r.asOf, r.leaders,
      r.byRisk.low, r.byRisk.medium, r.byRisk.high, r.byRisk.notJudged, r.byIntent.likely, r.byIntent.unsure, r.byIntent.unlikely, r.byIntent.leaving, r.byIntent.notAsked]),
  ],
  'retention-records': (p: RetentionPage) => [
    ['leader', 'role', 'school', 'supervisor', 'as_of', 'risk', 'risk_reason', 'risk_judged_on', 'intent', 'last_conversation', 'follow_up_due'],
    ...p.records!.map((r) => [r.name, LEADER_ROLE_LABELS[r.role], r.school?.name, r.supervisor.name, r.asOf, r.risk ? RISK_LEVEL_LABELS[r.risk] : '', r.riskReason, r.riskDate,
      r.intent ? INTENT_LABELS[r.intent] : '', r.lastConversation, r.followUpDue]),
  ],
  'vacancy-counts': (p: RetentionPage) => [
    ['schools_principal_high_risk_or_leaving', 'successor_ready_now', 'successor_ready_soon', 'successors_developing', 'no_successor_named', 'summaries_with_these_counts'],
    [p.vacancyCounts.schools, p.vacancyCounts.readyNow, p.vacancyCounts.readySoon, p.vacancyCounts.developingOnly, p.vacancyCounts.noSuccessor, p.vacancyCounts.withCounts],
  ],
  'vacancy-outlook': (p: RetentionPage) => [
    ['school', 'school_code', 'principal', 'supervisor', 'risk', 'intent', 'successors'],
    ...p.vacancy!.map((v) => [v.school.name, v.school.code, v.principal.name, v.supervisor.name, v.risk ? RISK_LEVEL_LABELS[v.risk] : '', v.intent ? INTENT_LABELS[v.intent] : '',
      v.successors.map((s) => `${s.name} (${READINESS_LABELS[s.readiness]})`).join('; ')]),
  ],
  'leader-record': (p: LeaderRecord) => [
    ['school_year', 'what', 'supervisor', 'detail', 'date'],
    ...p.years.flatMap((y) => [
      ...y.placements.map((pl) => [y.year.label, 'caseload', pl.supervisor.name, `${LEADER_ROLE_LABELS[pl.role]} at ${pl.school?.name ?? 'no school'}, ${SUPPORT_TIER_LABELS[pl.supportTier]} support, every ${pl.cadenceDays} days`, pl.asOf]),
      ...y.visits.map((v) => [y.year.label, 'visits done', v.supervisor.name, String(v.done), v.lastVisit]),
      ...y.ctaGoals.map((g) => [y.year.label, `CTA goal, Q${g.quarter}`, '', `${g.school.name}: ${g.title}: ${statusLabel(g.status ?? 'none')}`, '']),
      ...y.evaluations.flatMap((e) => [
        ...e.stages.map((s) => [y.year.label, 'evaluation stage', e.supervisor.name, `${s.name}${s.completedOn ? `, done ${s.completedOn}` : ', not done'}`, s.dueDate]),
        ...e.ratings.map((r) => [y.year.label, 'evaluation rating', e.supervisor.name, `${r.element} ${r.title}: ${r.label ?? 'not rated'}`, e.lockedAt]),
      ]),
      ...y.retention.map((r) => [y.year.label, 'retention', r.supervisor.name, `risk ${r.risk ?? 'not judged'}${r.riskReason ? ` (${r.riskReason})` : ''}, intent ${r.intent ?? 'not asked'}`, r.asOf]),
    ]),
  ],
};

function query(url: URL): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of url.searchParams) out[k] = k === 'supervisorId' || k === 'leaderId' ? (/^\d+$/.test(v) ? Number(v) : v) : v;
  return out;
}

export async function csvDownload(ctx: ViewContext, viewer: Viewer, url: URL): Promise<Result<Download>> {
  const table = /^([a-z-]+)\.csv$/.exec(url.pathname.slice(CSV_PREFIX.length))?.[1];
  if (!table || !isCsvTable(table)) return { ok: false, error: { code: 'not_found', message: 'There is no such table' } };
  const spec = CSV_TABLES[table];
  try {
    if (spec.named) requireNames(viewer);
    let answer: unknown;
    let name: string;
    if (spec.page === 'leader') {
      const input = leaderInput.safeParse(query(url));
      if (!input.success) return { ok: false, error: { code: 'invalid_input', message: input.error.issues[0].message, field: 'leaderId' } };
      const record = await runPage(ctx, viewer, 'leader', input.data);
      answer = record;
      name = `${table}-${record.leader.leaderId}`;
    } else {
      const input = pageFilter.safeParse(query(url));
      if (!input.success) return { ok: false, error: { code: 'invalid_input', message: input.error.issues[0].message, field: String(input.error.issues[0].path[0] ?? '') } };
      const page = await runPage(ctx, viewer, spec.page as PageCallName, input.data) as { year: { label: string } };
      answer = page;
      name = `${table}-${page.year.label.replace(/[^\w]+/g, '-')}`;
    }
    return { ok: true, value: { body: toCsv(TABLES[table](answer as never) as never), type: 'text/csv; charset=utf-8', filename: `fieldbook-district-${name}.csv` } };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message, field: err.field } };
    throw err;
  }
}
