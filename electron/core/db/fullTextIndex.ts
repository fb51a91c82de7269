import type { Db } from './connection';

/**
 * Words taken out of a note or a visit leave the full-text index too. Deleting a row from an FTS5
 * index normally only marks its words deleted (they stay in the file until the index is merged);
 * FTS5's secure-delete removes them, but rewrites an index page for every word, which made an
 * autosave about ten times slower. So it is on only for writes that take words away: a deletion,
 * or an edit that removes a word. Typing on at the end of a note, the common autosave, only adds
 * words and stays cheap.
 */
const words = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);

/**
 * Whether `after` lacks a word of `before`. A word still being typed (now longer) does not count.
 * Words here are whatever lies between spaces, coarser than the index's, so no word it holds is missed.
 */
export function removesWords(before: string, after: string): boolean {
  const kept = new Set(words(after));
  const gone = words(before).filter((w) => !kept.has(w));
  if (gone.length === 0) return false;
  if (gone.length > 3) return true;
  const now = [...kept];
  return gone.some((w) => !now.some((n) => n.startsWith(w)));
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
