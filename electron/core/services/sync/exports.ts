import { addDays } from 'date-fns/addDays';
import { differenceInMinutes } from 'date-fns/differenceInMinutes';
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';
import { startOfWeek } from 'date-fns/startOfWeek';
import { toCsv } from '../../../../shared/csv';
import type { QueuedExportRef } from '../../../../shared/sync/model';
import { AppError } from '../../../../shared/result';
import { isoDate } from '../../../../shared/schoolYear';
import { exportKindLabel, PACKAGE_SCHEMA_VERSION } from '../../../../shared/sync/vocabulary';
import { CLOSED_VISIT_STATUSES, type CaseloadRosterPayloadV2, type RosterEvaluationV2, type VisitLogPayloadV2 } from '../../../../shared/exportFormat/payloadsV2';
import { LEADER_ROLE_LABELS, SUPPORT_TIER_LABELS, VISIT_STATUS_LABELS, VISIT_TYPE_LABELS } from '../../../../shared/vocabulary';
import { type CoreContext, today } from '../../context';
import { attachmentName } from '../../export/fileName';
import { type ExportAttachment, enqueueExport, exportIds, sha256 } from '../../sync/outbox';
import { getCaseload } from '../caseload/caseload';
import { currentSchoolYear } from '../visits/cadence';
import { exportCaseloadCsv } from '../caseload/exports';
import { listVisits } from '../visits/visits';
import { formatterOf } from '../settings/settings';

/** The two exports Sync queues itself: a week's visit log and the caseload roster, on request. */

const csvAttachment = (filename: string, rows: unknown[][]): ExportAttachment => ({ filename, mediaType: 'text/csv', content: Buffer.from(toCsv(rows as never), 'utf8') });

/**
 * Queue a revision of something sent on request: the first under `base`, later ones as base.r2,
 * base.r3… when it changed. Asking again with nothing changed is refused, so the district never
 * gets the same thing twice.
 */
export function enqueueRevision(ctx: CoreContext, kind: string, base: string, title: string, payload: object, attachments: ExportAttachment[], field?: string): QueuedExportRef {
  const fingerprint = sha256(JSON.stringify({ payload, files: attachments.map((a) => [a.filename, sha256(a.content)]) }));
  const { record } = exportIds(ctx, kind, base);
  // Revisions of this record, and of the same record queued with a version 1 id before installation ids.
  const legacy = `${kind}:${base}`;
  const like = (id: string) => `${id.replace(/[%_\\]/g, '\\$&')}.r%`;
  const earlier = ctx.db
    .prepare(`SELECT id, payload, delivered_at AS deliveredAt FROM outbox
      WHERE kind = ? AND (id = ? OR id LIKE ? ESCAPE '\\' OR id = ? OR id LIKE ? ESCAPE '\\') ORDER BY created_at DESC, rowid DESC`)
    .all(kind, record, like(record), legacy, like(legacy)) as { id: string; payload: string; deliveredAt: string | null }[];
  const latest = earlier[0];
  if (latest && (JSON.parse(latest.payload) as { fingerprint?: string }).fingerprint === fingerprint) {
    const state = latest.deliveredAt ? `was sent on ${formatterOf(ctx).date(latest.deliveredAt)}` : 'is already waiting to be sent';
    throw new AppError('already_queued', `${exportKindLabel(kind)} (${title}) ${state}, and nothing in it has changed since`, field);
  }
  const revision = earlier.filter((e) => e.id === record || e.id.startsWith(`${record}.r`)).length + 1;
  const id = enqueueExport(ctx, { kind, key: base, revision, payload: { title, ...payload, fingerprint }, attachments });
  return { id, label: `${exportKindLabel(kind)} · ${title}` };
}

const CLOSED = new Set<string>(CLOSED_VISIT_STATUSES);

/** The district's keys for what a visit names: the school's code and each leader's email. */
function districtKeys(ctx: CoreContext) {
  const code = ctx.db.prepare(`SELECT district_code FROM schools WHERE id = ?`).pluck();
  const email = ctx.db.prepare(`SELECT email FROM leaders WHERE id = ?`).pluck();
  return {
    school: (s: { id: number; name: string }) => ({ id: s.id, name: s.name, districtCode: (code.get(s.id) as string | null | undefined) ?? null }),
    leader: (l: { id: number; name: string }) => ({ id: l.id, name: l.name, email: (email.get(l.id) as string | null | undefined) ?? null }),
  };
}

type ClosedStatus = (typeof CLOSED_VISIT_STATUSES)[number];

