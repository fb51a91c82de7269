import { WRITE_UP_SECTIONS, WRITE_UP_SECTION_LABELS, type WriteUpSection } from '../../../../shared/evaluations/vocabulary';
import type { EvaluationDetail } from '../../../../shared/evaluations/model';
import type { EvaluationPayloadV2 } from '../../../../shared/exportFormat/payloadsV2';
import { AppError } from '../../../../shared/result';
import { PACKAGE_SCHEMA_VERSION } from '../../../../shared/sync/vocabulary';
import { type CoreContext, timestamp, today } from '../../context';
import { evaluationPdf, evaluationPdfName } from '../../export/evaluationPdf';
import { downloadName } from '../../export/fileName';
import { pdfSetting } from '../settings/settings';
import { enqueueExport } from '../../sync/outbox';
import { currentActor, recordAudit } from '../../audit';
import { changeCycle, getEvaluation, refuseIfLocked, requireCycle, SECTION_COLUMNS } from './cycles';

/** The write-up, the supervisor's signature, the leader's acknowledgement, the lock and addenda. */

export function saveWriteUp(ctx: CoreContext, input: { cycleId: number; section: WriteUpSection; text: string }): { updatedAt: string } {
  const column = SECTION_COLUMNS[input.section];
  const c = requireCycle(ctx.db, input.cycleId);
  if (c[column] === input.text) return { updatedAt: timestamp(ctx) };
  changeCycle(ctx, c.id, { action: 'write-up edited', changes: { section: WRITE_UP_SECTION_LABELS[input.section] }, coalesce: true }, 'signed', 'text');
  ctx.db.prepare(`UPDATE evaluation_cycles SET ${column} = ? WHERE id = ?`).run(input.text, c.id);
  return { updatedAt: timestamp(ctx) };
}

export function signEvaluation(ctx: CoreContext, input: { cycleId: number; name: string }): EvaluationDetail {
  const c = requireCycle(ctx.db, input.cycleId);
  refuseIfLocked(c, 'name');
  if (c.signed_at) throw new AppError('evaluation_signed', 'This evaluation is already signed', 'name');
  const empty = WRITE_UP_SECTIONS.find((s) => c[SECTION_COLUMNS[s]].trim() === '');
  if (empty) throw new AppError('invalid_input', `Write the ${WRITE_UP_SECTION_LABELS[empty]} section before signing`, empty);
  const unrated = ctx.db.prepare(`SELECT title FROM evaluation_ratings WHERE cycle_id = ? AND rating IS NULL ORDER BY position`).pluck().all(c.id) as string[];
  if (unrated.length) throw new AppError('invalid_input', `Rate every rubric row before signing (not yet rated: ${unrated.join(', ')})`, 'rubric');
  const at = timestamp(ctx);
  changeCycle(ctx, c.id, { action: 'signed', changes: { name: input.name } }, 'signed', 'name');
  ctx.db.prepare(`UPDATE evaluation_cycles SET signed_by = ?, signed_at = ? WHERE id = ?`).run(input.name, at, c.id);
  return getEvaluation(ctx, c.id);
}

/** Before the lock a signature can be withdrawn to correct the write-up; an acknowledgement of it goes too. */
export function withdrawSignature(ctx: CoreContext, cycleId: number): EvaluationDetail {
  const c = requireCycle(ctx.db, cycleId);
  refuseIfLocked(c);
  if (!c.signed_at) throw new AppError('not_signed', 'This evaluation is not signed', 'cycleId');
  changeCycle(ctx, c.id, { action: 'signature withdrawn', changes: { signedBy: c.signed_by, acknowledgementCleared: c.ack_recorded_at !== null } }, 'cycle');
  ctx.db
    .prepare(`UPDATE evaluation_cycles SET signed_by = NULL, signed_at = NULL, ack_name = NULL, ack_date = NULL, ack_comment = NULL, ack_recorded_at = NULL WHERE id = ?`)
    .run(c.id);
  return getEvaluation(ctx, c.id);
}

