import type { EvaluationDetail, EvidenceItem, RubricEvidence } from '../../../../shared/evaluations/model';
import { AppError } from '../../../../shared/result';
import { VISIT_TYPE_LABELS, type EvidenceKind, type VisitType } from '../../../../shared/vocabulary';
import { type CoreContext, timestamp } from '../../context';
import { formatterOf } from '../settings/settings';
import type { Formatter } from '../../../../shared/format';
import { changeCycle, type CycleRow, getEvaluation, requireCycle, requireEditable } from './cycles';

/**
 * The rubric: a rating and rationale per framework element, and the evidence behind it. Evidence is
 * what the year's notes and visits about the leader were tagged with, and only evaluative evidence
 * unless the supervisor deliberately asks to see (and cite) a coaching note.
 */

const EXCERPT_CHARS = 400;
const plain = (markdown: string) => markdown.replace(/[*_`#>]+/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\s+/g, ' ').trim();
const excerpt = (text: string) => {
  const p = plain(text);
  return p.length > EXCERPT_CHARS ? `${p.slice(0, EXCERPT_CHARS - 1).trimEnd()}…` : p;
};

interface SourceRow {
  id: number;
  elementId: string;
  date: string;
  kind: EvidenceKind;
  text: string;
  visitId: number | null;
  visitType: VisitType | null;
  schoolName: string | null;
}

/** Every tagged note and visit of the cycle's year about its leader, newest first. */
function evidenceRows(ctx: CoreContext, c: CycleRow, includeCoaching: boolean): { notes: SourceRow[]; visits: SourceRow[] } {
  const params = { leaderId: c.leader_id, frameworkId: c.framework_id, start: c.year_start, end: c.year_end, coaching: includeCoaching ? 1 : 0 };
  const notes = ctx.db
    .prepare(
      `SELECT * FROM (
         SELECT n.id, t.element_id AS elementId, coalesce(v.date, date(n.created_at, 'localtime')) AS date, n.evidence_kind AS kind,
           n.body AS text, n.visit_id AS visitId, v.type AS visitType, s.name AS schoolName
         FROM notes n JOIN tags t ON t.note_id = n.id AND t.framework_id = @frameworkId
         LEFT JOIN visits v ON v.id = n.visit_id LEFT JOIN schools s ON s.id = v.school_id
         WHERE (n.leader_id = @leaderId OR n.visit_id IN (SELECT visit_id FROM visit_leaders WHERE leader_id = @leaderId))
           AND (n.evidence_kind = 'evaluative' OR @coaching = 1) AND length(trim(n.body)) > 0
           -- What was said in a retention conversation is confidential: never evidence for an evaluation.
           AND (v.type IS NULL OR v.type <> 'retention_conversation'))
       WHERE date BETWEEN @start AND @end ORDER BY date DESC, id DESC`,
    )
    .all(params) as SourceRow[];
  const visits = ctx.db
    .prepare(
      `SELECT v.id, t.element_id AS elementId, v.date, v.evidence_kind AS kind,
         trim(v.evidence || ' ' || v.focus || ' ' || v.purpose) AS text, v.id AS visitId, v.type AS visitType, s.name AS schoolName
       FROM visits v JOIN tags t ON t.visit_id = v.id AND t.framework_id = @frameworkId JOIN schools s ON s.id = v.school_id
       WHERE v.id IN (SELECT visit_id FROM visit_leaders WHERE leader_id = @leaderId) AND v.status IN ('done', 'in_progress')
         AND v.type <> 'retention_conversation'
         AND (v.evidence_kind = 'evaluative' OR @coaching = 1) AND v.date BETWEEN @start AND @end
       ORDER BY v.date DESC, v.id DESC`,
    )
    .all(params) as SourceRow[];
  return { notes, visits };
}

function toItem(source: 'note' | 'visit', r: SourceRow, leaderId: number, f: Formatter): EvidenceItem {
  const where = r.visitType ? ` · ${VISIT_TYPE_LABELS[r.visitType]} at ${r.schoolName}` : '';
  return {
    source, id: r.id, date: r.date, kind: r.kind,
    label: `${source === 'note' ? 'Note' : 'Visit'} of ${f.date(r.date)}${where}`,
    excerpt: excerpt(r.text),
    href: r.visitId ? `#/visits/${r.visitId}` : `#/leaders/${leaderId}`,
  };
}

export function rubricEvidence(ctx: CoreContext, c: CycleRow, includeCoaching: boolean): RubricEvidence[] {
  const { notes, visits } = evidenceRows(ctx, c, includeCoaching);
  const elements = ctx.db.prepare(`SELECT element_id FROM evaluation_ratings WHERE cycle_id = ? ORDER BY position`).pluck().all(c.id) as string[];
  const f = formatterOf(ctx);
  return elements.map((elementId) => ({
    elementId,
    items: [
      ...notes.filter((n) => n.elementId === elementId).map((n) => toItem('note', n, c.leader_id, f)),
      ...visits.filter((v) => v.elementId === elementId).map((v) => toItem('visit', v, c.leader_id, f)),
    ].sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id),
  }));
}

