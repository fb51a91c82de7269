import { beforeEach, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { RANK_WINDOW, toFtsQuery } from '../../electron/core/services/visits/search';
import type { SearchResult } from '../../shared/visits/model';
import { insertVisit, memoryCore, ok, PROFILE, type VisitRow } from './helpers';

/** Visits and notes go in with SQL: the schema is fixed, and search must follow whatever writes them. */
const AT = '2026-11-23T10:00:00.000Z';

const addVisit = (ctx: CoreContext, v: VisitRow): number => insertVisit(ctx, { end: '10:30', at: AT, ...v });

function addNote(ctx: CoreContext, n: { body: string; visitId?: number; leaderId?: number; createdAt?: string }): number {
  const at = n.createdAt ?? AT;
  return Number(
    ctx.db
      .prepare(`INSERT INTO notes (visit_id, leader_id, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`)
      .run(n.visitId ?? null, n.leaderId ?? null, n.body, at, at).lastInsertRowid,
  );
}

async function find(ctx: CoreContext, query: string, filters: Record<string, unknown> = {}): Promise<SearchResult[]> {
  return (await ok(ctx, 'search', { query, ...filters })).results;
}
const text = (r: SearchResult) => r.snippet.map((s) => s.text).join('');
const hits = (r: SearchResult) => r.snippet.filter((s) => s.hit).map((s) => s.text.toLowerCase());

let ctx: CoreContext;
let mesa: number;
let oak: number;
let ana: number;
let ben: number;

beforeEach(async () => {
  ctx = memoryCore('2026-11-23');
  await ok(ctx, 'saveSettings', PROFILE);
  mesa = (await ok(ctx, 'addSchool', { name: 'Mesa Verde Elementary', level: 'elementary', needTier: 'high' })).id;
  oak = (await ok(ctx, 'addSchool', { name: 'Oak Ridge High', level: 'high', needTier: 'low' })).id;
  ana = (await ok(ctx, 'addLeader', { name: 'Ana Lopez', role: 'principal', schoolId: mesa, roleStartDate: '2022-08-01' })).id;
  ben = (await ok(ctx, 'addLeader', { name: 'Ben Okafor', role: 'principal', schoolId: oak, roleStartDate: '2015-08-01' })).id;
});

describe('the search index follows every write', () => {
  it('finds a note once written, its new words after an edit, and nothing after it is deleted', async () => {
    const visit = addVisit(ctx, { schoolId: mesa, date: '2026-11-10', leaders: [ana] });
    const note = addNote(ctx, { visitId: visit, body: 'Debriefed the math walkthrough with the ILT.' });
    expect((await find(ctx, 'walkthrough ')).map((r) => r.noteId)).toEqual([note]);

    ctx.db.prepare(`UPDATE notes SET body = ? WHERE id = ?`).run('Planned the literacy block observation.', note);
    expect(await find(ctx, 'walkthrough ')).toEqual([]);
    expect((await find(ctx, 'literacy ')).map((r) => r.noteId)).toEqual([note]);

    ctx.db.prepare(`DELETE FROM notes WHERE id = ?`).run(note);
    expect(await find(ctx, 'literacy ')).toEqual([]);
    ctx.db.prepare(`INSERT INTO notes_fts(notes_fts) VALUES ('integrity-check')`).run();
  });

  it('indexes a visit’s purpose, focus and evidence, and follows their edits', async () => {
    const visit = addVisit(ctx, { schoolId: oak, date: '2026-11-12', purpose: 'Attendance review', focus: 'Chronic absence', evidence: 'Sign-in sheets' });
    for (const word of ['attendance ', 'chronic ', 'sheets ']) {
      expect((await find(ctx, word)).map((r) => [r.kind, r.visitId])).toEqual([['visit', visit]]);
    }
    ctx.db.prepare(`UPDATE visits SET focus = 'Family engagement' WHERE id = ?`).run(visit);
    expect(await find(ctx, 'chronic ')).toEqual([]);
    expect((await find(ctx, 'engagement ')).map((r) => r.visitId)).toEqual([visit]);
    ctx.db.prepare(`DELETE FROM visits WHERE id = ?`).run(visit);
    expect(await find(ctx, 'engagement ')).toEqual([]);
    ctx.db.prepare(`INSERT INTO visits_fts(visits_fts) VALUES ('integrity-check')`).run();
  });

  it('keeps no index entry for a write that was rolled back', async () => {
    const failing = ctx.db.transaction(() => {
      const visit = addVisit(ctx, { schoolId: mesa, date: '2026-11-10', purpose: 'Zephyr planning' });
      addNote(ctx, { visitId: visit, body: 'Zephyr notes that never were' });
      throw new Error('power cut');
    });
    expect(() => failing()).toThrow('power cut');
    expect(await find(ctx, 'zephyr')).toEqual([]);
    expect(ctx.db.prepare(`SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'zephyr'`).pluck().get()).toBe(0);
    expect(ctx.db.prepare(`SELECT count(*) FROM visits_fts WHERE visits_fts MATCH 'zephyr'`).pluck().get()).toBe(0);
  });
});

describe('results', () => {
  it('ranks the closer match first and highlights the words found', async () => {
    const visit = addVisit(ctx, { schoolId: mesa, date: '2026-11-10', leaders: [ana] });
    const passing = addNote(ctx, { visitId: visit, body: `Talked about budget, staffing, the bell schedule and, briefly, feedback. ${'Other topics. '.repeat(30)}` });
    const focused = addNote(ctx, { visitId: visit, body: 'Feedback cycle: written feedback to teachers within 48 hours; feedback logged weekly.' });
    const results = await find(ctx, 'feedback');
    expect(results.map((r) => r.noteId)).toEqual([focused, passing]);
    expect(hits(results[0])).toEqual(['feedback', 'feedback', 'feedback']);
    expect(text(results[0])).toContain('written feedback to teachers');
  });

  it('shows a short snippet around the match, not the whole note', async () => {
    const note = addNote(ctx, { leaderId: ana, body: `${'Routine update. '.repeat(200)}The ILT agreed on a reteach protocol. ${'More routine. '.repeat(200)}` });
    const [r] = await find(ctx, 'reteach');
    expect(r.noteId).toBe(note);
    expect(text(r).length).toBeLessThan(200);
    expect(text(r)).toMatch(/^….*reteach protocol.*…$/);
    expect(hits(r)).toEqual(['reteach']);
  });

  it('shows a note’s Markdown as plain words in the snippet', async () => {
    addNote(ctx, { leaderId: ana, body: '## Next steps\n- Share **written feedback** by `Friday`\n- Revisit the __data wall__' });
    const [r] = await find(ctx, 'feedback');
    expect(text(r)).toBe('Next steps - Share written feedback by Friday - Revisit the data wall');
    expect(hits(r)).toEqual(['feedback']);
  });

  it('says where each result comes from and how to open it', async () => {
    const visit = addVisit(ctx, { schoolId: mesa, date: '2026-11-10', leaders: [ben, ana], purpose: 'Instructional rounds' });
    const onVisit = addNote(ctx, { visitId: visit, body: 'Instructional rounds debrief' });
    const onLeader = addNote(ctx, { leaderId: ben, body: 'Instructional coaching plan for the spring', createdAt: '2026-10-02T15:00:00.000Z' });
    const results = await find(ctx, 'instructional');
    const byKind = (kind: string, noteId: number | null) => results.find((r) => r.kind === kind && r.noteId === noteId)!;
    expect(byKind('visit', null)).toMatchObject({
      visitId: visit, date: '2026-11-10', schoolName: 'Mesa Verde Elementary', visitType: 'side_by_side', route: `#/visits/${visit}`,
      leaders: [{ id: ana, name: 'Ana Lopez' }, { id: ben, name: 'Ben Okafor' }],
    });
    expect(byKind('note', onVisit)).toMatchObject({ visitId: visit, date: '2026-11-10', schoolName: 'Mesa Verde Elementary', route: `#/visits/${visit}` });
    expect(byKind('note', onLeader)).toMatchObject({
      visitId: null, date: '2026-10-02', schoolName: 'Oak Ridge High', leaders: [{ id: ben, name: 'Ben Okafor' }], route: `#/leaders/${ben}`,
    });
  });

  it('finds a word as it is being typed, and stems whole words', async () => {
    const note = addNote(ctx, { leaderId: ana, body: 'Coaching conversation after the classroom walkthroughs' });
    for (const typed of ['walkthr', 'coachin', 'coach', 'conversations ', 'classroom walk']) {
      expect((await find(ctx, typed)).map((r) => r.noteId), typed).toEqual([note]);
    }
    expect(await find(ctx, 'walkthr ')).toEqual([]);
    expect(await find(ctx, 'classroom budget')).toEqual([]);
  });

  it('ranks the newest matches when a word is in more notes than it scores', async () => {
    const oldest = addNote(ctx, { leaderId: ben, body: 'Feedback, feedback, feedback.' });
    ctx.db.transaction(() => {
      for (let i = 0; i < RANK_WINDOW; i++) addNote(ctx, { leaderId: ana, body: `Weekly check-in ${i}: feedback on the schedule and many other things besides.` });
    })();
    const newest = addNote(ctx, { leaderId: ana, body: 'Feedback, feedback, feedback!' });
    const found = await ok(ctx, 'search', { query: 'feedback' });
    expect(found.more).toBe(true);
    expect(found.results[0].noteId).toBe(newest);
    expect(found.results.map((r) => r.noteId)).not.toContain(oldest);
    // A filter that leaves fewer matches reaches the old note again.
    expect((await find(ctx, 'feedback', { leaderId: ben })).map((r) => r.noteId)).toEqual([oldest]);
  });

  it('returns nothing, not an error, for an empty query', async () => {
    addNote(ctx, { leaderId: ana, body: 'Anything at all' });
    for (const query of ['', '   ', undefined]) {
      expect(await ok(ctx, 'search', query === undefined ? {} : { query })).toEqual({ results: [], more: false });
    }
  });

  it('shows the best results up to the limit and says there are more', async () => {
    for (let i = 0; i < 5; i++) addNote(ctx, { leaderId: ana, body: `Staffing plan draft ${i}` });
    expect(await ok(ctx, 'search', { query: 'staffing', limit: 3 })).toMatchObject({ more: true, results: { length: 3 } });
    expect(await ok(ctx, 'search', { query: 'staffing', limit: 5 })).toMatchObject({ more: false, results: { length: 5 } });
  });
});

describe('filters', () => {
  let anaVisit: number;
  let benVisit: number;
  let anaNote: number;
  let benNote: number;
  let anaLeaderNote: number;

  beforeEach(() => {
    anaVisit = addVisit(ctx, { schoolId: mesa, date: '2026-09-15', leaders: [ana], purpose: 'Data meeting prep' });
    benVisit = addVisit(ctx, { schoolId: oak, date: '2026-11-05', leaders: [ben], purpose: 'Data wall walkthrough' });
    anaNote = addNote(ctx, { visitId: anaVisit, body: 'Data meeting: grade 3 reading' });
    benNote = addNote(ctx, { visitId: benVisit, body: 'Data wall is out of date' });
    anaLeaderNote = addNote(ctx, { leaderId: ana, body: 'Data coaching follow-up by phone', createdAt: '2026-10-20T16:00:00.000Z' });
    ctx.db.exec(`INSERT INTO frameworks (id, name, source, version, document, imported_at) VALUES ('psel', 'PSEL 2015', 'NPBEA', '2015', '{}', '${AT}');
      INSERT INTO framework_elements (framework_id, element_id, position, title) VALUES ('psel', 's4', 4, 'Curriculum, instruction and assessment'),
        ('psel', 's6', 6, 'Professional capacity of school personnel');`);
  });
  const ids = (rs: SearchResult[]) => rs.map((r) => `${r.kind}:${r.noteId ?? r.visitId}`).sort();
  const tag = (column: 'note_id' | 'visit_id', id: number, element: string) =>
    ctx.db.prepare(`INSERT INTO tags (${column}, framework_id, element_id, created_at) VALUES (?, 'psel', ?, ?)`).run(id, element, AT);

  it('by leader: notes on the leader and on visits they were part of', async () => {
    expect(ids(await find(ctx, 'data', { leaderId: ana }))).toEqual(ids([
      { kind: 'visit', visitId: anaVisit, noteId: null }, { kind: 'note', noteId: anaNote }, { kind: 'note', noteId: anaLeaderNote },
    ] as SearchResult[]));
    expect(ids(await find(ctx, 'data', { leaderId: ben }))).toEqual([`note:${benNote}`, `visit:${benVisit}`]);
  });

  it('by school: the visit’s school, or the school of the leader a note is about', async () => {
    expect(ids(await find(ctx, 'data', { schoolId: oak }))).toEqual([`note:${benNote}`, `visit:${benVisit}`]);
    expect(ids(await find(ctx, 'data', { schoolId: mesa }))).toEqual([`note:${anaLeaderNote}`, `note:${anaNote}`, `visit:${anaVisit}`].sort());
  });

  it('by date range: the visit’s date, or the day a note on a leader was written', async () => {
    expect(ids(await find(ctx, 'data', { from: '2026-10-01', to: '2026-10-31' }))).toEqual([`note:${anaLeaderNote}`]);
    expect(ids(await find(ctx, 'data', { from: '2026-11-01' }))).toEqual([`note:${benNote}`, `visit:${benVisit}`]);
    expect(ids(await find(ctx, 'data', { to: '2026-09-15' }))).toEqual([`note:${anaNote}`, `visit:${anaVisit}`]);
    expect(await find(ctx, 'data', { from: '', to: '' })).toHaveLength(5);
  });

  it('by tag: on the note or on its visit', async () => {
    tag('note_id', anaLeaderNote, 's6');
    tag('visit_id', benVisit, 's4');
    expect(ids(await find(ctx, 'data', { tag: 'psel/s6' }))).toEqual([`note:${anaLeaderNote}`]);
    expect(ids(await find(ctx, 'data', { tag: 'psel/s4' }))).toEqual([`note:${benNote}`, `visit:${benVisit}`]);
    tag('note_id', anaNote, 's6');
    expect(ids(await find(ctx, 'data', { tag: 'psel/s6', leaderId: ana }))).toEqual([`note:${anaLeaderNote}`, `note:${anaNote}`, `visit:${anaVisit}`].sort());
  });

  it('combines filters', async () => {
    expect(ids(await find(ctx, 'data', { leaderId: ana, from: '2026-10-01' }))).toEqual([`note:${anaLeaderNote}`]);
    expect(await find(ctx, 'data', { leaderId: ana, schoolId: oak })).toEqual([]);
  });
});

describe('whatever a person types', () => {
  it('never breaks the query', async () => {
    const note = addNote(ctx, { leaderId: ana, body: 'Near the end: this AND that OR the "other" thing (see column*) ^start' });
    for (const query of ['"', '""', '*', 'AND OR', 'NEAR(', 'NEAR(a b', '(', ')', '-', '^', ':', 'body:', 'col*', 'a OR', 'NOT', '"other', '\'', '\\', '{x}', '\u0000', '🙂', 'x'.repeat(500)]) {
      const r = await dispatch(ctx, 'search', { query });
      expect(r.ok, query).toBe(true);
    }
    expect((await find(ctx, 'AND OR')).map((r) => r.noteId)).toEqual([note]);
    expect((await find(ctx, 'NEAR(')).map((r) => r.noteId)).toEqual([note]);
    expect((await find(ctx, '"other')).map((r) => r.noteId)).toEqual([note]);
    expect(await find(ctx, '"')).toEqual([]);
    expect(await find(ctx, '*')).toEqual([]);
  });

  it('turns words into quoted strings, with a prefix for the word being typed', () => {
    expect(toFtsQuery('ILT "data" NEAR(')).toBe('"ILT" AND """data""" AND "NEAR("*');
    expect(toFtsQuery('coachin')).toBe('("coachin"* OR "coachi" OR "coach" OR "coac")');
    expect(toFtsQuery('coaching ')).toBe('"coaching"');
    expect(toFtsQuery(' * " - ')).toBeNull();
  });

  it('indexes and finds a 1 MB note', async () => {
    const filler = 'Observed the teacher team meeting; discussed the unit plan and the common assessment. ';
    const body = `${filler.repeat(Math.ceil(1_000_000 / filler.length) / 2)}Quokka protocol agreed. ${filler.repeat(Math.ceil(1_000_000 / filler.length) / 2)}`;
    expect(body.length).toBeGreaterThan(1_000_000);
    const note = addNote(ctx, { leaderId: ana, body });
    const [r] = await find(ctx, 'quokka');
    expect(r.noteId).toBe(note);
    expect(hits(r)).toEqual(['quokka']);
    expect(text(r).length).toBeLessThan(300);
  });

  it('explains bad filters next to their field', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ from: '2026-11-30', to: '2026-11-01' }, 'to', /on or after the first date/],
      [{ from: 'last tuesday' }, 'from', /as a date, for example/],
      [{ to: '2026-02-30' }, 'to', /as a date/],
      [{ leaderId: 999 }, 'leaderId', /leader who is in Fieldbook/],
      [{ schoolId: 999 }, 'schoolId', /school that is in Fieldbook/],
      [{ tag: 'psel' }, 'tag', /framework element/],
      [{ tag: 'psel/s99' }, 'tag', /framework element/],
      [{ query: 'x'.repeat(501) }, 'query', /under 500 characters/],
    ];
    for (const [input, field, message] of cases) {
      const r = await dispatch(ctx, 'search', { query: 'data', ...input });
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { field } });
      expect(!r.ok && r.error.message).toMatch(message);
    }
  });
});

describe('two ways of ranking, one list', () => {
  it('gives the same results in the same order whether or not a date range makes it join every match first', async () => {
    const { generateDistrictData } = await import('../../electron/core/generate');
    const { typicalLeader, searches } = await import('../bench/core');
    const district = memoryCore('2026-11-23');
    generateDistrictData(district, { size: 'small', today: '2026-11-23' });
    const { leaderId, schoolId } = typicalLeader(district);
    const tag = 'psel-2015/operations-management';
    let compared = 0;
    for (const q of [...searches(leaderId, schoolId).filter((s) => !('from' in s)), { query: 'feedback', tag }, { query: 'schedule', leaderId, tag }]) {
      for (const limit of [5, 50]) {
        const ranked = await ok(district, 'search', { ...q, limit });
        // A range that holds every date: the same matches, found the other way.
        const joined = await ok(district, 'search', { ...q, limit, from: '1900-01-01', to: '2999-12-31' });
        expect(joined).toEqual(ranked);
        compared += ranked.results.length;
      }
    }
    expect(compared).toBeGreaterThan(200);
  });
});
