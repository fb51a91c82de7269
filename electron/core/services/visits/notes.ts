import type { LeaderNotes, Note } from '../../../../shared/visits/model';
import { AppError } from '../../../../shared/result';
import type { EvidenceKind, VisitType } from '../../../../shared/vocabulary';
import { type CoreContext, timestamp } from '../../context';
import type { Db } from '../../db/connection';
import { getLeaderRow } from '../caseload/caseload';
import { replaceTags, tagsForNotes } from './tags';
import { removesWords, removingFromIndex } from '../../db/fullTextIndex';

/** Coaching notes, on a visit or on a leader. Saved as the person types (autosave). */

const COLUMNS = `n.id, n.visit_id AS visitId, n.leader_id AS leaderId, n.body, n.evidence_kind AS evidenceKind,
  n.created_at AS createdAt, n.updated_at AS updatedAt`;

function withTags<T extends Omit<Note, 'tags'>>(db: Db, notes: T[]): (T & Pick<Note, 'tags'>)[] {
  const tags = tagsForNotes(db, notes.map((n) => n.id));
  return notes.map((n) => ({ ...n, tags: tags.get(n.id) ?? [] }));
}

export function listNotes(db: Db, where: { visitId: number }): Note[] {
  return withTags(db, db.prepare(`SELECT ${COLUMNS} FROM notes n WHERE n.visit_id = ? ORDER BY n.created_at, n.id`).all(where.visitId) as Omit<Note, 'tags'>[]);
}

function requireNote(db: Db, noteId: number): Note {
  const row = db.prepare(`SELECT ${COLUMNS} FROM notes n WHERE n.id = ?`).get(noteId) as Omit<Note, 'tags'> | undefined;
  if (!row) throw new AppError('not_found', 'That note is no longer in Fieldbook', 'noteId');
  return withTags(db, [row])[0];
}

export function createNote(ctx: CoreContext, input: { visitId?: number; leaderId?: number; body: string; evidenceKind?: EvidenceKind }): Note {
  let kind = input.evidenceKind;
  if (input.visitId !== undefined) {
    const visit = ctx.db.prepare(`SELECT evidence_kind AS kind FROM visits WHERE id = ?`).get(input.visitId) as { kind: EvidenceKind } | undefined;
    if (!visit) throw new AppError('not_found', 'That visit is no longer in Fieldbook', 'visitId');
    // A note on an evaluative visit starts as evaluative evidence; everything else starts as coaching.
    kind ??= visit.kind;
  }
  if (input.leaderId !== undefined && !getLeaderRow(ctx.db, input.leaderId)) {
    throw new AppError('not_found', 'Choose a leader who is in Fieldbook', 'leaderId');
  }
  const at = timestamp(ctx);
  const { lastInsertRowid } = ctx.db
    .prepare(`INSERT INTO notes (visit_id, leader_id, body, evidence_kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
    .run(input.visitId ?? null, input.leaderId ?? null, input.body, kind ?? 'coaching', at, at);
  return requireNote(ctx.db, Number(lastInsertRowid));
}

/** Save the text, the evidence kind, or both; what is left out is kept as it is. */
export function saveNote(ctx: CoreContext, input: { noteId: number; body?: string; evidenceKind?: EvidenceKind }): { id: number; updatedAt: string } {
  const before = requireNote(ctx.db, input.noteId);
  const updatedAt = timestamp(ctx);
  removingFromIndex(ctx.db, 'notes_fts', input.body !== undefined && removesWords(before.body, input.body), () =>
    ctx.db
      .prepare(`UPDATE notes SET body = coalesce(?, body), evidence_kind = coalesce(?, evidence_kind), updated_at = ? WHERE id = ?`)
      .run(input.body ?? null, input.evidenceKind ?? null, updatedAt, input.noteId));
  return { id: input.noteId, updatedAt };
}

export function deleteNote(ctx: CoreContext, noteId: number): { id: number } {
  requireNote(ctx.db, noteId);
  removingFromIndex(ctx.db, 'notes_fts', true, () => ctx.db.prepare(`DELETE FROM notes WHERE id = ?`).run(noteId));
  return { id: noteId };
}

export function setNoteTags(ctx: CoreContext, noteId: number, tags: { frameworkId: string; elementId: string }[]): Note {
  requireNote(ctx.db, noteId);
  replaceTags(ctx, 'note', noteId, tags);
  return requireNote(ctx.db, noteId);
}

/** Everything written about a leader: notes on them, and notes on visits they were part of. The newest `limit`, and how many in all. */
export function listLeaderNotes(ctx: CoreContext, leaderId: number, limit: number): LeaderNotes {
  if (!getLeaderRow(ctx.db, leaderId)) throw new AppError('not_found', 'That leader is no longer in Fieldbook', 'leaderId');
  const about = `n.leader_id = @leaderId OR n.visit_id IN (SELECT visit_id FROM visit_leaders WHERE leader_id = @leaderId)`;
  const rows = ctx.db
    .prepare(
      `SELECT ${COLUMNS}, v.date AS visitDate, v.type AS visitType, s.name AS schoolName FROM notes n
       LEFT JOIN visits v ON v.id = n.visit_id LEFT JOIN schools s ON s.id = v.school_id
       WHERE ${about}
       ORDER BY coalesce(v.date, date(n.created_at, 'localtime')) DESC, n.id DESC LIMIT @limit`,
    )
    .all({ leaderId, limit }) as (Omit<Note, 'tags'> & { visitDate: string | null; visitType: VisitType; schoolName: string | null })[];
  const total = rows.length < limit ? rows.length : (ctx.db.prepare(`SELECT count(*) FROM notes n WHERE ${about}`).pluck().get({ leaderId }) as number);
  const notes = withTags(ctx.db, rows.map(({ visitDate, visitType, schoolName, ...n }) => ({
    ...n,
    visit: n.visitId && visitDate ? { id: n.visitId, date: visitDate, type: visitType, schoolName: schoolName ?? '' } : null,
  })));
  return { notes, total };
}
