import type { Db } from './connection';

/**
 * Words taken out of a note or a visit leave the full-text index too. Deleting a row from an FTS5
 * index normally only marks its words deleted (they stay in the file until the index is merged);
 * FTS5's secure-delete removes them, but rewrites an index page for every word of the row, which
 * makes an autosave several times slower. So it is on only for writes that take a word away: a
 * deletion, an edit, and typing in the middle of a word (its shorter form went into the index at the
 * last autosave, and would stay there once the word is deleted). Adding whole words stays cheap.
 */
const words = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);

/**
 * Whether `after` lacks a word of `before`, a word still being typed (now longer) included: its
 * shorter form was indexed at the last autosave. Words here are whatever lies between spaces,
 * coarser than the index's, so no word it holds is missed.
 */
export function removesWords(before: string, after: string): boolean {
  const kept = new Set(words(after));
  return words(before).some((w) => !kept.has(w));
}

/** Run `write` with the index's secure-delete on when it takes words away; in the caller's transaction. */
export function removingFromIndex<T>(db: Db, index: 'notes_fts' | 'visits_fts', removes: boolean, write: () => T): T {
  if (!removes) return write();
  // FTS5 takes this setting only as a literal.
  db.exec(`INSERT INTO ${index}(${index}, rank) VALUES ('secure-delete', 1)`);
  try {
    return write();
  } finally {
    db.exec(`INSERT INTO ${index}(${index}, rank) VALUES ('secure-delete', 0)`);
  }
}
