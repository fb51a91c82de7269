import type { TagRef } from '../../../../shared/visits/model';
import { AppError } from '../../../../shared/result';
import { type CoreContext, timestamp } from '../../context';
import type { Db } from '../../db/connection';

/** Framework tags on notes and visits. A tag names one element of one framework. */
type Target = 'note' | 'visit';
const column = (t: Target) => (t === 'note' ? 'note_id' : 'visit_id');

export function tagsFor(db: Db, target: Target, id: number): TagRef[] {
  return db
    .prepare(
      `SELECT t.framework_id AS frameworkId, t.element_id AS elementId, e.title FROM tags t
       JOIN framework_elements e ON e.framework_id = t.framework_id AND e.element_id = t.element_id
       WHERE t.${column(target)} = ? ORDER BY e.framework_id, e.position`,
    )
    .all(id) as TagRef[];
}

/** Tags for many notes at once, keyed by note id. */
export function tagsForNotes(db: Db, noteIds: number[]): Map<number, TagRef[]> {
  const out = new Map<number, TagRef[]>();
  if (noteIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT t.note_id AS noteId, t.framework_id AS frameworkId, t.element_id AS elementId, e.title FROM tags t
       JOIN framework_elements e ON e.framework_id = t.framework_id AND e.element_id = t.element_id
       WHERE t.note_id IN (SELECT value FROM json_each(?)) ORDER BY e.framework_id, e.position`,
    )
    .all(JSON.stringify(noteIds)) as (TagRef & { noteId: number })[];
  for (const { noteId, ...tag } of rows) out.set(noteId, [...(out.get(noteId) ?? []), tag]);
  return out;
}

/** Replace the tag set of a note or visit; every tag must name an element of a framework in Fieldbook. */
export function replaceTags(ctx: CoreContext, target: Target, id: number, tags: { frameworkId: string; elementId: string }[]): void {
  const known = ctx.db.prepare(`SELECT 1 FROM framework_elements WHERE framework_id = ? AND element_id = ?`);
  for (const t of tags) {
    if (!known.get(t.frameworkId, t.elementId)) {
      throw new AppError('not_found', `${t.frameworkId} has no element ${t.elementId}`, 'tags');
    }
  }
  ctx.db.prepare(`DELETE FROM tags WHERE ${column(target)} = ?`).run(id);
  const add = ctx.db.prepare(
    `INSERT OR IGNORE INTO tags (${column(target)}, framework_id, element_id, created_at) VALUES (?, ?, ?, ?)`,
  );
  for (const t of tags) add.run(id, t.frameworkId, t.elementId, timestamp(ctx));
}
