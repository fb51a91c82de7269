import type { z } from 'zod';
import type { searchInput } from '../../../../shared/visits/contract';
import type { SearchResult, SearchResults, SnippetSegment } from '../../../../shared/visits/model';
import { AppError } from '../../../../shared/result';
import type { EvidenceKind, VisitType } from '../../../../shared/vocabulary';
import type { CoreContext } from '../../context';
import type { Db } from '../../db/connection';

export type SearchInput = z.output<typeof searchInput>;

/** A word the index can hold: unicode61 keeps letters, numbers and private-use characters. */
const HAS_TOKEN = /[\p{L}\p{N}\p{Co}]/u;
const LETTERS = /^\p{L}+$/u;
const MAX_WORDS = 16;

const quote = (word: string) => `"${word.replaceAll('"', '""')}"`;

/**
 * The word still being typed matches as a prefix. The index holds Porter stems ("coaching" is
 * stored as "coach"), so a half-typed "coachin" would match nothing as a prefix alone: its
 * shorter forms (down to four letters) are also tried as whole words, and "coach" finds it.
 */
function typedWord(word: string): string {
  const chars = Array.from(word);
  if (!LETTERS.test(word) || chars.length < 5) return `${quote(word)}*`;
  const shorter = [1, 2, 3].map((n) => chars.slice(0, -n).join('')).filter((w) => Array.from(w).length >= 4);
  return `(${[`${quote(word)}*`, ...shorter.map(quote)].join(' OR ')})`;
}

/**
 * What a person typed, as an FTS5 query that cannot be malformed: each word is a quoted string
 * (so quotes, AND, OR, NEAR(, * and brackets are only text), every word must match, and the last
 * one also matches as a prefix unless a space follows it. null when there is nothing to look for.
 */
export function toFtsQuery(text: string): string | null {
  const all = text.split(/\s+/).filter((w) => HAS_TOKEN.test(w));
  if (!all.length) return null;
  const words = all.slice(0, MAX_WORDS);
  const typing = words.length === all.length && !/\s$/.test(text);
  return words.map((w, i) => (typing && i === words.length - 1 ? typedWord(w) : quote(w))).join(' AND ');
}

/** snippet() wraps each hit in these; they are turned into segments, so no markup ever reaches the screen. */
const OPEN = '\u0002';
const CLOSE = '\u0003';