export function listRubricEvidence(ctx: CoreContext, input: { cycleId: number; includeCoaching: boolean }): RubricEvidence[] {
  return rubricEvidence(ctx, requireCycle(ctx.db, input.cycleId), input.includeCoaching);
}

function requireRow(ctx: CoreContext, cycleId: number, elementId: string) {
  const row = ctx.db.prepare(`SELECT id, title, rating, rationale FROM evaluation_ratings WHERE cycle_id = ? AND element_id = ?`).get(cycleId, elementId) as
    | { id: number; title: string; rating: number | null; rationale: string }
    | undefined;
  if (!row) throw new AppError('not_found', 'That rubric row is not part of this evaluation', 'elementId');
  return row;
}

export function rateElement(ctx: CoreContext, input: { cycleId: number; elementId: string; rating?: number | null; rationale?: string }): EvaluationDetail {
  const c = requireEditable(ctx, input.cycleId, 'signed', input.rating === undefined ? 'rationale' : 'rating');
  const row = requireRow(ctx, c.id, input.elementId);
  const scale = JSON.parse(c.scale) as string[];
  if (input.rating !== undefined && input.rating !== null && (input.rating < 1 || input.rating > scale.length)) {
    throw new AppError('invalid_input', `Choose a rating on this evaluation’s scale: 1 (${scale[0]}) to ${scale.length} (${scale[scale.length - 1]})`, 'rating');
  }
  const label = (n: number | null) => (n === null ? null : scale[n - 1]);
  if (input.rating !== undefined && (input.rating ?? null) !== row.rating) {
    changeCycle(ctx, c.id, { action: 'rated', changes: { element: row.title, from: label(row.rating), to: label(input.rating ?? null) } }, 'signed', 'rating');
    ctx.db.prepare(`UPDATE evaluation_ratings SET rating = ? WHERE id = ?`).run(input.rating ?? null, row.id);
  }
  if (input.rationale !== undefined && input.rationale !== row.rationale) {
    changeCycle(ctx, c.id, { action: 'rationale edited', changes: { element: row.title }, coalesce: true }, 'signed', 'rationale');
    ctx.db.prepare(`UPDATE evaluation_ratings SET rationale = ? WHERE id = ?`).run(input.rationale, row.id);
  }
  return getEvaluation(ctx, c.id);
}

/** Cite a note or visit on a rubric row; a coaching source can be cited, and the write-up then says so. */
export function citeEvidence(ctx: CoreContext, input: { cycleId: number; elementId: string; source: 'note' | 'visit'; sourceId: number }): EvaluationDetail {
  const c = requireEditable(ctx, input.cycleId, 'signed', 'sourceId');
  const row = requireRow(ctx, c.id, input.elementId);
  const item = rubricEvidence(ctx, c, true)
    .find((e) => e.elementId === input.elementId)
    ?.items.find((i) => i.source === input.source && i.id === input.sourceId);
  if (!item) throw new AppError('not_found', `That ${input.source} is not tagged with “${row.title}” for this leader in ${c.year_label}`, 'sourceId');
  const column = input.source === 'note' ? 'note_id' : 'visit_id';
  if (ctx.db.prepare(`SELECT 1 FROM evaluation_evidence WHERE rating_id = ? AND ${column} = ?`).get(row.id, item.id)) {
    throw new AppError('already_exists', 'That evidence is already cited on this row', 'sourceId');
  }
  const coaching = item.kind === 'coaching';
  changeCycle(ctx, c.id, { action: 'evidence cited', changes: { element: row.title, source: item.label, coachingIncluded: coaching } }, 'signed', 'sourceId');
  ctx.db
    .prepare(
      `INSERT INTO evaluation_evidence (cycle_id, rating_id, ${column}, source_date, source_label, quote, coaching_included, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(c.id, row.id, item.id, item.date, item.label, item.excerpt, coaching ? 1 : 0, timestamp(ctx));
  return getEvaluation(ctx, c.id);
}

export function removeEvidence(ctx: CoreContext, evidenceId: number): EvaluationDetail {
  const e = ctx.db
    .prepare(`SELECT e.id, e.cycle_id AS cycleId, e.source_label AS label, r.title FROM evaluation_evidence e JOIN evaluation_ratings r ON r.id = e.rating_id WHERE e.id = ?`)
    .get(evidenceId) as { id: number; cycleId: number; label: string; title: string } | undefined;
  if (!e) throw new AppError('not_found', 'That evidence is no longer cited', 'evidenceId');
  changeCycle(ctx, e.cycleId, { action: 'evidence removed', changes: { element: e.title, source: e.label } }, 'signed', 'evidenceId');
  ctx.db.prepare(`DELETE FROM evaluation_evidence WHERE id = ?`).run(e.id);
  return getEvaluation(ctx, e.cycleId);
}