/** The visits closed in the week (Monday to Sunday) holding weekOf. */
export function queueVisitLog(ctx: CoreContext, weekOf: string): QueuedExportRef {
  const day = parseISO(weekOf);
  if (!isValid(day)) throw new AppError('invalid_date', 'Enter a real date, for example 2026-11-16', 'weekOf');
  const start = startOfWeek(day, { weekStartsOn: 1 });
  const from = isoDate(start);
  const to = isoDate(addDays(start, 6));
  if (from > today(ctx)) throw new AppError('future_week', 'That week has not started yet: send a week once its visits are closed', 'weekOf');
  // A retention conversation is confidential: the log says a meeting took place, never that it was
  // about retention, what it was for, or why it was called off.
  const visits = listVisits(ctx, { from, to }).filter((v) => CLOSED.has(v.status))
    .map((v) => (v.type === 'retention_conversation' ? { ...v, type: 'other' as const, purpose: '', focus: '', statusReason: v.statusReason === null ? null : '' } : v));
  const title = `Week of ${formatterOf(ctx).date(from)}`;
  if (visits.length === 0) throw new AppError('nothing_to_send', `No visits were closed in the week of ${formatterOf(ctx).date(from)}`, 'weekOf');
  const minutes = (v: (typeof visits)[number]) => Math.max(0, differenceInMinutes(parseISO(`${v.date}T${v.endTime}`), parseISO(`${v.date}T${v.startTime}`)));
  const rows = visits.map((v) => [v.date, v.startTime, v.endTime, VISIT_TYPE_LABELS[v.type], VISIT_STATUS_LABELS[v.status], v.school.name, v.leaders.map((l) => l.name).join('; '), v.purpose, v.focus]);
  const keys = districtKeys(ctx);
  const payload: Omit<VisitLogPayloadV2, 'title' | 'fingerprint'> = {
    schemaVersion: PACKAGE_SCHEMA_VERSION,
    weekStart: from,
    weekEnd: to,
    totals: {
      done: visits.filter((v) => v.status === 'done').length,
      cancelled: visits.filter((v) => v.status === 'cancelled').length,
      noShow: visits.filter((v) => v.status === 'no_show').length,
      hoursDone: Math.round(visits.filter((v) => v.status === 'done').reduce((m, v) => m + minutes(v), 0) / 6) / 10,
    },
    visits: visits.map((v) => ({
      id: v.id, date: v.date, startTime: v.startTime, endTime: v.endTime, type: v.type, status: v.status as ClosedStatus, statusReason: v.statusReason,
      school: keys.school(v.school), leaders: v.leaders.map(keys.leader), purpose: v.purpose, focus: v.focus,
    })),
  };
  const csv = csvAttachment(attachmentName(ctx.db, ['visit-log'], from, 'csv'), [['date', 'start', 'end', 'type', 'status', 'school', 'leaders', 'purpose', 'focus'], ...rows]);
  return enqueueRevision(ctx, 'visit_log', from, title, payload, [csv], 'weekOf');
}

/**
 * Each leader's evaluation cycle of this school year as far as it has gone (stages, signed, locked),
 * so the district can see cycles in progress and late stages. Ratings and the write-up stay out.
 */
function cyclesOfTheYear(ctx: CoreContext): Map<number, RosterEvaluationV2> {
  const year = currentSchoolYear(ctx);
  const cycles = ctx.db.prepare(`SELECT id, leader_id AS leaderId, year_label AS label, framework_name AS framework, signed_at AS signedAt, locked_at AS lockedAt
    FROM evaluation_cycles WHERE year_start = ?`).all(year.start) as { id: number; leaderId: number; label: string; framework: string; signedAt: string | null; lockedAt: string | null }[];
  const stages = ctx.db.prepare(`SELECT name, due_date AS dueDate, completed_date AS completedDate FROM evaluation_stages WHERE cycle_id = ? ORDER BY position`);
  return new Map(cycles.map((c) => [c.leaderId, {
    schoolYear: c.label, framework: c.framework, stages: stages.all(c.id) as RosterEvaluationV2['stages'], signedAt: c.signedAt, lockedAt: c.lockedAt,
  }]));
}

/** The caseload as it is today: who is on it, with what support, and how far each evaluation has gone. */
export function queueCaseloadRoster(ctx: CoreContext): QueuedExportRef {
  const { entries, ratio } = getCaseload(ctx);
  const onCaseload = entries.filter((e) => e.assignment);
  if (onCaseload.length === 0) throw new AppError('nothing_to_send', 'Your caseload is empty: add leaders to it first');
  const date = today(ctx);
  const cycles = cyclesOfTheYear(ctx);
  const leaders: CaseloadRosterPayloadV2['leaders'] = onCaseload.map(({ leader, school, assignment }) => ({
    id: leader.id, name: leader.name, email: leader.email, role: leader.role, roleLabel: LEADER_ROLE_LABELS[leader.role], roleStartDate: leader.roleStartDate,
    school: school ? { id: school.id, name: school.name, districtCode: school.districtCode, level: school.level, needTier: school.needTier } : null,
    supportTier: assignment!.supportTier, supportTierLabel: SUPPORT_TIER_LABELS[assignment!.supportTier], cadenceDays: assignment!.cadenceDays, onCaseloadSince: assignment!.startDate,
    evaluation: cycles.get(leader.id) ?? null,
  }));
  const csv = exportCaseloadCsv(ctx);
  const attachment: ExportAttachment = { filename: csv.filename, mediaType: 'text/csv', content: Buffer.from(csv.csv, 'utf8') };
  const payload: Omit<CaseloadRosterPayloadV2, 'title' | 'fingerprint'> = { schemaVersion: PACKAGE_SCHEMA_VERSION, date, ratio, leaders };
  return enqueueRevision(ctx, 'caseload_roster', date, `Caseload on ${formatterOf(ctx).date(date)}`, payload, [attachment]);
}