/** Markdown's own marks (headings, **bold**, `code`) mean nothing in a one-line extract. */
const plainText = (markdown: string) => markdown.replace(/(^|\n)[ \t]*#{1,6}[ \t]+/g, '$1').replace(/\*\*|__|`+/g, '');

export function toSegments(snippet: string): SnippetSegment[] {
  snippet = plainText(snippet);
  const out: SnippetSegment[] = [];
  let hit = false;
  let text = '';
  const flush = () => {
    const clean = text.replace(/\s+/g, ' ');
    text = '';
    if (!clean) return;
    const last = out.at(-1);
    if (last && last.hit === hit) last.text += clean;
    else out.push({ text: clean, hit });
  };
  for (const ch of snippet) {
    if (ch === OPEN || ch === CLOSE) {
      // A stray marker typed into a note only toggles nothing: hits open once and close once.
      if ((ch === OPEN) !== hit) {
        flush();
        hit = ch === OPEN;
      }
    } else text += ch;
  }
  flush();
  return out;
}

interface Hit {
  kind: 'note' | 'visit';
  noteId: number | null;
  visitId: number | null;
  leaderId: number | null;
  score: number;
  date: string;
  visitType: VisitType | null;
  evidenceKind: EvidenceKind;
  schoolId: number | null;
}

const NOTE_DATE = `COALESCE(v.date, date(n.created_at, 'localtime'))`;

/**
 * A word in most notes ("feedback", "next steps") would have every one of tens of thousands of
 * matches scored; instead the newest matches that pass the filters (up to this many) are
 * scored and ranked, which keeps search instant on years of notes and favours recent work.
 */
export const RANK_WINDOW = 2000;

/*
 * Filters on leader, school and tag are sets built once from their indexes (IN (SELECT ...)) and
 * checked against each match's rowid before any join; the + stops SQLite from turning them into
 * one full-text lookup per id (CROSS JOIN fixes the join order: a school has few leaders, a tagged
 * visit few notes). For visits, a tag on one of their notes is looked up per match: a set of those
 * visits would read every note with a common tag. Dates are checked per match, after the joins that
 * give them. Equal scores are ordered newest first, so both ways of ranking give the same list.
 *
 * Without dates every filter is on the rowid alone, so the window is ranked on the index by itself
 * and only the results shown are joined to their notes, visits and leaders.
 */
const NOTE_LEADER = `(@leaderId IS NULL OR +notes_fts.rowid IN (
  SELECT id FROM notes WHERE leader_id = @leaderId
  UNION ALL SELECT n2.id FROM visit_leaders vl JOIN notes n2 ON n2.visit_id = vl.visit_id WHERE vl.leader_id = @leaderId))`;
const NOTE_SCHOOL = `(@schoolId IS NULL OR +notes_fts.rowid IN (
  SELECT n2.id FROM visits v2 JOIN notes n2 ON n2.visit_id = v2.id WHERE v2.school_id = @schoolId
  UNION ALL SELECT n2.id FROM leaders l2 CROSS JOIN notes n2 ON n2.leader_id = l2.id WHERE l2.school_id = @schoolId AND n2.visit_id IS NULL))`;
/** A note counts as tagged when it or its visit is. */
const NOTE_TAG = `(@frameworkId IS NULL OR +notes_fts.rowid IN (
  SELECT note_id FROM tags WHERE framework_id = @frameworkId AND element_id = @elementId AND note_id IS NOT NULL
  UNION ALL SELECT n2.id FROM tags t CROSS JOIN notes n2 ON n2.visit_id = t.visit_id
    WHERE t.framework_id = @frameworkId AND t.element_id = @elementId AND t.visit_id IS NOT NULL))`;
const NOTE_JOINS = `JOIN notes n ON n.id = notes_fts.rowid LEFT JOIN visits v ON v.id = n.visit_id LEFT JOIN leaders l ON l.id = n.leader_id`;
const noteColumns = (score: string) => `'note' AS kind, n.id AS noteId, n.visit_id AS visitId, n.leader_id AS leaderId, ${score} AS score,
  ${NOTE_DATE} AS date, v.type AS visitType, n.evidence_kind AS evidenceKind, COALESCE(v.school_id, l.school_id) AS schoolId`;

/** Notes: a note on a visit takes the visit's school, leaders and date; a note on a leader, the leader's. */
const NOTE_HITS = `
  SELECT * FROM (
    SELECT ${noteColumns('bm25(notes_fts)')}
    FROM notes_fts ${NOTE_JOINS}
    WHERE notes_fts MATCH @q AND ${NOTE_LEADER} AND ${NOTE_SCHOOL} AND ${NOTE_TAG}
      AND (@from IS NULL OR ${NOTE_DATE} >= @from)
      AND (@to IS NULL OR ${NOTE_DATE} <= @to)
    ORDER BY notes_fts.rowid DESC
    LIMIT @window)
  ORDER BY score, noteId DESC
  LIMIT @limit`;
/** Ranked on the index alone (filters on the rowid only), then only the results shown are joined. */
const rankedByRowid = (fts: string, filters: string, columns: string, joins: string) => `
  SELECT ${columns} FROM (
    SELECT * FROM (
      SELECT rowid, bm25(${fts}) AS score FROM ${fts}
      WHERE ${fts} MATCH @q AND ${filters}
      ORDER BY rowid DESC LIMIT @window)
    ORDER BY score, rowid DESC LIMIT @limit) AS ${fts}
  ${joins}
  ORDER BY ${fts}.score, ${fts}.rowid DESC`;
const NOTE_HITS_BY_ROWID = rankedByRowid('notes_fts', `${NOTE_LEADER} AND ${NOTE_SCHOOL} AND ${NOTE_TAG}`, noteColumns('notes_fts.score'), NOTE_JOINS);

const VISIT_LEADER = `(@leaderId IS NULL OR +visits_fts.rowid IN (SELECT visit_id FROM visit_leaders WHERE leader_id = @leaderId))`;
const VISIT_SCHOOL = `(@schoolId IS NULL OR +visits_fts.rowid IN (SELECT id FROM visits WHERE school_id = @schoolId))`;
/** A visit counts as tagged when it or one of its notes is. */
const VISIT_TAG = `(@frameworkId IS NULL OR +visits_fts.rowid IN (
    SELECT visit_id FROM tags WHERE framework_id = @frameworkId AND element_id = @elementId AND visit_id IS NOT NULL)
  OR EXISTS (SELECT 1 FROM notes n2 JOIN tags t ON t.note_id = n2.id AND t.framework_id = @frameworkId AND t.element_id = @elementId
    WHERE n2.visit_id = visits_fts.rowid))`;
const visitColumns = (score: string) => `'visit' AS kind, NULL AS noteId, v.id AS visitId, NULL AS leaderId, ${score} AS score,
  v.date AS date, v.type AS visitType, v.evidence_kind AS evidenceKind, v.school_id AS schoolId`;

/** Visits: their purpose, focus and evidence. A tag on the visit or on one of its notes counts. */
const VISIT_HITS = `
  SELECT * FROM (
    SELECT ${visitColumns('bm25(visits_fts)')}
    FROM visits_fts
    JOIN visits v ON v.id = visits_fts.rowid
    WHERE visits_fts MATCH @q AND ${VISIT_LEADER} AND ${VISIT_SCHOOL} AND ${VISIT_TAG}
      AND (@from IS NULL OR v.date >= @from)
      AND (@to IS NULL OR v.date <= @to)
    ORDER BY visits_fts.rowid DESC
    LIMIT @window)
  ORDER BY score, visitId DESC
  LIMIT @limit`;
const VISIT_HITS_BY_ROWID = rankedByRowid(
  'visits_fts', `${VISIT_LEADER} AND ${VISIT_SCHOOL} AND ${VISIT_TAG}`, visitColumns('visits_fts.score'), 'JOIN visits v ON v.id = visits_fts.rowid',
);

// Snippets are made only for the results shown, in one pass over the matches: a query per result
// would set up a common prefix ("step*") again each time. The + keeps SQLite from turning the IN
// into one full-text lookup per id; the rowid range lets FTS5 skip the matches outside it (a
// common word's whole list, on a decade of notes).
const NOTE_SNIPPETS = `SELECT rowid AS id, snippet(notes_fts, 0, char(2), char(3), '…', 16) AS snippet FROM notes_fts
  WHERE notes_fts MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN (SELECT value FROM json_each(?))`;
const VISIT_SNIPPETS = `SELECT rowid AS id, snippet(visits_fts, -1, char(2), char(3), '…', 16) AS snippet FROM visits_fts
  WHERE visits_fts MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN (SELECT value FROM json_each(?))`;

function snippets(db: Db, sql: string, q: string, ids: (number | null)[]): Map<number, string> {
  const known = ids.filter((id): id is number => id !== null);
  const rows = known.length
    ? (db.prepare(sql).all(q, Math.min(...known), Math.max(...known), JSON.stringify(known)) as { id: number; snippet: string }[])
    : [];
  return new Map(rows.map((r) => [r.id, r.snippet]));
}

function splitTag(tag: string): [string, string] {
  const at = tag.indexOf('/');
  return [tag.slice(0, at), tag.slice(at + 1)];
}

function checkFilters(db: Db, input: SearchInput): void {
  if (input.leaderId !== null && !db.prepare(`SELECT 1 FROM leaders WHERE id = ?`).get(input.leaderId)) {
    throw new AppError('not_found', 'Choose a leader who is in Fieldbook', 'leaderId');
  }
  if (input.schoolId !== null && !db.prepare(`SELECT 1 FROM schools WHERE id = ?`).get(input.schoolId)) {
    throw new AppError('not_found', 'Choose a school that is in Fieldbook', 'schoolId');
  }
  if (input.tag !== null && !db.prepare(`SELECT 1 FROM framework_elements WHERE framework_id = ? AND element_id = ?`).get(...splitTag(input.tag))) {
    throw new AppError('not_found', 'Choose a framework element from the list', 'tag');
  }
}

type Named = { id: number; name: string };

/** Names for the results shown, in three lookups rather than a few per result. */
function namesFor(db: Db, shown: Hit[]) {
  const ids = (pick: (h: Hit) => number | null) => JSON.stringify([...new Set(shown.map(pick).filter((id) => id !== null))]);
  const onVisit = new Map<number, Named[]>();
  const rows = db.prepare(`SELECT vl.visit_id AS visitId, l.id, l.name FROM visit_leaders vl JOIN leaders l ON l.id = vl.leader_id
    WHERE vl.visit_id IN (SELECT value FROM json_each(?)) ORDER BY name_key(l.name)`).all(ids((h) => h.visitId)) as (Named & { visitId: number })[];
  for (const { visitId, ...l } of rows) onVisit.set(visitId, [...(onVisit.get(visitId) ?? []), l]);
  const byId = (sql: string, list: string) => new Map((db.prepare(sql).all(list) as Named[]).map((r) => [r.id, r.name]));
  const leaders = byId(`SELECT id, name FROM leaders WHERE id IN (SELECT value FROM json_each(?))`, ids((h) => h.leaderId));
  const schools = byId(`SELECT id, name FROM schools WHERE id IN (SELECT value FROM json_each(?))`, ids((h) => h.schoolId));
  return {
    school: (hit: Hit) => (hit.schoolId === null ? null : (schools.get(hit.schoolId) ?? null)),
    /** A visit's leaders; a note on a leader, that leader first. */
    leaders: (hit: Hit): Named[] => {
      const visit = hit.visitId === null ? [] : (onVisit.get(hit.visitId) ?? []);
      if (hit.leaderId === null || visit.some((l) => l.id === hit.leaderId)) return visit;
      return [{ id: hit.leaderId, name: leaders.get(hit.leaderId) ?? '' }, ...visit];
    },
  };
}

/**
 * Ranked search over notes and visits (bm25; lower is better in both indexes, so the two lists
 * merge on it). An empty query finds nothing rather than everything.
 */
export function search(ctx: CoreContext, input: SearchInput): SearchResults {
  const { db } = ctx;
  checkFilters(db, input);
  const q = toFtsQuery(input.query);
  if (!q) return { results: [], more: false };
  const [frameworkId, elementId] = input.tag ? splitTag(input.tag) : [null, null];
  const params = {
    q, leaderId: input.leaderId, schoolId: input.schoolId, from: input.from, to: input.to, frameworkId, elementId, limit: input.limit + 1, window: RANK_WINDOW,
  };
  const byRowid = input.from === null && input.to === null;
  const ranked = [
    ...(db.prepare(byRowid ? NOTE_HITS_BY_ROWID : NOTE_HITS).all(params) as Hit[]),
    ...(db.prepare(byRowid ? VISIT_HITS_BY_ROWID : VISIT_HITS).all(params) as Hit[]),
  ].sort(
    (a, b) => a.score - b.score,
  );
  const shown = ranked.slice(0, input.limit);
  const noteSnippets = snippets(db, NOTE_SNIPPETS, q, shown.filter((h) => h.kind === 'note').map((h) => h.noteId));
  const visitSnippets = snippets(db, VISIT_SNIPPETS, q, shown.filter((h) => h.kind === 'visit').map((h) => h.visitId));
  const names = namesFor(db, shown);
  const results = shown.map((hit): SearchResult => ({
    kind: hit.kind,
    noteId: hit.noteId,
    visitId: hit.visitId,
    date: hit.date,
    visitType: hit.visitType,
    evidenceKind: hit.evidenceKind,
    schoolId: hit.schoolId,
    schoolName: names.school(hit),
    leaders: names.leaders(hit),
    snippet: toSegments((hit.kind === 'note' ? noteSnippets.get(hit.noteId!) : visitSnippets.get(hit.visitId!)) ?? ''),
    route: hit.visitId !== null ? `#/visits/${hit.visitId}` : `#/leaders/${hit.leaderId}`,
  }));
  return { results, more: ranked.length > input.limit };
}