export function acknowledgeEvaluation(ctx: CoreContext, input: { cycleId: number; name: string; date: string; comment: string }): EvaluationDetail {
  const c = requireCycle(ctx.db, input.cycleId);
  refuseIfLocked(c, 'name');
  if (!c.signed_at) throw new AppError('not_signed', 'The leader acknowledges a signed write-up: sign it first', 'name');
  if (c.ack_recorded_at) throw new AppError('already_exists', 'The leader’s acknowledgement is already recorded', 'name');
  if (input.date > today(ctx)) throw new AppError('invalid_input', 'The acknowledgement can’t be dated after today', 'date');
  if (input.date < c.signed_at.slice(0, 10)) throw new AppError('invalid_input', 'The acknowledgement can’t be dated before the signature', 'date');
  changeCycle(ctx, c.id, { action: 'acknowledged', changes: { name: input.name, date: input.date, comment: input.comment } }, 'cycle', 'name');
  ctx.db
    .prepare(`UPDATE evaluation_cycles SET ack_name = ?, ack_date = ?, ack_comment = ?, ack_recorded_at = ? WHERE id = ?`)
    .run(input.name, input.date, input.comment, timestamp(ctx), c.id);
  return getEvaluation(ctx, c.id);
}

/**
 * Lock the cycle and queue its PDF for the district, together. The PDF is rendered first (it is
 * async and cannot run inside better-sqlite3's transaction); the lock then checks the cycle is
 * still at the revision the PDF shows, so what is locked is exactly what was exported.
 */
export async function lockEvaluation(ctx: CoreContext, cycleId: number): Promise<EvaluationDetail> {
  const before = requireCycle(ctx.db, cycleId);
  refuseIfLocked(before);
  if (!before.signed_at) throw new AppError('not_signed', 'Sign the write-up before locking it', 'cycleId');
  if (!before.ack_recorded_at) throw new AppError('not_acknowledged', 'Record the leader’s acknowledgement before locking', 'cycleId');
  const lockedAt = timestamp(ctx);
  const detail = getEvaluation(ctx, cycleId);
  const pdf = await evaluationPdf({ ...detail, status: 'locked', lockedAt }, pdfSetting(ctx));
  return ctx.db.transaction(() => {
    const c = requireCycle(ctx.db, cycleId);
    if (c.revision !== before.revision || c.locked_at) {
      throw new AppError('changed_meanwhile', 'The evaluation changed while its PDF was being made; nothing was locked. Lock it again.', 'cycleId');
    }
    ctx.db.prepare(`UPDATE evaluation_cycles SET locked_at = ?, lock_count = lock_count + 1, revision = revision + 1, updated_at = ? WHERE id = ?`).run(lockedAt, lockedAt, cycleId);
    // A cycle locked again after an unlock is a new revision of the same export: the district keeps both.
    const outboxId = enqueueEvaluation(ctx, detail, lockedAt, c.lock_count + 1, pdf);
    recordAudit(ctx, { entityType: 'evaluation_cycle', entityId: cycleId, action: 'locked', changes: { export: outboxId } });
    return getEvaluation(ctx, cycleId);
  })();
}

