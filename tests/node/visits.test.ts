import { beforeEach, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { memoryCore, ok, snapshot } from './helpers';

let ctx: CoreContext;
let schoolId: number;
let ana: number;
let ben: number;

/** A tiny framework, so tagging has elements to point at whatever ships in resources/. */
function addTestFramework(c: CoreContext) {
  c.db.prepare(`INSERT INTO frameworks (id, name, source, version, document, builtin, active, imported_at) VALUES ('t', 'Test', 'tests', '1', '{}', 0, 1, 'x')`).run();
  const add = c.db.prepare(`INSERT INTO framework_elements (framework_id, element_id, position, title) VALUES ('t', ?, ?, ?)`);
  add.run('vision', 1, 'Vision');
  add.run('instruction', 2, 'Instruction');
}

beforeEach(async () => {
  ctx = memoryCore('2026-11-23');
  addTestFramework(ctx);
  schoolId = (await ok(ctx, 'addSchool', { name: 'Mesa Middle', level: 'middle', needTier: 'high' })).id;
  ana = (await ok(ctx, 'addLeader', { name: 'Ana Vega', role: 'principal', schoolId, roleStartDate: '2020-08-01' })).id;
  ben = (await ok(ctx, 'addLeader', { name: 'Ben Cho', role: 'assistant_principal', schoolId, roleStartDate: '2020-08-01' })).id;
});

const VISIT = () => ({ date: '2026-11-24', startTime: '09:00', endTime: '10:30', schoolId, leaderIds: [ana, ben], type: 'side_by_side', purpose: 'Plan the ILT agenda' });

describe('visits', () => {
  it('plans, starts and finishes a visit, listing it by date, leader and school', async () => {
    const v = await ok(ctx, 'planVisit', VISIT());
    expect(v).toMatchObject({ status: 'planned', evidenceKind: 'coaching', school: { name: 'Mesa Middle' }, leaders: [{ name: 'Ana Vega' }, { name: 'Ben Cho' }] });
    expect(await ok(ctx, 'listVisits', { from: '2026-11-23', to: '2026-11-29' })).toHaveLength(1);
    expect(await ok(ctx, 'listVisits', { from: '2026-11-25' })).toHaveLength(0);
    expect(await ok(ctx, 'listVisits', { leaderId: ben })).toHaveLength(1);
    expect((await ok(ctx, 'startVisit', { visitId: v.id })).status).toBe('in_progress');
    expect((await ok(ctx, 'finishVisit', { visitId: v.id, outcome: 'done' })).status).toBe('done');
    expect(await dispatch(ctx, 'startVisit', { visitId: v.id })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
  });

  it('needs a reason to cancel or record a no-show', async () => {
    const v = await ok(ctx, 'planVisit', VISIT());
    expect(await dispatch(ctx, 'finishVisit', { visitId: v.id, outcome: 'no_show' })).toMatchObject({ ok: false, error: { field: 'reason' } });
    expect(await ok(ctx, 'finishVisit', { visitId: v.id, outcome: 'cancelled', reason: 'Lockdown drill' })).toMatchObject({ status: 'cancelled', statusReason: 'Lockdown drill' });
    // A closed visit is the record: it cannot be closed again as done, or changed.
    expect(await dispatch(ctx, 'finishVisit', { visitId: v.id, outcome: 'done' })).toMatchObject({ ok: false, error: { code: 'invalid_state', field: 'visitId' } });
    expect(await dispatch(ctx, 'updateVisit', { visitId: v.id, ...VISIT() })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    expect((await ok(ctx, 'getVisit', { visitId: v.id })).status).toBe('cancelled');
  });

  it('refuses bad plans at the field, writing nothing', async () => {
    const before = snapshot(ctx);
    const cases: [Record<string, unknown>, string][] = [
      [{ endTime: '08:00' }, 'endTime'],
      [{ startTime: '9am' }, 'startTime'],
      [{ date: '' }, 'date'],
      [{ date: '1990-01-01' }, 'date'],
      [{ date: '2031-01-01' }, 'date'],
      [{ schoolId: 999 }, 'schoolId'],
      [{ leaderIds: [ana, 999] }, 'leaderIds'],
      [{ type: 'party' }, 'type'],
    ];
    for (const [change, field] of cases) {
      const r = await dispatch(ctx, 'planVisit', { ...VISIT(), ...change });
      expect(r.ok ? null : r.error.field, JSON.stringify(change)).toBe(field);
    }
    expect(snapshot(ctx)).toEqual(before);
    expect(ctx.db.prepare('SELECT count(*) FROM visits').pluck().get()).toBe(0);
  });
});

describe('notes and tags', () => {
  it('autosaves a note on a visit; an evaluative visit’s notes start as evaluative evidence', async () => {
    const coaching = await ok(ctx, 'planVisit', VISIT());
    const evaluative = await ok(ctx, 'planVisit', { ...VISIT(), type: 'evaluation_observation', evidenceKind: 'evaluative' });
    const n1 = await ok(ctx, 'createNote', { visitId: coaching.id });
    const n2 = await ok(ctx, 'createNote', { visitId: evaluative.id, body: 'Strong data talk' });
    expect([n1.evidenceKind, n2.evidenceKind]).toEqual(['coaching', 'evaluative']);
    await ok(ctx, 'saveNote', { noteId: n1.id, body: 'Ana **led** the ILT' });
    await ok(ctx, 'saveNote', { noteId: n1.id, body: 'Ana **led** the ILT; next: calibrate rubric' });
    // Switching the evidence kind alone never touches the text.
    await ok(ctx, 'saveNote', { noteId: n1.id, evidenceKind: 'evaluative' });
    const detail = await ok(ctx, 'getVisit', { visitId: coaching.id });
    expect(detail.notes.map((n) => [n.body, n.evidenceKind])).toEqual([['Ana **led** the ILT; next: calibrate rubric', 'evaluative']]);
  });

  it('saves a 1 MB note and finds it by a word in it', async () => {
    const v = await ok(ctx, 'planVisit', VISIT());
    const n = await ok(ctx, 'createNote', { visitId: v.id });
    const big = 'walkthrough evidence '.repeat(50_000) + ' zygomorphic';
    expect(big.length).toBeGreaterThan(1_000_000);
    await ok(ctx, 'saveNote', { noteId: n.id, body: big });
    const hit = ctx.db.prepare(`SELECT rowid FROM notes_fts WHERE notes_fts MATCH 'zygomorphic'`).pluck().all();
    expect(hit).toEqual([n.id]);
  });

  it('tags notes and visits with framework elements, refusing unknown ones', async () => {
    const v = await ok(ctx, 'planVisit', VISIT());
    const n = await ok(ctx, 'createNote', { visitId: v.id, body: 'x' });
    const tagged = await ok(ctx, 'setNoteTags', { noteId: n.id, tags: [{ frameworkId: 't', elementId: 'instruction' }, { frameworkId: 't', elementId: 'vision' }] });
    expect(tagged.tags.map((t) => t.title)).toEqual(['Vision', 'Instruction']);
    expect(await dispatch(ctx, 'setNoteTags', { noteId: n.id, tags: [{ frameworkId: 't', elementId: 'nope' }] })).toMatchObject({ ok: false, error: { field: 'tags' } });
    expect((await ok(ctx, 'getVisit', { visitId: v.id })).notes[0].tags).toHaveLength(2);
    expect((await ok(ctx, 'setVisitTags', { visitId: v.id, tags: [{ frameworkId: 't', elementId: 'vision' }] })).tags).toEqual([{ frameworkId: 't', elementId: 'vision', title: 'Vision' }]);
  });

  it('shows a leader every note about them: on them, and on visits they were part of', async () => {
    const v = await ok(ctx, 'planVisit', { ...VISIT(), leaderIds: [ana] });
    await ok(ctx, 'createNote', { visitId: v.id, body: 'visit note' });
    await ok(ctx, 'createNote', { leaderId: ana, body: 'quick note' });
    await ok(ctx, 'createNote', { leaderId: ben, body: 'about Ben' });
    const { notes, total } = await ok(ctx, 'listLeaderNotes', { leaderId: ana });
    expect(notes.map((n) => n.body).sort()).toEqual(['quick note', 'visit note']);
    expect(total).toBe(2);
    expect(notes.find((n) => n.body === 'visit note')!.visit).toMatchObject({ id: v.id, date: '2026-11-24', schoolName: 'Mesa Middle' });
    expect(await dispatch(ctx, 'createNote', { body: 'about nobody' })).toMatchObject({ ok: false, error: { field: 'leaderId' } });
  });

  it("gives a leader's newest notes a page at a time, with how many there are in all", async () => {
    for (let day = 1; day <= 60; day++) {
      const v = await ok(ctx, 'planVisit', { ...VISIT(), date: `2026-0${1 + Math.floor((day - 1) / 28)}-${String(1 + ((day - 1) % 28)).padStart(2, '0')}`, leaderIds: [ana] });
      await ok(ctx, 'createNote', { visitId: v.id, body: `visit ${day}` });
    }
    await ok(ctx, 'createNote', { leaderId: ben, body: 'about Ben' });
    const first = await ok(ctx, 'listLeaderNotes', { leaderId: ana });
    expect(first.total).toBe(60);
    expect(first.notes.map((n) => n.body)).toEqual(Array.from({ length: 50 }, (_, i) => `visit ${60 - i}`));
    const all = await ok(ctx, 'listLeaderNotes', { leaderId: ana, limit: 100 });
    expect(all).toMatchObject({ total: 60 });
    expect(all.notes.at(-1)!.body).toBe('visit 1');
    expect(await dispatch(ctx, 'listLeaderNotes', { leaderId: ana, limit: 0 })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'limit' } });
  });
});