/** A locked evaluation as the district gets it: the leader's email and the school's code join it to the district's records. */
export function evaluationPayload(ctx: CoreContext, detail: EvaluationDetail, lockedAt: string): EvaluationPayloadV2 {
  const leader = ctx.db.prepare(`SELECT l.email, s.id AS schoolId, s.name AS schoolName, s.district_code AS districtCode
    FROM leaders l LEFT JOIN schools s ON s.id = l.school_id WHERE l.id = ?`).get(detail.leader.id) as
    { email: string | null; schoolId: number | null; schoolName: string | null; districtCode: string | null };
  if (!detail.signature || !detail.acknowledgement) throw new Error('Only a signed and acknowledged evaluation is exported');
  return {
    schemaVersion: PACKAGE_SCHEMA_VERSION,
    title: `${detail.leader.name}, ${detail.yearLabel}`,
    cycleId: detail.id,
    leader: { id: detail.leader.id, name: detail.leader.name, email: leader.email },
    school: leader.schoolId === null ? null : { id: leader.schoolId, name: leader.schoolName!, districtCode: leader.districtCode },
    schoolYear: detail.yearLabel,
    yearStart: detail.yearStart,
    yearEnd: detail.yearEnd,
    framework: { id: detail.frameworkId, name: detail.frameworkName },
    scale: detail.scale,
    stages: detail.stages.map((st) => ({ name: st.name, dueDate: st.dueDate, completedDate: st.completedDate })),
    ratings: detail.rubric.map((r) => ({ element: r.elementId, title: r.title, rating: r.rating, label: r.rating ? detail.scale[r.rating - 1] : null })),
    signedBy: detail.signature.name,
    signedAt: detail.signature.at,
    acknowledgedBy: detail.acknowledgement.name,
    acknowledgedOn: detail.acknowledgement.date,
    lockedAt,
  };
}

/** Queue the locked evaluation and its PDF: lock 1 is revision 1, a lock after an unlock the next revision. */
export function enqueueEvaluation(ctx: CoreContext, detail: EvaluationDetail, lockedAt: string, lock: number, pdf: Buffer): string {
  return enqueueExport(ctx, {
    kind: 'evaluation',
    key: String(detail.id),
    revision: lock,
    payload: evaluationPayload(ctx, detail, lockedAt),
    attachments: [{ filename: evaluationPdfName(ctx.db, detail), mediaType: 'application/pdf', content: pdf }],
  });
}

export function unlockEvaluation(ctx: CoreContext, input: { cycleId: number; reason: string }): EvaluationDetail {
  const c = requireCycle(ctx.db, input.cycleId);
  if (!c.locked_at) throw new AppError('not_locked', 'This evaluation is not locked', 'reason');
  const at = timestamp(ctx);
  // The trigger lets a locked cycle change only this way: lock cleared, with a new reason
  // (numbered by the lock it ends, so the same words given twice are still a new reason).
  ctx.db
    .prepare(`UPDATE evaluation_cycles SET locked_at = NULL, unlock_reason = ?, revision = revision + 1, updated_at = ? WHERE id = ?`)
    .run(`Lock ${c.lock_count}, unlocked ${at}: ${input.reason}`, at, c.id);
  recordAudit(ctx, { entityType: 'evaluation_cycle', entityId: c.id, action: 'unlocked', changes: { reason: input.reason, lockedAt: c.locked_at } });
  return getEvaluation(ctx, c.id);
}

export function addAddendum(ctx: CoreContext, input: { cycleId: number; date: string; body: string }): EvaluationDetail {
  const c = requireCycle(ctx.db, input.cycleId);
  if (!c.locked_at) throw new AppError('not_locked', 'Addenda are for locked evaluations; change the evaluation itself while it is open', 'body');
  if (input.date > today(ctx)) throw new AppError('invalid_input', 'An addendum can’t be dated after today', 'date');
  if (input.date < c.locked_at.slice(0, 10)) throw new AppError('invalid_input', 'An addendum is dated on or after the day the evaluation was locked', 'date');
  const author = currentActor(ctx);
  ctx.db
    .prepare(`INSERT INTO evaluation_addenda (cycle_id, date, body, author, created_at) VALUES (?, ?, ?, ?, ?)`)
    .run(c.id, input.date, input.body, author, timestamp(ctx));
  recordAudit(ctx, { entityType: 'evaluation_cycle', entityId: c.id, action: 'addendum added', changes: { date: input.date, body: input.body } });
  return getEvaluation(ctx, c.id);
}

export async function getEvaluationPdf(ctx: CoreContext, cycleId: number): Promise<{ filename: string; base64: string }> {
  const detail = getEvaluation(ctx, cycleId);
  return { filename: downloadName(['evaluation', detail.leader.name, detail.yearLabel], detail.id, 'pdf'), base64: (await evaluationPdf(detail, pdfSetting(ctx))).toString('base64') };
}
